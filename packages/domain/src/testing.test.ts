import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  CommitLabImport,
  type ComplianceCounts,
  complianceRate,
  countsAsTested,
  CreateSession,
  CreateTest,
  daysBetween,
  type DueInput,
  type DueState,
  dueState,
  JoinInput,
  joinRefusal,
  parseTestResult,
  SessionEntry,
  SetTestResult,
  sumCompliance,
  TEST_RESULTS,
  TestBatch,
  type TestResult,
  testIntervalDays,
  testTimeProblems,
} from './testing.js';
import { DEFAULT_POLICIES, type PolicyBody } from './policy.js';
import { PERSON_KINDS, PERSON_STATUSES, type PersonKind } from './people.js';

/*
 * Nucleic-acid testing (requirements §4): who is due and by when (R4.1), the intake test before
 * joining (R4.2), test records, sampling sessions, lab imports and 应检尽检 compliance, against
 * the pure rules of testing.ts. Numbers are the elderly-care defaults (staff every 28 days,
 * residents not periodically, intake negative at most 7 days old, due 3 days ahead) unless a
 * test builds its own policy.
 */

const TESTING: PolicyBody['testing'] = DEFAULT_POLICIES.elderly_care.testing;
const PERSON = '123e4567-e89b-42d3-a456-426614174000';
const SITE = '123e4567-e89b-42d3-a456-426614174001';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A day as YYYY-MM-DD, computed without the code under test. */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Days 2023-06-01 … 2025-06-30 (two leap-year boundaries' worth). */
const arbDay = fc.integer({ min: 0, max: 760 }).map((n) => dayOf(Date.UTC(2023, 5, 1) + n * DAY_MS));

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
const NOT_REQUIRED: DueState = { status: 'not_required', reason: null, dueOn: null, daysOverdue: 0, tested: false, intervalDays: null };
const ON_LEAVE: DueState = { ...NOT_REQUIRED, status: 'on_leave' };

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

describe('dueState properties', () => {
  const arbTesting: fc.Arbitrary<PolicyBody['testing']> = fc.record({
    staffIntervalDays: fc.integer({ min: 1, max: 60 }),
    residentIntervalDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
    intakeTestRequired: fc.boolean(),
    intakeTestMaxAgeDays: fc.integer({ min: 1, max: 14 }),
    dueSoonDays: fc.integer({ min: 0, max: 30 }),
    pendingFollowUpHours: fc.integer({ min: 1, max: 720 }),
  });
  /** Any input, however unlikely (sample after today, policy from the future…). */
  const arbAny: fc.Arbitrary<DueInput> = fc.record({
    kind: fc.constantFrom(...PERSON_KINDS),
    status: fc.constantFrom(...PERSON_STATUSES),
    presentSince: arbDay,
    intakeSince: fc.option(arbDay, { nil: null }),
    lastSampleDay: fc.option(arbDay, { nil: null }),
    testing: arbTesting,
    policyFrom: arbDay,
    today: arbDay,
  });
  /** A present person as the server would ask about them: nothing after today. */
  const arbPresent: fc.Arbitrary<DueInput> = fc
    .record({
      kind: fc.constantFrom(...PERSON_KINDS),
      today: arbDay,
      presentAgo: fc.integer({ min: 0, max: 200 }),
      sampleAgo: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
      policyAgo: fc.integer({ min: 0, max: 300 }),
      testing: arbTesting,
    })
    .map(({ kind, today, presentAgo, sampleAgo, policyAgo, testing }) => ({
      kind,
      status: 'present' as const,
      presentSince: addDays(today, -presentAgo),
      intakeSince: null,
      lastSampleDay: sampleAgo === null ? null : addDays(today, -sampleAgo),
      testing,
      policyFrom: addDays(today, -policyAgo),
      today,
    }));

  it('daysOverdue > 0 iff overdue; dueOn ≥ policyFrom; never overdue on or before the due day', () => {
    fc.assert(
      fc.property(arbAny, (p) => {
        const s = dueState(p);
        expect(s.daysOverdue > 0).toBe(s.status === 'overdue');
        expect(s.daysOverdue).toBeGreaterThanOrEqual(0);
        if (s.dueOn !== null) {
          expect(s.dueOn >= p.policyFrom).toBe(true);
          if (p.today <= s.dueOn) expect(s.status).not.toBe('overdue');
        }
        if (s.status === 'overdue') expect(s.daysOverdue).toBe(daysBetween(s.dueOn!, p.today));
      }),
    );
  });

  it('on leave and left come first; only they and the untested kinds have no due day', () => {
    fc.assert(
      fc.property(arbAny, (p) => {
        const s = dueState(p);
        if (p.status === 'on_leave') expect(s).toEqual(ON_LEAVE);
        if (p.status === 'left') expect(s).toEqual(NOT_REQUIRED);
        expect(s.dueOn === null).toBe(s.status === 'on_leave' || s.status === 'not_required');
        expect(s.reason === null).toBe(s.dueOn === null);
        const inIntake = p.intakeSince !== null && p.testing.intakeTestRequired && p.status === 'present';
        if (inIntake) expect(s.reason).toBe('intake');
        if (s.reason === 'periodic') expect(s.intervalDays).toBe(testIntervalDays(p.kind, p.testing));
        if (s.reason !== 'periodic') expect(s.intervalDays).toBeNull();
      }),
    );
  });

  it('periodic: due exactly `interval` days after the last sample, the day present or the version\'s first day, whichever is latest', () => {
    fc.assert(
      fc.property(arbPresent, (p) => {
        const s = dueState(p);
        const interval = testIntervalDays(p.kind, p.testing);
        if (interval === null) {
          expect(s).toEqual(NOT_REQUIRED);
          return;
        }
        const candidates = [p.presentSince, p.policyFrom, ...(p.lastSampleDay === null ? [] : [addDays(p.lastSampleDay, interval)])].sort();
        expect(s.dueOn).toBe(candidates[candidates.length - 1]);
        const ahead = daysBetween(p.today, s.dueOn!);
        expect(s.status).toBe(ahead < 0 ? 'overdue' : ahead <= p.testing.dueSoonDays ? 'due' : 'covered');
        expect(s.tested).toBe(p.lastSampleDay !== null && daysBetween(p.lastSampleDay, p.today) <= interval);
        // Tested within the interval is never overdue.
        if (s.tested) expect(s.status).not.toBe('overdue');
      }),
    );
  });

  it('never overdue on the day someone became present, nor on the version\'s first day', () => {
    fc.assert(
      fc.property(arbPresent, (p) => {
        expect(dueState({ ...p, presentSince: p.today }).status).not.toBe('overdue');
        expect(dueState({ ...p, policyFrom: p.today }).status).not.toBe('overdue');
      }),
    );
  });

  it('waiting never helps: daysOverdue does not fall as days pass', () => {
    fc.assert(
      fc.property(arbPresent, fc.integer({ min: 1, max: 100 }), (p, later) => {
        const now = dueState(p);
        const then = dueState({ ...p, today: addDays(p.today, later) });
        expect(then.daysOverdue).toBeGreaterThanOrEqual(now.daysOverdue);
        expect(then.dueOn).toBe(now.dueOn);
      }),
    );
  });

  it('a later sample never makes things worse', () => {
    fc.assert(
      fc.property(arbPresent, fc.integer({ min: 0, max: 200 }), (p, ago) => {
        const later = addDays(p.today, -ago);
        fc.pre(p.lastSampleDay === null || later >= p.lastSampleDay);
        const before = dueState(p);
        const after = dueState({ ...p, lastSampleDay: later });
        expect(after.daysOverdue).toBeLessThanOrEqual(before.daysOverdue);
        if (before.dueOn !== null) expect(after.dueOn! >= before.dueOn).toBe(true);
        if (before.tested) expect(after.tested).toBe(true);
      }),
    );
  });

  it('intake: covered iff a sample from intakeMaxAge days before the intake up to today; else due from the intake day', () => {
    fc.assert(
      fc.property(arbPresent, fc.integer({ min: 0, max: 60 }), (p, intakeAgo) => {
        const intakeSince = addDays(p.today, -intakeAgo);
        const testing = { ...p.testing, intakeTestRequired: true };
        const s = dueState({ ...p, intakeSince, testing });
        const dueOn = intakeSince >= p.policyFrom ? intakeSince : p.policyFrom;
        const covered = p.lastSampleDay !== null && daysBetween(p.lastSampleDay, intakeSince) <= testing.intakeTestMaxAgeDays;
        const late = daysBetween(dueOn, p.today);
        expect(s).toEqual({
          status: covered ? 'covered' : late > 0 ? 'overdue' : 'due',
          reason: 'intake',
          dueOn,
          daysOverdue: covered ? 0 : Math.max(0, late),
          tested: covered,
          intervalDays: null,
        });
      }),
    );
  });
});

// joinRefusal (R4.2)

describe('joinRefusal', () => {
  const inIntake = { intakeSince: '2024-03-05' };
  it.each<{ name: string; p: { intakeSince: string | null; lastNegativeDay: string | null }; day: string; testing?: Partial<PolicyBody['testing']>; refusal: ReturnType<typeof joinRefusal> }>([
    { name: 'not in intake', p: { intakeSince: null, lastNegativeDay: '2024-03-09' }, day: '2024-03-10', refusal: 'not_in_intake' },
    { name: 'not in intake, test not required', p: { intakeSince: null, lastNegativeDay: null }, day: '2024-03-10', testing: { intakeTestRequired: false }, refusal: 'not_in_intake' },
    { name: 'no negative', p: { ...inIntake, lastNegativeDay: null }, day: '2024-03-10', refusal: 'needs_negative_test' },
    { name: 'a negative on the join day', p: { ...inIntake, lastNegativeDay: '2024-03-10' }, day: '2024-03-10', refusal: undefined },
    { name: 'a negative the day before', p: { ...inIntake, lastNegativeDay: '2024-03-09' }, day: '2024-03-10', refusal: undefined },
    { name: 'a negative exactly 7 days before the intake', p: { ...inIntake, lastNegativeDay: '2024-02-27' }, day: '2024-03-10', refusal: undefined },
    { name: 'a negative 8 days before the intake', p: { ...inIntake, lastNegativeDay: '2024-02-26' }, day: '2024-03-10', refusal: 'needs_negative_test' },
    { name: 'a negative at the intake, joining after 14 days of observation', p: { ...inIntake, lastNegativeDay: '2024-03-05' }, day: '2024-03-19', refusal: undefined },
    { name: 'a negative from before the intake but within 7 days', p: { ...inIntake, lastNegativeDay: '2024-03-04' }, day: '2024-03-10', refusal: undefined },
    { name: 'a negative after the join day', p: { ...inIntake, lastNegativeDay: '2024-03-11' }, day: '2024-03-10', refusal: 'needs_negative_test' },
    { name: 'exactly 7 days before the intake across a leap day', p: { ...inIntake, lastNegativeDay: '2024-02-27' }, day: '2024-03-05', refusal: undefined },
    { name: '8 days before the intake across a leap day', p: { ...inIntake, lastNegativeDay: '2024-02-26' }, day: '2024-03-05', refusal: 'needs_negative_test' },
    { name: 'a 3-day policy, 3 days before the intake', p: { ...inIntake, lastNegativeDay: '2024-03-02' }, day: '2024-03-10', testing: { intakeTestMaxAgeDays: 3 }, refusal: undefined },
    { name: 'a 3-day policy, 4 days before the intake', p: { ...inIntake, lastNegativeDay: '2024-03-01' }, day: '2024-03-10', testing: { intakeTestMaxAgeDays: 3 }, refusal: 'needs_negative_test' },
    { name: 'test not required, no negative', p: { ...inIntake, lastNegativeDay: null }, day: '2024-03-10', testing: { intakeTestRequired: false }, refusal: undefined },
    { name: 'test not required, an old negative', p: { ...inIntake, lastNegativeDay: '2023-01-01' }, day: '2024-03-10', testing: { intakeTestRequired: false }, refusal: undefined },
  ])('$name → $refusal', ({ p, day, testing, refusal }) => {
    expect(joinRefusal(p, day, { ...TESTING, ...testing })).toBe(refusal);
  });

  it('allows joining iff in intake and (no test required or a negative within [intake − max age, day])', () => {
    fc.assert(
      fc.property(
        fc.option(arbDay, { nil: null }), fc.option(arbDay, { nil: null }), arbDay, fc.boolean(), fc.integer({ min: 1, max: 14 }),
        (intakeSince, lastNegativeDay, day, intakeTestRequired, intakeTestMaxAgeDays) => {
          const refusal = joinRefusal({ intakeSince, lastNegativeDay }, day, { ...TESTING, intakeTestRequired, intakeTestMaxAgeDays });
          if (intakeSince === null) expect(refusal).toBe('not_in_intake');
          else if (!intakeTestRequired) expect(refusal).toBeUndefined();
          else {
            const ok = lastNegativeDay !== null && lastNegativeDay <= day && daysBetween(lastNegativeDay, intakeSince) <= intakeTestMaxAgeDays;
            expect(refusal).toBe(ok ? undefined : 'needs_negative_test');
          }
        },
      ),
    );
  });
});

// testTimeProblems

describe('testTimeProblems', () => {
  const now = new Date('2024-03-01T12:00:00+08:00');
  it.each<{ name: string; t: { sampledAt: string; result?: TestResult; resultAt?: string | null }; problems: ReturnType<typeof testTimeProblems> }>([
    { name: 'sampled now', t: { sampledAt: '2024-03-01T12:00:00+08:00' }, problems: [] },
    { name: 'sampled now, in UTC', t: { sampledAt: '2024-03-01T04:00:00Z' }, problems: [] },
    { name: 'sampled this morning', t: { sampledAt: '2024-03-01T08:00:00+08:00' }, problems: [] },
    { name: 'sampled a minute ahead (clock slack)', t: { sampledAt: '2024-03-01T12:01:00+08:00' }, problems: [] },
    { name: 'sampled a minute and a second ahead', t: { sampledAt: '2024-03-01T12:01:01+08:00' }, problems: [{ path: 'sampledAt', issue: 'future' }] },
    { name: 'sampled tomorrow', t: { sampledAt: '2024-03-02T08:00:00+08:00' }, problems: [{ path: 'sampledAt', issue: 'future' }] },
    { name: 'sampled now in a zone behind (still now)', t: { sampledAt: '2024-02-29T23:00:00-05:00' }, problems: [] },
    { name: 'a result after the sample', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T11:00:00+08:00' }, problems: [] },
    { name: 'a result at the sampling time', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T08:00:00+08:00' }, problems: [] },
    { name: 'a result before the sample', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T07:59:59+08:00' }, problems: [{ path: 'resultAt', issue: 'before_sample' }] },
    { name: 'a result the day before the sample', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'positive', resultAt: '2024-02-29T20:00:00+08:00' }, problems: [{ path: 'resultAt', issue: 'before_sample' }] },
    { name: 'a result a minute ahead (clock slack)', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T12:01:00+08:00' }, problems: [] },
    { name: 'a result in the future', t: { sampledAt: '2024-03-01T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T12:05:00+08:00' }, problems: [{ path: 'resultAt', issue: 'future' }] },
    { name: 'a null result time', t: { sampledAt: '2024-03-01T08:00:00+08:00', resultAt: null }, problems: [] },
    {
      name: 'sampled in the future with a result before it',
      t: { sampledAt: '2024-03-03T08:00:00+08:00', result: 'negative', resultAt: '2024-03-01T08:00:00+08:00' },
      problems: [{ path: 'sampledAt', issue: 'future' }, { path: 'resultAt', issue: 'before_sample' }],
    },
    {
      name: 'sampled and resulted in the future',
      t: { sampledAt: '2024-03-03T08:00:00+08:00', result: 'negative', resultAt: '2024-03-03T10:00:00+08:00' },
      problems: [{ path: 'sampledAt', issue: 'future' }, { path: 'resultAt', issue: 'future' }],
    },
  ])('$name', ({ t, problems }) => {
    expect(testTimeProblems(t, now)).toEqual(problems);
  });

  it('reports a future sample iff more than a minute ahead; a result before its sample or ahead of now', () => {
    const minute = 60_000;
    fc.assert(
      fc.property(fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }), fc.option(fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }), { nil: undefined }), (s, r) => {
        const at = (offset: number) => new Date(now.getTime() + offset).toISOString();
        const problems = testTimeProblems({ sampledAt: at(s), resultAt: r === undefined ? undefined : at(r) }, now);
        const expected: ReturnType<typeof testTimeProblems> = [];
        if (s > minute) expected.push({ path: 'sampledAt', issue: 'future' });
        if (r !== undefined && r < s) expected.push({ path: 'resultAt', issue: 'before_sample' });
        else if (r !== undefined && r > minute) expected.push({ path: 'resultAt', issue: 'future' });
        expect(problems).toEqual(expected);
      }),
    );
  });
});

