import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from '../db/columns.js';
import { orgNodes } from '../org/schema.js';
import { users } from '../auth/schema.js';

/** The bureau's catalogue of protective supplies (R6.1). */
export const supplyItems = pgTable('supply_items', {
  id: id(),
  name: text('name').notNull(),
  category: text('category').notNull(),
  unit: text('unit').notNull(),
  packSize: integer('pack_size'),
  /** Use per person and day, for sites without a peak on record. */
  perHeadDaily: doublePrecision('per_head_daily'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('supply_items_name_uq').on(t.name)]);

/**
 * A batch of an item at a site, with what is left of it. The quantity is the sum of the batch's
 * ledger entries, kept in the same transaction; the check makes "more than is left" impossible
 * even for two issues of the last units at the same moment.
 */
export const supplyBatches = pgTable('supply_batches', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  itemId: uuid('item_id').notNull().references(() => supplyItems.id),
  batch: text('batch'),
  expiresOn: date('expires_on'),
  supplier: text('supplier'),
  quantity: integer('quantity').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  index('supply_batches_site_item_idx').on(t.siteId, t.itemId),
  index('supply_batches_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('supply_batches_quantity_ck', sql`${t.quantity} >= 0`),
]);

/** Every movement of stock (R6.3). Never updated or deleted: a mistake is answered by an adjustment. */
export const supplyLedger = pgTable('supply_ledger', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  itemId: uuid('item_id').notNull().references(() => supplyItems.id),
  batchId: uuid('batch_id').notNull().references(() => supplyBatches.id),
  kind: text('kind').notNull(),
  /** As entered: positive for receipts, issues and transfers; signed for adjustments and stocktakes. */
  quantity: integer('quantity').notNull(),
  /** The other site of a transfer; both sides carry the same transfer id. */
  counterpartSiteId: uuid('counterpart_site_id').references(() => orgNodes.id),
  transferId: uuid('transfer_id'),
  issuedTo: text('issued_to'),
  reason: text('reason'),
  note: text('note'),
  day: date('day').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('supply_ledger_site_item_day_idx').on(t.siteId, t.itemId, t.day),
  // What the overview sums per site over a window: issues (demand) and the last receipt.
  index('supply_ledger_issues_idx').on(t.siteId, t.day, t.itemId, t.quantity).where(sql`${t.kind} = 'issue'`),
  index('supply_ledger_receipts_idx').on(t.siteId, t.day).where(sql`${t.kind} in ('receipt', 'transfer_in')`),
  index('supply_ledger_batch_idx').on(t.batchId),
  index('supply_ledger_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('supply_ledger_kind_ck', sql`${t.kind} in ('receipt','issue','transfer_out','transfer_in','adjustment','stocktake')`),
]);

/** The previous peak's consumption of an item over the policy's basis period, as a site entered it (R6.2). */
export const supplyPeaks = pgTable('supply_peaks', {
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  itemId: uuid('item_id').notNull().references(() => supplyItems.id),
  consumption: integer('consumption').notNull(),
  note: text('note'),
  enteredBy: uuid('entered_by').references(() => users.id),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.siteId, t.itemId] })]);
