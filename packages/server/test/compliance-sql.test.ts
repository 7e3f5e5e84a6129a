import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { addDays, dueParams, dueState, PERSON_KINDS, type DueParams, type PersonStatus, type PolicyBody } from '@fangkong/domain';
import { dueStatusSql } from '../src/testing/repository.js';
import { freshDatabase } from './harness.js';
import type { Database } from '../src/db/engine.js';

/*
 * The compliance overview counts due states in SQL (`dueStatusSql`); the lists and the person
 * page use the domain's `dueState`. Both must give the same status and "tested" for any person,
 * any policy and any previous version: random cases, all checked in one query per run.
 */

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(async () => {
  await database.close();
  await drop();
});

const TODAY = '2026-06-15';
const day = (min: number, max: number) => fc.integer({ min, max }).map((n) => addDays(TODAY, n));
const days = fc.integer({ min: 1, max: 40 });
const testing: fc.Arbitrary<PolicyBody['testing']> = fc.record({
  staffIntervalDays: days,
  residentIntervalDays: fc.option(days, { nil: null }),
  intakeTestRequired: fc.boolean(),
  intakeTestMaxAgeDays: fc.integer({ min: 1, max: 14 }),
  dueSoonDays: fc.integer({ min: 0, max: 7 }),
  pendingFollowUpHours: fc.constant(48),
});
const person = fc.record({
  kind: fc.constantFrom(...PERSON_KINDS.filter((k) => k !== 'community_resident')),
  status: fc.constantFrom<PersonStatus>('present', 'present', 'present', 'on_leave', 'left'),
  presentSince: day(-120, 10),
  intakeSince: fc.option(day(-30, 5), { nil: null }),
  lastSampleDay: fc.option(day(-90, 3), { nil: null }),
  testing,
  policyFrom: day(-200, 20),
  previous: fc.option(testing, { nil: null }),
});
type Case = typeof person extends fc.Arbitrary<infer T> ? T : never;

async function sqlStates(cases: Case[]): Promise<{ status: string; tested: boolean }[]> {
  const people = cases.map((c, i) => ({ i, kind: c.kind, status: c.status, present_since: c.presentSince, intake_since: c.intakeSince, last_day: c.lastSampleDay }));
  const params = cases.map((c, i) => {
    const r = dueParams('elderly_care', c.testing, c.policyFrom, c.previous).find((p) => p.kind === c.kind) as DueParams;
    return {
      i, interval_days: r.intervalDays, prev_interval_days: r.previousIntervalDays, intake_required: r.intakeRequired, intake_age_days: r.intakeMaxAgeDays,
      prev_intake_required: r.previousIntakeRequired, policy_from: r.policyFrom, due_soon_days: r.dueSoonDays,
    };
  });
  const due = dueStatusSql(TODAY);
  const result = await database.db.execute<{ i: number; status: string; tested: boolean }>(sql`
    select p.i, ${due.status} as status, ${due.tested} as tested
    from jsonb_to_recordset(${JSON.stringify(people)}::jsonb) as p(i int, kind text, status text, present_since date, intake_since date, last_day date)
    join jsonb_to_recordset(${JSON.stringify(params)}::jsonb) as r(i int, interval_days int, prev_interval_days int, intake_required boolean,
      intake_age_days int, prev_intake_required boolean, policy_from date, due_soon_days int) on r.i = p.i
    order by p.i`);
  return result.rows.map((r) => ({ status: r.status, tested: r.tested }));
}

const domainState = (c: Case) => {
  const s = dueState({ ...c, today: TODAY });
  return { status: s.status, tested: s.tested };
};

describe('compliance in SQL against the domain rule', () => {
  it('gives every random person the status and "tested" of dueState', async () => {
    const cases = fc.sample(person, { numRuns: 3000, seed: 20201 });
    const got = await sqlStates(cases);
    const wrong = cases.map((c, i) => ({ c, sql: got[i], domain: domainState(c) })).filter((x) => JSON.stringify(x.sql) !== JSON.stringify(x.domain));
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('agrees on the edges: no sample, a sample today, one on the last covered day, intake on the version day', async () => {
    const base: Case = {
      kind: 'staff', status: 'present', presentSince: addDays(TODAY, -60), intakeSince: null, lastSampleDay: null, policyFrom: addDays(TODAY, -100), previous: null,
      testing: { staffIntervalDays: 7, residentIntervalDays: null, intakeTestRequired: true, intakeTestMaxAgeDays: 7, dueSoonDays: 2, pendingFollowUpHours: 48 },
    };
    const edges: Case[] = [
      base,
      { ...base, lastSampleDay: TODAY },
      { ...base, lastSampleDay: addDays(TODAY, -7) },
      { ...base, lastSampleDay: addDays(TODAY, -8) },
      { ...base, lastSampleDay: addDays(TODAY, -5) },
      { ...base, lastSampleDay: addDays(TODAY, 1) },
      { ...base, kind: 'resident' },
      { ...base, intakeSince: TODAY, policyFrom: TODAY },
      { ...base, intakeSince: addDays(TODAY, -3), lastSampleDay: addDays(TODAY, -10) },
      { ...base, policyFrom: addDays(TODAY, -1), previous: { ...base.testing, staffIntervalDays: 30 }, lastSampleDay: addDays(TODAY, -20) },
      { ...base, status: 'on_leave' },
      { ...base, status: 'left' },
    ];
    const got = await sqlStates(edges);
    expect(got).toEqual(edges.map(domainState));
    // The cases are not all alike: the edges reach every status that is counted.
    expect(new Set(got.map((g) => g.status))).toEqual(new Set(['covered', 'due', 'overdue', 'not_required', 'on_leave']));
  });
});
