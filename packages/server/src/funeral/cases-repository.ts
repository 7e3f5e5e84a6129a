import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { covidCases, covidCaseSteps, orgNodes, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

/*
 * The queries of the COVID-19 deceased's cases and their steps. Every read a caller asks for takes
 * the scope `SQL` of the service; the counts of the day pages take sites already authorised.
 */

export async function insertCase(db: Executor, row: typeof covidCases.$inferInsert): Promise<string> {
  const [out] = await db.insert(covidCases).values(row).returning({ id: covidCases.id });
  if (!out) throw new Error('insert returned nothing');
  return out.id;
}

export async function insertStep(db: Executor, row: typeof covidCaseSteps.$inferInsert): Promise<void> {
  await db.insert(covidCaseSteps).values(row);
}

export async function archiveCase(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(covidCases).set({ archivedAt: at }).where(eq(covidCases.id, id));
}

/**
 * Locks a case's row for the transaction that checks its steps and adds one: two recordings of
 * the same case queue here, and the second sees the first's step.
 */
export async function lockCase(db: Executor, id: string): Promise<{ id: string } | undefined> {
  const [row] = await db.select({ id: covidCases.id }).from(covidCases).where(eq(covidCases.id, id)).for('update');
  return row;
}

export interface CaseFilter {
  ids?: string[] | undefined;
  siteId?: string | undefined;
  /** Only cases not archived (true), or archived (false). */
  open?: boolean | undefined;
}

export async function listCases(db: Executor, scope: SQL, f: CaseFilter) {
  return db.select({ case: covidCases, siteName: orgNodes.name })
    .from(covidCases)
    .innerJoin(orgNodes, eq(orgNodes.id, covidCases.siteId))
    .where(and(
      scope,
      f.ids ? inArray(covidCases.id, f.ids) : undefined,
      f.siteId ? eq(covidCases.siteId, f.siteId) : undefined,
      f.open === undefined ? undefined : f.open ? isNull(covidCases.archivedAt) : sql`${covidCases.archivedAt} is not null`,
    ))
    .orderBy(desc(covidCases.openedAt), asc(covidCases.id));
}
export type CaseRow = Awaited<ReturnType<typeof listCases>>[number];

export async function caseExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: covidCases.id }).from(covidCases).where(eq(covidCases.id, id));
  return row !== undefined;
}

/** The steps of cases, in their order, with the name of the account that recorded each. */
export async function stepsOf(db: Executor, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db.select({ step: covidCaseSteps, recordedByName: sql<string | null>`coalesce(${users.displayName}, ${users.username})` })
    .from(covidCaseSteps)
    .leftJoin(users, eq(users.id, covidCaseSteps.recordedBy))
    .where(inArray(covidCaseSteps.caseId, caseIds))
    .orderBy(asc(covidCaseSteps.caseId), asc(covidCaseSteps.seq));
}
export type StepRow = Awaited<ReturnType<typeof stepsOf>>[number];

/** The open cases of the sites with the instants of their steps (the next step's deadline is the domain's). */
export async function openCasesAt(db: Executor, siteIds: string[]) {
  if (siteIds.length === 0) return [];
  return db.select({ caseId: covidCases.id, siteId: covidCases.siteId, openedAt: covidCases.openedAt, step: covidCaseSteps.step, at: covidCaseSteps.at })
    .from(covidCases)
    .leftJoin(covidCaseSteps, eq(covidCaseSteps.caseId, covidCases.id))
    .where(and(inArray(covidCases.siteId, siteIds), isNull(covidCases.archivedAt)));
}

/** Per site, the steps recorded in [from, to) after their deadline. */
export async function lateStepsBetween(db: Executor, siteIds: string[], from: Date, to: Date) {
  if (siteIds.length === 0) return [];
  return db.select({ siteId: covidCases.siteId, n: sql<number>`count(*)::int` })
    .from(covidCaseSteps)
    .innerJoin(covidCases, eq(covidCases.id, covidCaseSteps.caseId))
    .where(and(inArray(covidCases.siteId, siteIds), gte(covidCaseSteps.at, from), lt(covidCaseSteps.at, to), gt(covidCaseSteps.at, covidCaseSteps.dueAt)))
    .groupBy(covidCases.siteId);
}