// parseTestResult

describe('parseTestResult', () => {
  it.each<{ text: string; result: TestResult | undefined }>([
    { text: '阴性', result: 'negative' },
    { text: '阴', result: 'negative' },
    { text: '未检出', result: 'negative' },
    { text: '-', result: 'negative' },
    { text: '阴性（-）', result: 'negative' },
    { text: '阴性(-)', result: 'negative' },
    { text: '阳性', result: 'positive' },
    { text: '阳', result: 'positive' },
    { text: '检出', result: 'positive' },
    { text: '+', result: 'positive' },
    { text: '阳性（+）', result: 'positive' },
    { text: '(+)', result: 'positive' },
    { text: '（阳性）', result: 'positive' },
    { text: '(-)', result: 'negative' },
    { text: '（阴性）', result: 'negative' },
    { text: '待检', result: 'pending' },
    { text: '待出', result: 'pending' },
    { text: '检测中', result: 'pending' },
    { text: '待报告', result: 'pending' },
    { text: '无效', result: 'invalid' },
    { text: '样本无效', result: 'invalid' },
    { text: '不合格', result: 'invalid' },
    { text: '复检', result: 'invalid' },
    { text: 'negative', result: 'negative' },
    { text: 'Negative', result: 'negative' },
    { text: 'NEG', result: 'negative' },
    { text: 'positive', result: 'positive' },
    { text: 'POS', result: 'positive' },
    { text: 'Pending', result: 'pending' },
    { text: 'INVALID', result: 'invalid' },
    { text: '', result: 'pending' },
    { text: '   ', result: 'pending' },
    { text: '\t\n', result: 'pending' },
    { text: '\u3000', result: 'pending' }, // an ideographic space
    { text: '  阴性  ', result: 'negative' },
    { text: '阴 性', result: 'negative' },
    { text: '\u3000阳性\u3000', result: 'positive' },
    { text: ' Neg ative ', result: 'negative' },
    { text: '弱阳性', result: undefined },
    { text: '阴性阳性', result: undefined },
    { text: 'unknown', result: undefined },
    { text: 'N/A', result: undefined },
    { text: '0', result: undefined },
    { text: '阴性?', result: undefined },
  ])('$text → $result', ({ text, result }) => {
    expect(parseTestResult(text)).toBe(result);
  });

  it('is a result or undefined for any text, and ignores surrounding whitespace and case', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', '\t', '\u3000'), (s, pad) => {
        const r = parseTestResult(s);
        if (r !== undefined) expect(TEST_RESULTS).toContain(r);
        expect(parseTestResult(`${pad}${s}${pad}`)).toBe(r);
        expect(parseTestResult(s.toUpperCase())).toBe(parseTestResult(s.toLowerCase()));
      }),
    );
  });
});

