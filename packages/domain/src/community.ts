import { z } from 'zod';
import { Days, definePolicySection } from './policy-section.js';

/*
 * Communities (§11): the rules that belong to community sites alone — how soon a clue is
 * verified, how long arrivals are monitored, and the threshold and window of a warning.
 */

export const COMMUNITY_POLICY = definePolicySection({
  key: 'community',
  siteTypes: ['community'],
  schema: z.strictObject({
    clueVerifyHours: z.number().int().min(1).max(720),
    arrivalMonitoringDays: Days,
    warningThreshold: z.number().int().min(1).max(10000),
    warningWindowHours: z.number().int().min(1).max(720),
  }),
}).withDefaults(() => ({ clueVerifyHours: 24, arrivalMonitoringDays: 14, warningThreshold: 3, warningWindowHours: 24 }));
