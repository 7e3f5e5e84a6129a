import type { ItemCover, SupplyBatch } from '@fangkong/domain';
import type * as repo from './repository.js';

// A site's cover (its stock against demand, item by item) and the summary of it that the city
// overview reads (overview/summaries.ts keeps one per site).

export interface SiteCover {
  site: repo.SiteRow;
  items: ItemCover[];
  batches: SupplyBatch[];
  lastReceiptOn: string | null;
  replenishmentDue: boolean;
  heads: number;
  floorDays: number;
  targetDays: number;
  replenishIntervalDays: number;
}

/**
 * What a site's supplies summary keeps: per item, what the overview's cell, counts and lists
 * need, column by column (a city reads 283 of these on every look, and arrays of numbers parse
 * several times faster than an object per item).
 */
export interface SupplySummary {
  replenishmentDue: boolean;
  floorDays: number;
  itemIds: string[];
  status: ItemCover['status'][];
  daysOfCover: (number | null)[];
  usable: number[];
  suggestedOrder: number[];
  expiring: boolean[];
}

export interface CellOfSummary { status: ItemCover['status']; daysOfCover: number | null; usable: number; suggestedOrder: number; expiring: boolean }
const NO_COVER: CellOfSummary = { status: 'not_required', daysOfCover: null, usable: 0, suggestedOrder: 0, expiring: false };

export function supplySummary(c: SiteCover): SupplySummary {
  return {
    replenishmentDue: c.replenishmentDue,
    floorDays: c.floorDays,
    itemIds: c.items.map((i) => i.itemId),
    status: c.items.map((i) => i.status),
    daysOfCover: c.items.map((i) => i.daysOfCover),
    usable: c.items.map((i) => i.usable),
    suggestedOrder: c.items.map((i) => i.suggestedOrder),
    expiring: c.items.map((i) => i.expiringSoon > 0) };
}

/** The summary's cells in the order of `columns` (the catalogue's items). */
export function cellsOf(summary: SupplySummary | undefined, columns: readonly { id: string }[]): CellOfSummary[] {
  if (!summary) return columns.map(() => NO_COVER);
  const at = new Map(summary.itemIds.map((id, i) => [id, i]));
  return columns.map((item) => {
    const i = at.get(item.id);
    return i === undefined ? NO_COVER : {
      status: summary.status[i] ?? 'not_required', daysOfCover: summary.daysOfCover[i] ?? null, usable: summary.usable[i] ?? 0,
      suggestedOrder: summary.suggestedOrder[i] ?? 0, expiring: summary.expiring[i] ?? false };
  });
}
