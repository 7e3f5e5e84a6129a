import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { EventState } from '@fangkong/domain';
import { covidCases, funeralHalls, hallDisinfections, mourners, mourningEvents, orgNodes, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

/*
 * The queries of halls, mourning events and hall disinfections. An event occupies its hall from
 * its start to its end, or to when the site ended it early; a cancelled one occupies nothing.
 */

const site = alias(orgNodes, 'site');

/** Until when an event holds its hall: ended early by the site, or at its booked end. */
const heldUntil = sql`coalesce(${mourningEvents.endedAt}, ${mourningEvents.endsAt})`;
const iso = (d: Date) => d.toISOString();
/*
 * The outer row's id, qualified, for correlated subqueries: drizzle writes a column of a select's
 * field bare when the query has no join, and a bare "id" in a subquery would bind to the
 * subquery's own table.
 */
const HALL_ID = sql.raw('"funeral_halls"."id"');
const EVENT_ID = sql.raw('"mourning_events"."id"');

/**
 * Whether a booking (not cancelled) held the hall `hallId` at some moment of [start, until): what
 * "in use" means for a day's disinfections, here and in the disinfection register.
 */
export function hallHeld(hallId: SQL, start: SQL, until: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${mourningEvents} e where e.hall_id = ${hallId} and e.cancelled_at is null
      and e.starts_at < ${until} and coalesce(e.ended_at, e.ends_at) > ${start})`;
}

/** The action a refused mourner is audited under: the register's refusals are counted from it. */
export const REFUSAL_ACTION = 'mourner.refuse';

// Halls

export async function insertHall(db: Executor, row: typeof funeralHalls.$inferInsert) {
  const [out] = await db.insert(funeralHalls).values(row).returning();
  if (!out) throw new Error('insert returned nothing');
  return out;
}

export async function updateHall(db: Executor, id: string, patch: Partial<typeof funeralHalls.$inferInsert>) {
  const [out] = await db.update(funeralHalls).set(patch).where(eq(funeralHalls.id, id)).returning();
  if (!out) throw new Error('update returned nothing');
  return out;
}

export async function findHall(db: Executor, scope: SQL, id: string) {
  const [row] = await db.select().from(funeralHalls).where(and(scope, eq(funeralHalls.id, id)));
  return row;
}
export type HallRow = typeof funeralHalls.$inferSelect;

/** Locks a hall's row for a booking: of two bookings at once, the second waits and then sees the first. */
export async function lockHall(tx: Executor, id: string) {
  const [row] = await tx.select().from(funeralHalls).where(eq(funeralHalls.id, id)).for('update');
  return row;
}

/** The window of a day whose facts a hall answer carries. */
export interface DayWindow {
  /** The local day's first instant, and the next day's. */
  start: Date;
  end: Date;
  now: Date;
}

/**
 * Halls (of sites, or by id) with their facts of a day: whether an event held them so far that
 * day (an event later in the day asks nothing of the morning), the day's routine disinfections,
 * and the last event that ended there if it still lacks its final disinfection.
 */
export async function hallsWithFacts(db: Executor, f: { siteIds?: string[]; ids?: string[] }, w: DayWindow) {
  const until = w.now.getTime() < w.end.getTime() ? w.now : w.end;
  return db.select({
    hall: funeralHalls,
    inUse: hallHeld(HALL_ID, sql`${iso(w.start)}::timestamptz`, sql`${iso(until)}::timestamptz`),
    routine: sql<number>`(select count(*)::int from ${hallDisinfections} d where d.hall_id = ${HALL_ID} and d.kind = 'routine'
      and d.at >= ${iso(w.start)}::timestamptz and d.at < ${iso(w.end)}::timestamptz)`,
    awaitingFinalFor: sql<string | null>`(select last.id from (select x.id from ${mourningEvents} x where x.hall_id = ${HALL_ID}
      and x.cancelled_at is null and coalesce(x.ended_at, x.ends_at) <= ${iso(w.now)}::timestamptz
      order by coalesce(x.ended_at, x.ends_at) desc limit 1) last
      where not exists (select 1 from ${hallDisinfections} d where d.event_id = last.id and d.kind = 'final'))`,
  })
    .from(funeralHalls)
    .where(and(
      f.siteIds ? inArray(funeralHalls.siteId, f.siteIds) : undefined,
      f.ids ? inArray(funeralHalls.id, f.ids) : undefined,
    ))
    .orderBy(asc(funeralHalls.siteId), asc(funeralHalls.name));
}
export type HallWithFacts = Awaited<ReturnType<typeof hallsWithFacts>>[number];

// Mourning events

export interface EventFilter {
  ids?: string[] | undefined;
  siteId?: string | undefined;
  siteIds?: string[] | undefined;
  hallId?: string | undefined;
  /** Events holding their hall at some moment of [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
  state?: EventState | undefined;
  /** Leaves out cancelled bookings (a day's events). */
  held?: boolean | undefined;
}

/** Where an event stands at `now`, in SQL: the domain's eventState, for filtering a page. */
function inState(state: EventState, now: Date): SQL {
  const at = sql`${iso(now)}::timestamptz`;
  const live = and(isNull(mourningEvents.cancelledAt), isNull(mourningEvents.endedAt)) as SQL;
  switch (state) {
    case 'cancelled': return sql`${mourningEvents.cancelledAt} is not null`;
    case 'ended': return sql`${mourningEvents.cancelledAt} is null and (${mourningEvents.endedAt} is not null or ${mourningEvents.endsAt} <= ${at})`;
    case 'ongoing': return sql`${live} and ${mourningEvents.startsAt} <= ${at} and ${mourningEvents.endsAt} > ${at}`;
    case 'upcoming': return sql`${live} and ${mourningEvents.startsAt} > ${at}`;
  }
}

function eventsWhere(scope: SQL, f: EventFilter, now: Date) {
  return and(
    scope,
    f.ids ? inArray(mourningEvents.id, f.ids) : undefined,
    f.siteId ? eq(mourningEvents.siteId, f.siteId) : undefined,
    f.siteIds ? inArray(mourningEvents.siteId, f.siteIds) : undefined,
    f.hallId ? eq(mourningEvents.hallId, f.hallId) : undefined,
    f.from ? sql`${heldUntil} > ${iso(f.from)}::timestamptz` : undefined,
    f.to ? sql`${mourningEvents.startsAt} < ${iso(f.to)}::timestamptz` : undefined,
    f.state ? inState(f.state, now) : undefined,
    f.held ? isNull(mourningEvents.cancelledAt) : undefined,
  );
}

export async function listEvents(db: Executor, scope: SQL, f: EventFilter, now: Date, page: { limit: number; offset: number }) {
  return db.select({
    event: mourningEvents,
    siteName: site.name,
    hallName: funeralHalls.name,
    attendees: sql<number>`(select count(*)::int from ${mourners} m where m.event_id = ${EVENT_ID})`,
    // A refused mourner writes nothing but the audit entry of the refusal, made at the event's site.
    refused: sql<number>`(select count(*)::int from audit_log a where a.node_path = "mourning_events"."org_path"
      and a.action = ${REFUSAL_ACTION} and a.target_type = 'mourning_event' and a.target_id = ${EVENT_ID}::text)`,
    finalAt: sql<Date | null>`(select d.at from ${hallDisinfections} d where d.event_id = ${EVENT_ID} and d.kind = 'final')`
      .mapWith(hallDisinfections.at),
  })
    .from(mourningEvents)
    .innerJoin(site, eq(site.id, mourningEvents.siteId))
    .innerJoin(funeralHalls, eq(funeralHalls.id, mourningEvents.hallId))
    .where(eventsWhere(scope, f, now))
    .orderBy(asc(mourningEvents.startsAt), asc(funeralHalls.name))
    .limit(page.limit).offset(page.offset);
}
export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

export async function countEvents(db: Executor, scope: SQL, f: EventFilter, now: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(mourningEvents).where(eventsWhere(scope, f, now));
  return row?.n ?? 0;
}

export async function findEventRow(db: Executor, scope: SQL, id: string) {
  const [row] = await db.select().from(mourningEvents).where(and(scope, eq(mourningEvents.id, id)));
  return row;
}
export type EventRecord = typeof mourningEvents.$inferSelect;

/** A booking of the hall (not cancelled) that holds it at some moment of [startsAt, endsAt). */
export async function clashingEvent(tx: Executor, hallId: string, startsAt: Date, endsAt: Date) {
  const [row] = await tx.select({ startsAt: mourningEvents.startsAt, endsAt: mourningEvents.endsAt }).from(mourningEvents)
    .where(and(
      eq(mourningEvents.hallId, hallId), isNull(mourningEvents.cancelledAt),
      sql`${mourningEvents.startsAt} < ${iso(endsAt)}::timestamptz`, sql`${heldUntil} > ${iso(startsAt)}::timestamptz`,
    ))
    .orderBy(asc(mourningEvents.startsAt))
    .limit(1);
  return row;
}

/** The last event that ended in the hall by `now`, with its final disinfection's instant if any. */
export async function lastEndedEvent(db: Executor, hallId: string, now: Date) {
  const [row] = await db.select({
    event: mourningEvents,
    finalAt: sql<Date | null>`(select d.at from ${hallDisinfections} d where d.event_id = ${EVENT_ID} and d.kind = 'final')`
      .mapWith(hallDisinfections.at),
  }).from(mourningEvents)
    .where(and(eq(mourningEvents.hallId, hallId), isNull(mourningEvents.cancelledAt), sql`${heldUntil} <= ${iso(now)}::timestamptz`))
    .orderBy(desc(heldUntil))
    .limit(1);
  return row;
}

export async function insertEvent(db: Executor, row: typeof mourningEvents.$inferInsert): Promise<string> {
  const [out] = await db.insert(mourningEvents).values(row).returning({ id: mourningEvents.id });
  if (!out) throw new Error('insert returned nothing');
  return out.id;
}

/** Ends an ongoing event at `now`; nothing when it is not ongoing (then the caller says why). */
export async function endEvent(db: Executor, id: string, now: Date): Promise<boolean> {
  const done = await db.update(mourningEvents).set({ endedAt: now })
    .where(and(eq(mourningEvents.id, id), inState('ongoing', now)))
    .returning({ id: mourningEvents.id });
  return done.length > 0;
}

/** Cancels an event that has not started; nothing otherwise. */
export async function cancelEvent(db: Executor, id: string, now: Date): Promise<boolean> {
  const done = await db.update(mourningEvents).set({ cancelledAt: now })
    .where(and(eq(mourningEvents.id, id), inState('upcoming', now)))
    .returning({ id: mourningEvents.id });
  return done.length > 0;
}

/**
 * Whether a COVID-19 case exists for this deceased's ID hash, anywhere in the city: the plan
 * forbids mourning for such a deceased whichever site opened the case. Only existence is read.
 */
export async function covidCaseExists(db: Executor, idHash: string): Promise<boolean> {
  const [row] = await db.select({ id: covidCases.id }).from(covidCases).where(eq(covidCases.deceasedIdHash, idHash)).limit(1);
  return row !== undefined;
}

// Disinfections

export async function insertDisinfection(db: Executor, row: typeof hallDisinfections.$inferInsert): Promise<string> {
  const [out] = await db.insert(hallDisinfections).values(row).returning({ id: hallDisinfections.id });
  if (!out) throw new Error('insert returned nothing');
  return out.id;
}

export async function finalOf(db: Executor, eventId: string) {
  const [row] = await db.select({ at: hallDisinfections.at }).from(hallDisinfections)
    .where(and(eq(hallDisinfections.eventId, eventId), eq(hallDisinfections.kind, 'final')));
  return row;
}

export interface DisinfectionFilter {
  ids?: string[] | undefined;
  siteId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export async function listDisinfections(db: Executor, scope: SQL, f: DisinfectionFilter) {
  return db.select({ disinfection: hallDisinfections, hallName: funeralHalls.name, recordedByName: users.displayName })
    .from(hallDisinfections)
    .innerJoin(funeralHalls, eq(funeralHalls.id, hallDisinfections.hallId))
    .leftJoin(users, eq(users.id, hallDisinfections.recordedBy))
    .where(and(
      scope,
      f.ids ? inArray(hallDisinfections.id, f.ids) : undefined,
      f.siteId ? eq(hallDisinfections.siteId, f.siteId) : undefined,
      f.from ? sql`${hallDisinfections.at} >= ${iso(f.from)}::timestamptz` : undefined,
      f.to ? sql`${hallDisinfections.at} < ${iso(f.to)}::timestamptz` : undefined,
    ))
    .orderBy(desc(hallDisinfections.at))
    .limit(2000);
}
export type DisinfectionRow = Awaited<ReturnType<typeof listDisinfections>>[number];

// The funeral sites' day

/** Per site: the day's events (not cancelled) and their mourners. One statement for every site. */
export async function eventCountsBySite(db: Executor, siteIds: string[], w: DayWindow) {
  if (siteIds.length === 0) return [];
  return db.select({
    siteId: mourningEvents.siteId,
    events: sql<number>`count(*)::int`,
    attendees: sql<number>`coalesce(sum((select count(*) from ${mourners} m where m.event_id = ${EVENT_ID})), 0)::int`,
  })
    .from(mourningEvents)
    .where(eventsWhere(sql`true`, { siteIds, from: w.start, to: w.end, held: true }, w.now))
    .groupBy(mourningEvents.siteId);
}
