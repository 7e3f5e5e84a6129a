import { z } from 'zod';
import type { SiteType } from './org.js';

/*
 * The shape in which each area declares its section of the policy (R14.1): the section's key in
 * a policy body, its schema, its defaults per site type and the site types it belongs to.
 * policy.ts composes the body from one list of sections; each area keeps its own next to its
 * rules, so that a new area adds a section without editing the others'.
 */

export interface PolicySection<K extends string = string, S extends z.ZodType = z.ZodType> {
  readonly key: K;
  readonly schema: S;
  /**
   * The site types the section belongs to; every type when absent. A section that does not apply
   * keeps its defaults in the body and is neither shown nor edited for that type.
   */
  readonly siteTypes?: readonly SiteType[];
  /** The section's defaults for a site type, from the source notice or marked as local choices. */
  readonly defaults: (siteType: SiteType) => z.output<S>;
}

/**
 * Declares a section: `definePolicySection({ key, schema, siteTypes? }).withDefaults((siteType) => …)`.
 * The defaults come in a second call so that they are checked against the schema already known:
 * inferred in the same call, their string literals would widen and fail to match the enums.
 */
export function definePolicySection<const K extends string, S extends z.ZodType>(section: Omit<PolicySection<K, S>, 'defaults'>): {
  withDefaults: (defaults: (siteType: SiteType) => z.output<S>) => PolicySection<K, S>;
} {
  return { withDefaults: (defaults) => ({ ...section, defaults }) };
}

/** Numbers the sections' settings share. */
export const Days = z.number().int().min(1).max(3650);
export const Minutes = z.number().int().min(1).max(7 * 24 * 60);
