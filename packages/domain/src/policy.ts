import { z } from 'zod';
import { Text } from './input.js';
import { IsoDate, SITE_TYPES, type SiteType } from './org.js';
import { PersonKind } from './people.js';
import { EscalationChains, defaultChains } from './incidents.js';
import { SupplyCategory } from './supplies.js';
import { definePermissions } from './access.js';

/*
 * Policy as data (R14.1). Every number the work plans set lives here, with its default taken
 * from the source notice (晋政民〔2020〕87号). Where the notice names a measure but no number
 * (reception-room cap, escalation deadlines…), the default is a local choice marked so below;
 * bureaus are expected to set their own.
 */

export const POLICY_PERMISSIONS = definePermissions({
  'policy.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'grid_worker', 'inspector'],
  'policy.edit': [],
});

const Days = z.number().int().min(1).max(3650);
const Minutes = z.number().int().min(1).max(7 * 24 * 60);
const Celsius = z.number().min(30).max(45);

export const SYMPTOMS = ['fever', 'dry_cough', 'cough', 'diarrhoea', 'sore_throat', 'fatigue'] as const;
export const Symptom = z.enum(SYMPTOMS);
export type Symptom = z.infer<typeof Symptom>;

export const FeverBands = z
  .strictObject({
    /** Below this a reading is "below normal", not a fever. 36 ℃ per the rescue-station plan. */
    normalMin: Celsius,
    /** Upper bounds, each inclusive: normal ≤ 37.0, low fever ≤ 38.0, moderate ≤ 39.0, high ≤ 41.0, above is hyperpyrexia. */
    normalMax: Celsius,
    lowFeverMax: Celsius,
    moderateMax: Celsius,
    highMax: Celsius,
    /** Readings outside [measurementMin, measurementMax] are refused as measurement errors unless confirmed (R2.3). */
    measurementMin: Celsius,
    measurementMax: Celsius,
  })
  .refine(
    (b) => b.measurementMin < b.normalMin && b.normalMin < b.normalMax && b.normalMax < b.lowFeverMax
      && b.lowFeverMax < b.moderateMax && b.moderateMax < b.highMax && b.highMax < b.measurementMax,
    { message: 'bands must increase: measurementMin < normalMin < normalMax < lowFeverMax < moderateMax < highMax < measurementMax' },
  );
export type FeverBands = z.infer<typeof FeverBands>;

export const FEVER_BANDS = ['below_normal', 'normal', 'low_fever', 'moderate_fever', 'high_fever', 'hyperpyrexia'] as const;
export type FeverBand = (typeof FEVER_BANDS)[number];

/** Classifies a temperature by the policy's bands (R2.3); the caller has already range-checked it. */
export function classifyTemperature(celsius: number, bands: FeverBands): FeverBand {
  if (celsius < bands.normalMin) return 'below_normal';
  if (celsius <= bands.normalMax) return 'normal';
  if (celsius <= bands.lowFeverMax) return 'low_fever';
  if (celsius <= bands.moderateMax) return 'moderate_fever';
  if (celsius <= bands.highMax) return 'high_fever';
  return 'hyperpyrexia';
}

/** The steps of the "four earlies" (早发现、早报告、早隔离、早治疗) an abnormal reading starts (R2.4). */
export const EARLY_STEPS = ['isolate', 'refer_fever_clinic', 'report_station_leader', 'call_120', 'report_superiors'] as const;
export const EarlyStep = z.enum(EARLY_STEPS);
export type EarlyStep = z.infer<typeof EarlyStep>;

/** Why a person is placed in an observation or isolation room (R5.2). */
export const PLACEMENT_REASONS = ['symptom', 'new_intake', 'risk_area_arrival', 'no_health_code', 'suspected_case'] as const;
export const PlacementReason = z.enum(PLACEMENT_REASONS);
export type PlacementReason = z.infer<typeof PlacementReason>;

export const HEALTH_CODES = ['green', 'yellow', 'red'] as const;
export const HealthCode = z.enum(HEALTH_CODES);
export type HealthCode = z.infer<typeof HealthCode>;

