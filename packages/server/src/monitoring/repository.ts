import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AlertReportReceiver, AlertStepState } from '@fangkong/domain';
import { alertReports, alerts, orgNodes, people, placements, readingDays, readings, rooms, testRecords, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { executeNamed } from '../db/named.js';

export type ReadingRow = typeof readings.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type PlacementRow = typeof placements.$inferSelect;

export async function readingsByClientIds(db: Executor, clientIds: string[]): Promise<ReadingRow[]> {
  if (clientIds.length === 0) return [];
  return db.select().from(readings).where(inArray(readings.clientId, clientIds));
}

type NewReading = typeof readings.$inferInsert;

/** Who recorded readings, for an audit entry written by the same statement as the readings. */
export interface ReadingsAudit { actorId: string; actorName: string; targetId: string | null; nodePath: string | null; requestId: string; ip: string }

/**
 * Inserts readings and adds them to the per-person-day rollup, in one statement over parallel
 * arrays (`unnest`): a batch of 1,000 is 13 parameters, not 13,000, which keeps the query
 * building here and the parsing in the database flat. Ids are made here, so the database answers
 * only which rows it stored: a reading whose client id is already stored (a retried upload) is
 * skipped, and counted nowhere.
 */
export async function insertReadings(db: Executor, input: NewReading[], audit?: ReadingsAudit): Promise<ReadingRow[]> {
  if (input.length === 0) return [];
  // eslint-disable-next-line no-restricted-syntax -- when the rows were written, not a rule's time
  const now = new Date();
  const rows: ReadingRow[] = input.map((r) => ({
    id: randomUUID(), personId: r.personId, siteId: r.siteId, orgPath: r.orgPath, day: r.day,
    measuredAt: r.measuredAt instanceof Date ? r.measuredAt : new Date(r.measuredAt), tempTenths: r.tempTenths, band: r.band,
    symptoms: r.symptoms ?? [], abnormal: r.abnormal, recordedBy: r.recordedBy ?? null, note: r.note ?? null,
    clientId: r.clientId ?? null, createdAt: now,
  }));
  // sql.param: one array parameter (a bare array in the template would become a list of parameters).
  const col = <T>(f: (r: ReadingRow) => T) => sql.param(rows.map(f));
  // Named: its text is the same for one reading or a thousand, and it is the hottest write.
  const result = await executeNamed<{ id: string }>(db, sql`
    with ins as (
    insert into readings (id, person_id, site_id, org_path, day, measured_at, temp_tenths, band, symptoms, abnormal, recorded_by, note, client_id)
    select i, p, s, o, d, m, t, b, case when y = '' then '{}'::text[] else string_to_array(y, ',') end, a, r, n, c
    from unnest(
      ${col((r) => r.id)}::uuid[], ${col((r) => r.personId)}::uuid[], ${col((r) => r.siteId)}::uuid[], ${col((r) => r.orgPath)}::text[],
      ${col((r) => r.day)}::date[], ${col((r) => r.measuredAt.toISOString())}::timestamptz[], ${col((r) => r.tempTenths)}::smallint[],
      ${col((r) => r.band)}::text[], ${col((r) => r.symptoms.join(','))}::text[], ${col((r) => r.abnormal)}::boolean[],
      ${col((r) => r.recordedBy)}::uuid[], ${col((r) => r.note)}::text[], ${col((r) => r.clientId)}::uuid[]
    ) as x(i, p, s, o, d, m, t, b, y, a, r, n, c)
    on conflict (client_id) do nothing
    returning id, person_id, day, site_id, temp_tenths, abnormal
  ), rollup as (
    -- The per-person-day rollup, in the same statement: one round trip for both.
    insert into reading_days (person_id, day, site_id, checks, max_tenths, abnormal)
    select person_id, day, (array_agg(site_id))[1], count(*), max(temp_tenths), bool_or(abnormal) from ins group by person_id, day
    on conflict (person_id, day) do update set
      checks = reading_days.checks + excluded.checks,
      max_tenths = greatest(reading_days.max_tenths, excluded.max_tenths),
      abnormal = reading_days.abnormal or excluded.abnormal,
      site_id = excluded.site_id
  )${audit ? sql`, aud as (
    -- The audit entry in the same statement, counting what was stored (nothing stored: no entry).
    insert into audit_log (actor_id, actor_name, action, target_type, target_id, node_path, outcome, request_id, ip, detail)
    select ${audit.actorId}::uuid, ${audit.actorName}, 'reading.record', 'site', ${audit.targetId}, ${audit.nodePath}, 'ok', ${audit.requestId}, ${audit.ip},
      jsonb_build_object('readings', count(*), 'abnormal', count(*) filter (where abnormal))
    from ins having count(*) > 0
  )` : sql``}
  select id from ins`);
  const stored = new Set(result.map((r) => r.id));
  return rows.filter((r) => stored.has(r.id));
}

export interface AlertUpsert {
  siteId: string; orgPath: string; personId: string; readingId: string; tempTenths: number; band: string; symptoms: string[]; steps: AlertStepState[];
}

/**
 * Opens an alert for each person, or, where one is open, keeps it and raises it to the worse
 * reading; the unique open-alert index makes two abnormal readings at once one alert. One person
 * once per call (the caller merges a batch's readings of one person first).
 */
export async function openOrRaiseAlerts(db: Executor, list: AlertUpsert[]): Promise<string[]> {
  if (list.length === 0) return [];
  const col = <T>(f: (a: AlertUpsert) => T) => sql.param(list.map(f));
  const result = await db.execute<{ id: string }>(sql`
    insert into alerts (site_id, org_path, person_id, reading_id, temp_tenths, band, symptoms, steps)
    select s, o, p, r, t, b, case when y = '' then '{}'::text[] else string_to_array(y, ',') end, j::jsonb
    from unnest(${col((a) => a.siteId)}::uuid[], ${col((a) => a.orgPath)}::text[], ${col((a) => a.personId)}::uuid[], ${col((a) => a.readingId)}::uuid[],
      ${col((a) => a.tempTenths)}::smallint[], ${col((a) => a.band)}::text[], ${col((a) => a.symptoms.join(','))}::text[], ${col((a) => JSON.stringify(a.steps))}::text[])
      as x(s, o, p, r, t, b, y, j)
    on conflict (person_id) where status = 'open' do update set
      -- An alert opened by a positive test has no temperature yet: the first reading gives it one.
      reading_id = case when alerts.temp_tenths is null or excluded.temp_tenths > alerts.temp_tenths then excluded.reading_id else alerts.reading_id end,
      band = case when alerts.temp_tenths is null or excluded.temp_tenths > alerts.temp_tenths then excluded.band else alerts.band end,
      temp_tenths = greatest(alerts.temp_tenths, excluded.temp_tenths),
      symptoms = array(select distinct unnest(alerts.symptoms || excluded.symptoms) order by 1)
    returning id`);
  return result.rows.map((r) => r.id);
}

/**
 * Opens an alert for each positive test (R4.4 → the four earlies), or attaches the test to the
 * person's open alert. Returns the alert ids.
 */
export async function openTestAlerts(db: Executor, list: { siteId: string; orgPath: string; personId: string; testId: string; steps: AlertStepState[] }[]): Promise<string[]> {
  if (list.length === 0) return [];
  const col = <T>(f: (a: (typeof list)[number]) => T) => sql.param(list.map(f));
  const result = await db.execute<{ id: string }>(sql`
    insert into alerts (site_id, org_path, person_id, source, test_id, steps)
    select s, o, p, 'test', t, j::jsonb
    from unnest(${col((a) => a.siteId)}::uuid[], ${col((a) => a.orgPath)}::text[], ${col((a) => a.personId)}::uuid[],
      ${col((a) => a.testId)}::uuid[], ${col((a) => JSON.stringify(a.steps))}::text[]) as x(s, o, p, t, j)
    on conflict (person_id) where status = 'open' do update set test_id = excluded.test_id
    returning id`);
  return result.rows.map((r) => r.id);
}

const alertColumns = {
  alert: alerts,
  siteName: orgNodes.name,
  personName: people.name,
  closedByName: users.username,
  /** The incident the alert was promoted to, if it was. */
  incidentId: sql<string | null>`(select i.id from incidents i where i.alert_id = ${alerts.id})`,
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

// The report of a fever (R2.4)

export type AlertReportRow = typeof alertReports.$inferSelect;

/**
 * Gives each alert its report rows, with deadlines counted from its opening (`minutes` per alert and
 * receiver). An alert raised again keeps the rows it has.
 */
export async function planReports(db: Executor, list: { alertId: string; receiver: AlertReportReceiver; minutes: number }[]): Promise<void> {
  if (list.length === 0) return;
  const col = <T>(f: (a: (typeof list)[number]) => T) => sql.param(list.map(f));
  await db.execute(sql`
    insert into alert_reports (alert_id, receiver, due_at)
    select a.id, x.r, a.opened_at + make_interval(mins => x.m)
    from unnest(${col((a) => a.alertId)}::uuid[], ${col((a) => a.receiver)}::text[], ${col((a) => a.minutes)}::int[]) as x(id, r, m)
    join alerts a on a.id = x.id
    on conflict (alert_id, receiver) do nothing`);
}

export async function alertOwners(db: Executor, alertIds: string[]) {
  if (alertIds.length === 0) return [];
  return db.select({ id: alerts.id, personId: alerts.personId }).from(alerts).where(inArray(alerts.id, [...new Set(alertIds)]));
}

/** Display names of users by username (falling back to the username), for the names on checklists. */
export async function displayNames(db: Executor, usernames: string[]): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const rows = await db.select({ username: users.username, name: sql<string>`coalesce(${users.displayName}, ${users.username})` })
    .from(users).where(inArray(users.username, usernames));
  return new Map(rows.map((r) => [r.username, r.name]));
}

export async function reportsOf(db: Executor, alertIds: string[]) {
  if (alertIds.length === 0) return [];
  return db.select({ report: alertReports, doneBy: users.username, doneByName: sql<string | null>`coalesce(${users.displayName}, ${users.username})` }).from(alertReports)
    .leftJoin(users, eq(users.id, alertReports.doneBy))
    .where(inArray(alertReports.alertId, alertIds));
}

export async function lockReports(db: Executor, alertId: string): Promise<AlertReportRow[]> {
  return db.select().from(alertReports).where(eq(alertReports.alertId, alertId)).for('update');
}

export async function updateReports(db: Executor, alertId: string, receivers: AlertReportReceiver[], patch: Partial<typeof alertReports.$inferInsert>): Promise<void> {
  if (receivers.length === 0) return;
  await db.update(alertReports).set(patch).where(and(eq(alertReports.alertId, alertId), inArray(alertReports.receiver, receivers)));
}

/**
 * Who the system told of each alert, per receiver: the site managers by the alert itself, the town
 * officers and the bureau's people by the report; in-app bells and e-mails to users (robots and
 * fixed addresses reach no one person and are listed with the outbox). The recipients were chosen
 * by the rules within the site's jurisdiction; their role here says which level they speak for.
 */
export async function toldOf(db: Executor, alertIds: string[]) {
  if (alertIds.length === 0) return [];
  const result = await db.execute<{ alert_id: string; receiver: AlertReportReceiver; channel: string; to_user: string; at: Date | string; status: string }>(sql`
    with k as (
      select id as alert_id, r.receiver, r.event
      from unnest(${sql.param(alertIds)}::uuid[]) as id
      cross join (values ('site_manager', 'alert'), ('town', 'fever_reported'), ('bureau', 'fever_reported')) as r(receiver, event)
    ), told as (
      select k.alert_id, k.receiver, 'in_app' as channel, n.user_id, n.created_at as at,
        case when n.read_at is null then 'delivered' else 'read' end as status
      from k join user_notifications n on case when k.event = 'alert'
        then n.dedupe_key = 'fever_alert:' || k.alert_id or starts_with(n.dedupe_key, 'positive_test:' || k.alert_id || ':')
        else n.dedupe_key = 'fever_reported:' || k.alert_id end
      union all
      select k.alert_id, k.receiver, o.channel, split_part(o.idempotency_key, ':', 4)::uuid, o.created_at, o.status
      from k join outbox o on k.event = 'fever_reported' and starts_with(o.idempotency_key, 'fever_reported:' || k.alert_id || ':email:')
    )
    select t.alert_id, t.receiver, t.channel, coalesce(u.display_name, u.username) as to_user, t.at, t.status
    from told t join users u on u.id = t.user_id
    where exists (select 1 from user_roles ur where ur.user_id = u.id and (
      (t.receiver = 'site_manager' and ur.role = 'site_manager')
      or (t.receiver = 'town' and ur.role = 'town_officer')
      or (t.receiver = 'bureau' and ur.role in ('bureau_admin', 'bureau_officer'))))
    order by t.at, 3, 4`);
  return result.rows;
}

/** The site managers' report of alerts just opened is made when the alert's own message reached one (R2.4). */
export async function markManagersTold(db: Executor, alertIds: string[]): Promise<void> {
  if (alertIds.length === 0) return;
  await db.execute(sql`
    update alert_reports r set done_at = a.opened_at, how = 'system'
    from alerts a
    where a.id = r.alert_id and r.receiver = 'site_manager' and r.done_at is null and a.id = any(${sql.param(alertIds)}::uuid[])
      and exists (select 1 from user_notifications n join user_roles ur on ur.user_id = n.user_id and ur.role = 'site_manager'
        where n.dedupe_key = 'fever_alert:' || a.id or starts_with(n.dedupe_key, 'positive_test:' || a.id || ':'))`);
}

/**
 * Reports past their deadline, not yet flagged, of open alerts: claimed for the escalation job. An
 * alert made an incident has the incident's chain flag its lateness instead, not both.
 */
export async function claimLateReports(db: Executor, now: Date, limit: number) {
  return db.select({ report: alertReports, orgPath: alerts.orgPath, siteName: orgNodes.name, personName: people.name })
    .from(alertReports)
    .innerJoin(alerts, eq(alerts.id, alertReports.alertId))
    .innerJoin(orgNodes, eq(orgNodes.id, alerts.siteId))
    .innerJoin(people, eq(people.id, alerts.personId))
    .where(and(
      isNull(alertReports.doneAt), isNull(alertReports.lateFlaggedAt), sql`${alertReports.dueAt} < ${now}`, eq(alerts.status, 'open'),
      sql`not exists (select 1 from incidents i where i.alert_id = ${alerts.id})`,
    ))
    .orderBy(asc(alertReports.dueAt))
    .limit(limit)
    .for('update', { of: alertReports, skipLocked: true });
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

/** The latest negative sample taken since the placement began: what allows an early release (R5.3). */
const negativeSince = (column: SQL) => sql`(select ${column} from ${testRecords} where ${testRecords.personId} = ${placements.personId}
  and ${testRecords.result} = 'negative' and ${testRecords.sampledAt} >= ${placements.startAt} order by ${testRecords.sampledAt} desc limit 1)`;

const placementColumns = {
  placement: placements,
  personName: people.name,
  roomName: rooms.name,
  negativeTestId: sql<string | null>`${negativeSince(sql`${testRecords.id}`)}`,
  negativeSampledAt: sql<string | null>`${negativeSince(sql`to_char(${testRecords.sampledAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)}`,
};

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
export async function coverageCounts(db: Executor, scope: SQL | undefined, day: string, f: { siteIds: string[] }) {
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
      sql`${people.siteId} = any(${sql.param(f.siteIds)}::uuid[])`,
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
    // Spelled out, not with column objects: in a query of one table drizzle writes bare column
    // names, and a bare "id" inside this subquery is the placement's own, so no room ever had
    // occupants and the overview's free places never fell after a placement (issue 15).
    reasons: sql<string[]>`coalesce((select array_agg(p.reason) from placements p
      where p.room_id = "rooms"."id" and p.ended_at is null), '{}')`,
  }).from(rooms).where(and(inArray(rooms.siteId, siteIds), eq(rooms.active, true)));
}
