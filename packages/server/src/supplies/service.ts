import { raise, type RaisedEvent } from '../notifications/raise.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  addDays, messageFor, COVER_STATUSES, coverStatus, dailyDemand, daysOfCover, demandHeads, expiringStock, replenishmentDue, stockDelta,
  lacksDemandBasis, suggestedOrder, supplyNeed, usableOn, usableStock, type CoverStatus,
  type Adjustment, type CreateSupplyItem, type Issue, type ItemCover, type LedgerEntry, type LedgerKind, type OrderLine, type PeakInput,
  type Receipt, type SiteSupplies, type SiteType, type StockPoint, type Stocktake, type SupplyBatch, type SupplyCategory, type SupplyItem,
  type SuppliesOverview, type Transfer, type UpdateSupplyItem } from '@fangkong/domain';
import type { z } from 'zod';
import type { LedgerQuery as LedgerQuerySchema } from '@fangkong/domain';
import { isUniqueViolation } from '../db/errors.js';
import { orgNodes, supplyBatches, supplyLedger } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, invalidField, notFound } from '../core/errors.js';
import { UNSCOPED, atRoot, authorize, inScope, requireSomewhere } from '../auth/scope.js';
import { audit } from '../audit/service.js';
import { PolicyCache } from '../policy/cache.js';
import { writeWorkbook } from '../files/spreadsheet.js';
import * as repo from './repository.js';
import { cellsOf, supplySummary, type SiteCover } from './cover.js';
import { groupBy } from '../collections.js';
import { scopedSites } from '../overview/repository.js';
import { AreaService } from '../core/service-base.js';
import { SUPPLIES_TEXTS } from './texts.js';

type LedgerQueryParsed = z.output<typeof LedgerQuerySchema>;
type ItemRow = Awaited<ReturnType<typeof repo.listItems>>[number];
type BatchRow = Awaited<ReturnType<typeof repo.batchesOf>>[number];

const EXPIRING_WITHIN_DAYS = 30;

function toItem(r: ItemRow): SupplyItem {
  return { id: r.id, name: r.name, category: r.category as SupplyCategory, unit: r.unit, packSize: r.packSize, perHeadDaily: r.perHeadDaily, active: r.active };
}

function toBatch(b: BatchRow, day: string): SupplyBatch {
  return { id: b.id, itemId: b.itemId, batch: b.batch, expiresOn: b.expiresOn, quantity: b.quantity, expired: !usableOn(b, day) };
}

function toEntry(r: repo.EntryRow): LedgerEntry {
  const e = r.entry;
  return {
    id: e.id, siteId: e.siteId, siteName: r.siteName, itemId: e.itemId, itemName: r.itemName, unit: r.unit, batchId: e.batchId, batch: r.batch,
    expiresOn: r.expiresOn, kind: e.kind as LedgerKind, quantity: e.quantity, delta: stockDelta({ kind: e.kind as LedgerKind, quantity: e.quantity }),
    counterpartSiteName: r.counterpartSiteName, issuedTo: e.issuedTo, reason: e.reason, note: e.note, day: e.day,
    createdBy: r.createdByName, createdAt: e.createdAt.toISOString() };
}

/**
 * Protective supplies (§6): the ledger and the stock it adds up to, daily demand on the policy's
 * basis, days of cover against floor and target, replenishment orders, and the overview.
 */
export class SuppliesService extends AreaService {
  private readonly summaries = this.deps.summaries.part<ReturnType<typeof supplySummary>>('supplies', 3);

  // Catalogue

  async items(ctx: RequestContext, all: boolean): Promise<SupplyItem[]> {
    requireSomewhere(callerOf(ctx), 'supplies.read');
    return (await repo.listItems(this.db, all)).map(toItem);
  }

  async createItem(ctx: RequestContext, input: CreateSupplyItem): Promise<SupplyItem> {
    if (!atRoot(callerOf(ctx), 'supplies.catalogue')) throw new AppError('forbidden');
    try {
      return await this.db.transaction(async (tx) => {
        const row = await repo.insertItem(tx, { ...input, packSize: input.packSize ?? null, perHeadDaily: input.perHeadDaily ?? null });
        await audit(tx, ctx, { action: 'supply_item.create', outcome: 'ok', targetType: 'supply_item', targetId: row.id, detail: { name: row.name } });
        return toItem(row);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'supply_items_name_uq')) throw conflict(SUPPLIES_TEXTS.item_name_exists);
      throw err;
    }
  }