export const PolicyBody = z.strictObject({
  monitoring: z.strictObject({
    readingsPerDay: z.number().int().min(1).max(12),
    symptoms: z.array(Symptom).min(1),
    feverBands: FeverBands,
    /** Who is expected in the daily round: the people of these kinds who are present. */
    expectedKinds: z.array(PersonKind),
    /** The steps an abnormal reading requires, in order. */
    earlySteps: z.array(EarlyStep).min(1),
  }),
  screening: z.strictObject({
    refuseHealthCodes: z.array(HealthCode),
    refuseSymptoms: z.array(Symptom),
    receptionMaxPeople: z.number().int().min(1).max(1000),
    receptionMaxStayMinutes: Minutes,
    /** Refuse anyone who was in a mid- or high-risk area in the last 14 days. */
    refuseRiskAreaTravel: z.boolean(),
    /** "戴口罩": refuse a visitor without a mask (a guard who hands one out records the mask as worn). */
    refuseWithoutMask: z.boolean(),
    /** Whether a visitor must give an ID number; the minimum necessary is a name and a phone. */
    idNumberRequired: z.boolean(),
    /** How long a self-registration code stays valid for the guard. */
    codeValidMinutes: Minutes,
    /** Visit records older than this are purged (PIPL: kept only as long as tracing needs). */
    retentionDays: Days,
  }),
  testing: z.strictObject({
    staffIntervalDays: Days,
    /** Null: residents are tested on intake and on indication only, as the plans say. */
    residentIntervalDays: Days.nullable(),
    intakeTestRequired: z.boolean(),
    /** A negative sample taken at most this many days before joining counts for the intake (R4.2). */
    intakeTestMaxAgeDays: Days,
    /** People whose next test falls within this many days are listed as due. */
    dueSoonDays: z.number().int().min(0).max(30),
    /** A result still pending this long after sampling is listed for follow-up (R4.4). */
    pendingFollowUpHours: z.number().int().min(1).max(720),
  }),
  isolation: z.strictObject({
    durationDays: Days,
    earlyReleaseNeedsNegativeTest: z.boolean(),
    /** Placements for these reasons need a room to themselves (R5.3: 单间). */
    singleRoomReasons: z.array(PlacementReason),
  }),
  supplies: z
    .strictObject({
      demandBasisDays: Days,
      targetDays: Days,
      floorDays: Days,
      replenishIntervalDays: Days,
      /** Daily demand from the previous peak (or per-head rates), or from the issues of the last basis period. */
      demandBasis: z.enum(['peak', 'recent_issues']),
      /** Size per-head demand on the site's full capacity rather than today's people (RS: 满负荷运转). */
      fullLoad: z.boolean(),
      /**
       * What every site of the type must hold (R6.1 per site type), each with a daily use per
       * person for sites without a peak on record (null: the catalogue's rate, if any). An item
       * of a required category with nothing usable is below the floor whatever its demand (§15).
       */
      required: z.array(z.strictObject({
        category: SupplyCategory,
        perHeadDaily: z.number().min(0).max(1000).nullable(),
      })).refine((list) => new Set(list.map((r) => r.category)).size === list.length, { message: 'each category at most once' }),
    })
    .refine((s) => s.floorDays <= s.targetDays, { message: 'floorDays must not exceed targetDays', path: ['floorDays'] }),
  escalation: z.strictObject({
    reportToSiteManagerMinutes: Minutes,
    reportToTownMinutes: Minutes,
    reportToBureauMinutes: Minutes,
    /** Per incident type, whom to report to and within how many minutes of the opening (R7.1, R7.3). */
    chains: EscalationChains,
  }),
  funeral: z.strictObject({
    maxMourningDays: Days,
    mourningAttendeeCap: z.number().int().min(1).max(10000),
    minDisinfectionsPerDay: z.number().int().min(0).max(24),
  }),
  community: z.strictObject({
    clueVerifyHours: z.number().int().min(1).max(720),
    arrivalMonitoringDays: Days,
    warningThreshold: z.number().int().min(1).max(10000),
    warningWindowHours: z.number().int().min(1).max(720),
  }),
});
export type PolicyBody = z.infer<typeof PolicyBody>;

/*
 * 储备品种以医用口罩、防护服、消杀用品为主，同步储备适量的防护目镜、防护帽、鞋套和手套; and the daily
 * round needs thermometers. The per-head rates are local defaults (the notice gives none), in the
 * catalogue's units: masks as the catalogue's 2 a day, the rest sized for a normal day's care.
 */
