import { z } from 'zod';
import { definePermissions } from './access.js';
import { Days, definePolicySection } from './policy-section.js';
import type { RiskLevel } from './org.js';
import { classifyTemperature, type FeverBands } from './monitoring-policy.js';
import { COVID_RULE_TEXTS, isCovidDeath, type CovidCaseStep, type DeathCause } from './funeral-covid.js';
import { defineTexts, type Bilingual } from './texts.js';

/*
 * Funeral services (the funeral plan, R9.1–R9.4, R8.2, R7.4): mourning events (治丧) in a site's
 * halls, each with its mourners' register; the halls' disinfection; and the chain of a COVID-19
 * deceased (funeral-covid.ts). Their supplies, round and escalation chain are set by those areas
 * per site type.
 */

export const FUNERAL_PERMISSIONS = definePermissions({
  /** See a funeral site's halls, events, registers, disinfections and COVID-19 cases; the funeral sites' day. */
  'funeral.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'inspector'],
  /** Book and end mourning events, register mourners for a family, record hall disinfections. */
  'funeral.write': ['site_manager', 'site_staff'],
  /** Open a site's halls, rename them, take them out of use. */
  'funeral.halls': ['site_manager'],
  /** Open a COVID-19 case and record the steps of its chain. */
  'funeral.cases': ['site_manager', 'site_staff'],
});

/** What a risk level of the site's area allows of a gathering (R9.1: "in an epidemic area the local HQ decides"). */
const RiskLimit = z.strictObject({
  eventsAllowed: z.boolean(),
  attendeeCap: z.number().int().min(1).max(10000),
  maxDays: Days,
});
export type RiskLimit = z.infer<typeof RiskLimit>;

const Hours = z.number().int().min(1).max(24 * 30);

export const FUNERAL_POLICY = definePolicySection({
  key: 'funeral',
  siteTypes: ['funeral'],
  schema: z.strictObject({
    maxMourningDays: Days,
    mourningAttendeeCap: z.number().int().min(1).max(10000),
    minDisinfectionsPerDay: z.number().int().min(0).max(24),
    /** The local hour by which a hall in use has had the day's disinfections, or is flagged. */
    disinfectionCheckHour: z.number().int().min(1).max(23),
    /** What a mid- and a high-risk area allow (a low-risk area: the numbers above). */
    riskLimits: z.strictObject({ medium: RiskLimit, high: RiskLimit }),
    /** Deadlines of a COVID-19 case's steps, in hours (R7.3): from the notice to the collection, */
    covidCollectionHours: Hours,
    /** from the collection to the cremation ("立即火化"), */
    covidCremationHours: Hours,
    /** from the cremation to the certificate, the ashes and the terminal disinfection, */
    covidAftercareHours: Hours,
    /** and from the cremation to the archive and the report. */
    covidArchiveHours: Hours,
  }),
}).withDefaults(() => ({
  // Funeral plan 七.1: mourning at most 3 days; 七.3: at least two disinfections a day, a full one at the end.
  maxMourningDays: 3, mourningAttendeeCap: 50, minDisinfectionsPerDay: 2,
  // Local choice: the second disinfection is expected by mid-afternoon, while mourners are still there.
  disinfectionCheckHour: 16,
  // Funeral plan 七.1–2: in an epidemic area the local HQ decides the length and the scale. Local
  // choice until it does: a mid-risk area keeps one small day, a high-risk area no gathering.
  riskLimits: {
    medium: { eventsAllowed: true, attendeeCap: 10, maxDays: 1 },
    high: { eventsAllowed: false, attendeeCap: 1, maxDays: 1 },
  },
  // Funeral plan 八.2 says "立即火化" and 八.7 "及时上报"; the hours are a local choice.
  covidCollectionHours: 6, covidCremationHours: 12, covidAftercareHours: 24, covidArchiveHours: 72,
}));
export type FuneralPolicy = z.infer<typeof FUNERAL_POLICY.schema>;

// Mourning events (R9.1)

/** What the site's area allows today: whether a gathering may be held, how long and how many. */
export function mourningLimits(policy: FuneralPolicy, risk: RiskLevel): RiskLimit {
  const base = { eventsAllowed: true, attendeeCap: policy.mourningAttendeeCap, maxDays: policy.maxMourningDays };
  if (risk === 'low') return base;
  const l = policy.riskLimits[risk];
  return { eventsAllowed: l.eventsAllowed, attendeeCap: Math.min(base.attendeeCap, l.attendeeCap), maxDays: Math.min(base.maxDays, l.maxDays) };
}

/** A booking as the rules read it. */
export interface EventPlan {
  cause: DeathCause;
  startsAt: Date;
  endsAt: Date;
  /** Asked for; the limit when absent. */
  attendeeCap?: number | undefined;
}

export type EventRefusal =
  | 'covid_deceased' | 'gatherings_forbidden' | 'ends_before_start' | 'starts_in_past' | 'too_long' | 'cap_over_limit' | 'cap_over_hall';

