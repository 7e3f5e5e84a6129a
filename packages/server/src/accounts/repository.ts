import { and, asc, count, eq, ilike, inArray, isNull, not, or, sql, type SQL } from 'drizzle-orm';
import type { AccountStatus, DisabledReason, Role } from '@fangkong/domain';
import { orgNodes, people, sessions, userRoles, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

export type AccountRow = typeof users.$inferSelect;
export type NewAccountRow = typeof users.$inferInsert;

/**
 * The accounts holding at least one role at or below a node that `nodeScope` (a filter on
 * org_nodes.path, from inScope) admits: an account is seen where any of its roles is.
 */
export function holdsRoleWhere(nodeScope: SQL): SQL {
  return sql`exists (select 1 from ${userRoles} join ${orgNodes} on ${orgNodes.id} = ${userRoles.nodeId}
    where ${userRoles.userId} = ${users.id} and ${nodeScope})`;
}

export interface AccountFilter {
  q?: string | undefined;
  /** Path of the node the roles must lie at or below. */
  nodePath?: string | undefined;
  role?: Role | undefined;
  status?: AccountStatus | undefined;
}

function filters(scope: SQL, f: AccountFilter, now: Date): SQL | undefined {
  const term = f.q?.trim();
  const like = term ? `%${term.replace(/[%_\\]/g, '\\$&')}%` : undefined;
  const locked = sql`${users.lockedUntil} is not null and ${users.lockedUntil} > ${now}`;
  const status: Record<AccountStatus, SQL | undefined> = {
    disabled: eq(users.disabled, true),
    locked: and(eq(users.disabled, false), locked),
    first_sign_in: and(eq(users.disabled, false), eq(users.mustChangePassword, true)),
    active: and(eq(users.disabled, false), eq(users.mustChangePassword, false), not(locked)),
  };
  return and(
    scope,
    like ? or(ilike(users.username, like), ilike(users.displayName, like)) : undefined,
    f.nodePath || f.role
      ? holdsRoleWhere(and(
        f.nodePath ? sql`${orgNodes.path} like ${`${f.nodePath}%`}` : undefined,
        f.role ? eq(userRoles.role, f.role) : undefined) ?? sql`true`)
      : undefined,
    f.status ? status[f.status] : undefined,
  );
}

export async function listAccounts(db: Executor, scope: SQL, f: AccountFilter, now: Date, limit: number, offset: number) {
  const where = filters(scope, f, now);
  const [rows, [total]] = await Promise.all([
    db.select().from(users).where(where).orderBy(asc(users.displayName), asc(users.username), asc(users.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One account, if `scope` admits it; undefined otherwise, exactly as if it did not exist. */
export async function findAccount(db: Executor, scope: SQL, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(users).where(and(eq(users.id, id), scope));
  return row;
}

/** Whether an account exists at all; used only to tell a probe outside the scope in the audit log. */
export async function accountExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, id));
  return !!row;
}

export type RoleRow = Awaited<ReturnType<typeof rolesOfAccounts>>[number];

/** Every role of these accounts with its node, by path (the first is the account's "home"). */
export async function rolesOfAccounts(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: userRoles.userId, role: userRoles.role, nodeId: orgNodes.id, nodeName: orgNodes.name, nodeKind: orgNodes.kind,
      nodePath: orgNodes.path, siteType: orgNodes.siteType,
    })
    .from(userRoles)
    .innerJoin(orgNodes, eq(orgNodes.id, userRoles.nodeId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(orgNodes.path, userRoles.role);
}

/** The people these ids name, with their site's name (for the answer's `person`). */
export async function linkedPeople(db: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db.select({ id: people.id, name: people.name, siteName: orgNodes.name })
    .from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId)).where(inArray(people.id, personIds));
}

/** Nodes by id with what `mayGrant` reads; the rule decides what the caller may do with them. */
export async function nodesForGrant(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: orgNodes.id, path: orgNodes.path, kind: orgNodes.kind, siteType: orgNodes.siteType, name: orgNodes.name })
    .from(orgNodes).where(inArray(orgNodes.id, ids));
}

/** People within `scope` (the caller's people.read), with their site's path. */
export async function peopleIn(db: Executor, scope: SQL, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({
    id: people.id, name: people.name, kind: people.kind, status: people.status, siteId: people.siteId, sitePath: orgNodes.path,
    linked: sql<boolean>`exists (select 1 from ${users} where ${users.personId} = ${people.id})`,
  }).from(people).innerJoin(orgNodes, eq(orgNodes.id, people.siteId)).where(and(inArray(people.id, ids), scope));
}

export async function usernameTaken(db: Executor, username: string, exceptId?: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users)
    .where(and(sql`lower(${users.username}) = lower(${username})`, exceptId ? sql`${users.id} <> ${exceptId}` : undefined));
  return !!row;
}

/** The usernames (lower case) that start with `prefix`: what a generated name must avoid. */
export async function usernamesStartingWith(db: Executor, prefixes: string[]): Promise<Set<string>> {
  if (prefixes.length === 0) return new Set();
  const rows = await db.select({ u: sql<string>`lower(${users.username})` }).from(users)
    .where(or(...prefixes.map((p) => sql`lower(${users.username}) like ${`${p}%`}`)));
  return new Set(rows.map((r) => r.u));
}

export async function insertAccount(db: Executor, row: NewAccountRow): Promise<AccountRow> {
  const [inserted] = await db.insert(users).values(row).returning();
  if (!inserted) throw new Error('insert returned nothing');
  return inserted;
}

export async function updateAccount(db: Executor, id: string, patch: Partial<NewAccountRow>): Promise<void> {
  await db.update(users).set(patch).where(eq(users.id, id));
}

export async function addRoles(db: Executor, userId: string, roles: { role: Role; nodeId: string }[]): Promise<void> {
  if (roles.length === 0) return;
  await db.insert(userRoles).values(roles.map((r) => ({ userId, role: r.role, nodeId: r.nodeId }))).onConflictDoNothing();
}

export async function removeRoles(db: Executor, userId: string, roles: { role: string; nodeId: string }[]): Promise<void> {
  if (roles.length === 0) return;
  await db.delete(userRoles).where(and(
    eq(userRoles.userId, userId),
    or(...roles.map((r) => and(eq(userRoles.role, r.role), eq(userRoles.nodeId, r.nodeId)))),
  ));
}

/** Ends every live session of these accounts. */
export async function revokeSessions(db: Executor, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(inArray(sessions.userId, userIds), isNull(sessions.revokedAt)));
}


/** The enabled accounts linked to these people (to disable when they leave). */
export async function enabledAccountsOf(db: Executor, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db.select({ id: users.id }).from(users).where(and(inArray(users.personId, personIds), eq(users.disabled, false)));
}

export async function disableAccounts(db: Executor, ids: string[], reason: DisabledReason): Promise<void> {
  if (ids.length === 0) return;
  await db.update(users).set({ disabled: true, disabledReason: reason }).where(inArray(users.id, ids));
}
