import { and, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { NodeKind, SiteType } from '@fangkong/domain';
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

/** Risk entries of the node's own area and every area above it, in force on the day. */
export async function riskLevelsOver(db: Executor, path: string, day: string): Promise<string[]> {
  const rows = await db
    .select({ level: riskAreas.level })
    .from(riskAreas)
    .where(and(
      sql`${path} like ${riskAreas.nodePath} || '%'`,
      sql`${riskAreas.effectiveFrom} <= ${day}`,
      or(isNull(riskAreas.effectiveTo), sql`${riskAreas.effectiveTo} >= ${day}`),
    ));
  return rows.map((r) => r.level);
}

/** Areas the caller may see: elsewhere (no node), inside the scope, or above the caller's own nodes. */
export async function listRiskAreas(db: Executor, visible: SQL, day: string | undefined): Promise<RiskAreaRow[]> {
  return db
    .select()
    .from(riskAreas)
    .where(and(
      visible,
      day ? sql`${riskAreas.effectiveFrom} <= ${day}` : undefined,
      day ? or(isNull(riskAreas.effectiveTo), sql`${riskAreas.effectiveTo} >= ${day}`) : undefined,
    ))
    .orderBy(sql`${riskAreas.effectiveFrom} desc`, riskAreas.regionName);
}

export async function insertRiskArea(db: Executor, row: typeof riskAreas.$inferInsert): Promise<RiskAreaRow> {
  const [inserted] = await db.insert(riskAreas).values(row).returning();
  if (!inserted) throw new Error('insert returned nothing');
  return inserted;
}