// Compliance

describe('complianceRate and sumCompliance', () => {
  it.each<{ tested: number; required: number; rate: number | null }>([
    { tested: 0, required: 0, rate: null },
    { tested: 0, required: 4, rate: 0 },
    { tested: 3, required: 4, rate: 0.75 },
    { tested: 4, required: 4, rate: 1 },
    { tested: 1, required: 3, rate: 1 / 3 },
  ])('$tested of $required → $rate', ({ tested, required, rate }) => {
    expect(complianceRate(tested, required)).toBe(rate);
  });

  type Counts = Omit<ComplianceCounts, 'rate'>;
  const zero: Counts = { required: 0, tested: 0, due: 0, overdue: 0, stalePending: 0, positive: 0 };
  const arbCounts: fc.Arbitrary<Counts> = fc.record({
    required: fc.nat(10_000), tested: fc.nat(10_000), due: fc.nat(10_000), overdue: fc.nat(10_000), stalePending: fc.nat(10_000), positive: fc.nat(10_000),
  });

  it.each<{ name: string; rows: Counts[]; sum: ComplianceCounts }>([
    { name: 'no rows', rows: [], sum: { ...zero, rate: null } },
    { name: 'a site nobody must be tested at', rows: [zero], sum: { ...zero, rate: null } },
    {
      name: 'one site',
      rows: [{ required: 10, tested: 8, due: 1, overdue: 1, stalePending: 2, positive: 0 }],
      sum: { required: 10, tested: 8, due: 1, overdue: 1, stalePending: 2, positive: 0, rate: 0.8 },
    },
    {
      name: 'two sites: the rate is recomputed, not averaged',
      rows: [
        { required: 10, tested: 5, due: 3, overdue: 2, stalePending: 0, positive: 1 },
        { required: 30, tested: 30, due: 0, overdue: 0, stalePending: 4, positive: 0 },
      ],
      sum: { required: 40, tested: 35, due: 3, overdue: 2, stalePending: 4, positive: 1, rate: 0.875 },
    },
    {
      name: 'wider rows (sites with their rates) sum only the counts',
      rows: [
        { required: 4, tested: 1, due: 3, overdue: 0, stalePending: 0, positive: 0, rate: 0.25, siteId: SITE } as Counts,
        { required: 4, tested: 4, due: 0, overdue: 0, stalePending: 0, positive: 0, rate: 1, siteId: SITE } as Counts,
      ],
      sum: { required: 8, tested: 5, due: 3, overdue: 0, stalePending: 0, positive: 0, rate: 0.625 },
    },
  ])('$name', ({ rows, sum }) => {
    expect(sumCompliance(rows)).toEqual(sum);
  });

  it('adds every count, recomputes the rate, and does not depend on order', () => {
    fc.assert(
      fc.property(fc.array(arbCounts, { maxLength: 20 }), fc.array(arbCounts, { maxLength: 20 }), (a, b) => {
        const sa = sumCompliance(a);
        const sb = sumCompliance(b);
        const s = sumCompliance([...a, ...b]);
        for (const k of Object.keys(zero) as (keyof Counts)[]) expect(s[k]).toBe(sa[k] + sb[k]);
        expect(s.rate).toBe(s.required === 0 ? null : s.tested / s.required);
        expect(sumCompliance([...b, ...a])).toEqual(s);
        expect(Object.keys(s).sort()).toEqual(['due', 'overdue', 'positive', 'rate', 'required', 'stalePending', 'tested']);
      }),
    );
  });
});

