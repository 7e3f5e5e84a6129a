import { and, asc, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { incidentAttachments, incidentEvents, incidentPeople, incidents, incidentSteps, orgNodes, people, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

const site = alias(orgNodes, 'site');
const town = alias(orgNodes, 'town');

export async function insertIncident(db: Executor, row: typeof incidents.$inferInsert): Promise<string> {
  const [out] = await db.insert(incidents).values(row).returning({ id: incidents.id });
  if (!out) throw new Error('insert returned nothing');
  return out.id;
}

export async function insertPeople(db: Executor, incidentId: string, personIds: string[]): Promise<void> {
  if (personIds.length > 0) await db.insert(incidentPeople).values(personIds.map((personId) => ({ incidentId, personId }))).onConflictDoNothing();
}

export async function insertSteps(db: Executor, rows: (typeof incidentSteps.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(incidentSteps).values(rows);
}

export async function insertEvent(db: Executor, row: typeof incidentEvents.$inferInsert): Promise<void> {
  await db.insert(incidentEvents).values(row);
}

export interface IncidentFilter {
  siteId?: string | undefined;
  townId?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
  ids?: string[] | undefined;
  /** Only incidents with a step past its deadline at this instant. */
  lateAt?: Date | undefined;
}

function where(scope: SQL, f: IncidentFilter) {
  return and(
    scope,
    f.ids ? inArray(incidents.id, f.ids) : undefined,
    f.siteId ? eq(incidents.siteId, f.siteId) : undefined,
    f.townId ? eq(site.parentId, f.townId) : undefined,
    f.type ? eq(incidents.type, f.type) : undefined,
    f.status ? eq(incidents.status, f.status) : undefined,
    f.lateAt ? sql`exists (select 1 from ${incidentSteps} s where s.incident_id = ${incidents.id}
      and (s.done_at is null and s.due_at < ${f.lateAt.toISOString()}::timestamptz or s.done_at > s.due_at))` : undefined,
  );
}

export async function listIncidents(db: Executor, scope: SQL, f: IncidentFilter, page: { limit: number; offset: number }) {
  return db.select({ incident: incidents, siteName: site.name, townId: town.id, townName: town.name, openedByName: users.username, openedByDisplay: users.displayName })
    .from(incidents)
    .innerJoin(site, eq(site.id, incidents.siteId))
    .leftJoin(town, and(eq(town.id, site.parentId), eq(town.kind, 'town')))
    .leftJoin(users, eq(users.id, incidents.openedBy))
    .where(where(scope, f))
    .orderBy(desc(incidents.openedAt))
    .limit(page.limit).offset(page.offset);
}
export type IncidentRow = Awaited<ReturnType<typeof listIncidents>>[number];

export async function countIncidents(db: Executor, scope: SQL, f: IncidentFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(incidents).innerJoin(site, eq(site.id, incidents.siteId)).where(where(scope, f));
  return row?.n ?? 0;
}

export async function stepsOf(db: Executor, incidentIds: string[]) {
  if (incidentIds.length === 0) return [];
  return db.select({ step: incidentSteps, doneByName: users.username, doneByDisplay: users.displayName }).from(incidentSteps)
    .leftJoin(users, eq(users.id, incidentSteps.doneBy))
    .where(inArray(incidentSteps.incidentId, incidentIds))
    .orderBy(asc(incidentSteps.dueAt), asc(incidentSteps.receiver));
}

export async function peopleOf(db: Executor, incidentIds: string[]) {
  if (incidentIds.length === 0) return [];
  return db.select({ incidentId: incidentPeople.incidentId, id: people.id, name: people.name }).from(incidentPeople)
    .innerJoin(people, eq(people.id, incidentPeople.personId))
    .where(inArray(incidentPeople.incidentId, incidentIds))
    .orderBy(asc(people.name));
}

export async function eventsOf(db: Executor, incidentId: string) {
  return db.select({ event: incidentEvents, byName: users.username, byDisplay: users.displayName }).from(incidentEvents)
    .leftJoin(users, eq(users.id, incidentEvents.byUser))
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
}

export async function lockStep(db: Executor, incidentId: string, stepId: string) {
  const [row] = await db.select().from(incidentSteps)
    .where(and(eq(incidentSteps.id, stepId), eq(incidentSteps.incidentId, incidentId))).for('update');
  return row;
}

export async function updateStep(db: Executor, id: string, patch: Partial<typeof incidentSteps.$inferInsert>): Promise<void> {
  await db.update(incidentSteps).set(patch).where(eq(incidentSteps.id, id));
}

export async function closeIncident(db: Executor, id: string, patch: { closedAt: Date; closedBy: string; outcome: string }): Promise<boolean> {
  const rows = await db.update(incidents).set({ ...patch, status: 'closed' }).where(and(eq(incidents.id, id), eq(incidents.status, 'open'))).returning({ id: incidents.id });
  return rows.length === 1;
}

/**
 * Steps past their deadline not yet flagged, locked and skipped by another instance doing the same
 * (`skip locked`): each late step is flagged once.
 */
export async function claimLateSteps(db: Executor, now: Date, limit: number) {
  return db.select({ step: incidentSteps, siteId: incidents.siteId, orgPath: incidents.orgPath, type: incidents.type, siteName: site.name })
    .from(incidentSteps)
    .innerJoin(incidents, eq(incidents.id, incidentSteps.incidentId))
    .innerJoin(site, eq(site.id, incidents.siteId))
    .where(and(isNull(incidentSteps.doneAt), isNull(incidentSteps.lateFlaggedAt), lt(incidentSteps.dueAt, now), eq(incidents.status, 'open')))
    .orderBy(asc(incidentSteps.dueAt))
    .limit(limit)
    .for('update', { of: incidentSteps, skipLocked: true });
}

/** Open incidents per type and town; late steps; minutes to each kind of step. */
export async function overviewCounts(db: Executor, scope: SQL, now: Date) {
  const open = await db.select({ type: incidents.type, townId: town.id, townName: town.name, n: sql<number>`count(*)::int` })
    .from(incidents).innerJoin(site, eq(site.id, incidents.siteId)).leftJoin(town, and(eq(town.id, site.parentId), eq(town.kind, 'town')))
    .where(and(scope, eq(incidents.status, 'open')))
    .groupBy(incidents.type, town.id, town.name);
  const [late] = await db.select({ n: sql<number>`count(*)::int` }).from(incidentSteps)
    .innerJoin(incidents, eq(incidents.id, incidentSteps.incidentId))
    // Parenthesised whole: an "or" next to the scope filter would widen it.
    .where(and(scope, sql`((${incidentSteps.doneAt} is null and ${incidentSteps.dueAt} < ${now.toISOString()}::timestamptz and ${incidents.status} = 'open') or ${incidentSteps.doneAt} > ${incidentSteps.dueAt})`));
  const means = await db.select({
    receiver: incidentSteps.receiver,
    minutes: sql<number | null>`round(avg(extract(epoch from ${incidentSteps.doneAt} - ${incidents.openedAt}) / 60)::numeric, 1)::float8`,
    done: sql<number>`count(*)::int`,
  }).from(incidentSteps).innerJoin(incidents, eq(incidents.id, incidentSteps.incidentId))
    .where(and(scope, sql`${incidentSteps.doneAt} is not null`))
    .groupBy(incidentSteps.receiver);
  return { open, late: late?.n ?? 0, means };
}

export async function insertAttachment(db: Executor, row: typeof incidentAttachments.$inferInsert): Promise<string> {
  const [out] = await db.insert(incidentAttachments).values(row).returning({ id: incidentAttachments.id });
  if (!out) throw new Error('insert returned nothing');
  return out.id;
}

/** The documents of an incident, without their bytes. */
export async function attachmentsOf(db: Executor, incidentId: string) {
  return db.select({
    id: incidentAttachments.id, fileName: incidentAttachments.fileName, contentType: incidentAttachments.contentType, size: incidentAttachments.size,
    uploadedBy: users.username, uploadedAt: incidentAttachments.uploadedAt,
  }).from(incidentAttachments)
    .leftJoin(users, eq(users.id, incidentAttachments.uploadedBy))
    .where(eq(incidentAttachments.incidentId, incidentId))
    .orderBy(asc(incidentAttachments.uploadedAt));
}

export async function attachmentFile(db: Executor, incidentId: string, id: string) {
  const [row] = await db.select({ fileName: incidentAttachments.fileName, contentType: incidentAttachments.contentType, data: incidentAttachments.data })
    .from(incidentAttachments).where(and(eq(incidentAttachments.id, id), eq(incidentAttachments.incidentId, incidentId)));
  return row;
}

/**
 * The messages sent about an incident, found by the keys they were raised with: the opening
 * (`incident_opened:<incident>`) and each late step (`step_late:<step>`).
 */
export async function noticesOf(db: Executor, incidentId: string) {
  const result = await db.execute<{ at: Date | string; key: string; channel: string; to_user: string | null; target: string | null; status: string; delivered_at: Date | string | null }>(sql`
    with keys as (
      select ${`incident_opened:${incidentId}`}::text as k
      union all select 'step_late:' || s.id from incident_steps s where s.incident_id = ${incidentId}
    )
    select n.created_at as at, n.dedupe_key as key, 'in_app' as channel, coalesce(u.display_name, u.username) as to_user, null as target,
      case when n.read_at is null then 'delivered' else 'read' end as status, n.created_at as delivered_at
    from user_notifications n join users u on u.id = n.user_id where n.dedupe_key in (select k from keys)
    union all
    select o.created_at, o.idempotency_key, o.channel, null, o.target, o.status, o.delivered_at
    from outbox o where exists (select 1 from keys where starts_with(o.idempotency_key, keys.k || ':'))
    order by 1, 3, 4`);
  return result.rows;
}
