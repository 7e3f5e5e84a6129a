import { z } from 'zod';
import { IsoDate, SiteType } from './org.js';
import { LedgerEntry, OrderLine, StockPoint, SupplyBatch, SupplyItem } from './supplies.js';
import { QueryFlag } from './contracts.js';

/** `all` adds the items no longer in use. */
export const SupplyItemsQuery = z.strictObject({ all: QueryFlag.optional() });
export const SupplyItemList = z.object({ items: z.array(SupplyItem) });
export type SupplyItemList = z.infer<typeof SupplyItemList>;
export const SupplyItemAnswer = z.object({ item: SupplyItem });
export type SupplyItemAnswer = z.infer<typeof SupplyItemAnswer>;

export const ReceiptAnswer = z.object({ entry: LedgerEntry, batch: SupplyBatch });
export type ReceiptAnswer = z.infer<typeof ReceiptAnswer>;
/** The ledger entries a movement wrote (an issue from several batches, a transfer's two sides, a stocktake). */
export const LedgerEntries = z.object({ entries: z.array(LedgerEntry) });
export type LedgerEntries = z.infer<typeof LedgerEntries>;
export const LedgerEntryAnswer = z.object({ entry: LedgerEntry });
export type LedgerEntryAnswer = z.infer<typeof LedgerEntryAnswer>;
export const LedgerPage = z.object({ entries: z.array(LedgerEntry), total: z.number().int() });
export type LedgerPage = z.infer<typeof LedgerPage>;

export const PeakAnswer = z.object({ siteId: z.uuid(), itemId: z.uuid(), consumption: z.number().int() });
export type PeakAnswer = z.infer<typeof PeakAnswer>;

export const SuppliesOverviewQuery = z.strictObject({ townId: z.uuid().optional(), siteType: SiteType.optional(), itemId: z.uuid().optional() });
export type SuppliesOverviewQuery = z.input<typeof SuppliesOverviewQuery>;

/** One site's order, or a town's (both absent: every site in scope). */
export const OrdersQuery = z.strictObject({ siteId: z.uuid().optional(), townId: z.uuid().optional() });
export type OrdersQuery = z.input<typeof OrdersQuery>;
export const SupplyOrders = z.object({ day: IsoDate, lines: z.array(OrderLine) });
export type SupplyOrders = z.infer<typeof SupplyOrders>;

export const StockHistoryQuery = z.strictObject({ siteId: z.uuid(), itemId: z.uuid(), days: z.coerce.number().int().min(7).max(366).default(90) });
export type StockHistoryQuery = z.input<typeof StockHistoryQuery>;
export const StockHistory = z.object({ points: z.array(StockPoint) });
export type StockHistory = z.infer<typeof StockHistory>;