// Records

/** The messages of a failed parse, with their paths. */
function issues(r: { success: boolean; error?: { issues: readonly { message: string; path: readonly PropertyKey[] }[] } }): { message: string; path: string }[] {
  return (r.error?.issues ?? []).map((i) => ({ message: i.message, path: i.path.join('.') }));
}

describe('CreateTest', () => {
  const sampledAt = '2024-03-01T08:00:00+08:00';

  it('defaults to a pending throat swab', () => {
    expect(CreateTest.parse({ personId: PERSON, sampledAt })).toEqual({ personId: PERSON, sampledAt, sampleType: 'throat_swab', result: 'pending' });
  });

  it.each<{ name: string; input: Record<string, unknown> }>([
    { name: 'a result time with a pending result', input: { personId: PERSON, sampledAt, result: 'pending', resultAt: '2024-03-01T12:00:00+08:00' } },
    { name: 'a result time without a result (pending by default)', input: { personId: PERSON, sampledAt, resultAt: '2024-03-01T12:00:00+08:00' } },
  ])('refuses $name with test.result_time_without_result on resultAt', ({ input }) => {
    const r = CreateTest.safeParse(input);
    expect(r.success).toBe(false);
    expect(issues(r)).toEqual([{ message: 'test.result_time_without_result', path: 'resultAt' }]);
  });

  it.each<{ name: string; input: Record<string, unknown>; ok: boolean }>([
    { name: 'a negative with its time', input: { personId: PERSON, sampledAt, result: 'negative', resultAt: '2024-03-01T12:00:00+08:00' }, ok: true },
    { name: 'a positive without its time', input: { personId: PERSON, sampledAt, result: 'positive' }, ok: true },
    { name: 'an invalid sample with its time', input: { personId: PERSON, sampledAt, result: 'invalid', resultAt: '2024-03-01T12:00:00+08:00' }, ok: true },
    { name: 'every optional field', input: { personId: PERSON, sampledAt, sampleType: 'nasal_swab', collectionPoint: 'P', lab: 'L', labRef: 'T-1', note: 'n' }, ok: true },
    { name: 'an unknown key', input: { personId: PERSON, sampledAt, extra: 1 }, ok: false },
    { name: 'a sampling time without an offset', input: { personId: PERSON, sampledAt: '2024-03-01T08:00:00' }, ok: false },
    { name: 'a sampling day only', input: { personId: PERSON, sampledAt: '2024-03-01' }, ok: false },
    { name: 'an unknown result', input: { personId: PERSON, sampledAt, result: 'weak_positive' }, ok: false },
    { name: 'an unknown sample type', input: { personId: PERSON, sampledAt, sampleType: 'blood' }, ok: false },
    { name: 'a person id that is not a uuid', input: { personId: 'p-1', sampledAt }, ok: false },
    { name: 'a lab ref of 51 characters', input: { personId: PERSON, sampledAt, labRef: 'x'.repeat(51) }, ok: false },
    { name: 'a lab ref of 50 characters', input: { personId: PERSON, sampledAt, labRef: 'x'.repeat(50) }, ok: true },
  ])('$name → accepted: $ok', ({ input, ok }) => {
    expect(CreateTest.safeParse(input).success).toBe(ok);
  });

  it('a batch holds 1 to 1,000 tests, each checked', () => {
    const t = { personId: PERSON, sampledAt };
    expect(TestBatch.safeParse({ tests: [] }).success).toBe(false);
    expect(TestBatch.safeParse({ tests: [t] }).success).toBe(true);
    expect(TestBatch.safeParse({ tests: Array.from({ length: 1000 }, () => t) }).success).toBe(true);
    expect(TestBatch.safeParse({ tests: Array.from({ length: 1001 }, () => t) }).success).toBe(false);
    const bad = TestBatch.safeParse({ tests: [t, { ...t, resultAt: '2024-03-01T12:00:00+08:00' }] });
    expect(issues(bad)).toEqual([{ message: 'test.result_time_without_result', path: 'tests.1.resultAt' }]);
  });

  it('a result set later must be a result, not pending', () => {
    expect(SetTestResult.safeParse({ result: 'negative' }).success).toBe(true);
    expect(SetTestResult.safeParse({ result: 'pending' }).success).toBe(false);
    expect(SetTestResult.safeParse({}).success).toBe(false);
  });
});

