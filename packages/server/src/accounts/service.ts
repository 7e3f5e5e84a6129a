import { pinyin } from 'pinyin-pro';
import {
  mayGrant, mayManage, maskPhone,
  type Account, type AccountStatus, type BulkAccountsAnswer, type BulkCreateAccountsInput, type CreateAccountInput, type DisabledReason,
  type GrantTarget, type Locale, type NodeKind, type OneTimePasswordAnswer, type Role, type RoleGrantInput, type SiteType, type UpdateAccountInput,
} from '@fangkong/domain';
import { orgNodes, people } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { isUniqueViolation } from '../db/errors.js';
import type { Keyring } from '../pii/keyring.js';
import { callerOf, type RequestContext } from '../core/context.js';
import { AppError, conflict, forbidden, invalidField, notFound, type FieldProblem } from '../core/errors.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import { UNSCOPED, inScope, requireSomewhere } from '../auth/scope.js';
import { requiresTwoFactor, type Caller } from '../auth/caller.js';
import { hashPassword } from '../auth/passwords.js';
import { audit, auditMany, type AuditEvent } from '../audit/service.js';
import { oneTimePassword } from '../auth/one-time-password.js';
import { resetTwoFactor } from '../auth/two-factor.js';
import type { AuthService } from '../auth/service.js';
import * as repo from './repository.js';
import { ACCOUNTS_TEXTS, refusalText } from './texts.js';

const USERNAME_INDEX = 'users_username_uq';

/** The list's query as parsed (AccountListQuery with its defaults). */
export interface ListQuery { q?: string | undefined; nodeId?: string | undefined; role?: Role | undefined; status?: AccountStatus | undefined; limit: number; offset: number }

/** A role as `mayGrant` and `mayManage` read it. */
const target = (r: { role: string; nodePath: string; nodeKind: string; siteType: string | null }) => ({
  role: r.role as Role,
  node: { path: r.nodePath, kind: r.nodeKind as NodeKind, siteType: r.siteType as SiteType | null },
});

type Node = Awaited<ReturnType<typeof repo.nodesForGrant>>[number];
const grantTarget = (n: Node): GrantTarget => ({ path: n.path, kind: n.kind as NodeKind, siteType: n.siteType as SiteType | null });

/** The first of these paths in the tree's order: where an account's audit entries are filed. */
const firstPath = (paths: readonly string[]): string | null => [...paths].sort()[0] ?? null;

/**
 * A username from a name: its pinyin, lower-case ASCII letters and digits ("张三" → "zhangsan");
 * "user" when the name gives fewer than two letters. Room is left for a number.
 */
export function usernameFrom(name: string): string {
  const base = pinyin(name, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 56);
  return base.length >= 2 ? base : 'user';
}

/**
 * Accounts run from the app (issue 17): a manager sees the accounts holding a role within their
 * jurisdiction, and changes only those whose every role they could have given (`mayManage`),
 * giving only roles `mayGrant` allows. One-time passwords are answered once and stored hashed.
 */
export class AccountsService extends AreaService {
  private readonly keyring: Keyring;

  constructor(deps: Deps, private readonly auth: Pick<AuthService, 'resetPassword'>) {
    super(deps);
    this.keyring = deps.keyring;
  }

  private scope(caller: Caller) {
    return repo.holdsRoleWhere(inScope(caller, 'users.read', orgNodes.path));
  }

