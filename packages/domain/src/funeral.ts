import { z } from 'zod';
import { Days, definePolicySection } from './policy-section.js';

/*
 * Funeral services (the funeral plan): the rules that belong to funeral sites alone. Their
 * supplies, round and escalation chain are set by those areas per site type.
 */

export const FUNERAL_POLICY = definePolicySection({
  key: 'funeral',
  siteTypes: ['funeral'],
  schema: z.strictObject({
    maxMourningDays: Days,
    mourningAttendeeCap: z.number().int().min(1).max(10000),
    minDisinfectionsPerDay: z.number().int().min(0).max(24),
  }),
}).withDefaults(() => ({
  // Funeral plan: mourning at most 3 days; at least two disinfections a day.
  maxMourningDays: 3, mourningAttendeeCap: 50, minDisinfectionsPerDay: 2,
}));
