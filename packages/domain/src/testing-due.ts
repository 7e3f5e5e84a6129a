import { z } from 'zod';
import { SiteType } from './org.js';
import { PersonKind, type PersonStatus } from './people.js';
import type { PolicyBody } from './policy.js';

/*
 * Nucleic-acid testing, the due-date rules (§4, R4.1, R4.2): by when each person must next be tested
 * and whether a person in intake may join. Apart from the records and lists of testing.ts because
 * these rules have a SQL twin on the server and a property test of their own.
 */

/** Where a person stands against the testing rules on a day. */
export const DUE_STATUSES = ['covered', 'due', 'overdue', 'on_leave', 'not_required'] as const;
export const DueStatus = z.enum(DUE_STATUSES);
export type DueStatus = z.infer<typeof DueStatus>;

/** Why a person must be tested: the periodic interval (R4.1) or the intake before joining (R4.2). */
export const DUE_REASONS = ['periodic', 'intake'] as const;
export const DueReason = z.enum(DUE_REASONS);
export type DueReason = z.infer<typeof DueReason>;

/** Calendar arithmetic on YYYY-MM-DD days (no time zone: these are already local days). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The periodic interval for a kind of person under a site type's policy; null = not tested periodically. */
export function testIntervalDays(kind: PersonKind, testing: PolicyBody['testing']): number | null {
  switch (kind) {
    case 'staff':
      return testing.staffIntervalDays;
    case 'resident':
    case 'child':
    case 'client':
      return testing.residentIntervalDays;
    case 'community_resident':
      return null;
  }
}

export interface DueInput {
  kind: PersonKind;
  status: PersonStatus;
  /** The day the person (last) became present: joined, arrived, or came back from leave. */
  presentSince: string;
  /** The day their intake began, while they have not joined yet (R4.2); null once joined. */
  intakeSince: string | null;
  /** Day of the last sample that counts as tested (pending, negative or positive). */
  lastSampleDay: string | null;
  /** The testing section of the policy in force on `today`, and the day that version took effect. */
  testing: PolicyBody['testing'];
  policyFrom: string;
  /** The testing section of the version before it, if any: who was already due under it stays due. */
  previous?: PolicyBody['testing'] | null | undefined;
  today: string;
}

export interface DueState {
  status: DueStatus;
  reason: DueReason | null;
  /** The last day by which the next test must be taken; null when none is required. */
  dueOn: string | null;
  /** Days past `dueOn` (0 unless overdue). */
  daysOverdue: number;
  /** Whether the person has a sample within the interval (or, in intake, a recent negative): 应检尽检. */
  tested: boolean;
  intervalDays: number | null;
}

const NONE = { reason: null, dueOn: null, daysOverdue: 0, tested: false, intervalDays: null } as const;

/**
 * Where a person stands on `today` (R4.1, R4.2). A new policy version cannot make anyone overdue
 * before it took effect: whoever the old rules had not yet made due is due on the version's first
 * day at the earliest; whoever was already due under the old rules stays due from then (a new
 * version with the same interval changes nothing). Days away on leave do not count against the
 * person: the next test is due no earlier than the day they are back.
 */
export function dueState(p: DueInput): DueState {
  if (p.status === 'left') return { status: 'not_required', ...NONE };
  if (p.status === 'on_leave') return { status: 'on_leave', ...NONE };
  const t = p.testing;
  const floor = (dueUnderOld: string | null) => (dueUnderOld === null ? p.policyFrom : minDay(dueUnderOld, p.policyFrom));
  if (p.intakeSince !== null && t.intakeTestRequired) {
    // A sample awaiting its result counts as tested; joining itself needs the negative (joinRefusal).
    const oldest = addDays(p.intakeSince, -t.intakeTestMaxAgeDays);
    const tested = p.lastSampleDay !== null && p.lastSampleDay >= oldest && p.lastSampleDay <= p.today;
    const dueOn = maxDay(p.intakeSince, floor(p.previous?.intakeTestRequired ? p.intakeSince : null));
    if (tested) return { status: 'covered', reason: 'intake', dueOn, daysOverdue: 0, tested, intervalDays: null };
    const late = Math.max(0, daysBetween(dueOn, p.today));
    return { status: late > 0 ? 'overdue' : 'due', reason: 'intake', dueOn, daysOverdue: late, tested: false, intervalDays: null };
  }
  const interval = testIntervalDays(p.kind, t);
  if (interval === null) return { status: 'not_required', ...NONE };
  const dueBy = (days: number) => maxDay(p.lastSampleDay === null ? p.presentSince : addDays(p.lastSampleDay, days), p.presentSince);
  const previousInterval = p.previous ? testIntervalDays(p.kind, p.previous) : null;
  const dueOn = maxDay(dueBy(interval), floor(previousInterval === null ? null : dueBy(previousInterval)));
  const tested = p.lastSampleDay !== null && p.lastSampleDay <= p.today && daysBetween(p.lastSampleDay, p.today) <= interval;
  const late = daysBetween(dueOn, p.today);
  const status: DueStatus = late > 0 ? 'overdue' : -late <= t.dueSoonDays ? 'due' : 'covered';
  return { status, reason: 'periodic', dueOn, daysOverdue: Math.max(0, late), tested, intervalDays: interval };
}

/**
 * The policy figures `dueState` reads, flattened per site type and kind of person: the parameters
 * of its SQL twin, which counts compliance for a whole city in the database (server
 * `testing/repository.ts`, `dueStatusSql`). A property test holds the two to the same answers.
 */
export interface DueParams {
  siteType: SiteType;
  kind: PersonKind;
  intervalDays: number | null;
  previousIntervalDays: number | null;
  intakeRequired: boolean;
  intakeMaxAgeDays: number;
  previousIntakeRequired: boolean;
  policyFrom: string;
  dueSoonDays: number;
}

export function dueParams(siteType: SiteType, testing: PolicyBody['testing'], policyFrom: string, previous: PolicyBody['testing'] | null | undefined): DueParams[] {
  return PersonKind.options.map((kind) => ({
    siteType,
    kind,
    intervalDays: testIntervalDays(kind, testing),
    previousIntervalDays: previous ? testIntervalDays(kind, previous) : null,
    intakeRequired: testing.intakeTestRequired,
    intakeMaxAgeDays: testing.intakeTestMaxAgeDays,
    previousIntakeRequired: previous?.intakeTestRequired ?? false,
    policyFrom,
    dueSoonDays: testing.dueSoonDays,
  }));
}

function minDay(a: string, b: string): string {
  return a <= b ? a : b;
}

function maxDay(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * Whether a person in intake may join (R4.2): a negative sample taken no earlier than the policy's
 * age before the intake began (a test brought along on arrival counts; the observation follows it)
 * and not after the day of joining. Returns the reason when not.
 */
export function joinRefusal(
  p: { intakeSince: string | null; lastNegativeDay: string | null },
  day: string,
  testing: PolicyBody['testing'],
): 'not_in_intake' | 'needs_negative_test' | undefined {
  if (p.intakeSince === null) return 'not_in_intake';
  if (!testing.intakeTestRequired) return undefined;
  const oldest = addDays(p.intakeSince, -testing.intakeTestMaxAgeDays);
  if (p.lastNegativeDay === null || p.lastNegativeDay < oldest || p.lastNegativeDay > day) return 'needs_negative_test';
  return undefined;
}
