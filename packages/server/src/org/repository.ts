import { and, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { NodeKind, RiskAreaStatus, RiskLevel, SiteType } from '@fangkong/domain';
import { orgNodes, riskAreas } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

export type OrgNodeRow = typeof orgNodes.$inferSelect;
export type RiskAreaRow = typeof riskAreas.$inferSelect;

export async function listNodes(
  db: Executor,
  scope: SQL,
  f: { kind?: NodeKind; siteType?: SiteType; q?: string },
): Promise<OrgNodeRow[]> {
  return db
    .select()
    .from(orgNodes)
    .where(and(
      scope,
      f.kind ? eq(orgNodes.kind, f.kind) : undefined,
      f.siteType ? eq(orgNodes.siteType, f.siteType) : undefined,
      f.q ? ilike(orgNodes.name, `%${f.q.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
    ))
    // Parents before children, siblings in the order they were set up.
    .orderBy(orgNodes.depth, orgNodes.createdAt, orgNodes.name);
}

/** One node, if it lies within `scope`; undefined otherwise, exactly as if it did not exist. */
export async function findNode(db: Executor, scope: SQL, id: string): Promise<OrgNodeRow | undefined> {
  const [row] = await db.select().from(orgNodes).where(and(eq(orgNodes.id, id), scope));
  return row;
}

/** Whether a node exists at all; used only to tell a probe outside the scope in the audit log. */
export async function nodeExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: orgNodes.id }).from(orgNodes).where(eq(orgNodes.id, id));
  return !!row;
}

export async function nodesByIds(db: Executor, scope: SQL, ids: string[]): Promise<OrgNodeRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(orgNodes).where(and(inArray(orgNodes.id, ids), scope)).orderBy(orgNodes.path);
}

export async function childrenOf(db: Executor, scope: SQL, parentId: string): Promise<OrgNodeRow[]> {
  return db.select().from(orgNodes).where(and(eq(orgNodes.parentId, parentId), scope)).orderBy(orgNodes.createdAt, orgNodes.name);
}

export async function insertNode(db: Executor, row: typeof orgNodes.$inferInsert): Promise<OrgNodeRow> {
  const [inserted] = await db.insert(orgNodes).values(row).returning();
  if (!inserted) throw new Error('insert returned nothing');
  return inserted;
}

export async function updateNode(
  db: Executor,
  id: string,
  patch: Partial<Pick<OrgNodeRow, 'name' | 'code' | 'address' | 'capacity'>>,
): Promise<OrgNodeRow> {
  const [row] = await db.update(orgNodes).set({ ...patch, updatedAt: sql`now()` }).where(eq(orgNodes.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

export async function siblingNameTaken(db: Executor, parentId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: orgNodes.id })
    .from(orgNodes)
    .where(and(eq(orgNodes.parentId, parentId), eq(orgNodes.name, name), exceptId ? sql`${orgNodes.id} <> ${exceptId}` : undefined));
  return !!row;
}

/** Whether a risk entry is in force on the day (its last day included). */
function inForce(day: string): SQL {
  return and(sql`${riskAreas.effectiveFrom} <= ${day}`, or(isNull(riskAreas.effectiveTo), sql`${riskAreas.effectiveTo} >= ${day}`)) ?? sql`false`;
}

/** Risk entries of the node's own area and every area above it, in force on the day, highest level first. */
export async function riskAreasOver(db: Executor, path: string, day: string): Promise<RiskAreaRow[]> {
  return db
    .select()
    .from(riskAreas)
    .where(and(sql`${path} like ${riskAreas.nodePath} || '%'`, inForce(day)))
    .orderBy(sql`case ${riskAreas.level} when 'high' then 0 when 'medium' then 1 else 2 end`, riskAreas.effectiveFrom, riskAreas.regionName);
}

export interface RiskAreaFilter {
  /** Only the areas in force on this day. */
  on?: string;
  status?: RiskAreaStatus;
  level?: RiskLevel;
}

/**
 * Areas the caller may see: elsewhere (no node), inside the scope, or above the caller's own nodes.
 * Those in force on `today` first, then those to come, then those over; the latest start first within each.
 */
export async function listRiskAreas(db: Executor, visible: SQL, f: RiskAreaFilter, today: string): Promise<RiskAreaRow[]> {
  const status = sql`case when ${riskAreas.effectiveFrom} > ${today} then 1 when ${inForce(today)} then 0 else 2 end`;
  const wanted = { current: 0, upcoming: 1, ended: 2 } as const;
  return db
    .select()
    .from(riskAreas)
    .where(and(
      visible,
      f.on ? inForce(f.on) : undefined,
      f.status ? sql`${status} = ${wanted[f.status]}` : undefined,
      f.level ? eq(riskAreas.level, f.level) : undefined,
    ))
    .orderBy(status, sql`${riskAreas.effectiveFrom} desc`, riskAreas.regionName);
}

/** One area, if the caller may see it; undefined otherwise, exactly as if it did not exist. */
export async function findRiskArea(db: Executor, visible: SQL, id: string): Promise<RiskAreaRow | undefined> {
  const [row] = await db.select().from(riskAreas).where(and(eq(riskAreas.id, id), visible));
  return row;
}

export async function insertRiskArea(db: Executor, row: typeof riskAreas.$inferInsert): Promise<RiskAreaRow> {
  const [inserted] = await db.insert(riskAreas).values(row).returning();
  if (!inserted) throw new Error('insert returned nothing');
  return inserted;
}

export async function insertRiskAreas(db: Executor, rows: (typeof riskAreas.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  return (await db.insert(riskAreas).values(rows).returning({ id: riskAreas.id })).length;
}

export async function updateRiskArea(
  db: Executor,
  id: string,
  patch: Partial<Pick<RiskAreaRow, 'effectiveTo' | 'level' | 'note'>>,
): Promise<RiskAreaRow> {
  const [row] = Object.keys(patch).length === 0
    ? await db.select().from(riskAreas).where(eq(riskAreas.id, id))
    : await db.update(riskAreas).set(patch).where(eq(riskAreas.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

/** Areas in force on the day with one of these region names (for an import not to repeat them). */
export async function currentAreasNamed(db: Executor, visible: SQL, names: string[], day: string): Promise<RiskAreaRow[]> {
  if (names.length === 0) return [];
  return db.select().from(riskAreas).where(and(visible, inArray(riskAreas.regionName, names), inForce(day)));
}

/** Nodes within `scope` with one of these names (a sheet names places by name). */
export async function nodesNamed(db: Executor, scope: SQL, names: string[]): Promise<OrgNodeRow[]> {
  if (names.length === 0) return [];
  return db.select().from(orgNodes).where(and(inArray(orgNodes.name, names), scope)).orderBy(orgNodes.depth);
}
