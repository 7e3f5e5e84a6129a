import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { IdProbeCount, PeopleQuery } from '@fangkong/domain';
import { orgNodes, people, personMoves, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { insertByArrays } from '../db/arrays.js';
import { executeNamed } from '../db/named.js';

export type PersonRow = typeof people.$inferSelect;
export type NewPersonRow = typeof people.$inferInsert;
export type PersonWithSite = PersonRow & { siteName: string };

const withSite = { person: people, siteName: orgNodes.name };

function filters(scope: SQL, q: Omit<PeopleQuery, 'limit' | 'offset'>): SQL | undefined {
  const term = q.q?.trim();
  let search: SQL | undefined;
  if (term) {
    const like = `%${term.replace(/[%_\\]/g, '\\$&')}%`;
    search = or(
      ilike(people.name, like),
      /^[a-z]+$/i.test(term) ? sql`${people.nameInitials} like ${`${term.toLowerCase()}%`}` : undefined,
      /^\d{3}[\dXx]$/.test(term) ? eq(people.idLast4, term.toUpperCase()) : undefined,
    );
  }
  return and(
    scope,
    q.siteId ? eq(people.siteId, q.siteId) : undefined,
    q.kind ? eq(people.kind, q.kind) : undefined,
    q.status ? eq(people.status, q.status) : undefined,
    search,
  );
}

export async function listPeople(db: Executor, scope: SQL, q: PeopleQuery): Promise<{ rows: PersonWithSite[]; total: number }> {
  const where = filters(scope, q);
  const [rows, [total]] = await Promise.all([
    db.select(withSite).from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId)).where(where)
      .orderBy(asc(orgNodes.name), asc(people.nameInitials), asc(people.name), asc(people.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(people).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.person, siteName: r.siteName })), total: total?.n ?? 0 };
}

/** Every match, for an export; in pages so that a large list does not sit in memory twice. */
export async function* allPeople(db: Executor, scope: SQL, q: Omit<PeopleQuery, 'limit' | 'offset'>): AsyncGenerator<PersonWithSite> {
  const where = filters(scope, q);
  let after: string | null = null;
  for (;;) {
    const rows: { person: PersonRow; siteName: string }[] = await db.select(withSite).from(people)
      .innerJoin(orgNodes, eq(orgNodes.id, people.siteId))
      .where(and(where, after ? sql`${people.id} > ${after}` : undefined))
      .orderBy(asc(people.id)).limit(1000);
    for (const r of rows) yield { ...r.person, siteName: r.siteName };
    if (rows.length < 1000) return;
    after = rows[rows.length - 1]?.person.id ?? null;
  }
}

export async function findPerson(db: Executor, scope: SQL, id: string): Promise<PersonWithSite | undefined> {
  const [r] = await db.select(withSite).from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId))
    .where(and(eq(people.id, id), scope));
  return r ? { ...r.person, siteName: r.siteName } : undefined;
}

/**
 * The people `ids` names, within `scope`, each with their site and its type: what a batch of
 * readings, tests or incident reports checks before it is stored, and what picks the policy.
 */
export async function peopleWithSiteType(db: Executor, scope: SQL, ids: string[]) {
  if (ids.length === 0) return [];
  // Named (the text varies only with the caller's number of grants); one array parameter rather
  // than a list of a thousand.
  const rows = await executeNamed<{ id: string; name: string; site_id: string; org_path: string; status: string; site_type: string | null }>(db, sql`
    select ${people.id}, ${people.name}, ${people.siteId}, ${people.orgPath}, ${people.status}, ${orgNodes.siteType}
    from ${people} join ${orgNodes} on ${orgNodes.id} = ${people.siteId}
    where ${and(sql`${people.id} = any(${sql.param(ids)}::uuid[])`, scope)}`);
  return rows.map((r) => ({ id: r.id, name: r.name, siteId: r.site_id, orgPath: r.org_path, status: r.status, siteType: r.site_type }));
}

export async function personExists(db: Executor, id: string): Promise<boolean> {
  const [r] = await db.select({ id: people.id }).from(people).where(eq(people.id, id));
  return !!r;
}

