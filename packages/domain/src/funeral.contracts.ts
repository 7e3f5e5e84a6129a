import { z } from 'zod';
import { Instant, Text } from './input.js';
import { daysBetween } from './testing-due.js';
import { IsoDate, Uuid } from './org.js';
import { IdNumber, Phone } from './people.js';
import { Temperature } from './monitoring.js';
import { Limit } from './contracts.js';
import { CovidCaseStep, CovidForbiddenAction, CovidStepFacts, DeathCause } from './funeral-covid.js';
import { DisinfectionKind, EventState, HALL_DAYS_MAX, HallDisinfectionState, MOURNER_SYMPTOMS, MournerSymptom } from './funeral.js';

/*
 * The funeral area's inputs and answers: halls, mourning events and their registers, hall
 * disinfections, COVID-19 cases; a site's day and the funeral sites' day for the bureau.
 */

const Name = Text(50).min(1, 'field.required');
const Count = z.number().int().min(1).max(10000);
const Symptoms = z.array(z.enum(MOURNER_SYMPTOMS)).max(MOURNER_SYMPTOMS.length)
  .refine((s) => new Set(s).size === s.length, { message: 'funeral.symptoms_unique' });

// Halls

export const CreateHall = z.strictObject({ siteId: Uuid, name: Text(40).min(1, 'field.required'), capacity: Count });
export type CreateHall = z.input<typeof CreateHall>;
export const UpdateHall = z.strictObject({ name: Text(40).min(1, 'field.required').optional(), capacity: Count.optional(), active: z.boolean().optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'update.empty' });
export type UpdateHall = z.input<typeof UpdateHall>;

export const Hall = z.object({
  id: z.uuid(), siteId: z.uuid(), name: z.string(), capacity: z.number().int(), active: z.boolean(),
  /** Today: whether an event holds it, its routine disinfections and what the policy asks. */
  inUseToday: z.boolean(),
  disinfectionsToday: z.number().int(),
  requiredToday: z.number().int(),
  disinfectionState: HallDisinfectionState,
  /** The last event that ended here still awaits its final disinfection (no new event may start). */
  awaitingFinalFor: z.uuid().nullable(),
});
export type Hall = z.infer<typeof Hall>;
export const SiteQuery = z.strictObject({ siteId: Uuid });
export type SiteQuery = z.input<typeof SiteQuery>;
export const HallList = z.object({ halls: z.array(Hall) });
export type HallList = z.infer<typeof HallList>;
export const HallAnswer = z.object({ hall: Hall });
export type HallAnswer = z.infer<typeof HallAnswer>;

// Mourning events

export const CreateMourningEvent = z.strictObject({
  siteId: Uuid,
  hallId: Uuid,
  deceasedName: Name,
  deceasedIdNumber: IdNumber.optional(),
  dateOfDeath: IsoDate,
  cause: DeathCause,
  familyContactName: Name,
  familyPhone: Phone,
  startsAt: Instant,
  endsAt: Instant,
  /** The limit of the policy (or the hall) when absent. */
  attendeeCap: Count.optional(),
  note: Text(300, { multiline: true }).optional(),
});
export type CreateMourningEvent = z.input<typeof CreateMourningEvent>;

