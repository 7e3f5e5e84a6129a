import { z } from 'zod';
import { SiteType } from './org.js';
import { PolicySummary, PolicyVersion } from './policy.js';

export const SiteTypeParams = z.strictObject({ siteType: SiteType });

export const PolicyList = z.object({ policies: z.array(PolicySummary) });
export type PolicyList = z.infer<typeof PolicyList>;
export const PolicyVersionList = z.object({ versions: z.array(PolicyVersion) });
export type PolicyVersionList = z.infer<typeof PolicyVersionList>;
export const PolicyVersionAnswer = z.object({ version: PolicyVersion });
export type PolicyVersionAnswer = z.infer<typeof PolicyVersionAnswer>;
