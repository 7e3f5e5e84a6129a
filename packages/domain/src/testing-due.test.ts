import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  type DueInput,
  type DueState,
  dueState,
  testIntervalDays,
} from './testing-due.js';
import { countsAsTested, type TestResult } from './testing.js';
import type { PolicyBody } from './policy.js';
import type { PersonKind } from './people.js';
import { arbDay, DAY_MS, dayOf, NOT_REQUIRED, ON_LEAVE, TESTING } from './testing-due.fixtures.js';

/*
 * Who is due for a nucleic-acid test and by when (requirements §4, R4.1), and the intake test
 * before joining (R4.2), against the due-date rules of testing-due.ts: worked examples. Numbers are
 * the elderly-care defaults (staff every 28 days, residents not periodically, intake negative at
 * most 7 days old, due 3 days ahead) unless a test builds its own policy.
 */

/** A present staff member, never tested, present since long ago, under a policy in force since long ago. */
const BASE: DueInput = {
  kind: 'staff',
  status: 'present',
  presentSince: '2023-01-01',
  intakeSince: null,
  lastSampleDay: null,
  testing: TESTING,
  policyFrom: '2020-01-01',
  today: '2024-03-01',
};
const due = (over: Partial<DueInput>): DueState => dueState({ ...BASE, ...over });

// Calendar arithmetic

describe('addDays and daysBetween', () => {
  it.each<{ day: string; n: number; out: string }>([
    { day: '2024-03-01', n: 0, out: '2024-03-01' },
    { day: '2024-01-31', n: 1, out: '2024-02-01' },
    { day: '2024-02-28', n: 1, out: '2024-02-29' }, // 2024 is a leap year
    { day: '2024-02-29', n: 1, out: '2024-03-01' },
    { day: '2023-02-28', n: 1, out: '2023-03-01' },
    { day: '2100-02-28', n: 1, out: '2100-03-01' }, // 2100 is not
    { day: '2000-02-28', n: 1, out: '2000-02-29' }, // 2000 is
    { day: '2023-12-31', n: 1, out: '2024-01-01' },
    { day: '2024-01-01', n: -1, out: '2023-12-31' },
    { day: '2024-03-01', n: -1, out: '2024-02-29' },
    { day: '2024-02-01', n: 28, out: '2024-02-29' },
    { day: '2023-02-01', n: 28, out: '2023-03-01' },
    { day: '2024-03-31', n: 1, out: '2024-04-01' }, // a European DST change: UTC days only
    { day: '2024-01-01', n: 366, out: '2025-01-01' },
    { day: '2023-01-01', n: 365, out: '2024-01-01' },
    { day: '2024-03-10', n: -7, out: '2024-03-03' },
  ])('addDays($day, $n) = $out, and back', ({ day, n, out }) => {
    expect(addDays(day, n)).toBe(out);
    expect(daysBetween(day, out)).toBe(n);
    expect(daysBetween(out, day)).toBe(0 - n); // not -0
  });

  it('daysBetween(d, addDays(d, n)) === n, as a YYYY-MM-DD day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) / DAY_MS, max: Date.UTC(2090, 11, 31) / DAY_MS }), fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        const day = dayOf(d * DAY_MS);
        const out = addDays(day, n);
        expect(out).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(out).toBe(dayOf((d + n) * DAY_MS));
        expect(daysBetween(day, out)).toBe(n);
      }),
    );
  });

  it('is additive and antisymmetric', () => {
    fc.assert(
      fc.property(arbDay, fc.integer({ min: -400, max: 400 }), fc.integer({ min: -400, max: 400 }), arbDay, (d, a, b, e) => {
        expect(addDays(addDays(d, a), b)).toBe(addDays(d, a + b));
        expect(daysBetween(d, e) + daysBetween(e, d)).toBe(0);
        expect(addDays(d, daysBetween(d, e))).toBe(e);
      }),
    );
  });
});

// Who is tested periodically

describe('testIntervalDays and countsAsTested', () => {
  it.each<{ kind: PersonKind; interval: number | null; withResidents: number | null }>([
    { kind: 'staff', interval: 28, withResidents: 28 },
    { kind: 'resident', interval: null, withResidents: 14 },
    { kind: 'child', interval: null, withResidents: 14 },
    { kind: 'client', interval: null, withResidents: 14 },
    { kind: 'community_resident', interval: null, withResidents: null },
  ])('$kind: every $interval days by default, $withResidents with residents every 14', ({ kind, interval, withResidents }) => {
    expect(testIntervalDays(kind, TESTING)).toBe(interval);
    expect(testIntervalDays(kind, { ...TESTING, residentIntervalDays: 14 })).toBe(withResidents);
  });

  it.each<{ result: TestResult; counts: boolean }>([
    { result: 'pending', counts: true },
    { result: 'negative', counts: true },
    { result: 'positive', counts: true },
    { result: 'invalid', counts: false },
  ])('a $result sample counts as tested: $counts', ({ result, counts }) => {
    expect(countsAsTested(result)).toBe(counts);
  });
});

