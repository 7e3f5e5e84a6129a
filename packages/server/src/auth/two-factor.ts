import type { RecoveryCodesAnswer, TwoFactorDisableInput, TwoFactorSetupAnswer } from '@fangkong/domain';
import type { BaseDeps } from '../core/deps.js';
import type { Db } from '../db/engine.js';
import type { Executor } from '../db/tx.js';
import type { Clock } from '../core/clock.js';
import type { Keyring } from '../pii/keyring.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, invalidField } from '../core/errors.js';
import { audit } from '../audit/service.js';
import { rateLimit } from '../http/rate-limit.js';
import { verifyPassword } from './passwords.js';
import * as repo from './repository.js';
import { AUTH_TEXTS } from './texts.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, otpauthUri, qrSvg, stepOfCode } from './totp.js';

/** Why a second factor was refused, as the audit records it (never the code itself). */
export type SecondFactorFailure = 'missing_code' | 'wrong_code' | 'reused_code' | 'used_recovery_code';

export type SecondFactorCheck =
  | { ok: true; via: 'app' | 'recovery_code' }
  | { ok: false; reason: SecondFactorFailure };

/**
 * The second factor of an enrolled user: six digits from the app (a step not used before) or, where
 * allowed, a recovery code (used up). Null when the user has no second factor to check. A code that
 * passes is spent here, so the caller asks this only once the password is right.
 */
export async function checkSecondFactor(
  db: Executor, keyring: Keyring, user: repo.UserRow, code: string | undefined, now: Date, recovery = true,
): Promise<SecondFactorCheck | null> {
  if (user.totpEnabledAt === null || user.totpSecretEnc === null) return null;
  const given = code?.trim() ?? '';
  if (given === '') return { ok: false, reason: 'missing_code' };
  if (/^\d{6}$/.test(given)) {
    const step = stepOfCode(keyring.open(user.totpSecretEnc), given, now);
    if (step === null) return { ok: false, reason: 'wrong_code' };
    return (await repo.takeTotpStep(db, user.id, step)) ? { ok: true, via: 'app' } : { ok: false, reason: 'reused_code' };
  }
  const normalized = recovery ? normalizeRecoveryCode(given) : null;
  if (normalized === null) return { ok: false, reason: 'wrong_code' };
  const used = await repo.useRecoveryCode(db, user.id, hashRecoveryCode(normalized));
  return used === 'ok' ? { ok: true, via: 'recovery_code' } : { ok: false, reason: used === 'used' ? 'used_recovery_code' : 'wrong_code' };
}

/** Turns a user's second factor off (an administrator's or the command line's reset); audited by the caller. */
export async function resetTwoFactor(db: Executor, userId: string): Promise<void> {
  await repo.clearTwoFactor(db, userId);
}

/**
 * Codes tried on the routes of a signed-in user since their last right one, per quarter hour: enough
 * for typing slips, far too few to guess six digits (someone else at an unlocked screen).
 */
const CODE_TRIES = 5;
const CODE_TRIES_WINDOW_MS = 15 * 60_000;
const triesKey = (userId: string) => `two-factor:${userId}`;