/** Active registrations of these ID hashes anywhere (not scoped: a duplicate is a duplicate). */
export async function activeByIdHash(db: Executor, hashes: string[], exceptId?: string) {
  if (hashes.length === 0) return [];
  return db.select({ id: people.id, idHash: people.idHash, siteId: people.siteId, orgPath: people.orgPath, siteName: orgNodes.name })
    .from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId))
    .where(and(inArray(people.idHash, hashes), ne(people.status, 'left'), exceptId ? ne(people.id, exceptId) : undefined));
}

/** The audit action of a conflict with a registration outside the caller's jurisdiction. */
export const ID_CONFLICT_ACTION = 'person.id_conflict';

/**
 * An account's cross-jurisdiction conflicts, counted from the audit log (shared by every server
 * instance, and append-only: nobody resets their own budget): distinct records met in the last
 * hour and day, and how many of `targets` are not yet among them. Run inside `lockIdProbe`'s
 * transaction so that two requests of one account count one after the other.
 */
export async function idProbeCounts(db: Executor, actorId: string, targets: string[]): Promise<{ used: IdProbeCount; fresh: IdProbeCount }> {
  const r = await db.execute<{ used_hour: number; used_day: number; fresh_hour: number; fresh_day: number }>(sql`
    with mine as (
      select target_id, at > now() - interval '1 hour' as recent from audit_log
      where actor_id = ${actorId} and action = ${ID_CONFLICT_ACTION} and at > now() - interval '1 day'
    ), t as (select distinct unnest(${sql.param(targets)}::text[]) as target_id)
    select (select count(distinct target_id) from mine where recent)::int as used_hour,
      (select count(distinct target_id) from mine)::int as used_day,
      (select count(*) from t where not exists (select 1 from mine m where m.target_id = t.target_id and m.recent))::int as fresh_hour,
      (select count(*) from t where not exists (select 1 from mine m where m.target_id = t.target_id))::int as fresh_day`);
  const row = r.rows[0];
  return {
    used: { hour: Number(row?.used_hour ?? 0), day: Number(row?.used_day ?? 0) },
    fresh: { hour: Number(row?.fresh_hour ?? 0), day: Number(row?.fresh_day ?? 0) },
  };
}

/** Serialises the budget checks of one account across requests and instances, until the transaction ends. */
export async function lockIdProbe(db: Executor, actorId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`id_probe:${actorId}`}))`);
}

/** Inserts and answers the new ids, in order. */
export async function insertPeople(db: Executor, rows: NewPersonRow[]): Promise<string[]> {
  const out: string[] = [];
  // By arrays (one per column) in chunks of 2,000: few round trips, little memory per row.
  for (let i = 0; i < rows.length; i += 2000) out.push(...await insertByArrays(db, people, rows.slice(i, i + 2000)));
  return out;
}

export async function updatePerson(db: Executor, id: string, patch: Partial<NewPersonRow>): Promise<void> {
  await db.update(people).set({ ...patch, updatedAt: sql`now()` }).where(eq(people.id, id));
}

export async function insertMove(db: Executor, m: typeof personMoves.$inferInsert): Promise<void> {
  await db.insert(personMoves).values(m);
}

export async function movesOf(db: Executor, personId: string) {
  const from = alias(orgNodes, 'from_site');
  const to = alias(orgNodes, 'to_site');
  return db.select({ at: personMoves.at, fromSiteName: from.name, toSiteName: to.name, by: users.username, reason: personMoves.reason })
    .from(personMoves)
    .leftJoin(from, eq(from.id, personMoves.fromSiteId))
    .innerJoin(to, eq(to.id, personMoves.toSiteId))
    .leftJoin(users, eq(users.id, personMoves.byUser))
    .where(eq(personMoves.personId, personId))
    .orderBy(desc(personMoves.at));
}

/** Rows whose sealed values need re-encrypting, in pages by id. */
export async function sealedPage(db: Executor, after: string | null, size: number) {
  return db.select({ id: people.id, idEnc: people.idEnc, phoneEnc: people.phoneEnc, emergencyPhoneEnc: people.emergencyPhoneEnc })
    .from(people).where(after ? sql`${people.id} > ${after}` : undefined).orderBy(asc(people.id)).limit(size);
}

export async function insertMoves(db: Executor, rows: (typeof personMoves.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await insertByArrays(db, personMoves, rows.slice(i, i + 2000));
}