export const MourningEvent = z.object({
  id: z.uuid(), siteId: z.uuid(), siteName: z.string(), hallId: z.uuid(), hallName: z.string(),
  deceasedName: z.string(), deceasedIdNumber: z.string().nullable(), dateOfDeath: IsoDate, cause: DeathCause,
  familyContactName: z.string(), familyPhone: z.string().nullable(),
  startsAt: z.string(), endsAt: z.string(), attendeeCap: z.number().int(),
  state: EventState, endedAt: z.string().nullable(), cancelledAt: z.string().nullable(),
  /** Mourners admitted so far (the count against the cap) and refused. */
  attendees: z.number().int(), refused: z.number().int(),
  finalDisinfectedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type MourningEvent = z.infer<typeof MourningEvent>;

/** Events of a site, or of every site in scope, overlapping [from, to). */
export const EventQuery = z.strictObject({
  siteId: Uuid.optional(), hallId: Uuid.optional(), from: Instant.optional(), to: Instant.optional(),
  state: EventState.optional(), limit: Limit(500, 100), offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type EventQuery = z.input<typeof EventQuery>;
export const EventList = z.object({ events: z.array(MourningEvent), total: z.number().int() });
export type EventList = z.infer<typeof EventList>;
export const EventAnswer = z.object({ event: MourningEvent });
export type EventAnswer = z.infer<typeof EventAnswer>;

/** The register's link: the page mourners open from the poster. */
export const RegisterLink = z.object({ token: z.string(), url: z.string() });
export type RegisterLink = z.infer<typeof RegisterLink>;

// The mourners' register

export const MournerRegistration = z.strictObject({
  name: Name,
  phone: Phone,
  symptoms: Symptoms.default([]),
  consent: z.literal(true, { message: 'consent.required' }),
});
export type MournerRegistration = z.input<typeof MournerRegistration>;

/** Registered by the family's helper: a mourner without a phone, a temperature taken at the door. */
export const HelperMournerRegistration = z.strictObject({
  name: Name,
  phone: Phone.optional(),
  symptoms: Symptoms.default([]),
  temperature: Temperature.optional(),
});
export type HelperMournerRegistration = z.input<typeof HelperMournerRegistration>;

export const Mourner = z.object({
  id: z.uuid(), eventId: z.uuid(), name: z.string(), phone: z.string().nullable(),
  symptoms: z.array(MournerSymptom), temperature: z.number().nullable(),
  source: z.enum(['qr', 'helper']), registeredAt: z.string(), registeredByName: z.string().nullable(),
});
export type Mourner = z.infer<typeof Mourner>;
export const MournerList = z.object({ mourners: z.array(Mourner), attendees: z.number().int(), cap: z.number().int() });
export type MournerList = z.infer<typeof MournerList>;
export const MournerAnswer = z.object({ mourner: Mourner, attendees: z.number().int(), cap: z.number().int() });
export type MournerAnswer = z.infer<typeof MournerAnswer>;

/** What the public register page shows before the form (nothing about other mourners but the count). */
export const PublicEventParams = z.strictObject({ token: z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/) });
export const PublicEvent = z.object({
  siteName: z.string(), hallName: z.string(), deceasedName: z.string(), startsAt: z.string(), endsAt: z.string(),
  state: EventState, attendees: z.number().int(), cap: z.number().int(), retentionDays: z.number().int(),
});
export type PublicEvent = z.infer<typeof PublicEvent>;
/**
 * The answer to an admitted mourner. A refused one gets an error answer whose message (in the
 * mourner's language) quotes the plan, and nothing is written.
 */
export const PublicMournerAnswer = z.object({ name: z.string(), eventName: z.string(), attendees: z.number().int(), cap: z.number().int() });
export type PublicMournerAnswer = z.infer<typeof PublicMournerAnswer>;

/** Tracing: who attended an event, or whether a phone was at any event between two instants. */
export const TraceQuery = z.strictObject({ phone: Phone, from: Instant, to: Instant });
export type TraceQuery = z.input<typeof TraceQuery>;
export const TraceHit = z.object({ mourner: Mourner, event: MourningEvent });
export const TraceAnswer = z.object({ hits: z.array(TraceHit) });
export type TraceAnswer = z.infer<typeof TraceAnswer>;

// Disinfections of halls

export const RecordDisinfection = z.strictObject({
  hallId: Uuid,
  kind: DisinfectionKind,
  /** The event a final disinfection closes; the hall's last ended event when absent. */
  eventId: Uuid.optional(),
  at: Instant.optional(),
  agent: Text(60).min(1, 'field.required'),
  place: Text(100).min(1, 'field.required'),
  /** Who disinfected (the recording account when absent). */
  byName: Text(50).optional(),
  note: Text(300, { multiline: true }).optional(),
});
export type RecordDisinfection = z.input<typeof RecordDisinfection>;
export const Disinfection = z.object({
  id: z.uuid(), hallId: z.uuid(), hallName: z.string(), eventId: z.uuid().nullable(), kind: DisinfectionKind,
  at: z.string(), agent: z.string(), place: z.string(), byName: z.string(), recordedByName: z.string().nullable(), note: z.string().nullable(),
});
export type Disinfection = z.infer<typeof Disinfection>;
export const DisinfectionQuery = z.strictObject({ siteId: Uuid, from: IsoDate.optional(), to: IsoDate.optional() });
export type DisinfectionQuery = z.input<typeof DisinfectionQuery>;
export const DisinfectionList = z.object({ disinfections: z.array(Disinfection) });
export type DisinfectionList = z.infer<typeof DisinfectionList>;
export const DisinfectionAnswer = z.object({ disinfection: Disinfection });
export type DisinfectionAnswer = z.infer<typeof DisinfectionAnswer>;

/** The halls' disinfection register (消杀记录) of a site over local days, both included. */
export const HallDaysQuery = z.strictObject({ siteId: Uuid, from: IsoDate, to: IsoDate })
  .refine((q) => q.to >= q.from, { path: ['to'], message: 'funeral.to_before_from' })
  .refine((q) => q.to < q.from || daysBetween(q.from, q.to) < HALL_DAYS_MAX, { path: ['to'], message: 'funeral.period_too_long' });
export type HallDaysQuery = z.input<typeof HallDaysQuery>;
export const HallDay = z.object({
  day: IsoDate, hallId: z.uuid(), hallName: z.string(), inUse: z.boolean(),
  /** Routine disinfections of the day, and the policy's number for a hall in use (0 when not in use). */
  routine: z.number().int(), required: z.number().int(),
  /** Final disinfections (after an event) done that day. */
  finals: z.number().int(),
  state: HallDisinfectionState,
});
export type HallDay = z.infer<typeof HallDay>;
export const HallDays = z.object({
  siteId: z.uuid(), siteName: z.string(),
  /** The period answered: `to` is today at the latest (the days to come have nothing to show). */
  from: IsoDate, to: IsoDate,
  /** The policy's routine disinfections a day for a hall in use, on the last day answered. */
  required: z.number().int(),
  /** Newest day first, the halls by name within a day. */
  days: z.array(HallDay),
  /** Hall-days in use whose disinfections fell short. */
  missed: z.number().int(),
});
export type HallDays = z.infer<typeof HallDays>;

// COVID-19 cases (R9.3)

export const OpenCovidCase = z.strictObject({
  siteId: Uuid,
  deceasedName: Name,
  deceasedIdNumber: IdNumber.optional(),
  cause: DeathCause.refine((c) => c !== 'ordinary', { message: 'funeral.cause_not_covid' }),
  dateOfDeath: IsoDate,
  hospital: Text(100).min(1, 'field.required'),
  /** Rule 1: who at the bureau passed on the health department's notice. */
  notifiedBy: Text(50).min(1, 'field.required'),
  at: Instant.optional(),
  note: Text(300, { multiline: true }).optional(),
});
export type OpenCovidCase = z.input<typeof OpenCovidCase>;

export const RecordCovidStep = z.strictObject({
  step: CovidCaseStep,
  facts: CovidStepFacts.default({}),
  at: Instant.optional(),
  /** Who did it (the recording account when absent): the driver, the cremator's operator. */
  byName: Text(50).optional(),
  note: Text(300, { multiline: true }).optional(),
});
export type RecordCovidStep = z.input<typeof RecordCovidStep>;

/**
 * Something the family or someone else asks that the plan forbids (a viewing, a ceremony …): always
 * refused with the rule's words, and the refusal kept in the audit trail.
 */
export const CovidRequest = z.strictObject({ action: CovidForbiddenAction, note: Text(300, { multiline: true }).optional() });
export type CovidRequest = z.input<typeof CovidRequest>;

export const CovidCaseStepRecord = z.object({
  step: CovidCaseStep, at: z.string(), byName: z.string(), recordedByName: z.string().nullable(),
  facts: CovidStepFacts, note: z.string().nullable(),
  /** The deadline it had, and whether it was met. */
  dueAt: z.string().nullable(), late: z.boolean(),
});
export const CovidCase = z.object({
  id: z.uuid(), siteId: z.uuid(), siteName: z.string(),
  deceasedName: z.string(), deceasedIdNumber: z.string().nullable(), cause: DeathCause, dateOfDeath: IsoDate, hospital: z.string(),
  incidentId: z.uuid().nullable(), openedAt: z.string(), archivedAt: z.string().nullable(),
  steps: z.array(CovidCaseStepRecord),
  nextStep: CovidCaseStep.nullable(), nextDueAt: z.string().nullable(), late: z.boolean(),
});
export type CovidCase = z.infer<typeof CovidCase>;
export const CovidCaseQuery = z.strictObject({ siteId: Uuid.optional(), open: z.enum(['true', 'false']).optional() });
export type CovidCaseQuery = z.input<typeof CovidCaseQuery>;
export const CovidCaseList = z.object({ cases: z.array(CovidCase) });
export type CovidCaseList = z.infer<typeof CovidCaseList>;
export const CovidCaseAnswer = z.object({ case: CovidCase });
export type CovidCaseAnswer = z.infer<typeof CovidCaseAnswer>;

// A site's day, and the funeral sites' day

export const FuneralToday = z.object({
  siteId: z.uuid(), siteName: z.string(), day: IsoDate,
  riskLevel: z.enum(['low', 'medium', 'high']),
  limits: z.object({ eventsAllowed: z.boolean(), attendeeCap: z.number().int(), maxDays: z.number().int() }),
  events: z.array(MourningEvent),
  halls: z.array(Hall),
  openCases: z.array(CovidCase),
});
export type FuneralToday = z.infer<typeof FuneralToday>;

export const FuneralSiteDay = z.object({
  siteId: z.uuid(), siteName: z.string(), townName: z.string().nullable(),
  events: z.number().int(), attendees: z.number().int(), hallsInUse: z.number().int(),
  /** Halls whose disinfections fell short of the policy today (once its hour has passed). */
  missedDisinfections: z.number().int(),
  /** Ended events still awaiting their final disinfection. */
  awaitingFinal: z.number().int(),
  openCases: z.number().int(), lateSteps: z.number().int(),
});
export type FuneralSiteDay = z.infer<typeof FuneralSiteDay>;
export const FuneralOverview = z.object({ day: IsoDate, sites: z.array(FuneralSiteDay) });
export type FuneralOverview = z.infer<typeof FuneralOverview>;