  async updateItem(ctx: RequestContext, id: string, patch: UpdateSupplyItem): Promise<SupplyItem> {
    if (!atRoot(callerOf(ctx), 'supplies.catalogue')) throw new AppError('forbidden');
    try {
      return await this.db.transaction(async (tx) => {
        const row = await repo.updateItem(tx, id, patch);
        if (!row) throw notFound();
        await audit(tx, ctx, { action: 'supply_item.update', outcome: 'ok', targetType: 'supply_item', targetId: id, detail: { fields: Object.keys(patch) } });
        return toItem(row);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'supply_items_name_uq')) throw conflict(SUPPLIES_TEXTS.item_name_exists);
      throw err;
    }
  }

  // Cover

  /** A site the caller may see (else 404, also for a transfer's target outside the town) and act on. */
  private async site(ctx: RequestContext, siteId: string, permission: 'supplies.read' | 'supplies.write') {
    const node = await this.org.getVisible(ctx, siteId);
    if (node.kind !== 'site' || !node.siteType) throw notFound();
    authorize(callerOf(ctx), permission, node.path);
    return node;
  }

  /** Cover of every active item at each site, on `day`. */
  /** The cover of each site, and the catalogue it was computed over (for pack sizes). */
  private async covers(sites: repo.SiteRow[], day: string): Promise<{ covers: SiteCover[]; catalogue: Map<string, ItemRow> }> {
    const ids = sites.map((s) => s.id);
    const policies = new PolicyCache(this.policy);
    const bodies = new Map<string, Awaited<ReturnType<PolicyCache['get']>>>();
    for (const s of sites) bodies.set(s.id, await policies.get(s.siteType as SiteType, day));
    const windows = sites.map((s) => ({ siteId: s.id, since: addDays(day, -(bodies.get(s.id) as NonNullable<ReturnType<typeof bodies.get>>).supplies.demandBasisDays) }));
    // Batches with stock only: an emptied batch adds nothing to any figure, and a city keeps
    // thousands of them (11,500 of which 2,000 hold stock in the synthetic city).
    const [items, batches, peaks, issues, heads, receipts] = await Promise.all([
      repo.listItems(this.db, false), repo.batchesOf(this.db, ids, true), repo.peaksOf(this.db, ids),
      repo.recentIssues(this.db, windows, day), repo.headsOf(this.db, ids), repo.lastReceipts(this.db, ids),
    ]);
    // Everything looked up by site (and item) through maps: a city is hundreds of sites × the
    // catalogue, and a scan of every list for each pair was most of the overview's time.
    const bySite = <T extends { siteId: string }>(rows: readonly T[]) => groupBy(rows, (r) => r.siteId);
    const byPair = <T extends { siteId: string; itemId: string }>(rows: readonly T[]) => groupBy(rows, (r) => `${r.siteId}|${r.itemId}`);
    const batchesBySite = bySite(batches);
    const batchesByPair = byPair(batches);
    const issuedOf = new Map(issues.map((x) => [`${x.siteId}|${x.itemId}`, x.n]));
    const peakOf = new Map(peaks.map((p) => [`${p.siteId}|${p.itemId}`, p.consumption]));
    const headsOf = new Map(heads.map((h) => [h.siteId, h.n]));
    const receiptOf = new Map(receipts.map((r) => [r.siteId, r.day]));
    const covers = sites.map((s) => {
      const supplies = (bodies.get(s.id) as NonNullable<ReturnType<typeof bodies.get>>).supplies;
      const headCount = demandHeads(headsOf.get(s.id) ?? 0, s.capacity, supplies.fullLoad);
      const mine = batchesBySite.get(s.id) ?? [];
      const lastReceiptOn = receiptOf.get(s.id) ?? null;
      const list: ItemCover[] = items.map((item) => {
        const held = batchesByPair.get(`${s.id}|${item.id}`) ?? [];
        const usable = usableStock(held, day);
        const recent = issuedOf.get(`${s.id}|${item.id}`) ?? 0;
        const need = supplyNeed(supplies, item);
        const demand = dailyDemand({
          basis: supplies.demandBasis, basisDays: supplies.demandBasisDays,
          peakConsumption: peakOf.get(`${s.id}|${item.id}`) ?? null,
          recentIssues: recent, perHeadDaily: need.perHeadDaily, heads: headCount });
        const cover = daysOfCover(usable, demand?.perDay ?? null);
        return {
          itemId: item.id, itemName: item.name, unit: item.unit, category: item.category as SupplyCategory,
          stock: held.reduce((n, b) => n + b.quantity, 0), usable, expiringSoon: expiringStock(held, day, EXPIRING_WITHIN_DAYS),
          dailyDemand: demand ? Math.round(demand.perDay * 100) / 100 : null, demandFrom: demand?.from ?? null, daysOfCover: cover,
          status: coverStatus(cover, supplies, { usable, required: need.required }), required: need.required,
          floorDays: supplies.floorDays, targetDays: supplies.targetDays,
          suggestedOrder: suggestedOrder(usable, demand?.perDay ?? null, supplies.targetDays, item.packSize) };
      });
      return {
        site: s, items: list, batches: mine.filter((b) => b.quantity > 0).map((b) => toBatch(b, day)), lastReceiptOn,
        replenishmentDue: replenishmentDue(lastReceiptOn, supplies.replenishIntervalDays, day), heads: headCount,
        floorDays: supplies.floorDays, targetDays: supplies.targetDays, replenishIntervalDays: supplies.replenishIntervalDays };
    });
    return { covers, catalogue: new Map(items.map((i) => [i.id, i])) };
  }

