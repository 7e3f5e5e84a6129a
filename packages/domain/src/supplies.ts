import { z } from 'zod';
import { Text, nonEmptyUpdate } from './input.js';
import { IsoDate, Uuid } from './org.js';
import type { PolicyBody } from './policy.js';
import { definePermissions } from './access.js';
import { defineTexts } from './texts.js';

/*
 * Protective supplies (§6, R6.1–R6.3): a catalogue, a ledger from which stock is derived (never
 * typed in), daily demand on the policy's basis, days of cover against the policy's floor and
 * target, and the order that brings a site back to its target.
 */

export const SUPPLIES_PERMISSIONS = definePermissions({
  /** See stock, cover, the ledger and the replenishment orders. */
  'supplies.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'inspector'],
  /** Receive, issue, adjust, count stock at a site; enter its peak consumption; move stock between sites of a town. */
  'supplies.write': ['town_officer', 'site_manager', 'site_staff'],
  /** Edit the catalogue of supplies (the bureau). */
  'supplies.catalogue': [],
});

/** R6.1: the main items and the others the plans name; the catalogue itself is data. */
export const SUPPLY_CATEGORIES = ['mask', 'protective_suit', 'disinfectant', 'goggles', 'cap', 'shoe_cover', 'gloves', 'thermometer', 'other'] as const;
export const SupplyCategory = z.enum(SUPPLY_CATEGORIES);
export type SupplyCategory = z.infer<typeof SupplyCategory>;

/** Ledger entries. Stock is their sum; an entry is never changed, only answered by another. */
export const LEDGER_KINDS = ['receipt', 'issue', 'transfer_out', 'transfer_in', 'adjustment', 'stocktake'] as const;
export const LedgerKind = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof LedgerKind>;

/**
 * Where an item stands at a site. `no_demand_basis` is a finding (§15: a missing demand basis is
 * never a pass): the site holds the item, or must, and nothing says how much it uses.
 * `not_required`: the site neither must nor does hold it, and nothing gives it a demand.
 */
export const COVER_STATUSES = ['below_floor', 'below_target', 'ok', 'no_demand_basis', 'not_required'] as const;
export type CoverStatus = (typeof COVER_STATUSES)[number];

/** The sign an entry's quantity carries in the stock: issues and transfers out take away. */
export function ledgerSign(kind: LedgerKind): 1 | -1 | 0 {
  switch (kind) {
    case 'receipt':
    case 'transfer_in':
      return 1;
    case 'issue':
    case 'transfer_out':
      return -1;
    case 'adjustment':
    case 'stocktake':
      // Signed quantities: a correction or a count's difference may go either way.
      return 0;
  }
}

/** What an entry does to the stock of its batch. */
export function stockDelta(e: { kind: LedgerKind; quantity: number }): number {
  const sign = ledgerSign(e.kind);
  return sign === 0 ? e.quantity : sign * e.quantity;
}

export interface BatchStock {
  quantity: number;
  /** YYYY-MM-DD; null when the batch does not expire. */
  expiresOn: string | null;
}

/** Whether a batch may still be used on `day` (it expires at the end of its expiry day). */
export function usableOn(batch: { expiresOn: string | null }, day: string): boolean {
  return batch.expiresOn === null || batch.expiresOn >= day;
}

/** Stock that counts on `day`: batches not expired (R6.3: expired stock is not cover). */
export function usableStock(batches: readonly BatchStock[], day: string): number {
  return batches.reduce((sum, b) => sum + (usableOn(b, day) && b.quantity > 0 ? b.quantity : 0), 0);
}

/** Stock in batches that expire within `withinDays` days from `day` (still usable today). */
export function expiringStock(batches: readonly BatchStock[], day: string, withinDays: number): number {
  const limit = addDaysTo(day, withinDays);
  return batches.reduce((sum, b) => sum + (b.expiresOn !== null && b.expiresOn >= day && b.expiresOn <= limit && b.quantity > 0 ? b.quantity : 0), 0);
}

// The overview asks for the same day and window for every site and item of a city: the last
// answer is kept rather than a Date made for each of thousands of calls.
let lastAdd = { day: '', n: 0, out: '' };

function addDaysTo(day: string, n: number): string {
  if (lastAdd.day === day && lastAdd.n === n) return lastAdd.out;
  lastAdd = { day, n, out: addDaysFresh(day, n) };
  return lastAdd.out;
}

