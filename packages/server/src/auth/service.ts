import { createHash, randomBytes } from 'node:crypto';
import {
  PERMISSIONS, passwordProblems, roleGrants, type Bilingual, type ChangePasswordInput, type Locale, type LoginInput, type Me, type NodeKind,
  type PasswordCheck, type PasswordRules, type Role, type UpdateMe,
} from '@fangkong/domain';
import type { Db } from '../db/engine.js';
import type { Config } from '../config/config.js';
import type { RequestContext } from '../core/context.js';
import { AppError, invalidField } from '../core/errors.js';
import { callerOf } from '../core/context.js';
import { audit, type AuditEvent } from '../audit/service.js';
import { requiresTwoFactor, type Caller } from './caller.js';
import { isRootPath } from './scope.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import * as repo from './repository.js';
import { rateLimit } from '../http/rate-limit.js';
import type { BaseDeps } from '../core/deps.js';
import { AUTH_TEXTS } from './texts.js';
import { checkSecondFactor, resetTwoFactor } from './two-factor.js';
import { oneTimePassword } from './one-time-password.js';
import type { Executor } from '../db/tx.js';
import type { Keyring } from '../pii/keyring.js';
import type { Clock } from '../core/clock.js';

export { SESSION_COOKIE } from '../core/context.js';

type AuditActor = AuditEvent['actor'];

