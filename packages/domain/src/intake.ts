import type { HealthCode } from './screening.js';
import { classifyTemperature, type EarlyStep, type FeverBand, type PlacementReason, type Symptom } from './monitoring-policy.js';
import type { PolicyBody } from './policy.js';

/*
 * The rescue station's intake (R10.1, R3.5, R5.3, R2.4): a risk assessment decides the path of a
 * person taken in, and nobody the plan says to isolate or to treat is turned away. A fever or a
 * listed symptom goes to the observation room with the four earlies (report to the station
 * leader, isolate, call 120, report up); no health code, a red or yellow code, or a mid- or
 * high-risk area in the last 14 days goes to a single room for the policy's days; anyone else is
 * admitted. Whatever the findings, the answer is never "refuse".
 */

export const INTAKE_PATHS = ['admit', 'single_room_isolation', 'observation'] as const;
export type IntakePath = (typeof INTAKE_PATHS)[number];

/** What the assessment found, in the order a person reads them. */
export const INTAKE_FINDINGS = ['fever', 'symptoms', 'no_health_code', 'code_red', 'code_yellow', 'risk_area_arrival'] as const;
export type IntakeFinding = (typeof INTAKE_FINDINGS)[number];

export interface IntakeFacts {
  /** The code shown, or null when the person has none (often: no phone). */
  healthCode: HealthCode | null;
  /** In a mid- or high-risk area within the last 14 days (by the travel record). */
  riskAreaWithin14Days: boolean;
  temperature: number;
  symptoms: readonly Symptom[];
}

export interface IntakeAssessment {
  path: IntakePath;
  findings: IntakeFinding[];
  band: FeverBand;
  /** The steps of the four earlies the alert opens with (observation only), from the policy. */
  earlySteps: EarlyStep[];
  /** Days in the single room (isolation only), from the policy. */
  isolationDays: number | null;
}

/** The assessment of a person at intake, by the policy in force for the station. */
export function assessIntake(facts: IntakeFacts, policy: Pick<PolicyBody, 'monitoring' | 'isolation'>): IntakeAssessment {
  const band = classifyTemperature(facts.temperature, policy.monitoring.feverBands);
  const findings: IntakeFinding[] = [];
  const fever = band !== 'normal' && band !== 'below_normal';
  if (fever) findings.push('fever');
  // Only the symptoms the policy lists start the four earlies (a declared fever among them).
  if (facts.symptoms.some((s) => policy.monitoring.symptoms.includes(s))) findings.push('symptoms');
  if (facts.healthCode === null) findings.push('no_health_code');
  if (facts.healthCode === 'red') findings.push('code_red');
  if (facts.healthCode === 'yellow') findings.push('code_yellow');
  if (facts.riskAreaWithin14Days) findings.push('risk_area_arrival');
  const observe = findings.includes('fever') || findings.includes('symptoms');
  const isolate = findings.some((f) => f === 'no_health_code' || f === 'code_red' || f === 'code_yellow' || f === 'risk_area_arrival');
  const path: IntakePath = observe ? 'observation' : isolate ? 'single_room_isolation' : 'admit';
  return {
    path, findings, band,
    earlySteps: path === 'observation' ? [...policy.monitoring.earlySteps] : [],
    isolationDays: path === 'single_room_isolation' ? policy.isolation.durationDays : null,
  };
}

/**
 * Why the assessed person is placed in a room, as the placement records it (and the policy's
 * single-room reasons read it): the observation room for a fever or symptom, else the first
 * finding that asks for isolation; null for an admission.
 */
export function placementReasonOf(a: Pick<IntakeAssessment, 'path' | 'findings'>): PlacementReason | null {
  if (a.path === 'observation') return 'symptom';
  if (a.path === 'admit') return null;
  if (a.findings.includes('no_health_code')) return 'no_health_code';
  if (a.findings.includes('code_red') || a.findings.includes('code_yellow')) return 'health_code_red_yellow';
  return 'risk_area_arrival';
}

// Leaving the station (R10.2, R5.3)

/** How a stay ends: home with the family, to a hospital, to another agency, of one's own accord, or walked out. */
export const DISCHARGE_KINDS = ['home_with_family', 'hospital', 'transfer', 'own_accord', 'absconded'] as const;
export type DischargeKind = (typeof DISCHARGE_KINDS)[number];

export type DischargeRefusal = 'already_left' | 'needs_negative_test';

/**
 * Whether a person in isolation may leave on `today`: before the policy's days are over, only
 * with a negative test taken after the isolation started (对观察期不满14天要求离站的对象 … 确定其未感染后
 * 按规定办理离站). Someone who walks out is recorded whatever the test (the town is told), and a
 * transfer to a hospital is care, not a discharge the test could hold up.
 */
export function dischargeRefusal(
  stay: { leftOn: string | null; isolation: { plannedEnd: string; negativeTestSinceStart: boolean } | null },
  kind: DischargeKind,
  today: string,
  policy: Pick<PolicyBody, 'isolation'>,
): DischargeRefusal | null {
  if (stay.leftOn !== null) return 'already_left';
  if (kind === 'absconded' || kind === 'hospital') return null;
  const iso = stay.isolation;
  if (!iso || today >= iso.plannedEnd || !policy.isolation.earlyReleaseNeedsNegativeTest) return null;
  return iso.negativeTestSinceStart ? null : 'needs_negative_test';
}
