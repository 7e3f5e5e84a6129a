import { z } from 'zod';
import { Instant, Text } from './input.js';
import { Uuid } from './org.js';
import { definePermissions } from './access.js';
import { Minutes, definePolicySection } from './policy-section.js';

/*
 * Incidents and their escalation (§7, R7.1–R7.4): what happened, to whom, the actions taken, and
 * the chain of reports up the levels, each with a deadline from the policy. A step not taken in
 * time is late and goes to the level above.
 */

export const INCIDENTS_PERMISSIONS = definePermissions({
  /** See incidents, their timelines and escalation steps. */
  'incidents.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'grid_worker', 'inspector'],
  /** Open incidents (or promote an alert), record actions and outside notifications, close them. */
  'incidents.act': ['town_officer', 'site_manager', 'site_staff', 'grid_worker'],
  /** Acknowledge an escalation step addressed to the caller's level (town office, city bureau). */
  'incidents.ack': ['bureau_officer', 'town_officer'],
});

/** R7.2. */
export const INCIDENT_TYPES = ['fever_cluster', 'suspected_case', 'confirmed_case', 'close_contact', 'death', 'other'] as const;
export const IncidentType = z.enum(INCIDENT_TYPES);
export type IncidentType = z.infer<typeof IncidentType>;

/** The timeline's actions a person records (R7.1: isolate, send to hospital, call 120, disinfect, list contacts). */
export const INCIDENT_ACTIONS = ['isolated', 'sent_to_hospital', 'called_120', 'disinfected', 'contacts_listed', 'other'] as const;
/**
 * What a timeline's action may be: those, and a step of a COVID-19 deceased's chain (R9.3), which
 * the funeral area records on the case's incident itself (the step's name in the note), so that
 * nobody records one by hand apart from the case.
 */
export const TIMELINE_ACTIONS = [...INCIDENT_ACTIONS, 'funeral_step'] as const;
export const IncidentAction = z.enum(TIMELINE_ACTIONS);
export type IncidentAction = z.infer<typeof IncidentAction>;

/**
 * Who a step reports to. The town office and the city bureau (and its funeral affairs centre)
 * acknowledge in the system; the health department and the prefecture bureau are outside parties,
 * recorded as notified by whom and how (§0).
 */
export const RECEIVERS = ['town', 'bureau', 'funeral_affairs_centre', 'health_department', 'prefecture_bureau'] as const;
export const Receiver = z.enum(RECEIVERS);
export type Receiver = z.infer<typeof Receiver>;

export const OUTSIDE_RECEIVERS: readonly Receiver[] = ['health_department', 'prefecture_bureau'];

export function isOutside(receiver: Receiver): boolean {
  return OUTSIDE_RECEIVERS.includes(receiver);
}

/**
 * Whether a holder of these grants speaks for a receiving level: a town officer bound to the
 * incident's town for `town`; a bureau admin or officer bound to the root (a path of one id) for
 * the bureau and its funeral affairs centre. Outside parties are recorded as told, never by grant.
 */
export function speaksFor(grants: readonly { role: string; nodeId: string; nodePath: string }[], receiver: Receiver, townId: string | null): boolean {
  switch (receiver) {
    case 'town':
      return townId !== null && grants.some((g) => g.nodeId === townId && g.role === 'town_officer');
    case 'bureau':
    case 'funeral_affairs_centre':
      return grants.some((g) => g.nodePath.split('/').length === 3 && (g.role === 'bureau_admin' || g.role === 'bureau_officer'));
    case 'health_department':
    case 'prefecture_bureau':
      return false;
  }
}

/** Where a late step goes: the level above its receiver (R7.3); null at the top. */
export function levelAbove(receiver: Receiver): Receiver | null {
  switch (receiver) {
    case 'town':
    case 'funeral_affairs_centre':
    case 'health_department':
      return 'bureau';
    case 'bureau':
      return 'prefecture_bureau';
    case 'prefecture_bureau':
      return null;
  }
}

export const ChainStep = z.strictObject({
  to: Receiver,
  /** Minutes from the opening of the incident. */
  withinMinutes: z.number().int().min(1).max(7 * 24 * 60),
});
export type ChainStep = z.infer<typeof ChainStep>;