const REQUIRED_SUPPLIES: PolicyBody['supplies']['required'] = [
  { category: 'mask', perHeadDaily: 2 },
  { category: 'protective_suit', perHeadDaily: 0.05 },
  { category: 'disinfectant', perHeadDaily: 0.05 },
  { category: 'gloves', perHeadDaily: 1 },
  { category: 'thermometer', perHeadDaily: 0.005 },
];
// Communities keep masks, disinfectant and thermometers for their posts (§11), not care supplies.
const COMMUNITY_SUPPLIES = REQUIRED_SUPPLIES.filter((r) => ['mask', 'disinfectant', 'thermometer'].includes(r.category));
// Funeral plan: 接运遗体和火化人员必须着防护服、护目镜.
const FUNERAL_SUPPLIES: PolicyBody['supplies']['required'] = [...REQUIRED_SUPPLIES, { category: 'goggles', perHeadDaily: 0.01 }];

const BASE: PolicyBody = {
  monitoring: {
    readingsPerDay: 1,
    symptoms: ['fever', 'dry_cough', 'cough', 'diarrhoea', 'sore_throat', 'fatigue'],
    // Rescue-station plan: normal 36–37, low 37–38, moderate 38.1–39, high 39.1–41, above 41 hyperpyrexia.
    feverBands: { normalMin: 36, normalMax: 37, lowFeverMax: 38, moderateMax: 39, highMax: 41, measurementMin: 35, measurementMax: 43 },
    expectedKinds: ['resident', 'staff'],
    // 早隔离 (observation room), 早治疗 (designated fever clinic), 早报告 (town office, health department, bureau).
    earlySteps: ['isolate', 'refer_fever_clinic', 'report_superiors'],
  },
  screening: {
    refuseHealthCodes: ['red', 'yellow'],
    // Elderly-care and child-welfare plans: visitors with fever, cough or sore throat are refused.
    refuseSymptoms: ['fever', 'cough', 'dry_cough', 'sore_throat'],
    receptionMaxPeople: 4, // local default: the plans say "limit the number" without a figure
    receptionMaxStayMinutes: 30, // local default: the plans say "limit the stay" without a figure
    refuseRiskAreaTravel: true,
    refuseWithoutMask: true,
    idNumberRequired: false,
    codeValidMinutes: 120, // local default
    retentionDays: 28, // local default: two incubation periods for tracing
  },
  // "每4周落实1次"; the other numbers are local defaults the notice leaves open.
  testing: { staffIntervalDays: 28, residentIntervalDays: null, intakeTestRequired: true, intakeTestMaxAgeDays: 7, dueSoonDays: 3, pendingFollowUpHours: 48 },
  isolation: { durationDays: 14, earlyReleaseNeedsNegativeTest: true, singleRoomReasons: ['suspected_case'] },
  supplies: { demandBasisDays: 30, targetDays: 60, floorDays: 45, replenishIntervalDays: 15, demandBasis: 'peak', fullLoad: false, required: REQUIRED_SUPPLIES },
  // Local defaults: the plans require "timely" reports without deadlines.
  escalation: {
    reportToSiteManagerMinutes: 15, reportToTownMinutes: 60, reportToBureauMinutes: 120,
    chains: defaultChains({ reportToTownMinutes: 60, reportToBureauMinutes: 120 }),
  },
  funeral: { maxMourningDays: 3, mourningAttendeeCap: 50, minDisinfectionsPerDay: 2 },
  community: { clueVerifyHours: 24, arrivalMonitoringDays: 14, warningThreshold: 3, warningWindowHours: 24 },
};

/**
 * The note stored with the first version of every type (the defaults). Stored as it always was, in
 * both languages; the app shows its own wording of it in the reader's language instead.
 */
export const DEFAULT_POLICY_NOTE = '默认值，依据晋政民〔2020〕87号 / defaults from the source notice';