describe('SessionEntry', () => {
  const at = '2024-03-01T08:30:00+08:00';

  it.each<{ name: string; input: Record<string, unknown>; problems: { message: string; path: string }[] }>([
    { name: 'attended, pending', input: { personId: PERSON, attended: true }, problems: [] },
    { name: 'attended, with a sampling time', input: { personId: PERSON, attended: true, sampledAt: at }, problems: [] },
    { name: 'attended, negative with its time', input: { personId: PERSON, attended: true, result: 'negative', resultAt: '2024-03-01T18:00:00+08:00' }, problems: [] },
    { name: 'absent', input: { personId: PERSON, attended: false }, problems: [] },
    { name: 'absent, explicitly pending', input: { personId: PERSON, attended: false, result: 'pending' }, problems: [] },
    { name: 'absent with a negative', input: { personId: PERSON, attended: false, result: 'negative' }, problems: [{ message: 'test.absent_with_result', path: 'result' }] },
    { name: 'absent with a positive', input: { personId: PERSON, attended: false, result: 'positive' }, problems: [{ message: 'test.absent_with_result', path: 'result' }] },
    { name: 'absent with an invalid sample', input: { personId: PERSON, attended: false, result: 'invalid' }, problems: [{ message: 'test.absent_with_result', path: 'result' }] },
    { name: 'attended, a result time without a result', input: { personId: PERSON, attended: true, resultAt: at }, problems: [{ message: 'test.result_time_without_result', path: 'resultAt' }] },
  ])('$name', ({ input, problems }) => {
    const r = SessionEntry.safeParse(input);
    expect(r.success).toBe(problems.length === 0);
    expect(issues(r)).toEqual(problems);
  });

  it('refuses a missing attended flag and unknown keys', () => {
    expect(SessionEntry.safeParse({ personId: PERSON }).success).toBe(false);
    expect(SessionEntry.safeParse({ personId: PERSON, attended: true, extra: 1 }).success).toBe(false);
  });
});

