import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { labImports, orgNodes, people, placements, testRecords, testSessionPeople, testSessions, testSessionSites, users } from '../db/schema.js';
import type { DueParams } from '@fangkong/domain';
import type { Executor } from '../db/tx.js';

const site = alias(orgNodes, 'site');
const town = alias(orgNodes, 'town');

export interface TestingPersonFilter {
  siteId?: string | undefined;
  townId?: string | undefined;
  siteType?: string | undefined;
  siteIds?: string[] | undefined;
  personIds?: string[] | undefined;
}

/**
 * People who may have to be tested (not left, not community residents), with their site and town
 * and their last sample that counts (not invalid). The last sample comes from the
 * (person, sampled_at) unique index, one probe per person.
 */
export async function peopleForTesting(db: Executor, scope: SQL, f: TestingPersonFilter, timeZone: string) {
  const last = sql`(select ${testRecords.sampledAt} as at, ${testRecords.result} as result from ${testRecords}
    where ${testRecords.personId} = ${people.id} and ${testRecords.result} <> 'invalid' order by ${testRecords.sampledAt} desc limit 1)`;
  return db.select({
    id: people.id,
    name: people.name,
    kind: people.kind,
    post: people.post,
    status: people.status,
    siteId: people.siteId,
    orgPath: people.orgPath,
    presentSince: sql<string>`coalesce(${people.statusSince}, ${people.joinedOn}, (${people.createdAt} at time zone ${timeZone})::date)::text`,
    intakeSince: people.intakeSince,
    siteName: site.name,
    siteType: site.siteType,
    townId: town.id,
    townName: town.name,
    lastSampledAt: sql<Date | null>`last.at`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))),
    lastResult: sql<string | null>`last.result`,
  })
    .from(people)
    .innerJoin(site, eq(site.id, people.siteId))
    .leftJoin(town, and(eq(town.id, site.parentId), eq(town.kind, 'town')))
    .leftJoin(sql`lateral ${last} as last`, sql`true`)
    .where(and(
      scope,
      ne(people.status, 'left'),
      ne(people.kind, 'community_resident'),
      f.siteId ? eq(people.siteId, f.siteId) : undefined,
      f.townId ? eq(site.parentId, f.townId) : undefined,
      f.siteType ? eq(site.siteType, f.siteType) : undefined,
      f.siteIds ? inArray(people.siteId, f.siteIds) : undefined,
      f.personIds ? inArray(people.id, f.personIds) : undefined,
    ))
    .orderBy(asc(site.name), asc(people.name));
}
export type TestingPerson = Awaited<ReturnType<typeof peopleForTesting>>[number];

/**
 * `dueState` (domain `testing.ts`) in SQL, for counting compliance over a whole city without a
 * row per person leaving the database. Reads a person row `p` (kind, status, present_since,
 * intake_since, last_day) and its policy row `r` (`dueParamsTable`); yields the two expressions `status` and `tested`.
 * Each branch mirrors the domain rule line by line; `compliance-sql.test.ts` holds the two to the
 * same answer on random people and policies. `greatest`/`least` skip nulls, so every nullable
 * operand is guarded by the branch that uses it.
 */