/** The escalation chain per incident type: the policy's `escalation.chains`. */
export const EscalationChains = z.record(IncidentType, z.array(ChainStep).max(8));
export type EscalationChains = Record<IncidentType, ChainStep[]>;

/**
 * Defaults: the plans say "report at once" without numbers (R7.1: the town office, the health
 * department and the city bureau for a suspected case); these are local choices, set per bureau.
 */
export function defaultChains(m: { reportToTownMinutes: number; reportToBureauMinutes: number }, funeral = false): EscalationChains {
  const up: ChainStep[] = [{ to: 'town', withinMinutes: m.reportToTownMinutes }, { to: 'bureau', withinMinutes: m.reportToBureauMinutes }];
  // R7.4: funeral services report to the bureau's funeral affairs centre and up to the prefecture bureau.
  const funeralSteps: ChainStep[] = funeral ? [{ to: 'funeral_affairs_centre', withinMinutes: m.reportToTownMinutes }, { to: 'prefecture_bureau', withinMinutes: m.reportToBureauMinutes * 2 }] : [];
  const health: ChainStep = { to: 'health_department', withinMinutes: m.reportToBureauMinutes };
  return {
    suspected_case: [...up, health, ...funeralSteps],
    confirmed_case: [...up, health, ...funeralSteps],
    fever_cluster: [...up, ...funeralSteps],
    close_contact: [{ to: 'town', withinMinutes: m.reportToBureauMinutes }, ...funeralSteps],
    death: [...up, ...funeralSteps],
    other: [{ to: 'town', withinMinutes: m.reportToBureauMinutes * 2 }],
  };
}

export const ESCALATION_POLICY = definePolicySection({
  key: 'escalation',
  schema: z.strictObject({
    reportToSiteManagerMinutes: Minutes,
    reportToTownMinutes: Minutes,
    reportToBureauMinutes: Minutes,
    /** Per incident type, whom to report to and within how many minutes of the opening (R7.1, R7.3). */
    chains: EscalationChains,
  }),
}).withDefaults((siteType) => {
  // Local defaults: the plans require "timely" reports without deadlines.
  const minutes = { reportToTownMinutes: 60, reportToBureauMinutes: 120 };
  // R7.4: a funeral site's problems go to the bureau's funeral affairs centre and up to the prefecture bureau.
  return { reportToSiteManagerMinutes: 15, ...minutes, chains: defaultChains(minutes, siteType === 'funeral') };
});

export interface PlannedStep {
  to: Receiver;
  dueAt: Date;
}