  /** The answer form of these accounts, in their order. */
  private async answer(caller: Caller, rows: repo.AccountRow[]): Promise<Account[]> {
    const [roles, persons] = await Promise.all([
      repo.rolesOfAccounts(this.db, rows.map((r) => r.id)),
      repo.linkedPeople(this.db, rows.flatMap((r) => (r.personId ? [r.personId] : []))),
    ]);
    const now = this.clock.now();
    return rows.map((r) => {
      const own = roles.filter((x) => x.userId === r.id);
      const person = persons.find((p) => p.id === r.personId);
      const phone = r.phoneEnc ? this.keyring.open(r.phoneEnc) : null;
      return {
        id: r.id,
        username: r.username,
        displayName: r.displayName,
        phone: phone ? maskPhone(phone) : null,
        email: r.email,
        locale: r.locale as Locale,
        disabled: r.disabled,
        disabledReason: r.disabledReason as DisabledReason | null,
        lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil.toISOString() : null,
        mustChangePassword: r.mustChangePassword,
        twoFactorEnabled: r.totpEnabledAt !== null,
        twoFactorRequired: requiresTwoFactor(this.deps.config.twoFactorRoles, own.map((x) => x.role)),
        roles: own.map((x) => ({ role: x.role as Role, nodeId: x.nodeId, nodeName: x.nodeName, nodeKind: x.nodeKind as NodeKind, nodePath: x.nodePath })),
        person: person ? { id: person.id, name: person.name, siteName: person.siteName } : null,
        lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
        manageable: mayManage(caller.grants, own.map(target)),
      };
    });
  }

  private async one(caller: Caller, id: string): Promise<Account> {
    // Re-read after a change the caller was allowed to make (checked through the scope before).
    const row = await repo.findAccount(this.db, UNSCOPED, id);
    const [account] = row ? await this.answer(caller, [row]) : [];
    if (!account) throw notFound();
    return account;
  }