export function dueStatusSql(today: string): { status: SQL; tested: SQL } {
  const day = sql`${today}::date`;
  const dueBy = (interval: SQL) => sql`(case when p.last_day is null then p.present_since else greatest(p.last_day + ${interval}, p.present_since) end)`;
  // Intake (R4.2): a sample no older than the policy's age before the intake began counts.
  const intakeTested = sql`coalesce(p.last_day >= p.intake_since - r.intake_age_days and p.last_day <= ${day}, false)`;
  const intakeDueOn = sql`greatest(p.intake_since, case when r.prev_intake_required then least(p.intake_since, r.policy_from) else r.policy_from end)`;
  // Periodic (R4.1): due an interval after the last sample, never before being present, and a new
  // version makes nobody overdue before its first day.
  const periodicTested = sql`coalesce(p.last_day <= ${day} and ${day} - p.last_day <= r.interval_days, false)`;
  const periodicDueOn = sql`greatest(${dueBy(sql`r.interval_days`)},
    case when r.prev_interval_days is null then r.policy_from else least(${dueBy(sql`r.prev_interval_days`)}, r.policy_from) end)`;
  const intake = sql`p.intake_since is not null and r.intake_required`;
  return {
    status: sql`case
      when p.status = 'left' then 'not_required'
      when p.status = 'on_leave' then 'on_leave'
      when ${intake} then case when ${intakeTested} then 'covered' when ${day} - ${intakeDueOn} > 0 then 'overdue' else 'due' end
      when r.interval_days is null then 'not_required'
      when ${day} - ${periodicDueOn} > 0 then 'overdue'
      when ${periodicDueOn} - ${day} <= r.due_soon_days then 'due'
      else 'covered'
    end`,
    tested: sql`case
      when p.status in ('left', 'on_leave') then false
      when ${intake} then ${intakeTested}
      when r.interval_days is null then false
      else ${periodicTested}
    end`,
  };
}

