import { z } from 'zod';
import type { SiteType } from './org.js';
import { PersonKind } from './people.js';
import { Days, definePolicySection } from './policy-section.js';

/*
 * The monitoring and isolation sections of the policy (R14.1), with the vocabularies they set:
 * symptoms, fever bands, the steps of the "four earlies", the reasons for a placement.
 */
// The monitoring policy

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
    { message: 'fever_bands.order' },
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

/** Who each type of site expects in its daily round. */
const EXPECTED_KINDS: Record<SiteType, PersonKind[]> = {
  elderly_care: ['resident', 'staff'],
  child_welfare: ['child', 'staff'],
  funeral: ['staff'],
  rescue_station: ['client', 'staff'],
  // Communities monitor arrivals and clues (§11), not a daily round of residents.
  community: ['staff'],
};

export const MONITORING_POLICY = definePolicySection({
  key: 'monitoring',
  schema: z.strictObject({
    readingsPerDay: z.number().int().min(1).max(12),
    symptoms: z.array(Symptom).min(1),
    feverBands: FeverBands,
    /** Who is expected in the daily round: the people of these kinds who are present. */
    expectedKinds: z.array(PersonKind),
    /** The steps an abnormal reading requires, in order. */
    earlySteps: z.array(EarlyStep).min(1),
  }),
}).withDefaults((siteType) => ({
  // Rescue station: temperature checked at intake and twice daily in stay.
  readingsPerDay: siteType === 'rescue_station' ? 2 : 1,
  symptoms: ['fever', 'dry_cough', 'cough', 'diarrhoea', 'sore_throat', 'fatigue'],
  // Rescue-station plan: normal 36–37, low 37–38, moderate 38.1–39, high 39.1–41, above 41 hyperpyrexia.
  feverBands: { normalMin: 36, normalMax: 37, lowFeverMax: 38, moderateMax: 39, highMax: 41, measurementMin: 35, measurementMax: 43 },
  expectedKinds: EXPECTED_KINDS[siteType],
  earlySteps: siteType === 'rescue_station'
    // 发现异常立即上报站领导…报120及时送医治疗，同时将情况及时报备上级有关部门
    ? ['report_station_leader', 'isolate', 'call_120', 'report_superiors']
    // 早隔离 (observation room), 早治疗 (designated fever clinic), 早报告 (town office, health department, bureau).
    : ['isolate', 'refer_fever_clinic', 'report_superiors'],
}));

/** Why a person is placed in an observation or isolation room (R5.2). */
/** `health_code_red_yellow`: a red or yellow code at the rescue station's intake, isolated like no code at all. */
export const PLACEMENT_REASONS = ['symptom', 'new_intake', 'risk_area_arrival', 'no_health_code', 'health_code_red_yellow', 'suspected_case'] as const;
export const PlacementReason = z.enum(PLACEMENT_REASONS);
export type PlacementReason = z.infer<typeof PlacementReason>;

export const ISOLATION_POLICY = definePolicySection({
  key: 'isolation',
  schema: z.strictObject({
    durationDays: Days,
    earlyReleaseNeedsNegativeTest: z.boolean(),
    /** Placements for these reasons need a room to themselves (R5.3: 单间). */
    singleRoomReasons: z.array(PlacementReason),
  }),
}).withDefaults((siteType) => ({
  durationDays: 14,
  earlyReleaseNeedsNegativeTest: true,
  singleRoomReasons: siteType === 'rescue_station'
    // 无健康码、中高风险地区来人：单间隔离14天; a red or yellow code is a local choice alike (R5.3).
    ? ['suspected_case', 'no_health_code', 'health_code_red_yellow', 'risk_area_arrival']
    : ['suspected_case'],
}));