// dueState (R4.1, R4.2)

describe('dueState: periodic testing of staff (R4.1, every 28 days)', () => {
  // Sampled on 1 March 2024: next due on 29 March.
  it.each<{ today: string; status: DueState['status']; daysOverdue: number; tested: boolean }>([
    { today: '2024-03-01', status: 'covered', daysOverdue: 0, tested: true },
    { today: '2024-03-15', status: 'covered', daysOverdue: 0, tested: true },
    { today: '2024-03-25', status: 'covered', daysOverdue: 0, tested: true }, // 4 days ahead: not yet due
    { today: '2024-03-26', status: 'due', daysOverdue: 0, tested: true }, // 3 days ahead: due soon
    { today: '2024-03-28', status: 'due', daysOverdue: 0, tested: true },
    { today: '2024-03-29', status: 'due', daysOverdue: 0, tested: true }, // the due day itself: due, still tested
    { today: '2024-03-30', status: 'overdue', daysOverdue: 1, tested: false },
    { today: '2024-04-08', status: 'overdue', daysOverdue: 10, tested: false },
    { today: '2025-03-29', status: 'overdue', daysOverdue: 365, tested: false },
  ])('sampled 2024-03-01, on $today → $status, $daysOverdue days overdue, tested $tested', ({ today, status, daysOverdue, tested }) => {
    expect(due({ lastSampleDay: '2024-03-01', today })).toEqual({
      status, reason: 'periodic', dueOn: '2024-03-29', daysOverdue, tested, intervalDays: 28,
    });
  });

  it.each<{ sample: string; dueOn: string }>([
    { sample: '2024-02-01', dueOn: '2024-02-29' },
    { sample: '2023-02-01', dueOn: '2023-03-01' },
    { sample: '2023-12-20', dueOn: '2024-01-17' },
  ])('sampled $sample → due on $dueOn (month and leap-year boundaries)', ({ sample, dueOn }) => {
    expect(due({ lastSampleDay: sample, today: sample }).dueOn).toBe(dueOn);
  });

  it.each<{ today: string; status: DueState['status']; daysOverdue: number }>([
    { today: '2024-03-01', status: 'due', daysOverdue: 0 },
    { today: '2024-03-02', status: 'overdue', daysOverdue: 1 },
    { today: '2024-03-31', status: 'overdue', daysOverdue: 30 },
  ])('never tested, present since 2024-03-01, on $today → $status ($daysOverdue)', ({ today, status, daysOverdue }) => {
    expect(due({ presentSince: '2024-03-01', today })).toEqual({
      status, reason: 'periodic', dueOn: '2024-03-01', daysOverdue, tested: false, intervalDays: 28,
    });
  });

  it.each<{ dueSoonDays: number; today: string; status: DueState['status'] }>([
    { dueSoonDays: 0, today: '2024-03-28', status: 'covered' },
    { dueSoonDays: 0, today: '2024-03-29', status: 'due' },
    { dueSoonDays: 7, today: '2024-03-21', status: 'covered' },
    { dueSoonDays: 7, today: '2024-03-22', status: 'due' },
    { dueSoonDays: 20, today: '2024-03-08', status: 'covered' },
    { dueSoonDays: 20, today: '2024-03-09', status: 'due' },
  ])('dueSoonDays $dueSoonDays, due 2024-03-29, on $today → $status', ({ dueSoonDays, today, status }) => {
    expect(due({ lastSampleDay: '2024-03-01', today, testing: { ...TESTING, dueSoonDays } }).status).toBe(status);
  });

  it('follows the policy interval, not a fixed 28 days', () => {
    expect(due({ lastSampleDay: '2024-03-01', today: '2024-03-08', testing: { ...TESTING, staffIntervalDays: 7 } }))
      .toEqual({ status: 'due', reason: 'periodic', dueOn: '2024-03-08', daysOverdue: 0, tested: true, intervalDays: 7 });
    expect(due({ lastSampleDay: '2024-03-01', today: '2024-03-09', testing: { ...TESTING, staffIntervalDays: 7 } }))
      .toEqual({ status: 'overdue', reason: 'periodic', dueOn: '2024-03-08', daysOverdue: 1, tested: false, intervalDays: 7 });
  });
});