/** The policy figures of `dueStatusSql`, one row `r` per site type and kind, as one JSON parameter. */
export function dueParamsTable(params: readonly DueParams[]): SQL {
  const rows = params.map((r) => ({
    site_type: r.siteType, kind: r.kind, interval_days: r.intervalDays, prev_interval_days: r.previousIntervalDays, intake_required: r.intakeRequired,
    intake_age_days: r.intakeMaxAgeDays, prev_intake_required: r.previousIntakeRequired, policy_from: r.policyFrom, due_soon_days: r.dueSoonDays,
  }));
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(site_type text, kind text, interval_days int, prev_interval_days int,
    intake_required boolean, intake_age_days int, prev_intake_required boolean, policy_from date, due_soon_days int)`;
}

/**
 * Compliance counts per site (R4.4) on `today`, computed in the database: each person's last
 * sample by one index probe, the due state by `dueStatusSql`, grouped by site. Sites without
 * anyone to count are absent.
 */
export async function complianceBySite(db: Executor, scope: SQL | undefined, f: TestingPersonFilter, params: readonly DueParams[], today: string, timeZone: string) {
  const counted = sql`d.status in ('covered', 'due', 'overdue')`;
  const due = dueStatusSql(today);
  // Materialized in this order on purpose: the planner cannot size a JSON parameter's rows and,
  // joining it inside, chose a nested loop over the people index per site (100 ms at city scale);
  // this way people are read once and only those who may be due look up their last sample.
  const result = await db.execute<{ site_id: string; required: number; tested: number; due: number; overdue: number; positive: number }>(sql`
    with r as materialized (select * from ${dueParamsTable(params)}),
    p as materialized (
      select ${people.id} as id, ${people.siteId} as site_id, ${site.siteType} as site_type, ${people.kind} as kind, ${people.status} as status,
        coalesce(${people.statusSince}, ${people.joinedOn}, (${people.createdAt} at time zone ${timeZone})::date) as present_since,
        ${people.intakeSince} as intake_since
      from ${people}
      join ${orgNodes} as "site" on ${site.id} = ${people.siteId}
      join r on r.site_type = ${site.siteType} and r.kind = ${people.kind}
      where ${and(
        scope,
        // Only those the policy may require to be tested look up their last sample: in a city most
        // residents of villages and communities are not tested periodically.
        sql`(r.interval_days is not null or (${people.intakeSince} is not null and r.intake_required))`,
        ne(people.status, 'on_leave'),
        ne(people.status, 'left'),
        ne(people.kind, 'community_resident'),
        f.siteId ? eq(people.siteId, f.siteId) : undefined,
        f.townId ? eq(site.parentId, f.townId) : undefined,
        f.siteType ? eq(site.siteType, f.siteType) : undefined,
        f.siteIds ? sql`${people.siteId} = any(${sql.param(f.siteIds)}::uuid[])` : undefined,
      )}
    )
    select d.site_id,
      count(*) filter (where ${counted})::int as required,
      count(*) filter (where ${counted} and d.tested)::int as tested,
      count(*) filter (where d.status = 'due')::int as due,
      count(*) filter (where d.status = 'overdue')::int as overdue,
      count(*) filter (where ${counted} and d.result = 'positive')::int as positive
    from (
      select p.site_id, p.result, ${due.status} as status, ${due.tested} as tested
      from (
        select p.*, (last.at at time zone ${timeZone})::date as last_day, last.result
        from p left join lateral (select ${testRecords.sampledAt} as at, ${testRecords.result} as result from ${testRecords}
          where ${testRecords.personId} = p.id and ${testRecords.result} <> 'invalid' order by ${testRecords.sampledAt} desc limit 1) as last on true
      ) p
      join r on r.site_type = p.site_type and r.kind = p.kind
      -- A fence: each person's state is computed once, not once per count that reads it.
      offset 0
    ) d
    group by d.site_id`);
  return result.rows.map((r) => ({ siteId: r.site_id, required: r.required, tested: r.tested, due: r.due, overdue: r.overdue, positive: r.positive }));
}

/** The follow-up window of a record's site type, as an SQL interval (each site type has its own policy). */
function followUpWindow(hoursByType: Readonly<Record<string, number>>): SQL {
  const cases = Object.entries(hoursByType).map(([type, hours]) => sql`when ${type} then ${hours}`);
  return sql`make_interval(hours => (case ${site.siteType} ${sql.join(cases, sql` `)} else 48 end)::int)`;
}

/** Which follow-up windows, measured from when (the clock's now), make a pending result stale. */
export interface StalePending {
  hoursByType: Readonly<Record<string, number>>;
  asOf: Date;
}

/** Pending results sampled longer ago than their site type's follow-up window (R4.4); `site` must be joined. */
function stalePendingWhere(s: StalePending): SQL | undefined {
  return and(eq(testRecords.result, 'pending'), sql`${testRecords.sampledAt} < ${s.asOf.toISOString()}::timestamptz - ${followUpWindow(s.hoursByType)}`);
}

/** Pending results past their follow-up window, per site (R4.4). */
export async function stalePendingBySite(db: Executor, scope: SQL, stale: StalePending) {
  return db.select({ siteId: testRecords.siteId, n: sql<number>`count(*)::int` })
    .from(testRecords)
    .innerJoin(site, eq(site.id, testRecords.siteId))
    .where(and(scope, stalePendingWhere(stale)))
    .groupBy(testRecords.siteId);
}

/** The day (local) of a person's last negative sample. */
export async function lastNegativeDay(db: Executor, personId: string, timeZone: string): Promise<string | null> {
  const [row] = await db.select({ day: sql<string>`(max(${testRecords.sampledAt}) at time zone ${timeZone})::date::text` })
    .from(testRecords)
    .where(and(eq(testRecords.personId, personId), eq(testRecords.result, 'negative')));
  return row?.day ?? null;
}

const recordColumns = {
  test: testRecords,
  personName: people.name,
  kind: people.kind,
  siteName: site.name,
  recordedByName: users.username,
};

export interface TestListFilter {
  siteId?: string | undefined;
  townId?: string | undefined;
  personId?: string | undefined;
  sessionId?: string | undefined;
  result?: string | undefined;
  /** Only pending results past their site type's follow-up window (hours per site type). */
  stalePending?: StalePending | undefined;
  from?: string | undefined;
  to?: string | undefined;
  ids?: string[] | undefined;
}

function listWhere(scope: SQL, f: TestListFilter) {
  return and(
    scope,
    f.ids ? inArray(testRecords.id, f.ids) : undefined,
    f.siteId ? eq(testRecords.siteId, f.siteId) : undefined,
    f.townId ? eq(site.parentId, f.townId) : undefined,
    f.personId ? eq(testRecords.personId, f.personId) : undefined,
    f.sessionId ? eq(testRecords.sessionId, f.sessionId) : undefined,
    f.result ? eq(testRecords.result, f.result) : undefined,
    f.stalePending ? stalePendingWhere(f.stalePending) : undefined,
    f.from ? gte(testRecords.sampleDay, f.from) : undefined,
    f.to ? lte(testRecords.sampleDay, f.to) : undefined,
  );
}

export async function listTests(db: Executor, scope: SQL, f: TestListFilter, page: { limit: number; offset: number }) {
  return db.select(recordColumns).from(testRecords)
    .innerJoin(people, eq(people.id, testRecords.personId))
    .innerJoin(site, eq(site.id, testRecords.siteId))
    .leftJoin(users, eq(users.id, testRecords.recordedBy))
    .where(listWhere(scope, f))
    .orderBy(desc(testRecords.sampledAt), asc(people.name))
    .limit(page.limit).offset(page.offset);
}
export type TestRow = Awaited<ReturnType<typeof listTests>>[number];

export async function countTests(db: Executor, scope: SQL, f: TestListFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(testRecords)
    .innerJoin(site, eq(site.id, testRecords.siteId))
    .where(listWhere(scope, f));
  return row?.n ?? 0;
}

export type NewTestRow = typeof testRecords.$inferInsert;

/**
 * Locks the people whose samples are about to be written, in one order (no deadlock between two
 * writers): a second writer of the same person waits, then sees the first one's samples.
 */
export async function lockPeople(db: Executor, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  await db.select({ id: people.id }).from(people)
    .where(sql`${people.id} = any(${sql.param([...new Set(personIds)])}::uuid[])`)
    .orderBy(asc(people.id)).for('no key update');
}

/** Existing samples of these (person, time) pairs, locked: an import or session may be changing them too. */
export async function lockExistingSamples(db: Executor, pairs: { personId: string; sampledAt: Date }[]) {
  if (pairs.length === 0) return [];
  const persons = sql.param(pairs.map((p) => p.personId));
  const times = sql.param(pairs.map((p) => p.sampledAt.toISOString()));
  return db.select().from(testRecords)
    .where(sql`(${testRecords.personId}, ${testRecords.sampledAt}) in (select * from unnest(${persons}::uuid[], ${times}::timestamptz[]))`)
    .for('update');
}

export async function insertTests(db: Executor, rows: NewTestRow[]): Promise<{ id: string; personId: string; sampledAt: Date }[]> {
  if (rows.length === 0) return [];
  return db.insert(testRecords).values(rows).returning({ id: testRecords.id, personId: testRecords.personId, sampledAt: testRecords.sampledAt });
}

export async function updateTest(db: Executor, id: string, patch: Partial<NewTestRow>): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- when the row was written, not a rule's time
  await db.update(testRecords).set({ ...patch, updatedAt: new Date() }).where(eq(testRecords.id, id));
}

export async function findTest(db: Executor, scope: SQL, id: string) {
  const [row] = await db.select().from(testRecords).where(and(scope, eq(testRecords.id, id)));
  return row;
}

/** A positive result with a placement running: the placement ends, its outcome "confirmed" (R5.2). */
export async function confirmPlacements(db: Executor, list: { personId: string; at: Date }[]): Promise<string[]> {
  const ended: string[] = [];
  for (const { personId, at } of list) {
    const rows = await db.update(placements)
      .set({ endedAt: sql`greatest(${placements.startAt}, ${at.toISOString()}::timestamptz)`, outcome: 'confirmed' })
      .where(and(eq(placements.personId, personId), sql`${placements.endedAt} is null`))
      .returning({ id: placements.id });
    ended.push(...rows.map((r) => r.id));
  }
  return ended;
}

// Sessions

export async function insertSession(db: Executor, row: typeof testSessions.$inferInsert): Promise<string> {
  const [out] = await db.insert(testSessions).values(row).returning({ id: testSessions.id });
  if (!out) throw new Error('insert returned nothing');
  return out.id;
}

export async function insertSessionSites(db: Executor, rows: (typeof testSessionSites.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(testSessionSites).values(rows);
}

export async function insertSessionPeople(db: Executor, rows: (typeof testSessionPeople.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(testSessionPeople).values(rows.slice(i, i + 1000));
}

export async function findSession(db: Executor, scope: SQL, id: string) {
  const [row] = await db.select({ session: testSessions, townName: orgNodes.name, createdByName: users.username })
    .from(testSessions)
    .innerJoin(orgNodes, eq(orgNodes.id, testSessions.townId))
    .leftJoin(users, eq(users.id, testSessions.createdBy))
    .where(and(scope, eq(testSessions.id, id)));
  return row;
}

export async function listSessions(db: Executor, scope: SQL, f: { townId?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  return db.select({ session: testSessions, townName: orgNodes.name, createdByName: users.username })
    .from(testSessions)
    .innerJoin(orgNodes, eq(orgNodes.id, testSessions.townId))
    .leftJoin(users, eq(users.id, testSessions.createdBy))
    .where(and(
      scope,
      f.townId ? eq(testSessions.townId, f.townId) : undefined,
      f.from ? gte(testSessions.date, f.from) : undefined,
      f.to ? lte(testSessions.date, f.to) : undefined,
    ))
    .orderBy(desc(testSessions.date), desc(testSessions.createdAt))
    .limit(200);
}

export async function sessionSites(db: Executor, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db.select({ sessionId: testSessionSites.sessionId, id: orgNodes.id, name: orgNodes.name })
    .from(testSessionSites).innerJoin(orgNodes, eq(orgNodes.id, testSessionSites.siteId))
    .where(inArray(testSessionSites.sessionId, sessionIds))
    .orderBy(asc(orgNodes.name));
}

export async function sessionPeople(db: Executor, sessionId: string) {
  return db.select({
    row: testSessionPeople,
    name: people.name,
    kind: people.kind,
    post: people.post,
    siteName: site.name,
    sampledAt: testRecords.sampledAt,
    result: testRecords.result,
    resultAt: testRecords.resultAt,
    labRef: testRecords.labRef,
    idEnc: people.idEnc,
  })
    .from(testSessionPeople)
    .innerJoin(people, eq(people.id, testSessionPeople.personId))
    .innerJoin(site, eq(site.id, testSessionPeople.siteId))
    .leftJoin(testRecords, eq(testRecords.id, testSessionPeople.testId))
    .where(eq(testSessionPeople.sessionId, sessionId))
    .orderBy(asc(site.name), asc(people.name));
}

/** Listed, sampled, absent and results per session. */
export async function sessionCounts(db: Executor, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db.select({
    sessionId: testSessionPeople.sessionId,
    listed: sql<number>`count(*)::int`,
    sampled: sql<number>`(count(*) filter (where ${testSessionPeople.attended}))::int`,
    absent: sql<number>`(count(*) filter (where ${testSessionPeople.attended} = false))::int`,
    pending: sql<number>`(count(*) filter (where ${testRecords.result} = 'pending'))::int`,
    negative: sql<number>`(count(*) filter (where ${testRecords.result} = 'negative'))::int`,
    positive: sql<number>`(count(*) filter (where ${testRecords.result} = 'positive'))::int`,
    invalid: sql<number>`(count(*) filter (where ${testRecords.result} = 'invalid'))::int`,
  })
    .from(testSessionPeople)
    .leftJoin(testRecords, eq(testRecords.id, testSessionPeople.testId))
    .where(inArray(testSessionPeople.sessionId, sessionIds))
    .groupBy(testSessionPeople.sessionId);
}

export async function setSessionPerson(db: Executor, sessionId: string, personId: string, patch: { attended: boolean; testId: string | null }): Promise<void> {
  await db.update(testSessionPeople).set(patch)
    .where(and(eq(testSessionPeople.sessionId, sessionId), eq(testSessionPeople.personId, personId)));
}

export async function removeSessionPerson(db: Executor, sessionId: string, personId: string): Promise<boolean> {
  const rows = await db.delete(testSessionPeople)
    .where(and(eq(testSessionPeople.sessionId, sessionId), eq(testSessionPeople.personId, personId), sql`${testSessionPeople.testId} is null`))
    .returning({ personId: testSessionPeople.personId });
  return rows.length === 1;
}

export async function lockSession(db: Executor, id: string): Promise<void> {
  await db.select({ id: testSessions.id }).from(testSessions).where(eq(testSessions.id, id)).for('update');
}

// Lab imports

export async function insertLabImport(db: Executor, row: typeof labImports.$inferInsert): Promise<string> {
  const [stored] = await db.insert(labImports).values(row).returning({ id: labImports.id });
  if (!stored) throw new Error('insert returned nothing');
  return stored.id;
}

/** People not gone, within `scope`, whose ID hash is one of `hashes`: the matches by number. */
export async function activePeopleByIdHash(db: Executor, scope: SQL, hashes: string[]) {
  if (hashes.length === 0) return [];
  return db.select({ id: people.id, name: people.name, idHash: people.idHash, siteName: orgNodes.name })
    .from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId))
    .where(and(scope, inArray(people.idHash, hashes), ne(people.status, 'left')));
}

/** People not gone, within `scope`, named one of `names`, with their sealed phone: the matches by name and phone. */
export async function activePeopleByName(db: Executor, scope: SQL, names: string[]) {
  if (names.length === 0) return [];
  return db.select({ id: people.id, name: people.name, phoneEnc: people.phoneEnc, siteName: orgNodes.name })
    .from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId))
    .where(and(scope, inArray(people.name, names), ne(people.status, 'left')));
}

/** People not gone, within `scope`, among `ids`: the matches chosen by hand. */
export async function activePeopleByIds(db: Executor, scope: SQL, ids: string[]) {
  return db.select({ id: people.id, name: people.name, siteName: orgNodes.name })
    .from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId))
    .where(and(scope, inArray(people.id, ids), ne(people.status, 'left')));
}

/** Every test of these people: when it was sampled and its result. */
export async function samplesOf(db: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db.select({ personId: testRecords.personId, sampledAt: testRecords.sampledAt, result: testRecords.result })
    .from(testRecords).where(inArray(testRecords.personId, personIds));
}

/** Where the tests of these people (within `scope`) are recorded: their site, path and site type. */
export async function testTargets(db: Executor, scope: SQL, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db.select({ id: people.id, siteId: people.siteId, orgPath: people.orgPath, siteType: orgNodes.siteType })
    .from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId))
    .where(and(scope, inArray(people.id, personIds)));
}

/** An import by id, if `userId` made it. */
export async function findLabImport(db: Executor, id: string, userId: string) {
  const [row] = await db.select({ imp: labImports, by: users.username }).from(labImports)
    .innerJoin(users, eq(users.id, labImports.createdBy))
    .where(and(eq(labImports.id, id), eq(labImports.createdBy, userId)));
  return row;
}

/** The latest committed import of the same file other than `exceptId`, with who committed it. */
export async function committedLabImport(db: Executor, hash: string, exceptId: string) {
  const [twin] = await db.select({ id: labImports.id, committedAt: labImports.committedAt, by: users.username })
    .from(labImports).innerJoin(users, eq(users.id, labImports.createdBy))
    .where(and(eq(labImports.fileHash, hash), eq(labImports.status, 'committed'), ne(labImports.id, exceptId)))
    .orderBy(desc(labImports.committedAt)).limit(1);
  return twin;
}

/** A previewed import marked committed (an import already committed is left alone). */
export async function markLabImportCommitted(tx: Executor, id: string, patch: { committedAt: Date; summary: unknown; rows: unknown }): Promise<void> {
  await tx.update(labImports).set({ status: 'committed', ...patch })
    .where(and(eq(labImports.id, id), eq(labImports.status, 'preview')));
}
