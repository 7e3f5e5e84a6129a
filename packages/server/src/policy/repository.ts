import { desc, eq, sql } from 'drizzle-orm';
import type { PolicyBody, SiteType } from '@fangkong/domain';
import { policies, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

export async function versionsOf(db: Executor, siteType: SiteType) {
  return db
    .select({
      id: policies.id,
      siteType: policies.siteType,
      version: policies.version,
      effectiveFrom: policies.effectiveFrom,
      body: policies.body,
      note: policies.note,
      createdBy: users.username,
      createdAt: policies.createdAt,
    })
    .from(policies)
    .leftJoin(users, eq(users.id, policies.createdBy))
    .where(eq(policies.siteType, siteType))
    .orderBy(desc(policies.version));
}

export type PolicyRow = Awaited<ReturnType<typeof versionsOf>>[number];

/** Adds the next version; the unique (site_type, version) key turns a race into a conflict, not a gap. */
export async function insertVersion(
  db: Executor,
  v: { siteType: SiteType; effectiveFrom: string; body: PolicyBody; note: string | null; createdBy: string | null },
): Promise<string> {
  const [row] = await db
    .insert(policies)
    .values({
      ...v,
      version: sql`(select coalesce(max(${policies.version}), 0) + 1 from ${policies} where ${policies.siteType} = ${v.siteType})`,
    })
    .returning({ id: policies.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function countVersions(db: Executor) {
  return db.select({ siteType: policies.siteType, n: sql<number>`count(*)::int` }).from(policies).groupBy(policies.siteType);
}