/** The first rule a new password breaks, in words with the configured figure. */
export function passwordRuleText(check: PasswordCheck, rules: PasswordRules): Bilingual {
  switch (check) {
    case 'length': return AUTH_TEXTS.password_length(rules.minLength);
    case 'classes': return AUTH_TEXTS.password_classes(rules.minClasses);
    case 'not_username': return AUTH_TEXTS.password_not_username;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Last-seen is written at most this often: a session stays alive without a write per request. */
const TOUCH_EVERY_MS = 60_000;

export class AuthService {
  private readonly db: Db;
  private readonly config: Config;
  private readonly clock: Clock;
  private readonly keyring: Keyring;

  constructor(deps: Pick<BaseDeps, 'db' | 'config' | 'clock' | 'keyring'>) {
    this.db = deps.db;
    this.config = deps.config;
    this.clock = deps.clock;
    this.keyring = deps.keyring;
    // The dummy hash is made before the first unknown name arrives, so that one does not take longer.
    void dummyHash();
  }

  async login(ctx: RequestContext, input: LoginInput): Promise<{ token: string; user: Me }> {
    const { login } = this.config;
    try {
      await rateLimit(this.db, `login:${ctx.ip}`, login.ratePerMinute, 60_000);
    } catch (err) {
      await audit(this.db, ctx, { action: 'auth.login', outcome: 'denied', detail: { reason: 'rate_limited', username: input.username }, actor: { id: null, name: input.username } });
      throw err;
    }
    const user = await repo.findUserByUsername(this.db, input.username);
    const actor = { id: user?.id ?? null, name: input.username };
    // Sign-ins are filed under the user's own node, so a town officer sees those of their town.
    const nodePath = user ? ((await repo.rolesOf(this.db, user.id))[0]?.nodePath ?? null) : null;
    // Every name takes the same path, whether it has an account or not: the lock is looked up
    // (the account's or the name's), one argon2 verification is made (against a dummy hash of the
    // same parameters when there is no live account, so it costs the same time: that hash dominates
    // the request, the queries either side are one or two small ones alike), and a failure is
    // counted with the same threshold and lock. The answers are therefore the same in status, body
    // and time for a name that exists, one that is disabled and one that does not exist.
    const lockedUntil = user ? user.lockedUntil : await repo.unknownNameLockedUntil(this.db, input.username);
    if (lockedUntil && lockedUntil.getTime() > Date.now()) {
      await audit(this.db, ctx, { action: 'auth.login', outcome: 'denied', actor, nodePath, detail: { reason: 'locked' } });
      throw this.locked(lockedUntil);
    }
    const live = user && !user.disabled ? user : undefined;
    const verified = await verifyPassword(live?.passwordHash ?? await dummyHash(), input.password);
    // The second factor is asked only of the right password (a code is not used up by a guess at
    // the password), and its failures take the password's path from here: counted, audited with
    // their reason (never the code), answered alike.
    const second = live && verified ? await checkSecondFactor(this.db, this.keyring, live, input.code, this.clock.now()) : undefined;
    if (!live || !verified || second?.ok === false) {
      const { locked } = user
        ? await repo.recordFailure(this.db, user.id, login.maxFailures, login.lockMs)
        : await repo.recordUnknownNameFailure(this.db, input.username, login.maxFailures, login.lockMs);
      const reason = !user ? 'unknown_user' : user.disabled ? 'disabled' : second?.ok === false ? second.reason : 'wrong_password';
      await audit(this.db, ctx, { action: 'auth.login', outcome: 'failed', actor, nodePath, detail: { reason, locked } });
      if (locked) throw this.locked(new Date(Date.now() + login.lockMs));
      throw new AppError('invalid_credentials');
    }
    // A new token at every sign-in: a token planted before sign-in is worthless after it.
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (tx) => {
      await repo.updateUser(tx, live.id, { failedLogins: 0, lockedUntil: null, lastSignInAt: new Date() });
      await repo.insertSession(tx, {
        tokenHash: hashToken(token),
        userId: live.id,
        expiresAt: new Date(Date.now() + this.config.session.absoluteMs),
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      });
      await audit(tx, ctx, { action: 'auth.login', outcome: 'ok', actor, nodePath, detail: second?.ok ? { secondFactor: second.via } : undefined });
    });
    return { token, user: await this.me(live.id) };
  }

  private locked(until: Date): AppError {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    return new AppError('account_locked', AUTH_TEXTS.locked_for(minutes), undefined, seconds);
  }

  /** The caller behind a session cookie, or undefined when the session is missing, ended or idle. */
  /**
   * The caller of a live session. `touch: false` checks without counting as activity: an open
   * notification stream must not keep an idle session alive.
   */
  async authenticate(token: string, touch = true): Promise<Caller | undefined> {
    const row = await repo.findLiveCaller(this.db, hashToken(token), this.config.session.idleMs);
    if (!row) return undefined;
    if (touch && Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) await repo.touchSession(this.db, row.session_id);
    return {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      locale: row.locale as Locale,
      sessionId: row.session_id,
      grants: row.grants.map((g) => ({ role: g.role as Role, nodeId: g.nodeId, nodePath: g.nodePath })),
      mustChangePassword: row.must_change_password,
      twoFactor: { enabled: row.totp_enabled, required: requiresTwoFactor(this.config.twoFactorRoles, row.grants.map((g) => g.role)) },
    };
  }

  async logout(ctx: RequestContext): Promise<void> {
    const caller = callerOf(ctx);
    await repo.revokeSession(this.db, caller.sessionId);
    await audit(this.db, ctx, { action: 'auth.logout', outcome: 'ok', nodePath: caller.grants[0]?.nodePath ?? null });
  }

  async me(userId: string): Promise<Me> {
    const user = await repo.findUserById(this.db, userId);
    if (!user) throw new AppError('not_found');
    const roles = await repo.rolesOf(this.db, userId);
    const permissions = PERMISSIONS.filter((p) => roles.some((r) => roleGrants(r.role as Role, p)));
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      locale: user.locale as Locale,
      email: user.email,
      roles: roles.map((r) => ({ role: r.role as Role, nodeId: r.nodeId, nodeName: r.nodeName, nodeKind: r.nodeKind as NodeKind, nodePath: r.nodePath })),
      permissions,
      timeZone: this.config.timeZone,
      // The same rule as the clock's routes, so that the app never asks for a clock it would be refused.
      clockControl: this.config.clockControl && roles.some((r) => isRootPath(r.nodePath) && roleGrants(r.role as Role, 'policy.edit')),
      clockOffsetMs: this.clock.offsetMs,
      mustChangePassword: user.mustChangePassword,
      twoFactor: {
        enabled: user.totpEnabledAt !== null,
        required: requiresTwoFactor(this.config.twoFactorRoles, roles.map((r) => r.role)),
      },
      passwordRules: this.config.passwordRules,
    };
  }

  async changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<void> {
    const caller = callerOf(ctx);
    const user = await repo.findUserById(this.db, caller.userId);
    if (!user) throw new AppError('unauthenticated');
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await audit(this.db, ctx, { action: 'auth.password', outcome: 'failed', targetType: 'user', targetId: user.id });
      throw invalidField('body.currentPassword', AUTH_TEXTS.current_password_wrong);
    }
    if (input.newPassword === input.currentPassword) {
      throw invalidField('body.newPassword', AUTH_TEXTS.must_differ_from_current);
    }
    await this.checkNewPassword(user, input.newPassword);
    const passwordHash = await hashPassword(input.newPassword);
    await this.db.transaction(async (tx) => {
      await repo.addPasswordHistory(tx, user.id, user.passwordHash, this.config.passwordRules.history);
      await repo.updateUser(tx, user.id, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false });
      // Whoever else held a session of this user loses it with the old password.
      await repo.revokeUserSessions(tx, user.id, caller.sessionId);
      await audit(tx, ctx, {
        action: 'auth.password', outcome: 'ok', targetType: 'user', targetId: user.id,
        detail: user.mustChangePassword ? { oneTimePasswordReplaced: true } : undefined,
      });
    });
  }

  /**
   * The configured rules, then the history: the current password and the last N are each verified
   * against (argon2 hashes cannot be compared otherwise). 400 on the field naming the first rule broken.
   */
  private async checkNewPassword(user: repo.UserRow, password: string): Promise<void> {
    const rules = this.config.passwordRules;
    const [problem] = passwordProblems(password, rules, user.username);
    if (problem) throw invalidField('body.newPassword', passwordRuleText(problem, rules));
    if (rules.history === 0) return;
    const earlier = [user.passwordHash, ...await repo.recentPasswordHashes(this.db, user.id, rules.history)];
    for (const hash of earlier) {
      if (await verifyPassword(hash, password)) throw invalidField('body.newPassword', AUTH_TEXTS.password_recently_used(rules.history));
    }
  }

  async updateMe(ctx: RequestContext, patch: UpdateMe): Promise<Me> {
    const caller = callerOf(ctx);
    await repo.updateUser(this.db, caller.userId, {
      ...(patch.locale ? { locale: patch.locale } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
    });
    return this.me(caller.userId);
  }

  /**
   * A one-time password in place of the user's (recovery by an administrator or the command line):
   * the holder must change it at sign-in, every session ends and any lock is lifted. Answers the
   * password, to be handed over once.
   */
  async resetPassword(ctx: RequestContext, userId: string, actor?: AuditActor): Promise<string> {
    const user = await repo.findUserById(this.db, userId);
    if (!user) throw new AppError('not_found');
    const password = oneTimePassword(this.config.passwordRules, user.username);
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (tx) => {
      await repo.addPasswordHistory(tx, user.id, user.passwordHash, this.config.passwordRules.history);
      await repo.updateUser(tx, user.id, {
        passwordHash, passwordChangedAt: new Date(), mustChangePassword: true, failedLogins: 0, lockedUntil: null,
      });
      await repo.revokeUserSessions(tx, user.id);
      await audit(tx, ctx, { action: 'accounts.reset_password', outcome: 'ok', actor, targetType: 'user', targetId: user.id, nodePath: await this.nodePathOf(tx, user.id) });
    });
    return password;
  }

  /** Two-factor sign-in off for a user who lost the phone and the codes: they enrol again at sign-in where a role requires it. */
  async resetTwoFactor(ctx: RequestContext, userId: string, actor?: AuditActor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await resetTwoFactor(tx, userId);
      await audit(tx, ctx, { action: 'accounts.reset_two_factor', outcome: 'ok', actor, targetType: 'user', targetId: userId, nodePath: await this.nodePathOf(tx, userId) });
    });
  }

  /** Where a user's entries are filed: their first node (as sign-ins are). */
  private async nodePathOf(db: Executor, userId: string): Promise<string | null> {
    return (await repo.rolesOf(db, userId))[0]?.nodePath ?? null;
  }

  /** Disabling a user ends every session of theirs at once. */
  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      await repo.updateUser(tx, userId, { disabled });
      if (disabled) await repo.revokeUserSessions(tx, userId);
    });
  }
}