function addDaysFresh(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Whether a site type must hold an item (its category is on the policy's list), and the per-head
 * daily use for a site without a peak on record: the policy's for the site type, else the catalogue's.
 */
export function supplyNeed(
  supplies: Pick<PolicyBody['supplies'], 'required'>, item: { category: string; perHeadDaily: number | null },
): { required: boolean; perHeadDaily: number | null } {
  const rule = supplies.required.find((r) => r.category === item.category);
  return { required: rule !== undefined, perHeadDaily: rule?.perHeadDaily ?? item.perHeadDaily };
}

/**
 * The people per-head demand counts: the capacity at full load (RS: 满负荷运转); otherwise the
 * people present, or the capacity when nobody is (an empty site still keeps its floor for those it takes in).
 */
export function demandHeads(present: number, capacity: number | null, fullLoad: boolean): number {
  if (capacity && (fullLoad || present === 0)) return capacity;
  return present;
}

/** Daily demand bases the policy may choose (R6.2). */
export const DEMAND_BASES = ['peak', 'recent_issues'] as const;
export type DemandBasis = (typeof DEMAND_BASES)[number];
export const DEMAND_SOURCES = ['peak', 'per_head', 'recent_issues'] as const;
export type DemandSource = (typeof DEMAND_SOURCES)[number];

/**
 * Daily demand of one item at one site (R6.2): the previous peak's consumption over the basis
 * period when the site has entered it; otherwise per-head rates × people (the rescue station
 * counts its full capacity, 满负荷, not today's occupancy); or, when the policy says so, the
 * issues of the last basis period. Null when nothing gives a demand.
 */
export function dailyDemand(input: {
  basis: DemandBasis;
  basisDays: number;
  peakConsumption: number | null;
  recentIssues: number;
  perHeadDaily: number | null;
  heads: number;
}): { perDay: number; from: DemandSource } | null {
  const recent = input.recentIssues > 0 ? { perDay: input.recentIssues / input.basisDays, from: 'recent_issues' as const } : null;
  if (input.basis === 'recent_issues' && recent) return recent;
  if (input.peakConsumption !== null && input.peakConsumption > 0) return { perDay: input.peakConsumption / input.basisDays, from: 'peak' };
  if (input.perHeadDaily !== null && input.perHeadDaily > 0 && input.heads > 0) return { perDay: input.perHeadDaily * input.heads, from: 'per_head' };
  return recent;
}

/** Days of cover = usable stock ÷ daily demand (R6.3), to one decimal, rounded down (never flattering). */
export function daysOfCover(usable: number, demandPerDay: number | null): number | null {
  if (demandPerDay === null || demandPerDay <= 0) return null;
  return Math.floor((usable / demandPerDay) * 10) / 10;
}

/**
 * Where a site stands against its policy for one item: below the floor alerts, below the target
 * warns. A required item with nothing usable is below the floor whatever its demand (R6.2, §15):
 * an empty store is never "no data".
 */
export function coverStatus(
  cover: number | null, supplies: Pick<PolicyBody['supplies'], 'floorDays' | 'targetDays'>, held: { usable: number; required: boolean },
): CoverStatus {
  if (held.required && held.usable <= 0) return 'below_floor';
  if (cover === null) return held.required || held.usable > 0 ? 'no_demand_basis' : 'not_required';
  if (cover < supplies.floorDays) return 'below_floor';
  if (cover < supplies.targetDays) return 'below_target';
  return 'ok';
}

/**
 * Whether an item that counts (held, or required at the site) has nothing to size its demand on: a
 * finding for the site and its town (§15), also when the item is below the floor for being empty —
 * its suggested order is then unknown, not zero.
 */
export function lacksDemandBasis(c: { status: CoverStatus; daysOfCover: number | null }): boolean {
  return c.status !== 'not_required' && c.daysOfCover === null;
}

/**
 * The order that brings an item back to the target cover (R6.3): the shortfall of usable stock,
 * rounded up to whole packs when the item comes in packs. Zero when the target is met.
 */
export function suggestedOrder(usable: number, demandPerDay: number | null, targetDays: number, packSize: number | null): number {
  if (demandPerDay === null || demandPerDay <= 0) return 0;
  const shortfall = Math.ceil(targetDays * demandPerDay - usable - 1e-9);
  if (shortfall <= 0) return 0;
  if (packSize === null || packSize <= 1) return shortfall;
  return Math.ceil(shortfall / packSize) * packSize;
}

/** Whether a replenishment is due on `day`: every interval days from the last one (or at once, if none). */
export function replenishmentDue(lastReplenishedOn: string | null, intervalDays: number, day: string): boolean {
  if (lastReplenishedOn === null) return true;
  return addDaysTo(lastReplenishedOn, intervalDays) <= day;
}

// Schemas

const Quantity = z.number().int('number.whole').positive('number.positive').max(10_000_000, 'number.too_large');

export const CreateSupplyItem = z.strictObject({
  name: Text(50).min(1, 'field.required'),
  category: SupplyCategory,
  unit: Text(10).min(1, 'field.required'),
  packSize: z.number().int().min(1).max(100_000).nullable().optional(),
  /** For a site without a peak on record: use per person and day. */
  perHeadDaily: z.number().min(0).max(1000).nullable().optional(),
});
export type CreateSupplyItem = z.input<typeof CreateSupplyItem>;

export const UpdateSupplyItem = nonEmptyUpdate(CreateSupplyItem.partial().extend({ active: z.boolean().optional() }));
export type UpdateSupplyItem = z.input<typeof UpdateSupplyItem>;

export const SupplyItem = z.object({
  id: Uuid,
  name: z.string(),
  category: SupplyCategory,
  unit: z.string(),
  packSize: z.number().int().nullable(),
  perHeadDaily: z.number().nullable(),
  active: z.boolean(),
});
export type SupplyItem = z.infer<typeof SupplyItem>;

export const Receipt = z.strictObject({
  siteId: Uuid,
  itemId: Uuid,
  quantity: Quantity,
  batch: Text(50).optional(),
  expiresOn: IsoDate.nullable().optional(),
  supplier: Text(100).optional(),
  note: Text(200, { multiline: true }).optional(),
});
export type Receipt = z.input<typeof Receipt>;

export const Issue = z.strictObject({
  siteId: Uuid,
  itemId: Uuid,
  quantity: Quantity,
  /** The batch to take from; the one expiring first when omitted (first expired, first out). */
  batchId: Uuid.optional(),
  /** To whom or which area (e.g. 护理区、门岗). */
  issuedTo: Text(100).optional(),
  /** Issuing an expired batch needs a reason. */
  expiredOverrideReason: Text(200, { multiline: true }).optional(),
  note: Text(200, { multiline: true }).optional(),
});
export type Issue = z.input<typeof Issue>;

export const Transfer = z.strictObject({
  fromSiteId: Uuid,
  toSiteId: Uuid,
  itemId: Uuid,
  batchId: Uuid,
  quantity: Quantity,
  note: Text(200, { multiline: true }).optional(),
}).refine((t) => t.fromSiteId !== t.toSiteId, { message: 'supplies.same_site', path: ['toSiteId'] });
export type Transfer = z.input<typeof Transfer>;

export const Adjustment = z.strictObject({
  siteId: Uuid,
  batchId: Uuid,
  /** Signed: what to add (or take away, negative). */
  quantity: z.number().int('number.whole').min(-10_000_000, 'number.too_large').max(10_000_000, 'number.too_large').refine((q) => q !== 0, 'number.not_zero'),
  reason: Text(200, { multiline: true }).min(2, 'field.required'),
});
export type Adjustment = z.input<typeof Adjustment>;

export const Stocktake = z.strictObject({
  siteId: Uuid,
  counts: z.array(z.strictObject({ batchId: Uuid, counted: z.number().int().min(0).max(10_000_000, 'number.too_large') })).min(1).max(500),
  note: Text(200, { multiline: true }).optional(),
});
export type Stocktake = z.input<typeof Stocktake>;

export const PeakInput = z.strictObject({
  siteId: Uuid,
  itemId: Uuid,
  /** Consumption over the basis period (30 days) of the previous peak. */
  consumption: z.number().int().min(0).max(100_000_000),
  note: Text(200, { multiline: true }).optional(),
});
export type PeakInput = z.input<typeof PeakInput>;

export const SupplyBatch = z.object({
  id: Uuid,
  itemId: Uuid,
  batch: z.string().nullable(),
  expiresOn: IsoDate.nullable(),
  quantity: z.number().int(),
  expired: z.boolean(),
});
export type SupplyBatch = z.infer<typeof SupplyBatch>;

export const ItemCover = z.object({
  itemId: Uuid,
  itemName: z.string(),
  unit: z.string(),
  category: SupplyCategory,
  stock: z.number().int(),
  usable: z.number().int(),
  expiringSoon: z.number().int(),
  dailyDemand: z.number().nullable(),
  demandFrom: z.enum(DEMAND_SOURCES).nullable(),
  daysOfCover: z.number().nullable(),
  status: z.enum(COVER_STATUSES),
  /** On the policy's list for the site's type. */
  required: z.boolean(),
  floorDays: z.number().int(),
  targetDays: z.number().int(),
  suggestedOrder: z.number().int(),
});
export type ItemCover = z.infer<typeof ItemCover>;

export const LedgerEntry = z.object({
  id: Uuid,
  siteId: Uuid,
  siteName: z.string(),
  itemId: Uuid,
  itemName: z.string(),
  unit: z.string(),
  batchId: Uuid,
  batch: z.string().nullable(),
  expiresOn: IsoDate.nullable(),
  kind: LedgerKind,
  quantity: z.number().int(),
  /** The signed change of stock. */
  delta: z.number().int(),
  counterpartSiteName: z.string().nullable(),
  issuedTo: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  day: IsoDate,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = z.strictObject({
  siteId: Uuid.optional(),
  itemId: Uuid.optional(),
  kind: LedgerKind.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type LedgerQuery = z.input<typeof LedgerQuery>;

export const SiteSupplies = z.object({
  siteId: Uuid,
  siteName: z.string(),
  siteType: z.string(),
  day: IsoDate,
  floorDays: z.number().int(),
  targetDays: z.number().int(),
  replenishIntervalDays: z.number().int(),
  lastReceiptOn: IsoDate.nullable(),
  replenishmentDue: z.boolean(),
  /** People the per-head demand counts: present people, or the capacity at full load. */
  heads: z.number().int(),
  items: z.array(ItemCover),
  batches: z.array(SupplyBatch),
});
export type SiteSupplies = z.infer<typeof SiteSupplies>;

export const COVER_BUCKETS = COVER_STATUSES;

/**
 * One cell of the overview's site × item matrix: what the cell shows and its tooltip. A site's
 * cells follow the answer's `items` one for one; the item's name and unit are there, the floor in
 * the site's row. A city is 283 sites × the catalogue, and repeating them in every cell made the
 * answer (775 KB) several times as large as what the page shows.
 */
export const CoverCell = z.object({
  status: z.enum(COVER_STATUSES),
  daysOfCover: z.number().nullable(),
  usable: z.number().int(),
  suggestedOrder: z.number().int(),
});
export type CoverCell = z.infer<typeof CoverCell>;

export const SuppliesOverview = z.object({
  day: IsoDate,
  /** The catalogue's columns, in order: each site's `cells` follow them one for one. */
  items: z.array(z.object({ itemId: Uuid, itemName: z.string(), unit: z.string(), category: SupplyCategory })),
  sites: z.array(z.object({
    siteId: Uuid,
    siteName: z.string(),
    siteType: z.string(),
    townId: Uuid.nullable(),
    townName: z.string().nullable(),
    belowFloor: z.number().int(),
    belowTarget: z.number().int(),
    /** Items held or required with nothing to size their demand on: a finding for the site and its town. */
    noDemandBasis: z.number().int(),
    expiringSoon: z.number().int(),
    replenishmentDue: z.boolean(),
    floorDays: z.number().int(),
    cells: z.array(CoverCell),
  })),
  belowFloor: z.array(z.object({
    siteId: Uuid,
    siteName: z.string(),
    townName: z.string().nullable(),
    itemId: Uuid,
    itemName: z.string(),
    unit: z.string(),
    usable: z.number().int(),
    /** Null when the item has no demand basis (a required item with nothing usable is below the floor all the same). */
    daysOfCover: z.number().nullable(),
    floorDays: z.number().int(),
    suggestedOrder: z.number().int(),
  })),
  /** How many (site, item) pairs are in each cover bucket. */
  coverDistribution: z.array(z.object({ bucket: z.enum(COVER_BUCKETS), count: z.number().int() })),
});
export type SuppliesOverview = z.infer<typeof SuppliesOverview>;

export const OrderLine = z.object({
  siteId: Uuid,
  siteName: z.string(),
  itemId: Uuid,
  itemName: z.string(),
  unit: z.string(),
  packSize: z.number().int().nullable(),
  usable: z.number().int(),
  dailyDemand: z.number().nullable(),
  daysOfCover: z.number().nullable(),
  targetDays: z.number().int(),
  quantity: z.number().int(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const StockPoint = z.object({ day: IsoDate, stock: z.number().int(), daysOfCover: z.number().nullable() });
export type StockPoint = z.infer<typeof StockPoint>;

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const SUPPLIES_FIELD_TEXTS = defineTexts({
  'supplies.category_twice': { 'zh-CN': '每类物资只能列出一次', en: 'each category at most once' },
  'supplies.floor_above_target': { 'zh-CN': '最低储备天数不能超过目标储备天数', en: 'floorDays must not exceed targetDays' },
  'supplies.same_site': { 'zh-CN': '调入场所不能与调出场所相同', en: 'the target site must differ from the source site' },
});