  async list(ctx: RequestContext, q: ListQuery): Promise<{ accounts: Account[]; total: number }> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'users.read');
    let nodePath: string | undefined;
    if (q.nodeId) {
      // The scope below still decides what is seen; a node elsewhere simply matches nothing of it.
      const [node] = await repo.nodesForGrant(this.db, [q.nodeId]);
      if (!node) return { accounts: [], total: 0 };
      nodePath = node.path;
    }
    const { rows, total } = await repo.listAccounts(this.db, this.scope(caller), { q: q.q, nodePath, role: q.role, status: q.status }, this.clock.now(), q.limit, q.offset);
    return { accounts: await this.answer(caller, rows), total };
  }

  /** An account the caller may see, or 404 (a miss on one that exists is audited as denied). */
  private async visible(ctx: RequestContext, id: string): Promise<repo.AccountRow> {
    const row = await repo.findAccount(this.db, this.scope(callerOf(ctx)), id);
    if (row) return row;
    if (await repo.accountExists(this.db, id)) {
      await audit(this.db, ctx, { action: 'accounts.read', outcome: 'denied', targetType: 'user', targetId: id });
    }
    throw notFound();
  }

  async get(ctx: RequestContext, id: string): Promise<Account> {
    const row = await this.visible(ctx, id);
    const [account] = await this.answer(callerOf(ctx), [row]);
    if (!account) throw notFound();
    return account;
  }

  /** An account the caller may change: visible, and every role it holds one the caller could give. */
  private async managed(ctx: RequestContext, id: string, action: string) {
    const caller = callerOf(ctx);
    const row = await this.visible(ctx, id);
    const roles = await repo.rolesOfAccounts(this.db, [id]);
    const nodePath = roles[0]?.nodePath ?? null;
    if (!mayManage(caller.grants, roles.map(target))) {
      await audit(this.db, ctx, { action, outcome: 'denied', targetType: 'user', targetId: id, nodePath });
      throw forbidden();
    }
    return { row, roles, nodePath };
  }

  /**
   * The nodes of these roles, each role checked with `mayGrant`; every refusal is named at once
   * (the node where it lies outside the scope, else the role). A node that does not exist is
   * refused as outside the scope, so that the answer does not tell which ids exist.
   */
  private async checkGrants(caller: Caller, roles: readonly (RoleGrantInput & { index: number })[], field: string): Promise<Map<string, Node>> {
    const nodes = new Map((await repo.nodesForGrant(this.db, [...new Set(roles.map((r) => r.nodeId))])).map((n) => [n.id, n]));
    const problems: FieldProblem[] = [];
    for (const r of roles) {
      const node = nodes.get(r.nodeId);
      const refusal = node ? mayGrant(caller.grants, r.role, grantTarget(node)) : 'node_outside_scope';
      if (refusal) problems.push({ path: `${field}.${r.index}.${refusal === 'node_outside_scope' ? 'nodeId' : 'role'}`, message: refusalText(refusal, r.role) });
    }
    if (problems.length > 0) throw new AppError('validation_failed', undefined, problems);
    return nodes;
  }

  /** A person an account may be linked to: staff, visible to the caller, of a site where the account holds a role. */
  private async checkPerson(caller: Caller, personId: string, rolePaths: readonly string[]): Promise<void> {
    const [p] = await repo.peopleIn(this.db, inScope(caller, 'people.read', people.orgPath), [personId]);
    if (!p || p.kind !== 'staff' || !rolePaths.some((path) => path.startsWith(p.sitePath))) {
      throw invalidField('body.personId', ACCOUNTS_TEXTS.person_not_linkable);
    }
    if (p.status === 'left') throw invalidField('body.personId', ACCOUNTS_TEXTS.person_left);
  }

  private seal(phone: string | null | undefined): string | null | undefined {
    return phone === undefined ? undefined : phone === null ? null : this.keyring.seal(phone);
  }

  async create(ctx: RequestContext, input: CreateAccountInput): Promise<OneTimePasswordAnswer> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'users.manage');
    const nodes = await this.checkGrants(caller, input.roles.map((r, index) => ({ ...r, index })), 'body.roles');
    const paths = input.roles.map((r) => nodes.get(r.nodeId)?.path ?? '');
    if (input.personId) await this.checkPerson(caller, input.personId, paths);
    if (await repo.usernameTaken(this.db, input.username)) throw conflict(ACCOUNTS_TEXTS.username_taken(input.username));
    const password = oneTimePassword(this.deps.config.passwordRules, input.username);
    const passwordHash = await hashPassword(password);
    try {
      const id = await this.db.transaction(async (tx) => {
        const row = await repo.insertAccount(tx, {
          username: input.username, displayName: input.displayName, passwordHash, locale: input.locale ?? 'zh-CN',
          email: input.email ?? null, phoneEnc: this.seal(input.phone) ?? null, personId: input.personId ?? null,
          mustChangePassword: true, createdBy: caller.userId });
        await repo.addRoles(tx, row.id, input.roles);
        await audit(tx, ctx, {
          action: 'accounts.create', outcome: 'ok', targetType: 'user', targetId: row.id, nodePath: firstPath(paths),
          detail: { username: row.username, roles: input.roles, ...(input.personId ? { personId: input.personId } : {}) } });
        return row.id;
      });
      return { account: await this.one(caller, id), oneTimePassword: password };
    } catch (err) {
      // Two managers taking one name at the same moment: the unique index decides.
      if (isUniqueViolation(err, USERNAME_INDEX)) throw conflict(ACCOUNTS_TEXTS.username_taken(input.username));
      throw err;
    }
  }

  async update(ctx: RequestContext, id: string, patch: UpdateAccountInput): Promise<Account> {
    const caller = callerOf(ctx);
    const { row, roles, nodePath } = await this.managed(ctx, id, 'accounts.update');
    const self = id === caller.userId;
    if (self && patch.disabled === true) throw conflict(ACCOUNTS_TEXTS.not_own_disable);
    const key = (r: { role: string; nodeId: string }) => `${r.role}@${r.nodeId}`;
    let added: RoleGrantInput[] = [];
    let removed: RoleGrantInput[] = [];
    let rolePaths = roles.map((r) => r.nodePath);
    if (patch.roles) {
      const current = new Set(roles.map(key));
      const wanted = new Set(patch.roles.map(key));
      const adding = patch.roles.map((r, index) => ({ ...r, index })).filter((r) => !current.has(key(r)));
      removed = roles.filter((r) => !wanted.has(key(r))).map((r) => ({ role: r.role as Role, nodeId: r.nodeId }));
      if (self && (adding.length > 0 || removed.length > 0)) throw invalidField('body.roles', ACCOUNTS_TEXTS.not_own_roles);
      // Only what is added is given now; what stays was checked by `managed`.
      await this.checkGrants(caller, adding, 'body.roles');
      added = adding.map(({ role, nodeId }) => ({ role, nodeId }));
      const nodes = new Map((await repo.nodesForGrant(this.db, patch.roles.map((r) => r.nodeId))).map((n) => [n.id, n.path]));
      rolePaths = patch.roles.map((r) => nodes.get(r.nodeId) ?? '');
    }
    if (patch.personId) await this.checkPerson(caller, patch.personId, rolePaths);
    const fields = (['displayName', 'phone', 'email', 'locale', 'personId'] as const).filter((k) => patch[k] !== undefined);
    const disabling = patch.disabled === true && !row.disabled;
    const enabling = patch.disabled === false && row.disabled;
    await this.db.transaction(async (tx) => {
      const phoneEnc = this.seal(patch.phone);
      await repo.updateAccount(tx, id, {
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
        ...(phoneEnc !== undefined ? { phoneEnc } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
        ...(patch.personId !== undefined ? { personId: patch.personId } : {}),
        ...(disabling ? { disabled: true, disabledReason: 'manual' } : {}),
        ...(enabling ? { disabled: false, disabledReason: null } : {}),
      });
      await repo.removeRoles(tx, id, removed);
      await repo.addRoles(tx, id, added);
      if (disabling) await repo.revokeSessions(tx, [id]);
      const entry = (action: string, detail: Record<string, unknown>): AuditEvent => ({ action, outcome: 'ok', targetType: 'user', targetId: id, nodePath, detail });
      await auditMany(tx, ctx, [
        ...(fields.length > 0 ? [entry('accounts.update', { fields })] : []),
        ...(added.length > 0 || removed.length > 0 ? [entry('accounts.roles', { added, removed })] : []),
        ...(disabling ? [entry('accounts.disable', { reason: 'manual' })] : []),
        ...(enabling ? [entry('accounts.enable', { was: row.disabledReason })] : []),
      ]);
    });
    return this.one(caller, id);
  }

  /**
   * A new one-time password: must be changed at the next sign-in; the lock lifts and every session
   * ends. The same reset as the command line's, once the caller may manage the account.
   */
  async resetPassword(ctx: RequestContext, id: string): Promise<OneTimePasswordAnswer> {
    await this.managed(ctx, id, 'accounts.reset_password');
    const password = await this.auth.resetPassword(ctx, id);
    return { account: await this.one(callerOf(ctx), id), oneTimePassword: password };
  }

  async endSessions(ctx: RequestContext, id: string): Promise<void> {
    const { nodePath } = await this.managed(ctx, id, 'accounts.end_sessions');
    await this.db.transaction(async (tx) => {
      await repo.revokeSessions(tx, [id]);
      await audit(tx, ctx, { action: 'accounts.end_sessions', outcome: 'ok', targetType: 'user', targetId: id, nodePath });
    });
  }

  async unlock(ctx: RequestContext, id: string): Promise<void> {
    const { row, nodePath } = await this.managed(ctx, id, 'accounts.unlock');
    await this.db.transaction(async (tx) => {
      await repo.updateAccount(tx, id, { failedLogins: 0, lockedUntil: null });
      await audit(tx, ctx, { action: 'accounts.unlock', outcome: 'ok', targetType: 'user', targetId: id, nodePath, detail: { wasLocked: row.lockedUntil !== null && row.lockedUntil > this.clock.now() } });
    });
  }

  /** Clears the second factor (the holder enrols again); its recovery codes go with it. */
  async resetTwoFactor(ctx: RequestContext, id: string): Promise<void> {
    const { row, nodePath } = await this.managed(ctx, id, 'accounts.reset_two_factor');
    await this.db.transaction(async (tx) => {
      await resetTwoFactor(tx, id);
      await audit(tx, ctx, { action: 'accounts.reset_two_factor', outcome: 'ok', targetType: 'user', targetId: id, nodePath, detail: { wasEnabled: row.totpEnabledAt !== null } });
    });
  }

  /**
   * Accounts for chosen staff of one site, one role, in one transaction: each with a username from
   * the name's pinyin (numbered when taken) and a one-time password for the printed sheet. People
   * already linked to an account, or who have left, are skipped and said so.
   */
  async bulk(ctx: RequestContext, input: BulkCreateAccountsInput): Promise<BulkAccountsAnswer> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'users.manage');
    const site = await this.org.getVisible(ctx, input.siteId);
    if (site.kind !== 'site') throw invalidField('body.siteId', ACCOUNTS_TEXTS.choose_site);
    const refusal = mayGrant(caller.grants, input.role, { path: site.path, kind: 'site', siteType: site.siteType as SiteType | null });
    if (refusal) throw invalidField(refusal === 'node_outside_scope' ? 'body.siteId' : 'body.role', refusalText(refusal, input.role));
    const found = new Map((await repo.peopleIn(this.db, inScope(caller, 'people.read', people.orgPath), input.personIds)).map((p) => [p.id, p]));
    const problems: FieldProblem[] = input.personIds.flatMap((pid, i) => {
      const p = found.get(pid);
      return p && p.kind === 'staff' && p.siteId === site.id ? [] : [{ path: `body.personIds.${i}`, message: ACCOUNTS_TEXTS.person_not_staff_here }];
    });
    if (problems.length > 0) throw new AppError('validation_failed', undefined, problems);
    const chosen = input.personIds.flatMap((pid) => found.get(pid) ?? []);
    const skipped = chosen.flatMap((p) => (p.linked || p.status === 'left' ? [{ personId: p.id, name: p.name, reason: p.linked ? 'already_linked' as const : 'left' as const }] : []));
    const making = chosen.filter((p) => !p.linked && p.status !== 'left');
    const bases = making.map((p) => usernameFrom(p.name));
    const taken = await repo.usernamesStartingWith(this.db, [...new Set(bases)]);
    const usernames = bases.map((base) => {
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
      taken.add(name);
      return name;
    });
    const passwords = usernames.map((u) => oneTimePassword(this.deps.config.passwordRules, u));
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
    try {
      const ids = await this.db.transaction(async (tx) => {
        const made: string[] = [];
        for (const [i, p] of making.entries()) {
          const row = await repo.insertAccount(tx, {
            username: usernames[i] ?? '', displayName: p.name, passwordHash: hashes[i] ?? '', personId: p.id, mustChangePassword: true, createdBy: caller.userId });
          await repo.addRoles(tx, row.id, [{ role: input.role, nodeId: site.id }]);
          made.push(row.id);
        }
        await auditMany(tx, ctx, made.map((id, i) => ({
          action: 'accounts.create', outcome: 'ok' as const, targetType: 'user', targetId: id, nodePath: site.path,
          detail: { username: usernames[i], roles: [{ role: input.role, nodeId: site.id }], personId: making[i]?.id, bulk: true } })));
        return made;
      });
      const rows = await Promise.all(ids.map((id) => this.one(caller, id)));
      return { created: rows.map((account, i) => ({ account, oneTimePassword: passwords[i] ?? '' })), skipped };
    } catch (err) {
      if (isUniqueViolation(err, USERNAME_INDEX)) throw conflict(ACCOUNTS_TEXTS.usernames_taken_meanwhile);
      throw err;
    }
  }

  /**
   * People who left their site: every enabled account linked to them is disabled and its sessions
   * end, in the transaction of the change that recorded the leaving (the people area calls this).
   */
  async personsLeft(tx: Executor, ctx: RequestContext, personIds: readonly string[]): Promise<void> {
    const ids = (await repo.enabledAccountsOf(tx, [...personIds])).map((a) => a.id);
    if (ids.length === 0) return;
    await repo.disableAccounts(tx, ids, 'person_left');
    await repo.revokeSessions(tx, ids);
    const roles = await repo.rolesOfAccounts(tx, ids);
    await auditMany(tx, ctx, ids.map((id) => ({
      action: 'accounts.disable', outcome: 'ok' as const, targetType: 'user', targetId: id,
      nodePath: roles.find((r) => r.userId === id)?.nodePath ?? null, detail: { reason: 'person_left' } })));
  }
}
