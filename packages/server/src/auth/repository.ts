import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '@fangkong/domain';
import { orgNodes, rateEvents, sessions, userRoles, users } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { executeNamed } from '../db/named.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function rolesOf(db: Executor, userId: string) {
  return db
    .select({ role: userRoles.role, nodeId: orgNodes.id, nodeName: orgNodes.name, nodeKind: orgNodes.kind, nodePath: orgNodes.path })
    .from(userRoles)
    .innerJoin(orgNodes, eq(orgNodes.id, userRoles.nodeId))
    .where(eq(userRoles.userId, userId))
    .orderBy(orgNodes.path);
}

export async function insertUser(
  db: Executor,
  u: { username: string; displayName: string; passwordHash: string; locale?: string },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(u).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function insertRole(db: Executor, userId: string, role: Role, nodeId: string): Promise<void> {
  await db.insert(userRoles).values({ userId, role, nodeId }).onConflictDoNothing();
}

export async function recordFailure(db: Executor, userId: string, maxFailures: number, lockMs: number): Promise<{ locked: boolean }> {
  // One statement, so that concurrent failures cannot both read the old count.
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then now() + make_interval(secs => ${lockMs / 1000}) else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  return { locked: !!row?.lockedUntil && row.lockedUntil.getTime() > Date.now() };
}

/*
 * Failed sign-ins under a name that has no account, counted exactly as an account's are (no time
 * window; the count starts again when the lock is set), so that the lockout does not tell which
 * names exist. Kept as counted events: one per failure, and the lock as one event dated at its end.
 */
const failKey = (name: string) => `login-fail:${name.toLowerCase()}`;
const lockKey = (name: string) => `login-lock:${name.toLowerCase()}`;

/** When the lock of a name without an account ends, if it is locked. */
export async function unknownNameLockedUntil(db: Executor, name: string): Promise<Date | null> {
  await db.delete(rateEvents).where(and(eq(rateEvents.key, lockKey(name)), sql`${rateEvents.at} <= now()`));
  const [row] = await db.select({ until: sql<Date | null>`max(${rateEvents.at})` }).from(rateEvents).where(eq(rateEvents.key, lockKey(name)));
  return row?.until ? new Date(row.until) : null;
}

export async function recordUnknownNameFailure(db: Executor, name: string, maxFailures: number, lockMs: number): Promise<{ locked: boolean }> {
  await db.insert(rateEvents).values({ key: failKey(name) });
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(rateEvents).where(eq(rateEvents.key, failKey(name)));
  if ((row?.n ?? 0) < maxFailures) return { locked: false };
  await db.delete(rateEvents).where(eq(rateEvents.key, failKey(name)));
  await db.insert(rateEvents).values({ key: lockKey(name), at: sql`now() + make_interval(secs => ${lockMs / 1000})` });
  return { locked: true };
}

export async function resetFailures(db: Executor, userId: string): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export async function insertSession(
  db: Executor,
  s: { tokenHash: string; userId: string; expiresAt: Date; ip: string; userAgent: string | undefined },
): Promise<string> {
  const [row] = await db.insert(sessions).values({ ...s, userAgent: s.userAgent ?? null }).returning({ id: sessions.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** A live session: not revoked, not past its absolute end, not idle too long, its user enabled. */
/**
 * A live session with its user and every grant, in one round trip (every request asks this):
 * the grants come as a JSON array, ordered by path like `rolesOf`.
 */
export async function findLiveCaller(db: Executor, tokenHash: string, idleMs: number) {
  // Every signed-in request asks this: a named statement, parsed and planned once per connection.
  const rows = await executeNamed<{
    session_id: string; last_seen_at: Date | string; user_id: string; username: string; display_name: string; locale: string;
    grants: { role: string; nodeId: string; nodePath: string }[];
  }>(db, sql`
    select s.id as session_id, s.last_seen_at, u.id as user_id, u.username, u.display_name, u.locale,
      coalesce((select json_agg(json_build_object('role', ur.role, 'nodeId', n.id, 'nodePath', n.path) order by n.path)
        from user_roles ur join org_nodes n on n.id = ur.node_id where ur.user_id = u.id), '[]'::json) as grants
    from sessions s join users u on u.id = s.user_id
    where s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > now()
      and s.last_seen_at > now() - make_interval(secs => ${idleMs / 1000}) and not u.disabled`);
  return rows[0];
}

export async function touchSession(db: Executor, sessionId: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sessionId));
}

export async function revokeSession(db: Executor, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(db: Executor, userId: string, exceptSessionId?: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined));
}

export async function updateUser(db: Executor, id: string, patch: Partial<Pick<UserRow, 'passwordHash' | 'locale' | 'disabled' | 'passwordChangedAt' | 'email'>>) {
  await db.update(users).set(patch).where(eq(users.id, id));
}
