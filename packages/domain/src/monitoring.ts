import { z } from 'zod';
import { Instant, Text } from './input.js';
import { IsoDate, SiteType, Uuid } from './org.js';
import { PersonKind, PersonStatus } from './people.js';
import { IncidentStepView, NotifyOutside, Receiver, STEP_STATES, levelAbove, stepState } from './incidents.js';
import { Channel } from './notifications.js';
import { definePermissions } from './access.js';
import type { PolicyBody } from './policy.js';
import {
  EarlyStep, FEVER_BANDS, FeverBands, PlacementReason, Symptom, classifyTemperature, type FeverBand,
} from './monitoring-policy.js';
import { defineTexts } from './texts.js';

/*
 * Daily health monitoring (§2) and isolation (§5): readings, the alerts of the "four earlies",
 * observation and isolation rooms, placements, and the coverage of a day's round.
 */

export const MONITORING_PERMISSIONS = definePermissions({
  /** See readings, rounds, alerts, rooms and coverage. */
  'health.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'grid_worker', 'inspector'],
  /** Record readings. */
  'health.write': ['site_manager', 'site_staff'],
  /** Record the steps of an alert, place people in rooms and end placements. */
  'isolation.act': ['site_manager', 'site_staff'],
  /** Close an alert before its steps are done; set up observation and isolation rooms. */
  'isolation.manage': ['site_manager'],
});

/** A temperature in ℃ with at most one decimal (what a thermometer shows). */
export const Temperature = z.number().min(30, 'below 30 ℃').max(45, 'above 45 ℃')
  .refine((t) => Math.abs(Math.round(t * 10) - t * 10) < 1e-6, { message: 'temperature.one_decimal' });

export const ReadingInput = z.strictObject({
  personId: Uuid,
  temperature: Temperature,
  symptoms: z.array(Symptom).max(10, 'at most 10 symptoms').default([]),
  /** When it was measured; now when omitted. */
  measuredAt: Instant.optional(),
  /** Re-entered on purpose although outside the plausible range (R2.3). */
  confirmed: z.boolean().optional(),
  note: Text(200, { multiline: true }).optional(),
  /** Chosen by the device that made the entry: a retry after a lost connection is not a second reading. */
  clientId: Uuid.optional(),
});
export type ReadingInput = z.input<typeof ReadingInput>;
export type ReadingInputParsed = z.output<typeof ReadingInput>;

export const ReadingBatch = z.strictObject({
  /** When given, every person must be at this site (a round is entered for one site). */
  siteId: Uuid.optional(),
  readings: z.array(ReadingInput).min(1, 'at least one reading').max(1000, 'at most 1,000 readings'),
});
export type ReadingBatch = z.input<typeof ReadingBatch>;

