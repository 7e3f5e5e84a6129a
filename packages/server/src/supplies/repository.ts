import { and, asc, desc, eq, gte, lte, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { orgNodes, people, supplyBatches, supplyItems, supplyLedger, supplyPeaks, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import type { ScopedSite } from '../overview/repository.js';

const site = alias(orgNodes, 'site');
const counterpart = alias(orgNodes, 'counterpart');

export async function listItems(db: Executor, all: boolean) {
  return db.select().from(supplyItems).where(all ? undefined : eq(supplyItems.active, true)).orderBy(asc(supplyItems.createdAt), asc(supplyItems.name));
}

export async function findItem(db: Executor, id: string) {
  const [row] = await db.select().from(supplyItems).where(eq(supplyItems.id, id));
  return row;
}

export async function insertItem(db: Executor, row: typeof supplyItems.$inferInsert) {
  const [out] = await db.insert(supplyItems).values(row).returning();
  if (!out) throw new Error('insert returned nothing');
  return out;
}

export async function updateItem(db: Executor, id: string, patch: Partial<typeof supplyItems.$inferInsert>) {
  const [out] = await db.update(supplyItems).set(patch).where(eq(supplyItems.id, id)).returning();
  return out;
}

/** Batches of sites (all, or with stock), first-expiring first (first expired, first out). */
export async function batchesOf(db: Executor, siteIds: string[], onlyWithStock: boolean) {
  if (siteIds.length === 0) return [];
  // The columns the cover needs, not the whole row: a city's overview reads thousands.
  return db.select({
    id: supplyBatches.id, siteId: supplyBatches.siteId, itemId: supplyBatches.itemId, batch: supplyBatches.batch,
    expiresOn: supplyBatches.expiresOn, quantity: supplyBatches.quantity,
  }).from(supplyBatches)
    .where(and(sql`${supplyBatches.siteId} = any(${sql.param(siteIds)}::uuid[])`, onlyWithStock ? sql`${supplyBatches.quantity} > 0` : undefined))
    .orderBy(sql`${supplyBatches.expiresOn} asc nulls last`, asc(supplyBatches.createdAt));
}

/** Locks a site's batches of an item (or one batch): who issues the last units waits for the other. */
export async function lockBatches(db: Executor, siteId: string, itemId: string, batchId?: string) {
  return db.select().from(supplyBatches)
    .where(and(eq(supplyBatches.siteId, siteId), eq(supplyBatches.itemId, itemId), batchId ? eq(supplyBatches.id, batchId) : undefined))
    .orderBy(sql`${supplyBatches.expiresOn} asc nulls last`, asc(supplyBatches.createdAt))
    .for('update');
}

export async function findBatch(db: Executor, scope: SQL, id: string) {
  const [row] = await db.select().from(supplyBatches).where(and(scope, eq(supplyBatches.id, id)));
  return row;
}

export async function insertBatch(db: Executor, row: typeof supplyBatches.$inferInsert) {
  const [out] = await db.insert(supplyBatches).values(row).returning();
  if (!out) throw new Error('insert returned nothing');
  return out;
}

/** Adds to a batch's stock; refuses (returns false) what would take it below zero. */
export async function moveBatch(db: Executor, batchId: string, delta: number): Promise<boolean> {
  const rows = await db.update(supplyBatches).set({ quantity: sql`${supplyBatches.quantity} + ${delta}` })
    .where(and(eq(supplyBatches.id, batchId), gte(sql`${supplyBatches.quantity} + ${delta}`, 0)))
    .returning({ id: supplyBatches.id });
  return rows.length === 1;
}

export async function insertEntries(db: Executor, rows: (typeof supplyLedger.$inferInsert)[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return (await db.insert(supplyLedger).values(rows).returning({ id: supplyLedger.id })).map((r) => r.id);
}

const entryColumns = {
  entry: supplyLedger,
  siteName: site.name,
  itemName: supplyItems.name,
  unit: supplyItems.unit,
  batch: supplyBatches.batch,
  expiresOn: supplyBatches.expiresOn,
  counterpartSiteName: counterpart.name,
  createdByName: users.username,
};

export interface LedgerFilter {
  siteId?: string | undefined;
  itemId?: string | undefined;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  ids?: string[] | undefined;
}

function ledgerWhere(scope: SQL, f: LedgerFilter) {
  return and(
    scope,
    f.ids ? sql`${supplyLedger.id} = any(${sql.param(f.ids)}::uuid[])` : undefined,
    f.siteId ? eq(supplyLedger.siteId, f.siteId) : undefined,
    f.itemId ? eq(supplyLedger.itemId, f.itemId) : undefined,
    f.kind ? eq(supplyLedger.kind, f.kind) : undefined,
    f.from ? gte(supplyLedger.day, f.from) : undefined,
    f.to ? lte(supplyLedger.day, f.to) : undefined,
  );
}

export async function listEntries(db: Executor, scope: SQL, f: LedgerFilter, page: { limit: number; offset: number }) {
  return db.select(entryColumns).from(supplyLedger)
    .innerJoin(site, eq(site.id, supplyLedger.siteId))
    .innerJoin(supplyItems, eq(supplyItems.id, supplyLedger.itemId))
    .innerJoin(supplyBatches, eq(supplyBatches.id, supplyLedger.batchId))
    .leftJoin(counterpart, eq(counterpart.id, supplyLedger.counterpartSiteId))
    .leftJoin(users, eq(users.id, supplyLedger.createdBy))
    .where(ledgerWhere(scope, f))
    .orderBy(desc(supplyLedger.createdAt), desc(supplyLedger.id))
    .limit(page.limit).offset(page.offset);
}
export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number];

export async function countEntries(db: Executor, scope: SQL, f: LedgerFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(supplyLedger).where(ledgerWhere(scope, f));
  return row?.n ?? 0;
}

/** Issues per site, item and day since a day: the "recent issues" demand basis (each site sums its own window). */
/**
 * Units issued per site and item over each site's own window (the days after `since`, up to
 * `day`): the recent-issues basis of demand (R6.2), summed in the database rather than sent as a
 * row per day.
 */
export async function recentIssues(db: Executor, windows: readonly { siteId: string; since: string }[], day: string) {
  if (windows.length === 0) return [];
  const result = await db.execute<{ site_id: string; item_id: string; n: number }>(sql`
    select l.site_id, l.item_id, sum(l.quantity)::int as n
    from unnest(${sql.param(windows.map((w) => w.siteId))}::uuid[], ${sql.param(windows.map((w) => w.since))}::date[]) as w(site_id, since)
    join ${supplyLedger} l on l.site_id = w.site_id and l.day > w.since and l.day <= ${day}::date
    where l.kind = 'issue'
    group by 1, 2`);
  return result.rows.map((r) => ({ siteId: r.site_id, itemId: r.item_id, n: r.n }));
}

/** The last receipt day per site: the last replenishment. */
export async function lastReceipts(db: Executor, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db.select({ siteId: supplyLedger.siteId, day: sql<string>`max(${supplyLedger.day})::text` })
    .from(supplyLedger)
    .where(and(sql`${supplyLedger.siteId} = any(${sql.param(siteIds)}::uuid[])`, sql`${supplyLedger.kind} in ('receipt', 'transfer_in')`))
    .groupBy(supplyLedger.siteId);
}

export async function peaksOf(db: Executor, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db.select().from(supplyPeaks).where(sql`${supplyPeaks.siteId} = any(${sql.param(siteIds)}::uuid[])`);
}

export async function upsertPeak(db: Executor, row: typeof supplyPeaks.$inferInsert) {
  await db.insert(supplyPeaks).values(row).onConflictDoUpdate({
    target: [supplyPeaks.siteId, supplyPeaks.itemId],
    // eslint-disable-next-line no-restricted-syntax -- when the entry was written, not a rule's time
    set: { consumption: row.consumption, note: row.note ?? null, enteredBy: row.enteredBy ?? null, enteredAt: new Date() },
  });
}

/** Present people per site: the heads of per-head demand. */
export async function headsOf(db: Executor, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db.select({ siteId: people.siteId, n: sql<number>`count(*)::int` }).from(people)
    .where(and(sql`${people.siteId} = any(${sql.param(siteIds)}::uuid[])`, eq(people.status, 'present'), ne(people.kind, 'community_resident')))
    .groupBy(people.siteId);
}

/** A site of the supplies overviews: the overview's site row (its capacity too). */
export type SiteRow = ScopedSite;

/** Net change of stock per day for one site and item since a day (for the history chart). */
export async function dailyDeltas(db: Executor, siteId: string, itemId: string, since: string) {
  return db.select({
    day: sql<string>`${supplyLedger.day}::text`,
    delta: sql<number>`sum(case when ${supplyLedger.kind} in ('receipt','transfer_in') then ${supplyLedger.quantity}
      when ${supplyLedger.kind} in ('issue','transfer_out') then -${supplyLedger.quantity} else ${supplyLedger.quantity} end)::int`,
  }).from(supplyLedger)
    .where(and(eq(supplyLedger.siteId, siteId), eq(supplyLedger.itemId, itemId), gte(supplyLedger.day, since)))
    .groupBy(supplyLedger.day)
    .orderBy(asc(supplyLedger.day));
}

/** The (site, item) pairs a site has ever held a batch of, as `site|item`. */
export async function stockedItems(db: Executor, siteIds: string[]): Promise<Set<string>> {
  if (siteIds.length === 0) return new Set();
  const rows = await db.selectDistinct({ siteId: supplyBatches.siteId, itemId: supplyBatches.itemId }).from(supplyBatches)
    .where(sql`${supplyBatches.siteId} = any(${sql.param(siteIds)}::uuid[])`);
  return new Set(rows.map((r) => `${r.siteId}|${r.itemId}`));
}