describe('CreateSession', () => {
  const base = { townId: SITE, date: '2024-03-01', collectionPoint: '镇卫生院', siteIds: [SITE] };

  it('defaults to a throat swab of those due', () => {
    expect(CreateSession.parse(base)).toEqual({ ...base, sampleType: 'throat_swab', selection: 'due' });
  });

  it.each<{ startTime: string; ok: boolean }>([
    { startTime: '00:00', ok: true },
    { startTime: '08:30', ok: true },
    { startTime: '19:59', ok: true },
    { startTime: '23:59', ok: true },
    { startTime: '24:00', ok: false },
    { startTime: '8:30', ok: false },
    { startTime: '08:60', ok: false },
    { startTime: '08:30:00', ok: false },
    { startTime: '0830', ok: false },
    { startTime: ' 08:30', ok: false },
    { startTime: '', ok: false },
  ])('startTime $startTime → accepted: $ok', ({ startTime, ok }) => {
    const r = CreateSession.safeParse({ ...base, startTime });
    expect(r.success).toBe(ok);
    if (!ok) expect(issues(r)).toEqual([{ message: 'expected HH:MM', path: 'startTime' }]);
  });

  it.each<{ name: string; patch: Record<string, unknown>; problem: { message: string; path: string } | null }>([
    { name: 'no site', patch: { siteIds: [] }, problem: { message: 'pick at least one site', path: 'siteIds' } },
    { name: '100 sites', patch: { siteIds: Array.from({ length: 100 }, () => SITE) }, problem: null },
    { name: '101 sites', patch: { siteIds: Array.from({ length: 101 }, () => SITE) }, problem: { message: 'at most 100 sites', path: 'siteIds' } },
    { name: 'a blank collection point', patch: { collectionPoint: '   ' }, problem: { message: 'field.required', path: 'collectionPoint' } },
    { name: 'everyone who must be tested', patch: { selection: 'all_required' }, problem: null },
  ])('$name', ({ patch, problem }) => {
    expect(issues(CreateSession.safeParse({ ...base, ...patch }))).toEqual(problem === null ? [] : [problem]);
  });

  it.each<{ name: string; patch: Record<string, unknown> }>([
    { name: 'a missing site list', patch: { siteIds: undefined } },
    { name: 'a site id that is not a uuid', patch: { siteIds: ['s-1'] } },
    { name: 'a day that does not exist', patch: { date: '2023-02-29' } },
    { name: 'an unknown selection', patch: { selection: 'everyone' } },
    { name: 'an unknown key', patch: { extra: 1 } },
  ])('refuses $name', ({ patch }) => {
    expect(CreateSession.safeParse({ ...base, ...patch }).success).toBe(false);
  });
});

