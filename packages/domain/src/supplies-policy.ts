import { z } from 'zod';
import type { SiteType } from './org.js';
import { Days, definePolicySection } from './policy-section.js';
import { SupplyCategory } from './supplies.js';

/* The supplies section of the policy (R6.1–R6.3): what each site type must hold and for how long. */

const RequiredSupply = z.strictObject({
  category: SupplyCategory,
  perHeadDaily: z.number().min(0).max(1000).nullable(),
});
type RequiredSupply = z.infer<typeof RequiredSupply>;

/*
 * 储备品种以医用口罩、防护服、消杀用品为主，同步储备适量的防护目镜、防护帽、鞋套和手套; and the daily
 * round needs thermometers. The per-head rates are local defaults (the notice gives none), in the
 * catalogue's units: masks as the catalogue's 2 a day, the rest sized for a normal day's care.
 */
const REQUIRED_SUPPLIES: RequiredSupply[] = [
  { category: 'mask', perHeadDaily: 2 },
  { category: 'protective_suit', perHeadDaily: 0.05 },
  { category: 'disinfectant', perHeadDaily: 0.05 },
  { category: 'gloves', perHeadDaily: 1 },
  { category: 'thermometer', perHeadDaily: 0.005 },
];

/** What each type of site must hold. */
const REQUIRED_BY_SITE_TYPE: Record<SiteType, RequiredSupply[]> = {
  elderly_care: REQUIRED_SUPPLIES,
  child_welfare: REQUIRED_SUPPLIES,
  // Funeral plan: 接运遗体和火化人员必须着防护服、护目镜.
  funeral: [...REQUIRED_SUPPLIES, { category: 'goggles', perHeadDaily: 0.01 }],
  rescue_station: REQUIRED_SUPPLIES,
  // Communities keep masks, disinfectant and thermometers for their posts (§11), not care supplies.
  community: REQUIRED_SUPPLIES.filter((r) => ['mask', 'disinfectant', 'thermometer'].includes(r.category)),
};

/** How many days of stock each type of site builds up to and never falls below. */
const STOCK_DAYS: Record<SiteType, { targetDays: number; floorDays: number }> = {
  // 以既往疫情高峰期30天的需求量为基础备好60天防控物资，每半月补充一次，常态化保持不少于45天储备量
  elderly_care: { targetDays: 60, floorDays: 45 },
  // 至少备好60天防控物资，每半月补充一次，常态化保持不少于45天储备量
  child_welfare: { targetDays: 60, floorDays: 45 },
  // Funeral plan: at least 45 days of supplies.
  funeral: { targetDays: 45, floorDays: 45 },
  // Rescue station: at least 30 days at full load.
  rescue_station: { targetDays: 30, floorDays: 30 },
  community: { targetDays: 60, floorDays: 45 },
};

export const SUPPLIES_POLICY = definePolicySection({
  key: 'supplies',
  schema: z
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
      required: z.array(RequiredSupply).refine((list) => new Set(list.map((r) => r.category)).size === list.length, { message: 'supplies.category_twice' }),
    })
    .refine((s) => s.floorDays <= s.targetDays, { message: 'supplies.floor_above_target', path: ['floorDays'] }),
}).withDefaults((siteType) => ({
  demandBasisDays: 30, // 以既往疫情高峰期30天的需求量为基础
  ...STOCK_DAYS[siteType],
  replenishIntervalDays: 15, // 每半月补充一次
  demandBasis: 'peak',
  fullLoad: siteType === 'rescue_station',
  required: REQUIRED_BY_SITE_TYPE[siteType],
}));
