import { and, asc, desc, eq, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AlertStepState } from '@fangkong/domain';
import { alerts, orgNodes, people, placements, readingDays, readings, rooms, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

export type ReadingRow = typeof readings.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type PlacementRow = typeof placements.$inferSelect;

/** The people a batch names, with what the checks need, within `scope`. */
export async function peopleForReadings(db: Executor, scope: SQL, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({
    id: people.id, name: people.name, siteId: people.siteId, orgPath: people.orgPath, status: people.status, siteType: orgNodes.siteType,
  }).from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId)).where(and(inArray(people.id, ids), scope));
}

export async function readingsByClientIds(db: Executor, clientIds: string[]): Promise<ReadingRow[]> {
  if (clientIds.length === 0) return [];
  return db.select().from(readings).where(inArray(readings.clientId, clientIds));
}

export async function insertReadings(db: Executor, rows: (typeof readings.$inferInsert)[]): Promise<ReadingRow[]> {
  const out: ReadingRow[] = [];
  for (let i = 0; i < rows.length; i += 500) out.push(...(await db.insert(readings).values(rows.slice(i, i + 500)).returning()));
  return out;
}

/** Adds a batch's readings to the per-person-day rollup (same transaction as the readings). */
export async function addToReadingDays(
  db: Executor,
  rows: { personId: string; day: string; siteId: string; checks: number; maxTenths: number; abnormal: boolean }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insert(readingDays).values(rows.slice(i, i + 500)).onConflictDoUpdate({
      target: [readingDays.personId, readingDays.day],
      set: {
        checks: sql`${readingDays.checks} + excluded.checks`,
        maxTenths: sql`greatest(${readingDays.maxTenths}, excluded.max_tenths)`,
        abnormal: sql`${readingDays.abnormal} or excluded.abnormal`,
        siteId: sql`excluded.site_id`,
      },
    });
  }
}

/**
 * Opens an alert for the person, or, when one is open, keeps it and raises it to the worse
 * reading (the unique open-alert index makes two abnormal readings at once one alert).
 */
export async function openOrRaiseAlert(
  db: Executor,
  a: { siteId: string; orgPath: string; personId: string; readingId: string; tempTenths: number; band: string; symptoms: string[]; steps: AlertStepState[] },
): Promise<string> {
  const [row] = await db.insert(alerts).values(a).onConflictDoUpdate({
    target: alerts.personId,
    targetWhere: sql`${alerts.status} = 'open'`,
    set: {
      readingId: sql`case when excluded.temp_tenths > ${alerts.tempTenths} then excluded.reading_id else ${alerts.readingId} end`,
      band: sql`case when excluded.temp_tenths > ${alerts.tempTenths} then excluded.band else ${alerts.band} end`,
      tempTenths: sql`greatest(${alerts.tempTenths}, excluded.temp_tenths)`,
      symptoms: sql`array(select distinct unnest(${alerts.symptoms} || excluded.symptoms) order by 1)`,
    },
  }).returning({ id: alerts.id });
  if (!row) throw new Error('alert upsert returned nothing');
  return row.id;
}

const alertColumns = {
  alert: alerts,
  siteName: orgNodes.name,
  personName: people.name,
  closedByName: users.username,
};

export async function listAlerts(db: Executor, scope: SQL, f: { siteId?: string; status?: string; ids?: string[]; limit: number }) {
  return db.select(alertColumns).from(alerts)
    .innerJoin(orgNodes, eq(orgNodes.id, alerts.siteId))
    .innerJoin(people, eq(people.id, alerts.personId))
    .leftJoin(users, eq(users.id, alerts.closedBy))
    .where(and(
      scope,
      f.siteId ? eq(alerts.siteId, f.siteId) : undefined,
      f.status ? eq(alerts.status, f.status) : undefined,
      f.ids ? inArray(alerts.id, f.ids) : undefined,
    ))
    .orderBy(desc(alerts.openedAt)).limit(f.limit);
}

export async function countOpenAlerts(db: Executor, scope: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(alerts).where(and(scope, eq(alerts.status, 'open')));
  return row?.n ?? 0;
}

export async function lockAlert(db: Executor, scope: SQL, id: string): Promise<AlertRow | undefined> {
  const [row] = await db.select().from(alerts).where(and(eq(alerts.id, id), scope)).for('update');
  return row;
}

export async function updateAlert(db: Executor, id: string, patch: Partial<typeof alerts.$inferInsert>): Promise<void> {
  await db.update(alerts).set(patch).where(eq(alerts.id, id));
}

export async function openAlertsOf(db: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db.select({ id: alerts.id, personId: alerts.personId }).from(alerts)
    .where(and(inArray(alerts.personId, personIds), eq(alerts.status, 'open')));
}

// Rounds

export async function expectedPeople(db: Executor, scope: SQL, siteId: string, kinds: string[]) {
  if (kinds.length === 0) return [];
  return db.select({
    id: people.id, name: people.name, kind: people.kind, status: people.status, room: people.room, bed: people.bed, post: people.post,
  }).from(people)
    .where(and(scope, eq(people.siteId, siteId), eq(people.status, 'present'), inArray(people.kind, kinds)))
    .orderBy(sql`${people.room} nulls last`, sql`${people.bed} nulls last`, asc(people.nameInitials), asc(people.name));
}