/** The field of the booking form a refusal is about. */
export const EVENT_REFUSAL_FIELD: Readonly<Record<EventRefusal, string>> = {
  covid_deceased: 'cause', gatherings_forbidden: 'startsAt', ends_before_start: 'endsAt', starts_in_past: 'startsAt',
  too_long: 'endsAt', cap_over_limit: 'attendeeCap', cap_over_hall: 'attendeeCap',
};

/** A booking may start a few minutes back (the form was open a while); earlier is a past date. */
export const BOOKING_GRACE_MS = 10 * 60_000;

/**
 * Whether a mourning event may be booked: null when it may, else the first rule it breaks. The
 * hall's other bookings and its final disinfection are the server's to check (they need the rows).
 */
export function checkMourningEvent(plan: EventPlan, at: { now: Date; limits: RiskLimit; hallCapacity: number }): EventRefusal | null {
  // Funeral plan 八.9: no mourning of any kind for a COVID-19 deceased, confirmed or suspected.
  if (isCovidDeath(plan.cause)) return 'covid_deceased';
  if (!at.limits.eventsAllowed) return 'gatherings_forbidden';
  if (plan.endsAt.getTime() <= plan.startsAt.getTime()) return 'ends_before_start';
  if (plan.startsAt.getTime() < at.now.getTime() - BOOKING_GRACE_MS) return 'starts_in_past';
  if (plan.endsAt.getTime() - plan.startsAt.getTime() > at.limits.maxDays * 86_400_000) return 'too_long';
  if (plan.attendeeCap !== undefined && plan.attendeeCap > at.limits.attendeeCap) return 'cap_over_limit';
  if (plan.attendeeCap !== undefined && plan.attendeeCap > at.hallCapacity) return 'cap_over_hall';
  return null;
}

/** The cap an event is booked with: what was asked, or the smaller of the limit and the hall. */
export function eventCap(plan: EventPlan, limits: RiskLimit, hallCapacity: number): number {
  return plan.attendeeCap ?? Math.min(limits.attendeeCap, hallCapacity);
}

