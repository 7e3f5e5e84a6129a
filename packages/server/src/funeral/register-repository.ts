import { and, asc, count, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { covidCases, funeralHalls, mourners, mourningEvents, orgNodes, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

/*
 * The queries of the mourners' registers. An event is found in the caller's scope (or by its
 * register token, for the public page); a mourner carries its event's site path, which scope and
 * tracing filter on.
 */

export type EventRow = typeof mourningEvents.$inferSelect;
export type EventWithNames = EventRow & { siteName: string; hallName: string };
export type MournerRow = typeof mourners.$inferSelect & { registeredByName: string | null };

function withNames(db: Executor) {
  return db.select({ event: mourningEvents, siteName: orgNodes.name, hallName: funeralHalls.name }).from(mourningEvents)
    .innerJoin(orgNodes, eq(orgNodes.id, mourningEvents.siteId))
    .innerJoin(funeralHalls, eq(funeralHalls.id, mourningEvents.hallId));
}

const flatten = (r: { event: EventRow; siteName: string; hallName: string }): EventWithNames => ({ ...r.event, siteName: r.siteName, hallName: r.hallName });

export async function findEvent(db: Executor, scope: SQL, id: string): Promise<EventWithNames | undefined> {
  const [row] = await withNames(db).where(and(eq(mourningEvents.id, id), scope));
  return row ? flatten(row) : undefined;
}

/** The event a public link names (the token is the credential: no scope). */
export async function eventByToken(db: Executor, token: string): Promise<EventWithNames | undefined> {
  const [row] = await withNames(db).where(eq(mourningEvents.registerToken, token));
  return row ? flatten(row) : undefined;
}

/**
 * Locks the event's row for the rest of the transaction: registrations for one event queue here,
 * so that each counts the mourners the one before it wrote. `which` is the caller's scope, or the
 * token the public page came with (a link rotated meanwhile finds nothing).
 */
export async function lockEvent(db: Executor, id: string, which: SQL): Promise<EventRow | undefined> {
  const [row] = await db.select().from(mourningEvents).where(and(eq(mourningEvents.id, id), which)).for('update');
  return row;
}

export const withToken = (token: string): SQL => eq(mourningEvents.registerToken, token);

export async function setToken(db: Executor, id: string, token: string): Promise<void> {
  await db.update(mourningEvents).set({ registerToken: token }).where(eq(mourningEvents.id, id));
}

export async function attendeeCount(db: Executor, eventId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(mourners).where(eq(mourners.eventId, eventId));
  return row?.n ?? 0;
}

export async function insertMourner(db: Executor, m: typeof mourners.$inferInsert): Promise<string> {
  const [row] = await db.insert(mourners).values(m).returning({ id: mourners.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

function mournerBase(db: Executor) {
  return db.select({ mourner: mourners, registeredByName: users.displayName }).from(mourners)
    .leftJoin(users, eq(users.id, mourners.registeredBy));
}

const flattenMourner = (r: { mourner: typeof mourners.$inferSelect; registeredByName: string | null }): MournerRow =>
  ({ ...r.mourner, registeredByName: r.registeredByName });

/** An event's register, in the order of arrival. */
export async function mournersOf(db: Executor, eventId: string, id?: string): Promise<MournerRow[]> {
  const rows = await mournerBase(db).where(and(eq(mourners.eventId, eventId), id ? eq(mourners.id, id) : undefined))
    .orderBy(asc(mourners.registeredAt), asc(mourners.id));
  return rows.map(flattenMourner);
}

/** The end of an event as it happened: ended or cancelled early, else its booked end (least() skips nulls). */
export const eventEnd = sql`least(${mourningEvents.endsAt}, ${mourningEvents.endedAt}, ${mourningEvents.cancelledAt})`;

/**
 * The mourners of the phone with this hash at events overlapping [from, to], in scope; the
 * events' ids come with them. The hash finds them without opening any phone.
 */
export async function trace(db: Executor, scope: SQL, phoneHash: string, from: Date, to: Date): Promise<MournerRow[]> {
  const rows = await mournerBase(db).innerJoin(mourningEvents, eq(mourningEvents.id, mourners.eventId)).where(and(
    scope,
    eq(mourners.phoneHash, phoneHash),
    sql`${mourningEvents.startsAt} <= ${to.toISOString()}::timestamptz`,
    sql`${eventEnd} >= ${from.toISOString()}::timestamptz`,
  )).orderBy(asc(mourningEvents.startsAt), asc(mourners.registeredAt));
  return rows.map(flattenMourner);
}

/** Deletes the registers of events that ended before the cut-off; answers how many mourners, of how many events. */
export async function purgeEndedBefore(db: Executor, cutoff: Date): Promise<{ deleted: number; events: number }> {
  const rows = await db.delete(mourners)
    .where(sql`${mourners.eventId} in (select ${mourningEvents.id} from ${mourningEvents} where ${eventEnd} < ${cutoff.toISOString()}::timestamptz)`)
    .returning({ eventId: mourners.eventId });
  return { deleted: rows.length, events: new Set(rows.map((r) => r.eventId)).size };
}

// Key rotation (pii/rotate.ts): the sealed values of the funeral tables, a page at a time in id order.

const after = (column: SQLWrapper, id: string | null) => (id ? sql`${column} > ${id}` : undefined);

export async function sealedEventPage(db: Executor, afterId: string | null, size: number) {
  return db.select({ id: mourningEvents.id, deceasedIdEnc: mourningEvents.deceasedIdEnc, familyPhoneEnc: mourningEvents.familyPhoneEnc })
    .from(mourningEvents).where(after(mourningEvents.id, afterId)).orderBy(asc(mourningEvents.id)).limit(size);
}

export async function sealedMournerPage(db: Executor, afterId: string | null, size: number) {
  return db.select({ id: mourners.id, phoneEnc: mourners.phoneEnc })
    .from(mourners).where(after(mourners.id, afterId)).orderBy(asc(mourners.id)).limit(size);
}

export async function sealedCasePage(db: Executor, afterId: string | null, size: number) {
  return db.select({ id: covidCases.id, deceasedIdEnc: covidCases.deceasedIdEnc })
    .from(covidCases).where(after(covidCases.id, afterId)).orderBy(asc(covidCases.id)).limit(size);
}
