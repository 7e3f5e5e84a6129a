import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween, type DueInput, dueState, joinRefusal, testIntervalDays } from './testing-due.js';
import type { PolicyBody } from './policy.js';
import { PERSON_KINDS, PERSON_STATUSES } from './people.js';
import { arbDay, NOT_REQUIRED, ON_LEAVE, TESTING } from './testing-due.fixtures.js';

/*
 * The due-date rules of testing-due.ts (requirements §4, R4.1, R4.2) held to properties over any
 * policy and any day, and the intake's join check. Numbers are the elderly-care defaults unless a
 * test builds its own policy.
 */

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