export async function readingsOfDay(db: Executor, siteId: string, day: string) {
  return db.select({ reading: readings, by: users.username }).from(readings)
    .leftJoin(users, eq(users.id, readings.recordedBy))
    .where(and(eq(readings.siteId, siteId), eq(readings.day, day)))
    .orderBy(asc(readings.measuredAt));
}

export async function readingsOfPerson(db: Executor, personId: string, fromDay: string) {
  return db.select({ reading: readings, by: users.username }).from(readings)
    .leftJoin(users, eq(users.id, readings.recordedBy))
    .where(and(eq(readings.personId, personId), gte(readings.day, fromDay)))
    .orderBy(asc(readings.measuredAt));
}

// Rooms and placements

export async function roomsOfSite(db: Executor, siteId: string): Promise<RoomRow[]> {
  return db.select().from(rooms).where(eq(rooms.siteId, siteId)).orderBy(asc(rooms.kind), asc(rooms.name));
}

export async function findRoom(db: Executor, scope: SQL, id: string, lock = false): Promise<RoomRow | undefined> {
  const q = db.select().from(rooms).where(and(eq(rooms.id, id), scope));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertRoom(db: Executor, r: typeof rooms.$inferInsert): Promise<RoomRow> {
  const [row] = await db.insert(rooms).values(r).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateRoom(db: Executor, id: string, patch: Partial<typeof rooms.$inferInsert>): Promise<void> {
  await db.update(rooms).set(patch).where(eq(rooms.id, id));
}

const placementColumns = { placement: placements, personName: people.name, roomName: rooms.name };

export async function activeOccupants(db: Executor, roomIds: string[]) {
  if (roomIds.length === 0) return [];
  return db.select(placementColumns).from(placements)
    .innerJoin(people, eq(people.id, placements.personId))
    .innerJoin(rooms, eq(rooms.id, placements.roomId))
    .where(and(inArray(placements.roomId, roomIds), isNull(placements.endedAt)))
    .orderBy(asc(placements.startAt));
}

export async function listPlacements(db: Executor, scope: SQL, f: { siteId?: string; personId?: string; active?: boolean; id?: string }) {
  return db.select(placementColumns).from(placements)
    .innerJoin(people, eq(people.id, placements.personId))
    .innerJoin(rooms, eq(rooms.id, placements.roomId))
    .where(and(
      scope,
      f.id ? eq(placements.id, f.id) : undefined,
      f.siteId ? eq(placements.siteId, f.siteId) : undefined,
      f.personId ? eq(placements.personId, f.personId) : undefined,
      f.active === true ? isNull(placements.endedAt) : f.active === false ? sql`${placements.endedAt} is not null` : undefined,
    ))
    .orderBy(desc(placements.startAt)).limit(500);
}

export async function activePlacementOf(db: Executor, personId: string) {
  const [row] = await db.select(placementColumns).from(placements)
    .innerJoin(people, eq(people.id, placements.personId))
    .innerJoin(rooms, eq(rooms.id, placements.roomId))
    .where(and(eq(placements.personId, personId), isNull(placements.endedAt)));
  return row;
}

export async function activePlacementsAt(db: Executor, siteId: string) {
  return db.select({ personId: placements.personId }).from(placements).where(and(eq(placements.siteId, siteId), isNull(placements.endedAt)));
}

export async function insertPlacement(db: Executor, p: typeof placements.$inferInsert): Promise<string> {
  const [row] = await db.insert(placements).values(p).returning({ id: placements.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function endPlacementRow(db: Executor, id: string, patch: Partial<typeof placements.$inferInsert>): Promise<boolean> {
  const rows = await db.update(placements).set(patch).where(and(eq(placements.id, id), isNull(placements.endedAt))).returning({ id: placements.id });
  return rows.length === 1;
}

// Coverage

/** Present people per site, kind and how often they were checked that day. */
export async function coverageCounts(db: Executor, scope: SQL, day: string, f: { siteType?: string; townId?: string }) {
  return db.select({
    siteId: people.siteId,
    kind: people.kind,
    checks: sql<number>`coalesce(${readingDays.checks}, 0)::int`,
    abnormal: sql<boolean>`coalesce(${readingDays.abnormal}, false)`,
    n: sql<number>`count(*)::int`,
  }).from(people)
    .innerJoin(orgNodes, eq(orgNodes.id, people.siteId))
    .leftJoin(readingDays, and(eq(readingDays.personId, people.id), eq(readingDays.day, day)))
    .where(and(
      scope, eq(people.status, 'present'),
      f.siteType ? eq(orgNodes.siteType, f.siteType) : undefined,
      f.townId ? eq(orgNodes.parentId, f.townId) : undefined,
    ))
    .groupBy(people.siteId, people.kind, sql`coalesce(${readingDays.checks}, 0)`, sql`coalesce(${readingDays.abnormal}, false)`);
}

export async function openAlertCounts(db: Executor, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db.select({ siteId: alerts.siteId, n: sql<number>`count(*)::int` }).from(alerts)
    .where(and(inArray(alerts.siteId, siteIds), eq(alerts.status, 'open'))).groupBy(alerts.siteId);
}

/** Active rooms of these sites with the reasons of their current occupants. */
export async function roomsWithOccupants(db: Executor, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db.select({
    room: rooms,
    reasons: sql<string[]>`coalesce((select array_agg(${placements.reason}) from ${placements}
      where ${placements.roomId} = ${rooms.id} and ${placements.endedAt} is null), '{}')`,
  }).from(rooms).where(and(inArray(rooms.siteId, siteIds), eq(rooms.active, true)));
}