/** Enrolling, renewing the recovery codes and turning off the caller's own second factor. */
export class TwoFactorService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly keyring: Keyring;

  constructor(deps: Pick<BaseDeps, 'db' | 'clock' | 'keyring'>) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.keyring = deps.keyring;
  }

  /**
   * A new secret, pending until its first code confirms it. An enrolled user may set up again (a
   * new phone): the current secret stays good until the new one is confirmed.
   */
  async setup(ctx: RequestContext): Promise<TwoFactorSetupAnswer> {
    const caller = callerOf(ctx);
    const secret = newTotpSecret();
    const uri = otpauthUri(secret, caller.username);
    await this.db.transaction(async (tx) => {
      await repo.updateUser(tx, caller.userId, { totpPendingEnc: this.keyring.seal(secret) });
      await audit(tx, ctx, { action: 'auth.two_factor_setup', outcome: 'ok', ...this.target(ctx) });
    });
    return { secret, uri, qrSvg: await qrSvg(uri) };
  }

  /** The first code from the app turns the pending secret on, with a new set of recovery codes. */
  async confirm(ctx: RequestContext, code: string): Promise<RecoveryCodesAnswer> {
    const user = await this.user(ctx);
    if (user.totpPendingEnc === null) throw conflict(AUTH_TEXTS.no_setup_pending);
    await rateLimit(this.db, triesKey(user.id), CODE_TRIES, CODE_TRIES_WINDOW_MS);
    const step = stepOfCode(this.keyring.open(user.totpPendingEnc), code, this.clock.now());
    if (step === null) return this.refuse(ctx, 'auth.two_factor_on', 'wrong_code');
    const codes = newRecoveryCodes();
    await this.db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, {
        totpSecretEnc: user.totpPendingEnc, totpPendingEnc: null, totpEnabledAt: new Date(), totpLastStep: step,
      });
      await repo.replaceRecoveryCodes(tx, user.id, codes.map(hashRecoveryCode));
      await repo.clearRateEvents(tx, triesKey(user.id));
      await audit(tx, ctx, { action: 'auth.two_factor_on', outcome: 'ok', ...this.target(ctx), detail: { renewed: user.totpEnabledAt !== null } });
    });
    return { recoveryCodes: codes };
  }

  /** A new set of recovery codes, the old ones void; asks a current code from the app. */
  async renewRecoveryCodes(ctx: RequestContext, code: string): Promise<RecoveryCodesAnswer> {
    const user = await this.user(ctx);
    if (user.totpEnabledAt === null) throw conflict(AUTH_TEXTS.two_factor_off);
    await rateLimit(this.db, triesKey(user.id), CODE_TRIES, CODE_TRIES_WINDOW_MS);
    const check = await checkSecondFactor(this.db, this.keyring, user, code, this.clock.now(), false);
    if (!check?.ok) return this.refuse(ctx, 'auth.recovery_codes', check?.reason ?? 'wrong_code');
    const codes = newRecoveryCodes();
    await this.db.transaction(async (tx) => {
      await repo.replaceRecoveryCodes(tx, user.id, codes.map(hashRecoveryCode));
      await repo.clearRateEvents(tx, triesKey(user.id));
      await audit(tx, ctx, { action: 'auth.recovery_codes', outcome: 'ok', ...this.target(ctx) });
    });
    return { recoveryCodes: codes };
  }

  /** Off, with the password and a code (or a recovery code); not where a role of the user requires it. */
  async disable(ctx: RequestContext, input: TwoFactorDisableInput): Promise<void> {
    const caller = callerOf(ctx);
    if (caller.twoFactor.required) {
      await audit(this.db, ctx, { action: 'auth.two_factor_off', outcome: 'denied', ...this.target(ctx), detail: { reason: 'required_by_role' } });
      throw conflict(AUTH_TEXTS.two_factor_required);
    }
    const user = await this.user(ctx);
    if (user.totpEnabledAt === null) throw conflict(AUTH_TEXTS.two_factor_off);
    await rateLimit(this.db, triesKey(user.id), CODE_TRIES, CODE_TRIES_WINDOW_MS);
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      await audit(this.db, ctx, { action: 'auth.two_factor_off', outcome: 'failed', ...this.target(ctx), detail: { reason: 'wrong_password' } });
      throw invalidField('body.password', AUTH_TEXTS.current_password_wrong);
    }
    const check = await checkSecondFactor(this.db, this.keyring, user, input.code, this.clock.now());
    if (!check?.ok) return this.refuse(ctx, 'auth.two_factor_off', check?.reason ?? 'wrong_code');
    await this.db.transaction(async (tx) => {
      await resetTwoFactor(tx, user.id);
      await repo.clearRateEvents(tx, triesKey(user.id));
      await audit(tx, ctx, { action: 'auth.two_factor_off', outcome: 'ok', ...this.target(ctx) });
    });
  }

  private async user(ctx: RequestContext): Promise<repo.UserRow> {
    const user = await repo.findUserById(this.db, callerOf(ctx).userId);
    if (!user) throw new AppError('unauthenticated');
    return user;
  }

  private target(ctx: RequestContext) {
    const caller = callerOf(ctx);
    return { targetType: 'user', targetId: caller.userId, nodePath: caller.grants[0]?.nodePath ?? null };
  }

  /** A wrong code: audited with its reason, answered as a 400 on the field. */
  private async refuse(ctx: RequestContext, action: string, reason: string): Promise<never> {
    await audit(this.db, ctx, { action, outcome: 'failed', ...this.target(ctx), detail: { reason } });
    throw invalidField('body.code', AUTH_TEXTS.code_wrong);
  }
}
