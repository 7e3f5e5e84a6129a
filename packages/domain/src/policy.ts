import { z } from 'zod';
import { Text } from './input.js';
import { IsoDate, SITE_TYPES, type SiteType } from './org.js';
import { definePermissions } from './access.js';
import { MONITORING_POLICY, ISOLATION_POLICY } from './monitoring-policy.js';
import { SCREENING_POLICY } from './screening.js';
import { TESTING_POLICY } from './testing.js';
import { SUPPLIES_POLICY } from './supplies-policy.js';
import { ESCALATION_POLICY } from './incidents.js';
import { FUNERAL_POLICY } from './funeral.js';
import { COMMUNITY_POLICY } from './community.js';

export { definePolicySection, type PolicySection } from './policy-section.js';

/*
 * Policy as data (R14.1). Every number the work plans set lives in the policy, with its default
 * taken from the source notice (晋政民〔2020〕87号). Where the notice names a measure but no number
 * (reception-room cap, escalation deadlines…), the default is a local choice marked so; bureaus
 * are expected to set their own. Each area declares its section (schema, defaults per site type,
 * the site types it belongs to) next to its rules; the body is composed here from one list.
 */

export const POLICY_PERMISSIONS = definePermissions({
  'policy.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'grid_worker', 'inspector'],
  'policy.edit': [],
});

/** The sections of a policy body, in the body's order; a new area adds its section here. */
export const POLICY_SECTIONS = [
  MONITORING_POLICY,
  SCREENING_POLICY,
  TESTING_POLICY,
  ISOLATION_POLICY,
  SUPPLIES_POLICY,
  ESCALATION_POLICY,
  FUNERAL_POLICY,
  COMMUNITY_POLICY,
] as const;

type Section = (typeof POLICY_SECTIONS)[number];
type PolicyShape = { [S in Section as S['key']]: S['schema'] };

export const PolicyBody = z.strictObject(Object.fromEntries(POLICY_SECTIONS.map((s) => [s.key, s.schema])) as PolicyShape);
export type PolicyBody = z.infer<typeof PolicyBody>;

/**
 * The note stored with the first version of every type (the defaults). Stored as it always was, in
 * both languages; the app shows its own wording of it in the reader's language instead.
 */
export const DEFAULT_POLICY_NOTE = '默认值，依据晋政民〔2020〕87号 / defaults from the source notice';

function defaultPolicy(siteType: SiteType): PolicyBody {
  return Object.fromEntries(POLICY_SECTIONS.map((s) => [s.key, s.defaults(siteType)])) as PolicyBody;
}

/** Defaults per site type, from the source notice: each section's for the type. */
export const DEFAULT_POLICIES: Readonly<Record<SiteType, PolicyBody>> = Object.fromEntries(
  SITE_TYPES.map((t) => [t, defaultPolicy(t)]),
) as Record<SiteType, PolicyBody>;

/**
 * Whether a section of the policy belongs to a site type (mourning rules to funeral sites, clue
 * verification and arrivals to communities; the others to every type). A section that does not
 * apply keeps its defaults in the body and is neither shown nor edited for that type.
 */
export function policySectionApplies(section: keyof PolicyBody, siteType: SiteType): boolean {
  const only = POLICY_SECTIONS.find((s) => s.key === section)?.siteTypes;
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