describe('dueState: who is not tested periodically', () => {
  it.each<{ kind: PersonKind }>([{ kind: 'resident' }, { kind: 'child' }, { kind: 'client' }, { kind: 'community_resident' }])(
    'a $kind, never tested, is not required under the default policy',
    ({ kind }) => {
      expect(due({ kind })).toEqual(NOT_REQUIRED);
      expect(due({ kind, lastSampleDay: '2023-01-01' })).toEqual(NOT_REQUIRED);
    },
  );

  it.each<{ kind: PersonKind }>([{ kind: 'resident' }, { kind: 'child' }, { kind: 'client' }])(
    'a $kind is periodic when the policy sets residentIntervalDays',
    ({ kind }) => {
      const testing = { ...TESTING, residentIntervalDays: 14 };
      expect(due({ kind, testing, lastSampleDay: '2024-03-01', today: '2024-03-10' }))
        .toEqual({ status: 'covered', reason: 'periodic', dueOn: '2024-03-15', daysOverdue: 0, tested: true, intervalDays: 14 });
      expect(due({ kind, testing, lastSampleDay: '2024-03-01', today: '2024-03-17' }))
        .toEqual({ status: 'overdue', reason: 'periodic', dueOn: '2024-03-15', daysOverdue: 2, tested: false, intervalDays: 14 });
    },
  );

  it('a community resident is not required even when residents are tested periodically', () => {
    expect(due({ kind: 'community_resident', testing: { ...TESTING, residentIntervalDays: 14 } })).toEqual(NOT_REQUIRED);
  });

  it.each<{ name: string; over: Partial<DueInput>; state: DueState }>([
    { name: 'someone who left, never tested', over: { status: 'left' }, state: NOT_REQUIRED },
    { name: 'someone who left, long overdue', over: { status: 'left', lastSampleDay: '2023-01-01' }, state: NOT_REQUIRED },
    { name: 'someone who left during intake', over: { status: 'left', intakeSince: '2024-02-20' }, state: NOT_REQUIRED },
    { name: 'someone on leave, never tested', over: { status: 'on_leave' }, state: ON_LEAVE },
    { name: 'someone on leave, long overdue', over: { status: 'on_leave', lastSampleDay: '2023-01-01' }, state: ON_LEAVE },
    { name: 'someone on leave, recently tested', over: { status: 'on_leave', lastSampleDay: '2024-02-28' }, state: ON_LEAVE },
    { name: 'a resident on leave', over: { kind: 'resident', status: 'on_leave' }, state: ON_LEAVE },
    { name: 'someone on leave during intake', over: { status: 'on_leave', intakeSince: '2024-02-20' }, state: ON_LEAVE },
  ])('$name → $state.status', ({ over, state }) => {
    expect(due(over)).toEqual(state);
  });
});

