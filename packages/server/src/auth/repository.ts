import { and, desc, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { Role } from '@fangkong/domain';
import { orgNodes, passwordHistory, rateEvents, recoveryCodes, sessions, userRoles, users } from '../db/schema.js';
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

/** Forgets the counted events of a key (the tries before a right code). */
export async function clearRateEvents(db: Executor, key: string): Promise<void> {
  await db.delete(rateEvents).where(eq(rateEvents.key, key));
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
    must_change_password: boolean; totp_enabled: boolean;
    grants: { role: string; nodeId: string; nodePath: string }[];
  }>(db, sql`
    select s.id as session_id, s.last_seen_at, u.id as user_id, u.username, u.display_name, u.locale,
      u.must_change_password, u.totp_enabled_at is not null as totp_enabled,
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

type UserPatch = Partial<Pick<UserRow, 'passwordHash' | 'locale' | 'disabled' | 'passwordChangedAt' | 'email' | 'mustChangePassword' | 'lastSignInAt'
  | 'failedLogins' | 'lockedUntil' | 'totpSecretEnc' | 'totpPendingEnc' | 'totpEnabledAt' | 'totpLastStep'>>;

export async function updateUser(db: Executor, id: string, patch: UserPatch) {
  await db.update(users).set(patch).where(eq(users.id, id));
}

/* Passwords used before: a new one may not repeat the last N. */

/** The hashes of the user's last `n` passwords, newest first. */
export async function recentPasswordHashes(db: Executor, userId: string, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const rows = await db.select({ hash: passwordHistory.passwordHash }).from(passwordHistory)
    .where(eq(passwordHistory.userId, userId)).orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id)).limit(n);
  return rows.map((r) => r.hash);
}

/** Files a replaced password's hash and keeps only the newest `keep`. */
export async function addPasswordHistory(db: Executor, userId: string, passwordHash: string, keep: number): Promise<void> {
  await db.insert(passwordHistory).values({ userId, passwordHash });
  const kept = db.select({ id: passwordHistory.id }).from(passwordHistory)
    .where(eq(passwordHistory.userId, userId)).orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id)).limit(keep);
  await db.delete(passwordHistory).where(and(eq(passwordHistory.userId, userId), notInArray(passwordHistory.id, kept)));
}

/* The second factor. */

/**
 * Takes a code's step if it is later than the last one taken, in one statement: of two sign-ins
 * with the same code at the same moment, one wins.
 */
export async function takeTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const rows = await db.update(users).set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Uses up a recovery code: 'ok' the first time, 'used' after, 'unknown' for none of the user's. */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string): Promise<'ok' | 'used' | 'unknown'> {
  const taken = await db.update(recoveryCodes).set({ usedAt: sql`now()` })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (taken.length === 1) return 'ok';
  const [known] = await db.select({ id: recoveryCodes.id }).from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash)));
  return known ? 'used' : 'unknown';
}

export async function unusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** A new set of recovery codes in place of every earlier one. */
export async function replaceRecoveryCodes(db: Executor, userId: string, codeHashes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (codeHashes.length > 0) await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Two-factor sign-in off: the secret, any enrolment under way and the recovery codes go. */
export async function clearTwoFactor(db: Executor, userId: string): Promise<void> {
  await updateUser(db, userId, { totpSecretEnc: null, totpPendingEnc: null, totpEnabledAt: null, totpLastStep: null });
  await replaceRecoveryCodes(db, userId, []);
}

/** A page of the users with a sealed value (a work phone, a second factor), after `after` by id: for key rotation. */
export async function sealedUserPage(db: Executor, after: string | null, size: number) {
  return db.select({ id: users.id, phoneEnc: users.phoneEnc, totpSecretEnc: users.totpSecretEnc, totpPendingEnc: users.totpPendingEnc })
    .from(users)
    .where(and(
      after ? sql`${users.id} > ${after}` : undefined,
      sql`(${users.phoneEnc} is not null or ${users.totpSecretEnc} is not null or ${users.totpPendingEnc} is not null)`,
    ))
    .orderBy(users.id).limit(size);
}