/** Defaults per site type, from the source notice. */
export const DEFAULT_POLICIES: Readonly<Record<SiteType, PolicyBody>> = {
  // 以既往疫情高峰期30天的需求量为基础备好60天防控物资，每半月补充一次，常态化保持不少于45天储备量
  elderly_care: BASE,
  // 至少备好60天防控物资，每半月补充一次，常态化保持不少于45天储备量
  child_welfare: { ...BASE, monitoring: { ...BASE.monitoring, expectedKinds: ['child', 'staff'] } },
  // Funeral plan: at least 45 days of supplies; mourning at most 3 days; at least two disinfections a day.
  funeral: {
    ...BASE,
    monitoring: { ...BASE.monitoring, expectedKinds: ['staff'] },
    supplies: { ...BASE.supplies, targetDays: 45, floorDays: 45, required: FUNERAL_SUPPLIES },
    // R7.4: problems go to the bureau's funeral affairs centre and up to the prefecture bureau.
    escalation: { ...BASE.escalation, chains: defaultChains({ reportToTownMinutes: 60, reportToBureauMinutes: 120 }, true) },
  },
  // Rescue station: at least 30 days at full load; temperature checked at intake and twice daily in stay.
  rescue_station: {
    ...BASE,
    // 发现异常立即上报站领导…报120及时送医治疗，同时将情况及时报备上级有关部门
    monitoring: {
      ...BASE.monitoring,
      readingsPerDay: 2,
      expectedKinds: ['client', 'staff'],
      earlySteps: ['report_station_leader', 'isolate', 'call_120', 'report_superiors'],
    },
    // Intake verifies identity (R3.5): an ID number is asked for, "identity unknown" allowed.
    screening: { ...BASE.screening, idNumberRequired: true },
    // 无健康码、中高风险地区来人：单间隔离14天
    isolation: { ...BASE.isolation, singleRoomReasons: ['suspected_case', 'no_health_code', 'risk_area_arrival'] },
    supplies: { ...BASE.supplies, targetDays: 30, floorDays: 30, fullLoad: true },
  },
  // Communities monitor arrivals and clues (§11), not a daily round of residents.
  community: { ...BASE, monitoring: { ...BASE.monitoring, expectedKinds: ['staff'] }, supplies: { ...BASE.supplies, required: COMMUNITY_SUPPLIES } },
};

/**
 * The sections of a policy that belong to some site types only (mourning rules to funeral sites,
 * clue verification and arrivals to communities); the others apply to every type. A section that
 * does not apply keeps its defaults in the body and is neither shown nor edited for that type.
 */
const SECTION_SITE_TYPES: Partial<Record<keyof PolicyBody, readonly SiteType[]>> = {
  funeral: ['funeral'],
  community: ['community'],
};

export function policySectionApplies(section: keyof PolicyBody, siteType: SiteType): boolean {
  const only = SECTION_SITE_TYPES[section];
  return !only || only.includes(siteType);
}

export const PolicyVersion = z.object({
  id: z.uuid(),
  siteType: z.enum(SITE_TYPES),
  version: z.number().int(),
  effectiveFrom: IsoDate,
  body: PolicyBody,
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type PolicyVersion = z.infer<typeof PolicyVersion>;

export const CreatePolicyVersion = z.strictObject({
  effectiveFrom: IsoDate,
  body: PolicyBody,
  note: Text(500, { multiline: true }).optional(),
});
export type CreatePolicyVersion = z.infer<typeof CreatePolicyVersion>;

/**
 * The version in force on a day: the latest effective-from not after the day; of two with the
 * same date, the later version (a correction issued the same day wins).
 */
export function policyInForce<T extends { version: number; effectiveFrom: string }>(
  versions: readonly T[],
  day: string,
): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > day) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

/** One site type's policy at a glance: the version in force today and how many there are. */
export const PolicySummary = z.object({
  siteType: z.enum(SITE_TYPES),
  current: PolicyVersion,
  versions: z.number().int(),
});
export type PolicySummary = z.infer<typeof PolicySummary>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy, so that nobody who changes a normalized body changes the defaults with it. */
function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function fillMissing(value: unknown, defaults: unknown): unknown {
  // A setting stored as null is as good as missing.
  if (!isPlainObject(defaults)) return value === undefined || value === null ? copy(defaults) : value;
  if (!isPlainObject(value)) return copy(defaults);
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(defaults)) out[k] = fillMissing(value[k], d);
  return out;
}

/**
 * A stored policy body brought up to the current shape: settings added to the schema after the
 * version was issued take their defaults for its site type, so that old versions stay readable
 * and editable; settings the schema no longer has are dropped.
 */
export function normalizePolicyBody(body: unknown, siteType: SiteType): PolicyBody {
  return fillMissing(body, DEFAULT_POLICIES[siteType]) as PolicyBody;
}