describe('dueState: a policy change takes effect from its date', () => {
  // Sampled on 20 February: due on 19 March under 28 days; a 7-day interval from 1 March
  // would have made it due on 27 February, before that version existed.
  const shortened = { ...TESTING, staffIntervalDays: 7 };

  it.each<{ today: string; status: DueState['status']; daysOverdue: number }>([
    { today: '2024-03-01', status: 'due', daysOverdue: 0 },
    { today: '2024-03-02', status: 'overdue', daysOverdue: 1 },
    { today: '2024-03-05', status: 'overdue', daysOverdue: 4 },
  ])('7 days from 2024-03-01, sampled 2024-02-20, on $today → $status ($daysOverdue), due on the version\'s first day', ({ today, status, daysOverdue }) => {
    expect(due({ lastSampleDay: '2024-02-20', testing: shortened, policyFrom: '2024-03-01', today })).toEqual({
      status, reason: 'periodic', dueOn: '2024-03-01', daysOverdue, tested: false, intervalDays: 7,
    });
  });

  it('does not move a due day that is already after the version\'s first day', () => {
    expect(due({ lastSampleDay: '2024-02-28', testing: shortened, policyFrom: '2024-03-01', today: '2024-03-01' }))
      .toEqual({ status: 'covered', reason: 'periodic', dueOn: '2024-03-06', daysOverdue: 0, tested: true, intervalDays: 7 });
  });

  it('makes nobody never tested overdue before the version\'s first day', () => {
    expect(due({ presentSince: '2024-01-01', policyFrom: '2024-03-01', today: '2024-03-01' }))
      .toEqual({ status: 'due', reason: 'periodic', dueOn: '2024-03-01', daysOverdue: 0, tested: false, intervalDays: 28 });
  });

  // The version before: who was already due under it stays due from then; the rest as above.
  it.each<{ name: string; previous: PolicyBody['testing']; last: string; dueOn: string; today: string; status: DueState['status']; daysOverdue: number }>([
    { name: 'the same 28 days, already overdue: nothing changes', previous: TESTING, last: '2024-01-01', dueOn: '2024-01-29', today: '2024-03-01', status: 'overdue', daysOverdue: 32 },
    { name: 'the same 28 days, not yet due: nothing changes', previous: TESTING, last: '2024-02-20', dueOn: '2024-03-19', today: '2024-03-01', status: 'covered', daysOverdue: 0 },
    { name: '28 → 7, already overdue under 28: overdue since the old due day', previous: TESTING, last: '2024-01-01', dueOn: '2024-01-29', today: '2024-03-01', status: 'overdue', daysOverdue: 32 },
    { name: '28 → 7, not due under 28: due on the first day', previous: TESTING, last: '2024-02-20', dueOn: '2024-03-01', today: '2024-03-01', status: 'due', daysOverdue: 0 },
    { name: 'residents not periodic before: due on the first day', previous: { ...TESTING, staffIntervalDays: 28 }, last: '2024-01-01', dueOn: '2024-01-29', today: '2024-03-01', status: 'overdue', daysOverdue: 32 },
  ])('$name', ({ name, previous, last, dueOn, today, status, daysOverdue }) => {
    const testing = name.startsWith('28 → 7') ? shortened : TESTING;
    expect(due({ lastSampleDay: last, testing, policyFrom: '2024-03-01', previous, today })).toMatchObject({ status, dueOn, daysOverdue });
  });

  it('a version that starts testing residents makes them due on its first day, not before', () => {
    const testing = { ...TESTING, residentIntervalDays: 14 };
    expect(due({ kind: 'resident', lastSampleDay: '2024-01-01', testing, policyFrom: '2024-03-01', previous: TESTING, today: '2024-03-02' }))
      .toMatchObject({ status: 'overdue', dueOn: '2024-03-01', daysOverdue: 1 });
  });

  it('makes residents due from the day a version first tests them periodically', () => {
    const testing = { ...TESTING, residentIntervalDays: 14 };
    expect(due({ kind: 'resident', lastSampleDay: '2024-01-01', testing, policyFrom: '2024-03-01', today: '2024-03-01' }))
      .toEqual({ status: 'due', reason: 'periodic', dueOn: '2024-03-01', daysOverdue: 0, tested: false, intervalDays: 14 });
    expect(due({ kind: 'resident', lastSampleDay: '2024-01-01', testing, policyFrom: '2024-03-01', today: '2024-03-04' }))
      .toEqual({ status: 'overdue', reason: 'periodic', dueOn: '2024-03-01', daysOverdue: 3, tested: false, intervalDays: 14 });
  });
});

describe('dueState: leave does not count against the person', () => {
  it.each<{ name: string; over: Partial<DueInput>; state: DueState }>([
    {
      name: 'back on the return day after the interval expired during leave: due that day, not overdue',
      over: { lastSampleDay: '2024-01-01', presentSince: '2024-03-10', today: '2024-03-10' },
      state: { status: 'due', reason: 'periodic', dueOn: '2024-03-10', daysOverdue: 0, tested: false, intervalDays: 28 },
    },
    {
      name: 'the day after the return, still untested: overdue 1',
      over: { lastSampleDay: '2024-01-01', presentSince: '2024-03-10', today: '2024-03-11' },
      state: { status: 'overdue', reason: 'periodic', dueOn: '2024-03-10', daysOverdue: 1, tested: false, intervalDays: 28 },
    },
    {
      name: 'back before the interval expired: due on the usual day',
      over: { lastSampleDay: '2024-01-01', presentSince: '2024-01-15', today: '2024-01-20' },
      state: { status: 'covered', reason: 'periodic', dueOn: '2024-01-29', daysOverdue: 0, tested: true, intervalDays: 28 },
    },
    {
      name: 'back on the very day the interval expires',
      over: { lastSampleDay: '2024-01-01', presentSince: '2024-01-29', today: '2024-01-29' },
      state: { status: 'due', reason: 'periodic', dueOn: '2024-01-29', daysOverdue: 0, tested: true, intervalDays: 28 },
    },
    {
      name: 'back, and tested on the return day',
      over: { lastSampleDay: '2024-03-10', presentSince: '2024-03-10', today: '2024-03-12' },
      state: { status: 'covered', reason: 'periodic', dueOn: '2024-04-07', daysOverdue: 0, tested: true, intervalDays: 28 },
    },
  ])('$name', ({ over, state }) => {
    expect(due(over)).toEqual(state);
  });
});