/** The steps of an incident opened at `openedAt`, each with its deadline, earliest first. */
export function escalationPlan(openedAt: Date, chain: readonly ChainStep[]): PlannedStep[] {
  return chain
    .map((s) => ({ to: s.to, dueAt: new Date(openedAt.getTime() + s.withinMinutes * 60_000) }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export const STEP_STATES = ['pending', 'late', 'done', 'done_late'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** A step's state at `now`: late once its deadline has passed without it (R7.3). */
export function stepState(step: { dueAt: Date; doneAt: Date | null }, now: Date): StepState {
  if (step.doneAt) return step.doneAt.getTime() > step.dueAt.getTime() ? 'done_late' : 'done';
  return now.getTime() > step.dueAt.getTime() ? 'late' : 'pending';
}

/** Minutes from opening to each done step, for the mean time to each step in the overview. */
export function minutesTaken(openedAt: Date, doneAt: Date | null): number | null {
  return doneAt === null ? null : Math.max(0, Math.round((doneAt.getTime() - openedAt.getTime()) / 60_000));
}

/** The mean of the known values, to one decimal; null when there are none. */
export function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10;
}

// Schemas

export const CreateIncident = z.strictObject({
  siteId: Uuid,
  type: IncidentType,
  summary: Text(500, { multiline: true }).min(2, 'field.required'),
  personIds: z.array(Uuid).max(200).default([]),
  /** Promoted from a fever or positive-test alert. */
  alertId: Uuid.optional(),
  openedAt: Instant.optional(),
});
export type CreateIncident = z.input<typeof CreateIncident>;

export const RecordAction = z.strictObject({
  action: z.enum(INCIDENT_ACTIONS),
  at: Instant.optional(),
  note: Text(500, { multiline: true }).optional(),
});
export type RecordAction = z.input<typeof RecordAction>;

/** An outside party told (health department, prefecture bureau): by whom and how. */
export const NotifyOutside = z.strictObject({
  how: z.enum(['phone', 'fax', 'document', 'in_person', 'other']),
  contact: Text(100).optional(),
  note: Text(300, { multiline: true }).optional(),
});
export type NotifyOutside = z.input<typeof NotifyOutside>;

export const CloseIncident = z.strictObject({
  outcome: Text(500, { multiline: true }).min(2, 'field.required'),
});
export type CloseIncident = z.input<typeof CloseIncident>;

// Answers

export const IncidentStepView = z.object({
  id: Uuid,
  to: Receiver,
  outside: z.boolean(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  /** The display name of `doneBy` (a username): a person's name for people to read. */
  doneByName: z.string().nullable(),
  how: z.string().nullable(),
  contact: z.string().nullable(),
  note: z.string().nullable(),
  state: z.enum(STEP_STATES),
  /** The level a late step has been flagged to. */
  escalatedTo: Receiver.nullable(),
});
export type IncidentStepView = z.infer<typeof IncidentStepView>;

export const INCIDENT_EVENT_KINDS = ['opened', 'action', 'step_done', 'step_late', 'outside_notified', 'attachment', 'closed'] as const;

export const IncidentEvent = z.object({
  id: Uuid,
  kind: z.enum(INCIDENT_EVENT_KINDS),
  action: IncidentAction.nullable(),
  at: z.string(),
  by: z.string().nullable(),
  /** The display name of `by` (a username). */
  byName: z.string().nullable(),
  /** The note given; for an attachment, the file's name. */
  note: z.string().nullable(),
  /** The level or party of a step event. */
  receiver: Receiver.nullable(),
  /** A late step: the level it was raised to. */
  escalatedTo: Receiver.nullable(),
  /** An outside party: how it was told. */
  how: NotifyOutside.shape.how.nullable(),
});
export type IncidentEvent = z.infer<typeof IncidentEvent>;

export const Incident = z.object({
  id: Uuid,
  siteId: Uuid,
  siteName: z.string(),
  townId: Uuid.nullable(),
  townName: z.string().nullable(),
  type: IncidentType,
  summary: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  openedBy: z.string().nullable(),
  /** The display name of `openedBy` (a username). */
  openedByName: z.string().nullable(),
  alertId: Uuid.nullable(),
  people: z.array(z.object({ id: Uuid, name: z.string() })),
  steps: z.array(IncidentStepView),
  lateSteps: z.number().int(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type Incident = z.infer<typeof Incident>;

/** A message sent about an incident (R7.2: to whom, when, how), and whether it arrived or was read. */
export const IncidentNotice = z.object({
  at: z.string(),
  /** What it told: the incident opened, or a step late. */
  kind: z.enum(['incident_opened', 'step_late']),
  channel: z.enum(['in_app', 'email', 'wecom', 'dingtalk', 'webhook']),
  /** A user's name for in-app messages; a masked address otherwise. */
  to: z.string(),
  status: z.enum(['pending', 'delivered', 'dead', 'read']),
  deliveredAt: z.string().nullable(),
});
export type IncidentNotice = z.infer<typeof IncidentNotice>;

export const IncidentQuery = z.strictObject({
  siteId: Uuid.optional(),
  townId: Uuid.optional(),
  type: IncidentType.optional(),
  status: z.enum(['open', 'closed']).optional(),
  /** Only incidents with a late step. */
  late: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type IncidentQuery = z.input<typeof IncidentQuery>;

export const IncidentOverview = z.object({
  open: z.array(z.object({ type: IncidentType, townId: Uuid.nullable(), townName: z.string().nullable(), count: z.number().int() })),
  lateSteps: z.number().int(),
  /** Mean minutes from opening to each kind of step done. */
  meanMinutes: z.array(z.object({ to: Receiver, minutes: z.number().nullable(), done: z.number().int() })),
});
export type IncidentOverview = z.infer<typeof IncidentOverview>;