describe('CommitLabImport', () => {
  it('defaults to no manual matches and all-or-nothing', () => {
    expect(CommitLabImport.parse({})).toEqual({ matches: {}, onlyValid: false });
  });

  it.each<{ name: string; matches: Record<string, unknown>; ok: boolean }>([
    { name: 'row 3', matches: { 3: PERSON }, ok: true },
    { name: 'rows 2 and 17', matches: { '2': PERSON, '17': SITE }, ok: true },
    { name: 'row 0', matches: { '0': PERSON }, ok: true },
    { name: 'a name as key', matches: { zhang: PERSON }, ok: false },
    { name: 'a negative row', matches: { '-1': PERSON }, ok: false },
    { name: 'a fractional row', matches: { '1.5': PERSON }, ok: false },
    { name: 'a row with spaces', matches: { ' 3': PERSON }, ok: false },
    { name: 'an empty key', matches: { '': PERSON }, ok: false },
    { name: 'a person id that is not a uuid', matches: { '3': 'p-1' }, ok: false },
    { name: 'a null person', matches: { '3': null }, ok: false },
  ])('matches with $name → accepted: $ok', ({ matches, ok }) => {
    expect(CommitLabImport.safeParse({ matches }).success).toBe(ok);
  });

  it('says which key is refused, and why (zod 4 nests the key\'s own message)', () => {
    const r = CommitLabImport.safeParse({ matches: { '2': PERSON, a: PERSON } });
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]).toMatchObject({
      code: 'invalid_key',
      path: ['matches', 'a'],
      issues: [expect.objectContaining({ message: 'a row number' })],
    });
  });

  it('refuses unknown keys and a non-boolean onlyValid', () => {
    expect(CommitLabImport.safeParse({ onlyValid: true }).success).toBe(true);
    expect(CommitLabImport.safeParse({ onlyValid: 'yes' }).success).toBe(false);
    expect(CommitLabImport.safeParse({ extra: 1 }).success).toBe(false);
  });
});

describe('JoinInput', () => {
  it.each<{ input: Record<string, unknown>; ok: boolean }>([
    { input: {}, ok: true },
    { input: { overrideReason: '院长批准' }, ok: true },
    { input: { overrideReason: '  批准  ' }, ok: false }, // 2 characters once trimmed
    { input: { overrideReason: 'x'.repeat(300) }, ok: true },
    { input: { overrideReason: 'x'.repeat(301) }, ok: false },
    { input: { reason: '院长批准' }, ok: false },
  ])('$input → accepted: $ok', ({ input, ok }) => {
    expect(JoinInput.safeParse(input).success).toBe(ok);
  });
});