describe('dueState: intake before joining (R4.2)', () => {
  // In intake since 10 March 2024; a negative at most 7 days old counts.
  const intake = (over: Partial<DueInput>): DueState =>
    due({ presentSince: '2024-03-10', intakeSince: '2024-03-10', ...over });
  const intakeState = (status: DueState['status'], daysOverdue: number, tested: boolean, dueOn = '2024-03-10'): DueState =>
    ({ status, reason: 'intake', dueOn, daysOverdue, tested, intervalDays: null });

  it.each<{ name: string; over: Partial<DueInput>; state: DueState }>([
    { name: 'untested, on the intake day: due', over: { today: '2024-03-10' }, state: intakeState('due', 0, false) },
    { name: 'untested, a day later: overdue 1', over: { today: '2024-03-11' }, state: intakeState('overdue', 1, false) },
    { name: 'untested, five days later: overdue 5', over: { today: '2024-03-15' }, state: intakeState('overdue', 5, false) },
    { name: 'sampled on the intake day', over: { lastSampleDay: '2024-03-10', today: '2024-03-10' }, state: intakeState('covered', 0, true) },
    { name: 'sampled after the intake day', over: { lastSampleDay: '2024-03-12', today: '2024-03-14' }, state: intakeState('covered', 0, true) },
    { name: 'sampled exactly 7 days before the intake', over: { lastSampleDay: '2024-03-03', today: '2024-03-12' }, state: intakeState('covered', 0, true) },
    { name: 'sampled 8 days before the intake: too old', over: { lastSampleDay: '2024-03-02', today: '2024-03-12' }, state: intakeState('overdue', 2, false) },
    { name: 'a sample dated after today does not count', over: { lastSampleDay: '2024-03-13', today: '2024-03-12' }, state: intakeState('overdue', 2, false) },
    { name: 'a resident (not periodic) in intake is still due', over: { kind: 'resident', today: '2024-03-11' }, state: intakeState('overdue', 1, false) },
    { name: 'a staff member in intake is due for the intake, not the interval', over: { lastSampleDay: '2024-03-05', today: '2024-04-20' }, state: intakeState('covered', 0, true) },
    { name: 'a shorter max age from the policy', over: { lastSampleDay: '2024-03-06', today: '2024-03-10', testing: { ...TESTING, intakeTestMaxAgeDays: 3 } }, state: intakeState('due', 0, false) },
    { name: 'a shorter max age, sampled exactly 3 days before', over: { lastSampleDay: '2024-03-07', today: '2024-03-10', testing: { ...TESTING, intakeTestMaxAgeDays: 3 } }, state: intakeState('covered', 0, true) },
    { name: 'a version from after the intake day: due on its first day', over: { policyFrom: '2024-03-12', today: '2024-03-12' }, state: intakeState('due', 0, false, '2024-03-12') },
    { name: 'a version from after the intake day, a day later', over: { policyFrom: '2024-03-12', today: '2024-03-13' }, state: intakeState('overdue', 1, false, '2024-03-12') },
  ])('$name', ({ over, state }) => {
    expect(intake(over)).toEqual(state);
  });

  it.each<{ name: string; over: Partial<DueInput>; state: DueState }>([
    {
      name: 'staff: periodic from the day present',
      over: { today: '2024-03-12' },
      state: { status: 'overdue', reason: 'periodic', dueOn: '2024-03-10', daysOverdue: 2, tested: false, intervalDays: 28 },
    },
    {
      name: 'staff sampled before the intake: periodic from the sample',
      over: { lastSampleDay: '2024-03-08', today: '2024-03-12' },
      state: { status: 'covered', reason: 'periodic', dueOn: '2024-04-05', daysOverdue: 0, tested: true, intervalDays: 28 },
    },
    { name: 'a resident: not required', over: { kind: 'resident', today: '2024-03-12' }, state: NOT_REQUIRED },
  ])('intakeTestRequired false → the periodic rules: $name', ({ over, state }) => {
    expect(intake({ ...over, testing: { ...TESTING, intakeTestRequired: false } })).toEqual(state);
  });
});
