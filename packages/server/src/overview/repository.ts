import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { orgNodes } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

/** A part's name, as the summary tables and their triggers know it. */
type PartName = string;

const town = alias(orgNodes, 'town');

/** Which sites an overview covers, besides the caller's jurisdiction. */
export interface SiteFilter {
  siteType?: string | undefined;
  townId?: string | undefined;
  siteId?: string | undefined;
  ids?: string[] | undefined;
}

/** The sites within `scope` (on the site's path) with their town, in the order of the tree: the rows of every overview. */
export async function scopedSites(db: Executor, scope: SQL, f: SiteFilter) {
  return db.select({
    id: orgNodes.id, name: orgNodes.name, path: orgNodes.path, parentId: orgNodes.parentId, siteType: orgNodes.siteType, capacity: orgNodes.capacity,
    townId: town.id, townName: town.name })
    .from(orgNodes)
    .leftJoin(town, and(eq(town.id, orgNodes.parentId), eq(town.kind, 'town')))
    .where(and(
      scope, eq(orgNodes.kind, 'site'),
      f.siteType ? eq(orgNodes.siteType, f.siteType) : undefined,
      f.townId ? eq(orgNodes.parentId, f.townId) : undefined,
      f.siteId ? eq(orgNodes.id, f.siteId) : undefined,
      f.ids ? inArray(orgNodes.id, f.ids) : undefined,
    ))
    .orderBy(asc(town.createdAt), asc(orgNodes.createdAt));
}
export type ScopedSite = Awaited<ReturnType<typeof scopedSites>>[number];

export interface StoredSummary {
  siteId: string;
  /** Null when the site has no valid body for the day and the part's epoch. */
  body: unknown;
}

/**
 * The summaries of `part` of these sites with whether each is valid on `day`: computed for that
 * day, under the part's current epoch, and with no change of its site waiting.
 */
export async function summariesOf(db: Executor, part: PartName, siteIds: readonly string[], day: string): Promise<StoredSummary[]> {
  if (siteIds.length === 0) return [];
  const result = await db.execute<{ site_id: string; body: unknown; valid: boolean }>(sql`
    select x.id as site_id, s.body,
      coalesce(s.body is not null and s.day = ${day}::date
        and s.epoch = (select coalesce(max(e.epoch), 0) from summary_epochs e where e.part = ${part})
        and not exists (select 1 from summary_changes c where c.part = ${part} and c.site_id = x.id), false) as valid
    from unnest(${sql.param(siteIds)}::uuid[]) as x(id)
    left join site_summaries s on s.site_id = x.id and s.part = ${part}`);
  return result.rows.map((r) => ({ siteId: r.site_id, body: r.valid ? r.body : null }));
}

/**
 * Claims the summaries of these sites for recomputing: raises each row's generation (making the
 * row if new), then drops the sites' waiting changes, then reads the part's epoch. In this order,
 * a write committed before the claim is seen by the recompute, and one after it leaves a change
 * (or a new epoch) behind that makes the stored body invalid again. The old body goes with the
 * claim: a recompute that fails half-way leaves the site to be recomputed, never its old figures
 * looking valid.
 */
export async function claimSummaries(db: Executor, part: PartName, sites: readonly { id: string; path: string }[]): Promise<{ generations: Map<string, number>; epoch: number }> {
  const claimed = await db.execute<{ site_id: string; generation: number }>(sql`
    insert into site_summaries (site_id, part, org_path)
    select id, ${part}, path from unnest(${sql.param(sites.map((s) => s.id))}::uuid[], ${sql.param(sites.map((s) => s.path))}::text[]) as x(id, path)
    on conflict (site_id, part) do update set generation = site_summaries.generation + 1, org_path = excluded.org_path, body = null
    returning site_id, generation`);
  await db.execute(sql`delete from summary_changes where part = ${part} and site_id = any(${sql.param(sites.map((s) => s.id))}::uuid[])`);
  const epoch = await db.execute<{ epoch: number }>(sql`select coalesce(max(epoch), 0)::int as epoch from summary_epochs where part = ${part}`);
  return { generations: new Map(claimed.rows.map((r) => [r.site_id, r.generation])), epoch: epoch.rows[0]?.epoch ?? 0 };
}

/** Stores recomputed bodies, each only if no later recompute has claimed its row since. */
export async function storeSummaries(db: Executor, part: PartName, day: string, epoch: number, bodies: readonly { siteId: string; generation: number; body: unknown }[]): Promise<void> {
  if (bodies.length === 0) return;
  await db.execute(sql`
    update site_summaries s set body = v.body::jsonb, day = ${day}::date, epoch = ${epoch}, computed_at = now()
    from unnest(${sql.param(bodies.map((b) => b.siteId))}::uuid[], ${sql.param(bodies.map((b) => b.generation))}::int[],
      ${sql.param(bodies.map((b) => JSON.stringify(b.body)))}::text[]) as v(site_id, generation, body)
    where s.site_id = v.site_id and s.part = ${part} and s.generation = v.generation`);
}

/**
 * Drops changes older than two days, which nobody looked at: a recompute drops the changes of its
 * sites, so a change still waiting after two days belongs to a summary of an earlier day, which
 * is invalid by its day alone. Keeps the table small where an overview is rarely opened.
 */
export async function dropOldChanges(db: Executor): Promise<number> {
  const result = await db.execute(sql`delete from summary_changes where at < now() - interval '2 days'`);
  return result.rowCount ?? 0;
}
