import { and, asc, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { VisitQuery } from '@fangkong/domain';
import { orgNodes, siteTokens, users, visits } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

export type VisitRow = typeof visits.$inferSelect;
export type VisitWithNames = VisitRow & { siteName: string; screenedByName: string | null; screenedByDisplay: string | null };

const columns = { visit: visits, siteName: orgNodes.name, screenedByName: users.username, screenedByDisplay: users.displayName };
const flatten = (r: { visit: VisitRow; siteName: string; screenedByName: string | null; screenedByDisplay: string | null }): VisitWithNames =>
  ({ ...r.visit, siteName: r.siteName, screenedByName: r.screenedByName, screenedByDisplay: r.screenedByDisplay });

function base(db: Executor) {
  return db.select(columns).from(visits)
    .innerJoin(orgNodes, eq(orgNodes.id, visits.siteId))
    .leftJoin(users, eq(users.id, visits.screenedBy));
}

export async function tokenOf(db: Executor, siteId: string): Promise<string | undefined> {
  const [row] = await db.select({ token: siteTokens.token }).from(siteTokens).where(eq(siteTokens.siteId, siteId));
  return row?.token;
}

export async function setToken(db: Executor, siteId: string, token: string, by: string | null): Promise<void> {
  await db.insert(siteTokens).values({ siteId, token, createdBy: by })
    .onConflictDoUpdate({ target: siteTokens.siteId, set: { token, createdBy: by, createdAt: sql`now()` } });
}

export async function siteByToken(db: Executor, token: string) {
  const [row] = await db.select({ id: orgNodes.id, name: orgNodes.name, path: orgNodes.path, siteType: orgNodes.siteType })
    .from(siteTokens).innerJoin(orgNodes, eq(orgNodes.id, siteTokens.siteId)).where(eq(siteTokens.token, token));
  return row;
}

export async function insertVisit(db: Executor, v: typeof visits.$inferInsert): Promise<VisitRow> {
  const [row] = await db.insert(visits).values(v).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findVisit(db: Executor, scope: SQL, id: string): Promise<VisitWithNames | undefined> {
  const [row] = await base(db).where(and(eq(visits.id, id), scope));
  return row ? flatten(row) : undefined;
}

export async function lockVisit(db: Executor, scope: SQL, id: string): Promise<VisitRow | undefined> {
  const [row] = await db.select().from(visits).where(and(eq(visits.id, id), scope)).for('update');
  return row;
}

export async function visitByCode(db: Executor, siteId: string, code: string, live: boolean) {
  const [row] = await db.select().from(visits)
    .where(and(eq(visits.siteId, siteId), eq(visits.code, code), live ? sql`${visits.status} in ('pending', 'admitted')` : undefined))
    .orderBy(desc(visits.registeredAt)).limit(1);
  return row;
}

export async function updateVisit(db: Executor, id: string, patch: Partial<typeof visits.$inferInsert>): Promise<void> {
  await db.update(visits).set(patch).where(eq(visits.id, id));
}

/** Serialises admissions at one site, so that two guards cannot overfill the reception room. */
export async function lockSiteGate(db: Executor, siteId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`gate:${siteId}`}))`);
}

export async function insideCount(db: Executor, siteId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(visits)
    .where(and(eq(visits.siteId, siteId), eq(visits.status, 'admitted'), eq(visits.kind, 'visitor')));
  return row?.n ?? 0;
}

/** Who is at the gate at `now` (the clock's): pending codes not yet expired, and visitors inside. */
export async function gate(db: Executor, siteId: string, now: Date) {
  const rows = await base(db).where(and(
    eq(visits.siteId, siteId),
    or(and(eq(visits.status, 'pending'), sql`${visits.expiresAt} > ${now.toISOString()}::timestamptz`), eq(visits.status, 'admitted')),
  )).orderBy(asc(visits.registeredAt));
  return rows.map(flatten);
}

function filters(scope: SQL, q: Omit<VisitQuery, 'limit' | 'offset'>, timeZone: string): SQL | undefined {
  const term = q.q?.trim();
  const like = term ? `%${term.replace(/[%_\\]/g, '\\$&')}%` : '';
  return and(
    scope,
    q.siteId ? eq(visits.siteId, q.siteId) : undefined,
    q.status ? eq(visits.status, q.status) : undefined,
    q.from ? gte(visits.registeredAt, sql`(${q.from}::date)::timestamp at time zone ${timeZone}`) : undefined,
    q.to ? lt(visits.registeredAt, sql`(${q.to}::date + 1)::timestamp at time zone ${timeZone}`) : undefined,
    // Inside at some moment of [presentFrom, presentTo]: admitted before its end, not yet left at its start.
    q.presentTo ? sql`${visits.admittedAt} <= ${q.presentTo}::timestamptz` : undefined,
    q.presentFrom ? sql`${visits.admittedAt} is not null and coalesce(${visits.leftAt}, now()) >= ${q.presentFrom}::timestamptz` : undefined,
    term ? or(
      ilike(visits.name, like), ilike(visits.visiting, like),
      /^\d{4}$/.test(term) ? eq(visits.phoneLast4, term) : undefined,
      /^\d{3}[\dXx]$/.test(term) ? eq(visits.idLast4, term.toUpperCase()) : undefined,
    ) : undefined,
  );
}

export async function searchVisits(db: Executor, scope: SQL, q: VisitQuery, timeZone: string) {
  const where = filters(scope, q, timeZone);
  const [rows, [total]] = await Promise.all([
    base(db).where(where).orderBy(desc(visits.registeredAt)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(visits).where(where),
  ]);
  return { rows: rows.map(flatten), total: total?.n ?? 0 };
}

export async function dayStats(db: Executor, scope: SQL, from: SQL, to: SQL, now: Date) {
  return db.select({
    siteId: visits.siteId,
    registered: sql<number>`count(*) filter (where ${visits.registeredAt} >= ${from} and ${visits.registeredAt} < ${to})::int`,
    admitted: sql<number>`count(*) filter (where ${visits.admittedAt} >= ${from} and ${visits.admittedAt} < ${to})::int`,
    refused: sql<number>`count(*) filter (where ${visits.status} = 'refused' and ${visits.screenedAt} >= ${from} and ${visits.screenedAt} < ${to})::int`,
    refusedBy: sql<Record<string, number> | null>`(select jsonb_object_agg(r, n) from (select r, count(*)::int as n from ${visits} v2, unnest(v2.refusal_reasons) r
      where v2.site_id = ${visits.siteId} and v2.status = 'refused' and v2.screened_at >= ${from} and v2.screened_at < ${to} group by r) x)`,
    insideNow: sql<number>`count(*) filter (where ${visits.status} = 'admitted' and ${visits.kind} = 'visitor')::int`,
    overstays: sql<number>`count(*) filter (where ${visits.status} = 'admitted' and ${visits.kind} = 'visitor' and ${visits.stayEndsAt} < ${now.toISOString()}::timestamptz)::int`,
  }).from(visits).where(and(scope, or(gte(visits.registeredAt, sql`${from} - interval '1 day'`), eq(visits.status, 'admitted'))))
    .groupBy(visits.siteId);
}

/** Deletes the visits of these sites registered before the cut-off; answers how many. */
export async function purgeBefore(db: Executor, siteIds: SQL, cutoff: Date): Promise<number> {
  const rows = await db.delete(visits).where(and(siteIds, lt(visits.registeredAt, cutoff), sql`${visits.status} <> 'admitted'`)).returning({ id: visits.id });
  return rows.length;
}

/** Key rotation (pii/rotate.ts): the sealed values of the visits, a page at a time in id order. */
export async function sealedVisitPage(db: Executor, afterId: string | null, size: number) {
  return db.select({ id: visits.id, phoneEnc: visits.phoneEnc, idEnc: visits.idEnc })
    .from(visits).where(afterId ? sql`${visits.id} > ${afterId}` : undefined).orderBy(asc(visits.id)).limit(size);
}