  /**
   * Tells sites (all, or those given) of the items they stock whose cover is below the floor (R6.2),
   * and that it is time to replenish (R6.3): once a day each, by the dedupe key. Run by the hourly
   * job, and after stock leaves a site so that the floor is told at once.
   */
  async raiseStockEvents(siteIds?: string[]): Promise<number> {
    const day = this.today();
    // A system job: every site (or those a write in scope just touched).
    const sites = await scopedSites(this.db, siteIds ? sql`${orgNodes.id} = any(${sql.param(siteIds)}::uuid[])` : UNSCOPED, {});
    if (sites.length === 0) return 0;
    const { covers } = await this.covers(sites, day);
    const stocked = await repo.stockedItems(this.db, sites.map((s) => s.id));
    const events: RaisedEvent[] = [];
    for (const c of covers) {
      // What the site keeps in stock or must keep (R6.2): an item it never held nor needs is not
      // news, but an empty store of a required one is (§15).
      const low = c.items.filter((i) => i.status === 'below_floor' && (i.required || stocked.has(`${c.site.id}|${i.itemId}`)));
      if (low.length > 0) {
        events.push({
          event: 'supply_below_floor', orgPath: c.site.path, dedupeKey: `supply_below_floor:${c.site.id}:${day}:${low.map((i) => i.itemId).sort().join(',')}`,
          message: messageFor({ event: 'supply_below_floor', siteId: c.site.id, siteName: c.site.name, floorDays: c.floorDays, items: low.map((i) => ({ name: i.itemName, daysOfCover: i.daysOfCover })) }) });
      }
      if (c.replenishmentDue && c.lastReceiptOn) {
        events.push({
          event: 'replenishment_due', orgPath: c.site.path, dedupeKey: `replenishment_due:${c.site.id}:${day}`,
          message: messageFor({ event: 'replenishment_due', siteId: c.site.id, siteName: c.site.name, lastReceiptOn: c.lastReceiptOn }) });
      }
    }
    if (events.length === 0) return 0;
    const { inApp, queued } = await this.db.transaction((tx) => raise(tx, events));
    return inApp + queued;
  }

  async siteSupplies(ctx: RequestContext, siteId: string): Promise<SiteSupplies> {
    const node = await this.site(ctx, siteId, 'supplies.read');
    const day = this.today();
    // The site checked visible above.
    const [row] = await scopedSites(this.db, UNSCOPED, { siteId: node.id });
    if (!row) throw notFound();
    const [c] = (await this.covers([row], day)).covers;
    if (!c) throw notFound();
    return {
      siteId: node.id, siteName: node.name, siteType: node.siteType ?? '', day, floorDays: c.floorDays, targetDays: c.targetDays,
      replenishIntervalDays: c.replenishIntervalDays, lastReceiptOn: c.lastReceiptOn, replenishmentDue: c.replenishmentDue, heads: c.heads,
      items: c.items, batches: c.batches };
  }