export const Reading = z.object({
  id: Uuid,
  personId: Uuid,
  temperature: z.number(),
  band: z.enum(FEVER_BANDS),
  symptoms: z.array(Symptom),
  abnormal: z.boolean(),
  measuredAt: z.string(),
  day: IsoDate,
  recordedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type Reading = z.infer<typeof Reading>;

/** What a reading means under the policy: its band, and whether it starts the four earlies (R2.4). */
export function assessReading(
  temperature: number,
  symptoms: readonly string[],
  monitoring: PolicyBody['monitoring'],
): { band: FeverBand; abnormal: boolean; fever: boolean; listedSymptoms: string[] } {
  const band = classifyTemperature(temperature, monitoring.feverBands);
  const fever = band !== 'normal' && band !== 'below_normal';
  const listedSymptoms = symptoms.filter((s) => (monitoring.symptoms as readonly string[]).includes(s));
  return { band, fever, listedSymptoms, abnormal: fever || listedSymptoms.length > 0 };
}

/** Whether a temperature is outside what a thermometer on a living person plausibly shows. */
export function isImplausible(temperature: number, monitoring: PolicyBody['monitoring']): boolean {
  return temperature < monitoring.feverBands.measurementMin || temperature > monitoring.feverBands.measurementMax;
}

// Alerts

export const ALERT_STATUSES = ['open', 'closed'] as const;
export const AlertStatus = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const AlertStepState = z.object({
  step: EarlyStep,
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  /** The display name of `doneBy` (a username), added to answers; not stored with the step. */
  doneByName: z.string().nullable().optional(),
  note: z.string().nullable(),
});
export type AlertStepState = z.infer<typeof AlertStepState>;

// The report of a fever up the levels (R2.4, R7.1)

/** The step that is done by reporting through the system, never by a tick. */
export const REPORT_STEP: EarlyStep = 'report_superiors';

/**
 * Who a fever is reported to: the site manager (told by the alert itself), the town office and the
 * bureau (told through the notification rules by the report), and the health department, an outside
 * party recorded as told by whom and how.
 */
export const ALERT_REPORT_RECEIVERS = ['site_manager', 'town', 'bureau', 'health_department'] as const;
export const AlertReportReceiver = z.enum(ALERT_REPORT_RECEIVERS);
export type AlertReportReceiver = z.infer<typeof AlertReportReceiver>;

/** The levels whose being told is the report "gone up": an alert cannot close before (R2.4). */
export const REPORT_REQUIRED: readonly AlertReportReceiver[] = ['town', 'bureau'];

/** Each receiver's deadline from the opening, from the policy's escalation minutes. */
export function alertReportPlan(openedAt: Date, e: PolicyBody['escalation']): { to: AlertReportReceiver; dueAt: Date }[] {
  const minutes: Record<AlertReportReceiver, number> = {
    site_manager: e.reportToSiteManagerMinutes,
    town: e.reportToTownMinutes,
    bureau: e.reportToBureauMinutes,
    // The plans name no deadline for the health department; the bureau's is the local choice, as in the incident chains.
    health_department: e.reportToBureauMinutes,
  };
  return ALERT_REPORT_RECEIVERS.map((to) => ({ to, dueAt: new Date(openedAt.getTime() + minutes[to] * 60_000) }));
}

/** Where a late report goes: the level above its receiver (R7.3), as for an incident's steps. */
export function alertReportAbove(to: AlertReportReceiver): Receiver | null {
  return to === 'site_manager' ? 'town' : levelAbove(to);
}

/** A report's state at `now`; an alert closed without it stops its clock at the closing. */
export function alertReportState(r: { dueAt: Date; doneAt: Date | null }, now: Date): (typeof STEP_STATES)[number] {
  return stepState(r, now);
}

/** Whether the report has gone up: every required level told (R2.4). */
export function reportGone(reports: readonly { to: AlertReportReceiver; doneAt: string | Date | null }[]): boolean {
  return REPORT_REQUIRED.every((to) => reports.some((r) => r.to === to && r.doneAt !== null));
}

export const AlertNotice = z.object({
  channel: Channel,
  /** A user's name for in-app messages and e-mails to users; a masked address otherwise. */
  to: z.string(),
  at: z.string(),
  status: z.enum(['pending', 'delivered', 'dead', 'read']),
});
export type AlertNotice = z.infer<typeof AlertNotice>;

/** A receiver of the report: an incident step's fields (R7.2), with who the system told. */
export const AlertReport = IncidentStepView.omit({ id: true, to: true }).extend({
  to: AlertReportReceiver,
  /** Who the system told, on which channel and when. */
  told: z.array(AlertNotice),
});
export type AlertReport = z.infer<typeof AlertReport>;

export const ReportAlertInput = z.strictObject({ note: z.string().trim().max(200, 'at most 200 characters').optional() });
export type ReportAlertInput = z.input<typeof ReportAlertInput>;

/**
 * A party told outside the system: the health department always; the town office or the bureau
 * only when the system's report found nobody there to tell.
 */
export const ReportOutsideInput = NotifyOutside.extend({
  to: z.enum(['health_department', 'town', 'bureau']),
  contact: z.string().trim().min(1, 'field.required').max(100, 'at most 100 characters'),
});
export type ReportOutsideInput = z.input<typeof ReportOutsideInput>;

export const Alert = z.object({
  id: Uuid,
  siteId: Uuid,
  siteName: z.string(),
  personId: Uuid,
  personName: z.string(),
  /** What opened it: an abnormal reading, or a positive test (R4.4 → the same four earlies). */
  source: z.enum(['reading', 'test']),
  /** Null when a positive test opened the alert. */
  temperature: z.number().nullable(),
  band: z.enum(FEVER_BANDS).nullable(),
  symptoms: z.array(Symptom),
  /** The positive test that opened or joined this alert. */
  testId: Uuid.nullable(),
  openedAt: z.string(),
  status: AlertStatus,
  steps: z.array(AlertStepState),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeReason: z.string().nullable(),
  /** The incident this alert was promoted to (§7), or null. */
  incidentId: Uuid.nullable(),
  /** Who the fever is reported to, by when, and who was told how (R2.4). */
  reports: z.array(AlertReport),
});
export type Alert = z.infer<typeof Alert>;

export const CompleteStepInput = z.strictObject({ note: Text(200, { multiline: true }).optional() });
export const CloseAlertInput = z.strictObject({ reason: Text(500, { multiline: true }).min(2, 'field.required') });

/**
 * The checklist a new alert starts with: the policy's steps of the four earlies, none done. The
 * report up is always among them, whatever the policy lists: no fever closes unreported (R2.4).
 */
export function freshSteps(steps: readonly EarlyStep[]): AlertStepState[] {
  const all: readonly EarlyStep[] = steps.includes(REPORT_STEP) ? steps : [...steps, REPORT_STEP];
  return all.map((step) => ({ step, doneAt: null, doneBy: null, note: null }));
}

/** An alert closes by itself when every required step is done. */
export function allStepsDone(steps: readonly { doneAt: string | null }[]): boolean {
  return steps.every((s) => s.doneAt !== null);
}

// Rooms and placements

export const ROOM_KINDS = ['observation', 'isolation'] as const;
export const RoomKind = z.enum(ROOM_KINDS);
export type RoomKind = z.infer<typeof RoomKind>;

const roomFields = {
  name: Text(40).min(1, 'field.required'),
  kind: RoomKind,
  capacity: z.number().int().min(1, 'at least 1').max(50, 'at most 50'),
  /** A single room (单间): one person at a time, whatever its beds. */
  singleRoom: z.boolean().default(false),
  awayFromCrowds: z.boolean().default(false),
  ventilated: z.boolean().default(false),
  ownToilet: z.boolean().default(false),
  note: Text(200, { multiline: true }).nullable().optional(),
};
export const CreateRoom = z.strictObject({ siteId: Uuid, ...roomFields });
export type CreateRoom = z.input<typeof CreateRoom>;
export const UpdateRoom = z.strictObject({ ...roomFields, active: z.boolean() }).partial();
export type UpdateRoom = z.input<typeof UpdateRoom>;

export const Occupant = z.object({
  placementId: Uuid,
  personId: Uuid,
  personName: z.string(),
  reason: PlacementReason,
  startAt: z.string(),
  plannedEnd: IsoDate,
});

export const Room = z.object({
  id: Uuid,
  siteId: Uuid,
  name: z.string(),
  kind: RoomKind,
  capacity: z.number().int(),
  singleRoom: z.boolean(),
  awayFromCrowds: z.boolean(),
  ventilated: z.boolean(),
  ownToilet: z.boolean(),
  note: z.string().nullable(),
  active: z.boolean(),
  occupants: z.array(Occupant),
  free: z.number().int(),
});
export type Room = z.infer<typeof Room>;

export const PLACEMENT_OUTCOMES = ['released', 'sent_to_hospital', 'confirmed', 'transferred'] as const;
export const PlacementOutcome = z.enum(PLACEMENT_OUTCOMES);
export type PlacementOutcome = z.infer<typeof PlacementOutcome>;

export const CreatePlacement = z.strictObject({
  personId: Uuid,
  roomId: Uuid,
  reason: PlacementReason,
  /** The alert this placement answers: its "isolate" step is done with it. */
  alertId: Uuid.optional(),
  startAt: Instant.optional(),
  note: Text(200, { multiline: true }).optional(),
});
export type CreatePlacement = z.input<typeof CreatePlacement>;

export const EndPlacement = z.strictObject({
  outcome: PlacementOutcome,
  endedAt: Instant.optional(),
  note: Text(200, { multiline: true }).optional(),
});
export type EndPlacement = z.input<typeof EndPlacement>;

export const Placement = z.object({
  id: Uuid,
  siteId: Uuid,
  personId: Uuid,
  personName: z.string(),
  roomId: Uuid,
  roomName: z.string(),
  reason: PlacementReason,
  startAt: z.string(),
  plannedEnd: IsoDate,
  endedAt: z.string().nullable(),
  outcome: PlacementOutcome.nullable(),
  /** The latest negative sample taken after the start: what allows an early release (R5.3). */
  negativeTest: z.object({ id: Uuid, sampledAt: z.string() }).nullable(),
  note: z.string().nullable(),
});
export type Placement = z.infer<typeof Placement>;

/** The day a placement is planned to end: start day plus the policy's duration. */
export function plannedEndOf(startDay: string, durationDays: number): string {
  const d = new Date(`${startDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + durationDays);
  return d.toISOString().slice(0, 10);
}

/**
 * Why a placement may not go into a room, or undefined when it may (R5.1, R5.3, R5.4):
 * a full room, a single room already in use, or a reason that needs a room to itself.
 */
export function placementRefusal(
  room: { capacity: number; singleRoom: boolean; active: boolean },
  occupants: readonly { reason: string }[],
  reason: string,
  singleRoomReasons: readonly string[],
): 'inactive' | 'full' | 'single_room_taken' | 'needs_single_room' | undefined {
  if (!room.active) return 'inactive';
  const capacity = room.singleRoom ? 1 : room.capacity;
  if (occupants.length >= capacity) return room.singleRoom ? 'single_room_taken' : 'full';
  if (singleRoomReasons.includes(reason) && occupants.length > 0) return 'needs_single_room';
  if (occupants.some((o) => singleRoomReasons.includes(o.reason))) return 'single_room_taken';
  return undefined;
}

/**
 * Why a placement may not end now, or undefined: release before the planned end needs a
 * negative sample taken after the start (R5.3), when the policy says so.
 */
export function releaseRefusal(
  p: { startAt: string; plannedEnd: string },
  end: { outcome: string; day: string; negativeSampledAt?: string | null | undefined },
  needsNegativeTest: boolean,
): 'needs_negative_test' | 'test_before_start' | undefined {
  if (end.outcome !== 'released' || !needsNegativeTest || end.day >= p.plannedEnd) return undefined;
  const sampled = end.negativeSampledAt ? Date.parse(end.negativeSampledAt) : Number.NaN;
  if (Number.isNaN(sampled)) return 'needs_negative_test';
  if (sampled < Date.parse(p.startAt)) return 'test_before_start';
  return undefined;
}

// Rounds and coverage

export const RoundPerson = z.object({
  id: Uuid,
  name: z.string(),
  kind: PersonKind,
  status: PersonStatus,
  room: z.string().nullable(),
  bed: z.string().nullable(),
  post: z.string().nullable(),
  readings: z.array(Reading),
  openAlertId: Uuid.nullable(),
  placed: z.boolean(),
});
export type RoundPerson = z.infer<typeof RoundPerson>;

export const Coverage = z.object({
  expected: z.number().int(),
  checked: z.number().int(),
  /** Checked as often as the policy requires. */
  complete: z.number().int(),
  missing: z.number().int(),
  abnormal: z.number().int(),
});
export type Coverage = z.infer<typeof Coverage>;

export const Round = z.object({
  siteId: Uuid,
  siteName: z.string(),
  siteType: SiteType,
  day: IsoDate,
  /** The bands in force that day, so that an entry screen can classify as the nurse types. */
  feverBands: FeverBands,
  readingsPerDay: z.number().int(),
  symptoms: z.array(Symptom),
  people: z.array(RoundPerson),
  coverage: Coverage,
});
export type Round = z.infer<typeof Round>;

/**
 * Where a site's round stands. A site with nobody expected has nothing to check: that is neither
 * done nor behind, and is never shown or counted as 100 % (requirements §15).
 */
export const COVERAGE_STATUSES = ['complete', 'incomplete', 'nothing_to_check'] as const;
export const CoverageStatus = z.enum(COVERAGE_STATUSES);
export type CoverageStatus = z.infer<typeof CoverageStatus>;

export function coverageStatus(c: Pick<Coverage, 'expected' | 'complete'>): CoverageStatus {
  if (c.expected === 0) return 'nothing_to_check';
  return c.complete >= c.expected ? 'complete' : 'incomplete';
}

/** Share of the expected people checked (0 to 1); null when nobody is expected. */
export function coverageRate(c: Pick<Coverage, 'expected' | 'checked'>): number | null {
  return c.expected === 0 ? null : c.checked / c.expected;
}

/** Sites of a group by status: "27 done, 3 nothing to check, of 30". */
export const CoverageSiteCounts = z.object({
  sites: z.number().int(),
  sitesComplete: z.number().int(),
  sitesNothingToCheck: z.number().int(),
  /** Of the people expected in the group, the share checked; null when nobody is expected. */
  rate: z.number().nullable(),
});
export type CoverageSiteCounts = z.infer<typeof CoverageSiteCounts>;

export const SiteCoverage = Coverage.extend({
  status: CoverageStatus,
  rate: z.number().nullable(),
  siteId: Uuid,
  siteName: z.string(),
  siteType: z.string(),
  townId: Uuid.nullable(),
  townName: z.string().nullable(),
  openAlerts: z.number().int(),
  freeObservation: z.number().int(),
  freeIsolation: z.number().int(),
});
export type SiteCoverage = z.infer<typeof SiteCoverage>;

export const CoverageOverview = z.object({
  day: IsoDate,
  sites: z.array(SiteCoverage),
  byTown: z.array(Coverage.extend({ townId: Uuid, townName: z.string(), ...CoverageSiteCounts.shape })),
  bySiteType: z.array(Coverage.extend({ siteType: z.string(), ...CoverageSiteCounts.shape })),
  totals: Coverage.extend(CoverageSiteCounts.shape),
});
export type CoverageOverview = z.infer<typeof CoverageOverview>;

/** Sums of coverage rows (a town, a site type, the city). */
export function sumCoverage(rows: readonly Coverage[]): Coverage {
  const out: Coverage = { expected: 0, checked: 0, complete: 0, missing: 0, abnormal: 0 };
  for (const r of rows) {
    out.expected += r.expected;
    out.checked += r.checked;
    out.complete += r.complete;
    out.missing += r.missing;
    out.abnormal += r.abnormal;
  }
  return out;
}

/** The sums of a group of sites with how many are done and how many have nothing to check. */
export function sumSiteCoverage(rows: readonly (Coverage & { status: CoverageStatus })[]): Coverage & CoverageSiteCounts {
  const sum = sumCoverage(rows);
  return {
    ...sum,
    sites: rows.length,
    sitesComplete: rows.filter((r) => r.status === 'complete').length,
    sitesNothingToCheck: rows.filter((r) => r.status === 'nothing_to_check').length,
    rate: coverageRate(sum),
  };
}

/** Places still free in a room: none once anyone in it needs the room to themselves. */
export function freePlacesIn(
  room: { capacity: number; singleRoom: boolean; active: boolean },
  occupants: readonly { reason: string }[],
  singleRoomReasons: readonly string[],
): number {
  if (!room.active) return 0;
  if (occupants.some((o) => singleRoomReasons.includes(o.reason))) return 0;
  return Math.max(0, (room.singleRoom ? 1 : room.capacity) - occupants.length);
}

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const MONITORING_FIELD_TEXTS = defineTexts({
  'fever_bands.order': {
    'zh-CN': '体温分档必须递增：测量下限 < 正常下限 < 正常上限 < 低热上限 < 中热上限 < 高热上限 < 测量上限',
    en: 'bands must increase: measurementMin < normalMin < normalMax < lowFeverMax < moderateMax < highMax < measurementMax',
  },
  'temperature.one_decimal': { 'zh-CN': '体温最多保留一位小数', en: 'one decimal at most' },
});
