import { z } from 'zod';
import { Instant, Text } from './input.js';
import { IsoDate, Uuid } from './org.js';
import { IdNumber, Phone } from './people.js';
import type { PolicyBody } from './policy.js';
import { Days, Minutes, definePolicySection } from './policy-section.js';
import { Temperature } from './monitoring.js';
import { Symptom, classifyTemperature, type FeverBand } from './monitoring-policy.js';
import { definePermissions } from './access.js';
import { defineTexts } from './texts.js';

/*
 * Entry screening and visitors (§3): "验码、测温、不聚集、戴口罩". A visitor registers on their
 * phone through the site's QR code (or the guard registers them); the guard measures and the
 * policy decides; admitted visitors are counted in the reception room until they leave.
 */

export const SCREENING_PERMISSIONS = definePermissions({
  /** See the visit log, the gate and the visitor link. */
  'visits.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'inspector'],
  /** Register, screen and check out visitors at the gate. */
  'visits.screen': ['site_manager', 'site_staff'],
  /** Rotate a site's visitor link (old posters stop working). */
  'visits.manage': ['site_manager'],
});

export const HEALTH_CODES = ['green', 'yellow', 'red'] as const;
export const HealthCode = z.enum(HEALTH_CODES);
export type HealthCode = z.infer<typeof HealthCode>;