  private async scopedSites(ctx: RequestContext, f: { townId?: string | undefined; siteType?: string | undefined; siteId?: string | undefined }) {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'supplies.read');
    if (f.townId) await this.org.getVisible(ctx, f.townId);
    if (f.siteId) await this.site(ctx, f.siteId, 'supplies.read');
    return scopedSites(this.db, inScope(caller, 'supplies.read', orgNodes.path), f);
  }

  async overview(ctx: RequestContext, f: { townId?: string | undefined; siteType?: string | undefined; itemId?: string | undefined }): Promise<SuppliesOverview> {
    const day = this.today();
    const sites = await this.scopedSites(ctx, f);
    // Each site's cover from its stored summary, recomputed only where stock, people, the
    // catalogue or the policy changed since, or the day did (a city is 283 sites × the catalogue).
    const [summaries, catalogue] = await Promise.all([
      this.summaries.get(sites, day, async (ids) => {
        const wanted = new Set(ids);
        const { covers } = await this.covers(sites.filter((s) => wanted.has(s.id)), day);
        return new Map(covers.map((c) => [c.site.id, supplySummary(c)]));
      }),
      repo.listItems(this.db, false),
    ]);
    const columns = catalogue.filter((i) => !f.itemId || i.id === f.itemId);
    const buckets = Object.fromEntries(COVER_STATUSES.map((status) => [status, 0])) as Record<CoverStatus, number>;
    const rows = sites.map((site) => {
      const summary = summaries.get(site.id);
      const cells = cellsOf(summary, columns);
      for (const c of cells) buckets[c.status]++;
      return { site, summary, cells };
    });
    return {
      day,
      items: columns.map((i) => ({ itemId: i.id, itemName: i.name, unit: i.unit, category: i.category as SupplyCategory })),
      sites: rows.map(({ site, summary, cells }) => ({
        siteId: site.id, siteName: site.name, siteType: site.siteType ?? '', townId: site.townId, townName: site.townName,
        belowFloor: cells.filter((c) => c.status === 'below_floor').length, belowTarget: cells.filter((c) => c.status === 'below_target').length,
        noDemandBasis: cells.filter(lacksDemandBasis).length,
        expiringSoon: cells.filter((c) => c.expiring).length, replenishmentDue: summary?.replenishmentDue ?? false, floorDays: summary?.floorDays ?? 0,
        cells: cells.map((c) => ({ status: c.status, daysOfCover: c.daysOfCover, usable: c.usable, suggestedOrder: c.suggestedOrder })) })),
      belowFloor: rows.flatMap(({ site, summary, cells }) => cells.flatMap((c, column) => {
        const item = columns[column];
        return c.status === 'below_floor' && item ? [{
          siteId: site.id, siteName: site.name, townName: site.townName, itemId: item.id, itemName: item.name, unit: item.unit,
          usable: c.usable, daysOfCover: c.daysOfCover, floorDays: summary?.floorDays ?? 0, suggestedOrder: c.suggestedOrder }] : [];
      })).sort((a, b) => (a.daysOfCover ?? 0) - (b.daysOfCover ?? 0)),
      coverDistribution: COVER_STATUSES.map((bucket) => ({ bucket, count: buckets[bucket] })) };
  }

  async orders(ctx: RequestContext, f: { siteId?: string | undefined; townId?: string | undefined }): Promise<{ day: string; lines: OrderLine[] }> {
    const day = this.today();
    const { covers, catalogue } = await this.covers(await this.scopedSites(ctx, f), day);
    return {
      day,
      lines: covers.flatMap((c) => c.items.filter((i) => i.suggestedOrder > 0).map((i) => ({
        siteId: c.site.id, siteName: c.site.name, itemId: i.itemId, itemName: i.itemName, unit: i.unit, packSize: catalogue.get(i.itemId)?.packSize ?? null,
        usable: i.usable, dailyDemand: i.dailyDemand, daysOfCover: i.daysOfCover, targetDays: i.targetDays, quantity: i.suggestedOrder }))) };
  }

  async ordersExport(ctx: RequestContext, f: { siteId?: string | undefined; townId?: string | undefined }): Promise<Buffer> {
    const { day, lines } = await this.orders(ctx, f);
    await audit(this.db, ctx, { action: 'supply.orders_export', outcome: 'ok', detail: { lines: lines.length } });
    return writeWorkbook(`防疫物资补充清单 ${day}`, ['机构', '物资', '单位', '现有可用', '日均用量', '可保障天数', '储备目标（天）', '建议采购'], lines.map((l) => [
      l.siteName, l.itemName, l.unit, l.usable, l.dailyDemand, l.daysOfCover, l.targetDays, l.quantity,
    ]));
  }

  async history(ctx: RequestContext, siteId: string, itemId: string, days: number): Promise<StockPoint[]> {
    const c = await this.siteSupplies(ctx, siteId);
    const item = c.items.find((i) => i.itemId === itemId);
    if (!item) throw notFound();
    const since = addDays(c.day, -days + 1);
    const deltas = await repo.dailyDeltas(this.db, siteId, itemId, since);
    // Walk back from today's stock: the stock at the end of a day is today's minus what came after.
    const byDay = new Map(deltas.map((d) => [d.day, d.delta]));
    const points: StockPoint[] = [];
    let stock = item.stock;
    for (let i = 0; i < days; i++) {
      const day = addDays(c.day, -i);
      points.push({ day, stock, daysOfCover: daysOfCover(stock, item.dailyDemand) });
      stock -= byDay.get(day) ?? 0;
    }
    return points.reverse();
  }

  async ledger(ctx: RequestContext, q: LedgerQueryParsed): Promise<{ entries: LedgerEntry[]; total: number }> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'supplies.read');
    if (q.siteId) await this.site(ctx, q.siteId, 'supplies.read');
    const scope = inScope(caller, 'supplies.read', supplyLedger.orgPath);
    const [rows, total] = await Promise.all([repo.listEntries(this.db, scope, q, q), repo.countEntries(this.db, scope, q)]);
    return { entries: rows.map(toEntry), total };
  }

  /** Entries by id, in the order given (a transfer: out, then in). */
  private async entries(ids: string[]): Promise<LedgerEntry[]> {
    if (ids.length === 0) return [];
    // Entries by id, just written by a caller checked in scope.
    const byId = new Map((await repo.listEntries(this.db, UNSCOPED, { ids }, { limit: ids.length, offset: 0 })).map((r) => [r.entry.id, toEntry(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  private async activeItem(itemId: string) {
    const item = await repo.findItem(this.db, itemId);
    if (!item?.active) throw invalidField('body.itemId', SUPPLIES_TEXTS.item_not_in_catalogue);
    return item;
  }

  // Ledger

  async receive(ctx: RequestContext, input: Receipt): Promise<{ entry: LedgerEntry; batch: SupplyBatch }> {
    const site = await this.site(ctx, input.siteId, 'supplies.write');
    await this.activeItem(input.itemId);
    const day = this.today();
    if (input.expiresOn && input.expiresOn < day) throw invalidField('body.expiresOn', SUPPLIES_TEXTS.batch_expired);
    const { entryId, batch } = await this.db.transaction(async (tx) => {
      const b = await repo.insertBatch(tx, {
        siteId: site.id, orgPath: site.path, itemId: input.itemId, batch: input.batch ?? null, expiresOn: input.expiresOn ?? null,
        supplier: input.supplier ?? null, quantity: input.quantity });
      const [id] = await repo.insertEntries(tx, [{
        siteId: site.id, orgPath: site.path, itemId: input.itemId, batchId: b.id, kind: 'receipt', quantity: input.quantity,
        note: input.note ?? null, day, createdBy: callerOf(ctx).userId }]);
      await audit(tx, ctx, { action: 'supply.receipt', outcome: 'ok', targetType: 'supply_batch', targetId: b.id, nodePath: site.path, detail: { itemId: input.itemId, quantity: input.quantity } });
      return { entryId: id ?? '', batch: b };
    });
    const [entry] = await this.entries([entryId]);
    if (!entry) throw notFound();
    return { entry, batch: toBatch(batch, day) };
  }

  /**
   * Takes `quantity` from a site's batches of an item, in `tx`, first-expiring first (or from the one
   * batch named). The batches are locked first: of two takers of the last units, the second finds
   * them gone. Expired batches are taken only when named and overridden with a reason.
   */
  private async take(tx: Executor, site: { id: string }, itemId: string, quantity: number, batchId: string | undefined, override: string | undefined) {
    const day = this.today();
    const locked = await repo.lockBatches(tx, site.id, itemId, batchId);
    if (batchId) {
      const b = locked[0];
      if (!b) throw invalidField('body.batchId', SUPPLIES_TEXTS.no_batch_of_item);
      if (!usableOn(b, day) && !override) {
        throw invalidField('body.batchId', SUPPLIES_TEXTS.batch_expired_on(b.expiresOn ?? ''));
      }
      if (b.quantity < quantity) throw invalidField('body.quantity', SUPPLIES_TEXTS.batch_left(b.quantity));
      return [{ batch: b, quantity }];
    }
    const usable = locked.filter((b) => usableOn(b, day) && b.quantity > 0);
    const total = usable.reduce((n, b) => n + b.quantity, 0);
    if (total < quantity) throw invalidField('body.quantity', SUPPLIES_TEXTS.stock_left(total));
    const out: { batch: (typeof locked)[number]; quantity: number }[] = [];
    let left = quantity;
    for (const b of usable) {
      if (left === 0) break;
      const q = Math.min(left, b.quantity);
      out.push({ batch: b, quantity: q });
      left -= q;
    }
    return out;
  }

  async issue(ctx: RequestContext, input: Issue): Promise<{ entries: LedgerEntry[] }> {
    const site = await this.site(ctx, input.siteId, 'supplies.write');
    await this.activeItem(input.itemId);
    const day = this.today();
    const ids = await this.db.transaction(async (tx) => {
      const parts = await this.take(tx, site, input.itemId, input.quantity, input.batchId, input.expiredOverrideReason);
      for (const p of parts) if (!(await repo.moveBatch(tx, p.batch.id, -p.quantity))) throw invalidField('body.quantity', SUPPLIES_TEXTS.not_enough_stock);
      const expired = parts.some((p) => !usableOn(p.batch, day));
      const out = await repo.insertEntries(tx, parts.map((p) => ({
        siteId: site.id, orgPath: site.path, itemId: input.itemId, batchId: p.batch.id, kind: 'issue', quantity: p.quantity,
        issuedTo: input.issuedTo ?? null, reason: expired ? input.expiredOverrideReason ?? null : null, note: input.note ?? null, day,
        createdBy: callerOf(ctx).userId })));
      await audit(tx, ctx, {
        action: 'supply.issue', outcome: 'ok', targetType: 'supply_item', targetId: input.itemId, nodePath: site.path,
        detail: { quantity: input.quantity, batches: parts.length, ...(expired ? { expiredOverride: input.expiredOverrideReason } : {}) } });
      return out;
    });
    await this.raiseStockEvents([site.id]);
    return { entries: await this.entries(ids) };
  }

  async transfer(ctx: RequestContext, input: Transfer): Promise<{ entries: LedgerEntry[] }> {
    const from = await this.site(ctx, input.fromSiteId, 'supplies.write');
    const to = await this.site(ctx, input.toSiteId, 'supplies.write');
    await this.activeItem(input.itemId);
    const day = this.today();
    const transferId = randomUUID();
    const ids = await this.db.transaction(async (tx) => {
      const [part] = await this.take(tx, from, input.itemId, input.quantity, input.batchId, undefined);
      if (!part) throw invalidField('body.batchId', SUPPLIES_TEXTS.no_batch_of_item);
      if (!(await repo.moveBatch(tx, part.batch.id, -input.quantity))) throw invalidField('body.quantity', SUPPLIES_TEXTS.not_enough_stock);
      const target = await repo.insertBatch(tx, {
        siteId: to.id, orgPath: to.path, itemId: input.itemId, batch: part.batch.batch, expiresOn: part.batch.expiresOn, supplier: part.batch.supplier,
        quantity: input.quantity });
      const by = callerOf(ctx).userId;
      const out = await repo.insertEntries(tx, [
        { siteId: from.id, orgPath: from.path, itemId: input.itemId, batchId: part.batch.id, kind: 'transfer_out', quantity: input.quantity, counterpartSiteId: to.id, transferId, note: input.note ?? null, day, createdBy: by },
        { siteId: to.id, orgPath: to.path, itemId: input.itemId, batchId: target.id, kind: 'transfer_in', quantity: input.quantity, counterpartSiteId: from.id, transferId, note: input.note ?? null, day, createdBy: by },
      ]);
      await audit(tx, ctx, { action: 'supply.transfer', outcome: 'ok', targetType: 'supply_item', targetId: input.itemId, nodePath: from.path, detail: { to: to.id, quantity: input.quantity } });
      return out;
    });
    await this.raiseStockEvents([from.id]);
    return { entries: await this.entries(ids) };
  }

  private async batchFor(ctx: RequestContext, siteId: string, batchId: string) {
    const site = await this.site(ctx, siteId, 'supplies.write');
    const batch = await repo.findBatch(this.db, sql`${supplyBatches.siteId} = ${site.id}`, batchId);
    if (!batch) throw invalidField('body.batchId', SUPPLIES_TEXTS.no_batch_at_site);
    return { site, batch };
  }

  async adjust(ctx: RequestContext, input: Adjustment): Promise<{ entry: LedgerEntry }> {
    const { site, batch } = await this.batchFor(ctx, input.siteId, input.batchId);
    const ids = await this.db.transaction(async (tx) => {
      if (!(await repo.moveBatch(tx, batch.id, input.quantity))) {
        throw invalidField('body.quantity', SUPPLIES_TEXTS.below_zero);
      }
      const out = await repo.insertEntries(tx, [{
        siteId: site.id, orgPath: site.path, itemId: batch.itemId, batchId: batch.id, kind: 'adjustment', quantity: input.quantity,
        reason: input.reason, day: this.today(), createdBy: callerOf(ctx).userId }]);
      await audit(tx, ctx, { action: 'supply.adjustment', outcome: 'ok', targetType: 'supply_batch', targetId: batch.id, nodePath: site.path, detail: { quantity: input.quantity, reason: input.reason } });
      return out;
    });
    const [entry] = await this.entries(ids);
    if (!entry) throw notFound();
    return { entry };
  }

  /** A count of the batches: each difference from the book becomes an audited stocktake entry. */
  async stocktake(ctx: RequestContext, input: Stocktake): Promise<{ entries: LedgerEntry[] }> {
    const site = await this.site(ctx, input.siteId, 'supplies.write');
    const batches = await repo.batchesOf(this.db, [site.id], false);
    const unknown = input.counts.map((c, i) => ({ c, i })).filter(({ c }) => !batches.some((b) => b.id === c.batchId));
    if (unknown.length > 0) {
      throw new AppError('validation_failed', undefined, unknown.map(({ i }) => ({ path: `body.counts.${i}.batchId`, message: SUPPLIES_TEXTS.no_batch_at_site })));
    }
    const ids = await this.db.transaction(async (tx) => {
      const out: string[] = [];
      for (const c of input.counts) {
        const [b] = await tx.select().from(supplyBatches).where(sql`${supplyBatches.id} = ${c.batchId}`).for('update');
        if (!b || b.quantity === c.counted) continue;
        const diff = c.counted - b.quantity;
        await repo.moveBatch(tx, b.id, diff);
        out.push(...await repo.insertEntries(tx, [{
          siteId: site.id, orgPath: site.path, itemId: b.itemId, batchId: b.id, kind: 'stocktake', quantity: diff,
          reason: `盘点：账面 ${b.quantity}，实盘 ${c.counted}`, note: input.note ?? null, day: this.today(), createdBy: callerOf(ctx).userId }]));
      }
      await audit(tx, ctx, { action: 'supply.stocktake', outcome: 'ok', nodePath: site.path, detail: { counted: input.counts.length, differences: out.length } });
      return out;
    });
    return { entries: await this.entries(ids) };
  }

  async setPeak(ctx: RequestContext, input: PeakInput): Promise<{ siteId: string; itemId: string; consumption: number }> {
    const site = await this.site(ctx, input.siteId, 'supplies.write');
    await this.activeItem(input.itemId);
    await this.db.transaction(async (tx) => {
      await repo.upsertPeak(tx, { siteId: site.id, itemId: input.itemId, consumption: input.consumption, note: input.note ?? null, enteredBy: callerOf(ctx).userId });
      await audit(tx, ctx, { action: 'supply.peak', outcome: 'ok', targetType: 'supply_item', targetId: input.itemId, nodePath: site.path, detail: { consumption: input.consumption } });
    });
    return { siteId: site.id, itemId: input.itemId, consumption: input.consumption };
  }
}