/** Two bookings of one hall clash when their times overlap (an end may meet the next start). */
export function bookingsOverlap(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

export const EVENT_STATES = ['upcoming', 'ongoing', 'ended', 'cancelled'] as const;
export const EventState = z.enum(EVENT_STATES);
export type EventState = z.infer<typeof EventState>;

/** Where an event stands at `now`: ended early by the site, or by its times. */
export function eventState(e: { startsAt: Date; endsAt: Date; endedAt: Date | null; cancelledAt: Date | null }, now: Date): EventState {
  if (e.cancelledAt) return 'cancelled';
  if (e.endedAt || e.endsAt.getTime() <= now.getTime()) return 'ended';
  return e.startsAt.getTime() <= now.getTime() ? 'ongoing' : 'upcoming';
}

// The mourners' register (R9.2)

/** Funeral plan 七.3: "患有感冒、咳嗽、发烧症状者不得参与治丧". */
export const MOURNER_SYMPTOMS = ['fever', 'cough', 'cold'] as const;
export const MournerSymptom = z.enum(MOURNER_SYMPTOMS);
export type MournerSymptom = z.infer<typeof MournerSymptom>;

export type MournerRefusal = 'symptoms' | 'fever_measured' | 'register_full' | 'event_over';

/**
 * Whether a mourner may attend: refused with a cold, a cough or a fever (declared, or measured
 * by the family's helper against the fever bands), once the cap is reached, or after the event.
 */
export function screenMourner(
  m: { symptoms: readonly MournerSymptom[]; temperature?: number | undefined },
  at: { registered: number; cap: number; state: EventState; bands: FeverBands },
): MournerRefusal[] {
  if (at.state === 'ended' || at.state === 'cancelled') return ['event_over'];
  const out: MournerRefusal[] = [];
  if (m.symptoms.length > 0) out.push('symptoms');
  if (m.temperature !== undefined && classifyTemperature(m.temperature, at.bands) !== 'normal' && classifyTemperature(m.temperature, at.bands) !== 'below_normal') {
    out.push('fever_measured');
  }
  // Only someone who may attend takes a place; the full register is said last.
  if (out.length === 0 && at.registered >= at.cap) out.push('register_full');
  return out;
}

// Disinfection of halls (R8.2)

export const DISINFECTION_KINDS = ['routine', 'final'] as const;
export const DisinfectionKind = z.enum(DISINFECTION_KINDS);
export type DisinfectionKind = z.infer<typeof DisinfectionKind>;

/** The longest period of the halls' disinfection register, in days: two months for an inspection. */
export const HALL_DAYS_MAX = 62;

export const HallDisinfectionState = z.enum(['not_in_use', 'ok', 'due', 'missed']);
export type HallDisinfectionState = z.infer<typeof HallDisinfectionState>;

/**
 * A hall's disinfection on a day: not in use (nothing asked), enough, still due before the
 * policy's hour, or missed (fewer than the policy's number once the hour has passed).
 */
export function hallDisinfectionState(
  h: { inUse: boolean; routineToday: number; localHour: number },
  policy: Pick<FuneralPolicy, 'minDisinfectionsPerDay' | 'disinfectionCheckHour'>,
): HallDisinfectionState {
  if (!h.inUse) return 'not_in_use';
  if (h.routineToday >= policy.minDisinfectionsPerDay) return 'ok';
  return h.localHour >= policy.disinfectionCheckHour ? 'missed' : 'due';
}

// COVID-19 cases: the deadline of each step (R7.3)

/** The step a deadline runs from, and the policy's hours for it. */
export function covidStepDeadline(
  step: CovidCaseStep, doneAt: Partial<Record<CovidCaseStep, Date>>, policy: FuneralPolicy,
): Date | null {
  const after = (from: CovidCaseStep, hours: number) => {
    const t = doneAt[from];
    return t ? new Date(t.getTime() + hours * 3_600_000) : null;
  };
  switch (step) {
    case 'notified': return null;
    case 'handover':
    case 'collected': return after('notified', policy.covidCollectionHours);
    case 'cremated': return after('collected', policy.covidCremationHours);
    case 'certified':
    case 'ashes_released':
    case 'disinfected': return after('cremated', policy.covidAftercareHours);
    case 'archived': return after('cremated', policy.covidArchiveHours);
  }
}

// Texts

/** What a person reads when a booking is refused. */
export const EVENT_REFUSAL_TEXTS = defineTexts({
  gatherings_forbidden: (riskZh: string, riskEn: string) => ({
    'zh-CN': `本机构所在地区为${riskZh}风险地区，按现行防控政策暂停举办治丧活动`,
    en: `The site lies in a ${riskEn}-risk area: under the policy in force no mourning event may be held`,
  }),
  ends_before_start: { 'zh-CN': '结束时间须晚于开始时间', en: 'The end must be after the start' },
  starts_in_past: { 'zh-CN': '新预约的开始时间不能早于现在', en: 'A new booking cannot start in the past' },
  too_long: (days: number) => ({ 'zh-CN': `治丧时间不得超过 ${days} 天`, en: `A mourning event lasts at most ${days} day(s)` }),
  cap_over_limit: (cap: number) => ({ 'zh-CN': `吊唁人数不得超过 ${cap} 人`, en: `At most ${cap} attendees are allowed` }),
  cap_over_hall: (capacity: number) => ({ 'zh-CN': `超过该厅容量（${capacity} 人）`, en: `More than the hall holds (${capacity})` }),
});

const RISK_ZH: Readonly<Record<RiskLevel, string>> = { low: '低', medium: '中', high: '高' };

/** The text of a booking's refusal, with the numbers of the limits in force. */
export function eventRefusalText(refusal: EventRefusal, limits: RiskLimit, risk: RiskLevel, hallCapacity: number): Bilingual {
  switch (refusal) {
    case 'covid_deceased': return COVID_RULE_TEXTS[9];
    case 'gatherings_forbidden': return EVENT_REFUSAL_TEXTS.gatherings_forbidden(RISK_ZH[risk], risk);
    case 'ends_before_start': return EVENT_REFUSAL_TEXTS.ends_before_start;
    case 'starts_in_past': return EVENT_REFUSAL_TEXTS.starts_in_past;
    case 'too_long': return EVENT_REFUSAL_TEXTS.too_long(limits.maxDays);
    case 'cap_over_limit': return EVENT_REFUSAL_TEXTS.cap_over_limit(limits.attendeeCap);
    case 'cap_over_hall': return EVENT_REFUSAL_TEXTS.cap_over_hall(hallCapacity);
  }
}

/** What a mourner (or the helper) reads when refused: the plan's words. */
export const MOURNER_REFUSAL_TEXTS: Readonly<Record<MournerRefusal, Bilingual>> = {
  symptoms: {
    'zh-CN': '患有感冒、咳嗽、发烧症状者不得参与治丧，请回家休息，如有需要请及时就医',
    en: 'People with a cold, a cough or a fever may not attend a mourning event; please go home and see a doctor if needed',
  },
  fever_measured: {
    'zh-CN': '体温异常，不得参与治丧，请及时就医',
    en: 'Your temperature is above normal: you may not attend; please see a doctor',
  },
  register_full: {
    'zh-CN': '本场治丧吊唁人数已满，为减少人员聚集，请改为线上或电话慰问',
    en: 'This mourning event has reached its number of attendees; to avoid crowding, please offer your condolences by phone or online',
  },
  event_over: { 'zh-CN': '本场治丧活动已结束', en: 'This mourning event is over' },
};

/** Messages the area's schemas give as codes. */
export const FUNERAL_FIELD_TEXTS = defineTexts({
  'funeral.cause_not_covid': { 'zh-CN': '新冠肺炎遗体处置仅适用于确诊或疑似病例', en: 'only a confirmed or suspected COVID-19 death opens a case' },
  'funeral.symptoms_unique': { 'zh-CN': '症状不能重复', en: 'a symptom is listed twice' },
  'funeral.to_before_from': { 'zh-CN': '结束日期不能早于开始日期', en: 'the end date is before the start date' },
  'funeral.period_too_long': { 'zh-CN': `查询期间最长 ${HALL_DAYS_MAX} 天`, en: `the period is at most ${HALL_DAYS_MAX} days` },
});