export const SCREENING_POLICY = definePolicySection({
  key: 'screening',
  schema: z.strictObject({
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
}).withDefaults((siteType) => ({
  refuseHealthCodes: ['red', 'yellow'],
  // Elderly-care and child-welfare plans: visitors with fever, cough or sore throat are refused.
  refuseSymptoms: ['fever', 'cough', 'dry_cough', 'sore_throat'],
  receptionMaxPeople: 4, // local default: the plans say "limit the number" without a figure
  receptionMaxStayMinutes: 30, // local default: the plans say "limit the stay" without a figure
  refuseRiskAreaTravel: true,
  refuseWithoutMask: true,
  // Rescue-station intake verifies identity (R3.5): an ID number is asked for, "identity unknown" allowed.
  idNumberRequired: siteType === 'rescue_station',
  codeValidMinutes: 120, // local default
  retentionDays: 28, // local default: two incubation periods for tracing
}));

/** What a visitor may declare about today (the symptoms the plans name for visitors). */
export const VISITOR_SYMPTOMS = ['fever', 'cough', 'sore_throat'] as const;
export const VisitorSymptom = z.enum(VISITOR_SYMPTOMS);
export type VisitorSymptom = z.infer<typeof VisitorSymptom>;

export const VISIT_KINDS = ['visitor', 'intake'] as const;
export const VisitKind = z.enum(VISIT_KINDS);
export type VisitKind = z.infer<typeof VisitKind>;

export const VISIT_STATUSES = ['pending', 'admitted', 'refused', 'left', 'expired'] as const;
export const VisitStatus = z.enum(VISIT_STATUSES);
export type VisitStatus = z.infer<typeof VisitStatus>;

export const REFUSAL_REASONS = [
  'fever', 'symptom_fever', 'symptom_cough', 'symptom_sore_throat', 'code_red', 'code_yellow', 'no_code',
  'risk_area_travel', 'no_mask', 'room_full', 'guard_decision',
] as const;
export const RefusalReason = z.enum(REFUSAL_REASONS);
export type RefusalReason = z.infer<typeof RefusalReason>;

const Name = Text(50).min(1, 'field.required');
const Visiting = Text(100).min(1, 'field.required');

/** What a visitor sends from the public page. `consent` must be true. */
export const SelfRegistration = z.strictObject({
  name: Name,
  phone: Phone,
  idNumber: IdNumber.optional(),
  visiting: Visiting,
  healthCode: HealthCode,
  symptoms: z.array(VisitorSymptom).max(3).default([]),
  riskAreaTravel: z.boolean(),
  consent: z.literal(true, { message: 'consent.required' }),
});
export type SelfRegistration = z.input<typeof SelfRegistration>;

/** A registration at the gate by the guard, for a visitor without a phone, or a rescue-station intake. */
export const GuardRegistration = z.strictObject({
  siteId: Uuid,
  kind: VisitKind.default('visitor'),
  name: Name,
  phone: Phone.optional(),
  idNumber: IdNumber.optional(),
  /** An intake whose identity cannot be established (R3.5): allowed, and flagged. */
  idUnknown: z.boolean().optional(),
  visiting: Visiting,
  /** null: the person has no health code (a rescue-station intake often has none). */
  healthCode: HealthCode.nullable(),
  symptoms: z.array(VisitorSymptom).max(3).default([]),
  riskAreaTravel: z.boolean(),
  travelRecord: Text(200, { multiline: true }).optional(),
});
export type GuardRegistration = z.input<typeof GuardRegistration>;

/** What the guard measures and sees at the gate. */
export const ScreeningInput = z.strictObject({
  temperature: Temperature,
  mask: z.boolean(),
  /** The code as the guard saw it on the visitor's phone; null when they have none. */
  healthCode: HealthCode.nullable(),
  /** The guard refuses although the rules would admit; the reason is recorded. */
  refuse: z.strictObject({ note: Text(200, { multiline: true }).min(2, 'field.required') }).optional(),
});
export type ScreeningInput = z.input<typeof ScreeningInput>;

export const CheckoutByCode = z.strictObject({ siteId: Uuid, code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'code.format') });

/**
 * The decision at the gate (R3.1, R3.2, R3.3): every reason the policy refuses for, in a fixed
 * order; admitted when there is none.
 */
export function screenVisitor(
  v: {
    temperature: number;
    mask: boolean;
    healthCode: HealthCode | null;
    symptoms: readonly string[];
    riskAreaTravel: boolean;
    guardRefuses: boolean;
  },
  policy: Pick<PolicyBody, 'screening' | 'monitoring'>,
  room: { inside: number },
): { admit: boolean; reasons: RefusalReason[]; band: FeverBand } {
  const s = policy.screening;
  const band = classifyTemperature(v.temperature, policy.monitoring.feverBands);
  const reasons: RefusalReason[] = [];
  if (band !== 'normal' && band !== 'below_normal') reasons.push('fever');
  const refusesSymptom = (s.refuseSymptoms as readonly string[]);
  if (v.symptoms.includes('fever') && refusesSymptom.includes('fever')) reasons.push('symptom_fever');
  if (v.symptoms.includes('cough') && (refusesSymptom.includes('cough') || refusesSymptom.includes('dry_cough'))) reasons.push('symptom_cough');
  if (v.symptoms.includes('sore_throat') && refusesSymptom.includes('sore_throat')) reasons.push('symptom_sore_throat');
  if (v.healthCode === null) reasons.push('no_code');
  if (v.healthCode === 'red' && s.refuseHealthCodes.includes('red')) reasons.push('code_red');
  if (v.healthCode === 'yellow' && s.refuseHealthCodes.includes('yellow')) reasons.push('code_yellow');
  if (v.riskAreaTravel && s.refuseRiskAreaTravel) reasons.push('risk_area_travel');
  if (!v.mask && s.refuseWithoutMask) reasons.push('no_mask');
  if (room.inside >= s.receptionMaxPeople) reasons.push('room_full');
  if (v.guardRefuses) reasons.push('guard_decision');
  return { admit: reasons.length === 0, reasons, band };
}

/**
 * A rescue-station intake (R3.5, R5.3): without a health code, or from a mid- or high-risk area,
 * the person goes into a single room for the policy's isolation period.
 */
export function intakeNeedsIsolation(v: { healthCode: HealthCode | null; riskAreaTravel: boolean }): 'no_health_code' | 'risk_area_arrival' | undefined {
  if (v.healthCode === null) return 'no_health_code';
  if (v.riskAreaTravel) return 'risk_area_arrival';
  return undefined;
}

/** When an admitted visitor's stay ends (R3.3). */
export function stayEndsAt(admittedAt: Date, maxStayMinutes: number): Date {
  return new Date(admittedAt.getTime() + maxStayMinutes * 60_000);
}

/** A visit as the guard and the log show it: phone and ID masked. */
export const Visit = z.object({
  id: Uuid,
  siteId: Uuid,
  siteName: z.string(),
  kind: VisitKind,
  code: z.string(),
  status: VisitStatus,
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  idUnknown: z.boolean(),
  visiting: z.string(),
  healthCodeDeclared: HealthCode.nullable(),
  healthCodeSeen: HealthCode.nullable(),
  symptoms: z.array(VisitorSymptom),
  riskAreaTravel: z.boolean(),
  travelRecord: z.string().nullable(),
  source: z.enum(['qr', 'guard']),
  registeredAt: z.string(),
  temperature: z.number().nullable(),
  mask: z.boolean().nullable(),
  refusalReasons: z.array(RefusalReason),
  screenedAt: z.string().nullable(),
  screenedBy: z.string().nullable(),
  /** The display name of `screenedBy` (a username). */
  screenedByName: z.string().nullable(),
  admittedAt: z.string().nullable(),
  stayEndsAt: z.string().nullable(),
  leftAt: z.string().nullable(),
  /** Inside past the policy's stay limit (R3.3). */
  overstay: z.boolean(),
  /** A rescue-station intake that needs 14 days in a single room (R5.3). */
  isolationReason: z.enum(['no_health_code', 'risk_area_arrival']).nullable(),
});
export type Visit = z.infer<typeof Visit>;

export const VisitQuery = z.strictObject({
  siteId: Uuid.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: Text(50).optional(),
  status: VisitStatus.optional(),
  /** Who was on site at some point between these instants (tracing). */
  presentFrom: Instant.optional(),
  presentTo: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type VisitQuery = z.infer<typeof VisitQuery>;

/** What the public page may know about a site: its name and what it will ask. Nothing else. */
export const PublicSite = z.object({
  siteName: z.string(),
  idNumberRequired: z.boolean(),
  retentionDays: z.number().int(),
  codeValidMinutes: z.number().int(),
});
export type PublicSite = z.infer<typeof PublicSite>;

/** What a visitor sees of their own registration, by its code. */
export const PublicVisitStatus = z.object({
  code: z.string(),
  status: VisitStatus,
  refusalReasons: z.array(RefusalReason),
  expiresAt: z.string(),
});
export type PublicVisitStatus = z.infer<typeof PublicVisitStatus>;

export const VisitDayStats = z.object({
  siteId: Uuid,
  siteName: z.string(),
  townName: z.string().nullable(),
  registered: z.number().int(),
  admitted: z.number().int(),
  refused: z.number().int(),
  refusedBy: z.record(z.string(), z.number().int()),
  insideNow: z.number().int(),
  overstays: z.number().int(),
});
export type VisitDayStats = z.infer<typeof VisitDayStats>;

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const SCREENING_FIELD_TEXTS = defineTexts({
  'code.format': { 'zh-CN': '登记码为 6 位字母或数字', en: 'a registration code has 6 letters or digits' },
});
