import { and, desc, eq, gte, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuditQuery } from '@fangkong/domain';
import { auditLog, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

export type NewAuditRow = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;
/** A row with its actor's display name (the person, where `actorName` is the account's username). */
export type AuditRowNamed = AuditRow & { actorDisplayName: string | null; targetName: string | null };

/** The account an entry is about (account changes, resets, sign-ins of others), to name whom. */
const targetUser = alias(users, 'target_user');

export async function insertAudit(db: Executor, row: NewAuditRow | NewAuditRow[]): Promise<void> {
  const rows = Array.isArray(row) ? row : [row];
  // Chunks keep a long list of entries under the statement's parameter limit.
  for (let i = 0; i < rows.length; i += 1000) await db.insert(auditLog).values(rows.slice(i, i + 1000));
}

/** Nothing in a query touches a person's data: the audit log holds ids, never ID numbers or phones. */
export async function searchAudit(
  db: Executor,
  q: AuditQuery,
  scope: { filter: SQL; includeUnscoped: boolean },
  timeZone: string,
): Promise<AuditRowNamed[]> {
  const conds: (SQL | undefined)[] = [
    scope.includeUnscoped ? or(scope.filter, isNull(auditLog.nodePath)) : scope.filter,
    q.actor ? ilike(auditLog.actorName, `%${q.actor.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
    q.action ? ilike(auditLog.action, `${q.action.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
    q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
    // Days are the deployment's calendar days.
    q.from ? gte(auditLog.at, sql`(${q.from}::date)::timestamp at time zone ${timeZone}`) : undefined,
    q.to ? lt(auditLog.at, sql`(${q.to}::date + 1)::timestamp at time zone ${timeZone}`) : undefined,
    q.before ? lt(auditLog.id, Number(q.before)) : undefined,
  ];
  const rows = await db.select({
    entry: auditLog,
    actorDisplayName: users.displayName,
    targetName: sql<string | null>`${targetUser.displayName} || ' (' || ${targetUser.username} || ')'`,
  }).from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(targetUser, and(eq(auditLog.targetType, 'user'), sql`${targetUser.id}::text = ${auditLog.targetId}`))
    .where(and(...conds)).orderBy(desc(auditLog.id)).limit(q.limit);
  return rows.map((r) => ({ ...r.entry, actorDisplayName: r.actorDisplayName, targetName: r.targetName }));
}
