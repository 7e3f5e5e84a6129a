import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, BulkAccountsAnswer, Me, OneTimePasswordAnswer, Role } from '@fangkong/domain';
import { TEST_PII_KEY_ID, TEST_PII_MASTER, buildTree, createUser, keptLog, login, newPerson, newUser, startTestApp, type Client, type InjectResponse, type TestEnv, type Tree, type TreeNode } from './harness.js';
import { Keyring } from '../src/pii/keyring.js';
import { resealAll } from '../src/pii/rotate.js';

/*
 * Accounts run from the app (issue 17): who sees and changes which accounts, which roles may be
 * given where, one-time passwords, the lock, sessions, the second factor, accounts for a roster's
 * staff in one step, and the rule that an account ends when its person leaves.
 */

let env: TestEnv;
let tree: Tree;
const log = keptLog();
let admin: Client;
let officer1: Client & { id: string };
let manager1: Client & { id: string };

beforeAll(async () => {
  env = await startTestApp({}, undefined, log.logger);
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  admin = env.as('admin');
  officer1 = await newUser(env, 'town_officer', tree.town1, 'officer1');
  manager1 = await newUser(env, 'site_manager', tree.elder1, 'manager1');
  await newUser(env, 'town_officer', tree.town2, 'officer2');
  await env.signIn('admin', 'officer1', 'officer2', 'manager1');
}, 60_000);
afterAll(async () => env.close());

let seq = 0;
const uname = (what: string) => `${what}-${++seq}`;

/** An account made through the API by `by` (the admin unless given), holding `roles`. */
async function newAccount(roles: [Role, TreeNode][], extra: Record<string, unknown> = {}, by: Client = admin): Promise<OneTimePasswordAnswer> {
  const username = uname('acct');
  const res = await by.post('/api/accounts', { username, displayName: `账号${seq}`, roles: roles.map(([role, node]) => ({ role, nodeId: node.id })), ...extra });
  if (res.statusCode !== 201) throw new Error(`account: ${res.statusCode} ${res.body}`);
  return res.json<OneTimePasswordAnswer>();
}

/** A raw request with a session cookie (of a user signed in with a one-time password). */
const withCookie = (cookie: string, url: string, method: 'GET' | 'POST' = 'GET') => env.app.inject({ method, url, headers: { cookie } });
const me = async (cookie: string) => withCookie(cookie, '/api/auth/me');

const count = async (table: string) => (await env.database.pool.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n;
const auditOf = async (targetId: string) => (await env.database.pool.query<{ action: string; actor_name: string; outcome: string; detail: Record<string, unknown> | null; node_path: string | null }>(
  'select action, actor_name, outcome, detail, node_path from audit_log where target_id = $1 order by id', [targetId])).rows;
type ErrorBody = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };
const fieldsOf = (res: InjectResponse) => res.json<ErrorBody>().error.fields?.map((f) => f.path);

describe('creating an account', () => {
  it('gives a one-time password once, the phone masked; the user signs in with it and must change it', async () => {
    const res = await officer1.post('/api/accounts', {
      username: 'nurse-wang', displayName: '王护士', phone: '13912345678', roles: [{ role: 'site_staff', nodeId: tree.elder1.id }] });
    expect(res.statusCode).toBe(201);
    const { account, oneTimePassword } = res.json<OneTimePasswordAnswer>();
    expect(oneTimePassword).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){2,}$/);
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(env.config.passwordRules.minLength);
    expect(account).toMatchObject({
      username: 'nurse-wang', displayName: '王护士', phone: '139****5678', mustChangePassword: true, disabled: false, manageable: true,
      roles: [{ role: 'site_staff', nodeId: tree.elder1.id }] });
    const stored = (await env.database.pool.query<{ phone_enc: string; password_hash: string; created_by: string }>(
      "select phone_enc, password_hash, created_by from users where username = 'nurse-wang'")).rows[0];
    expect(stored?.phone_enc).not.toContain('5678');
    expect(stored?.password_hash).not.toContain(oneTimePassword);
    expect(stored?.created_by).toBe(officer1.id);

    const cookie = await login(env.app, 'nurse-wang', oneTimePassword);
    const answer = await me(cookie);
    expect(answer.json<{ user: Me }>().user.mustChangePassword).toBe(true);
    // Never logged, never audited.
    expect(log.text()).not.toContain(oneTimePassword);
    expect(JSON.stringify(await auditOf(account.id))).not.toContain(oneTimePassword);
    expect(JSON.stringify(await auditOf(account.id))).not.toContain('13912345678');
    expect(await auditOf(account.id)).toContainEqual(expect.objectContaining({
      action: 'accounts.create', actor_name: 'officer1', outcome: 'ok', node_path: tree.elder1.path }));
  });

  it('refuses a username taken in any case, naming it, and writes nothing', async () => {
    await newAccount([['site_staff', tree.elder1]], { username: 'Li.Ming' });
    const before = await count('users');
    const res = await admin.post('/api/accounts', { username: 'li.ming', displayName: '李明', roles: [{ role: 'site_staff', nodeId: tree.elder1.id }] });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.message).toContain('li.ming');
    expect(await count('users')).toBe(before);
  });

  it('two managers taking one username at once: one account, one 409, never a 500', async () => {
    const body = (name: string) => ({ username: 'same.time', displayName: name, roles: [{ role: 'site_staff', nodeId: tree.elder1.id }] });
    const answers = await Promise.all([officer1.post('/api/accounts', body('甲')), manager1.post('/api/accounts', body('乙'))]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  const refusals: { what: string; by: () => Client; role: Role; node: () => string; field: string; text: RegExp }[] = [
    { what: 'a role above their own', by: () => officer1, role: 'bureau_officer', node: () => tree.town1.id, field: 'body.roles.0.role', text: /高于自己/ },
    { what: 'a node outside their scope', by: () => officer1, role: 'site_staff', node: () => tree.elder2.id, field: 'body.roles.0.nodeId', text: /管辖范围/ },
    { what: 'a node that does not exist', by: () => officer1, role: 'site_staff', node: () => randomUUID(), field: 'body.roles.0.nodeId', text: /管辖范围/ },
    { what: 'a role where it cannot be bound', by: () => officer1, role: 'site_staff', node: () => tree.town1.id, field: 'body.roles.0.role', text: /机构/ },
    { what: "a site manager giving a town's role", by: () => manager1, role: 'town_officer', node: () => tree.town1.id, field: 'body.roles.0.nodeId', text: /管辖范围/ },
    { what: 'a site manager above their site', by: () => manager1, role: 'site_staff', node: () => tree.comm1.id, field: 'body.roles.0.nodeId', text: /管辖范围/ },
  ];
  it.each(refusals)('refuses $what (400 naming the field, nothing written)', async ({ by, role, node, field, text }) => {
    const [users, audits] = [await count('users'), await count('audit_log')];
    const res = await by().post('/api/accounts', { username: uname('refused'), displayName: '某人', roles: [{ role, nodeId: node() }] });
    expect(res.statusCode).toBe(400);
    const issue = res.json<ErrorBody>().error.fields?.[0];
    expect(issue?.path).toBe(field);
    expect(issue?.message).toMatch(text);
    expect([await count('users'), await count('audit_log')]).toEqual([users, audits]);
  });

  it('names every refused role of a request at once', async () => {
    const res = await officer1.post('/api/accounts', { username: uname('refused'), displayName: '某人', roles: [
      { role: 'site_staff', nodeId: tree.elder1.id }, { role: 'bureau_admin', nodeId: tree.bureau.id }, { role: 'site_staff', nodeId: tree.elder2.id }] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.roles.1.nodeId', 'body.roles.2.nodeId']);
  });

  it('refuses a role without users.manage anywhere (403)', async () => {
    const staff = await newUser(env, 'site_staff', tree.elder1);
    const res = await staff.post('/api/accounts', { username: uname('x'), displayName: '某人', roles: [{ role: 'site_staff', nodeId: tree.elder1.id }] });
    expect(res.statusCode).toBe(403);
  });

  it('links a staff member of a site where the account holds a role, and nobody else', async () => {
    const nurse = await newPerson(env, tree.elder1, { name: '护工甲', kind: 'staff' });
    const resident = await newPerson(env, tree.elder1, { name: '住户甲', kind: 'resident' });
    const elsewhere = await newPerson(env, tree.elder2, { name: '他镇护工', kind: 'staff' });
    const linked = await newAccount([['site_staff', tree.elder1]], { personId: nurse.id }, officer1);
    expect(linked.account.person).toEqual({ id: nurse.id, name: '护工甲', siteName: tree.elder1.name });
    for (const personId of [resident.id, elsewhere.id, randomUUID()]) {
      const res = await officer1.post('/api/accounts', { username: uname('link'), displayName: '某人', roles: [{ role: 'site_staff', nodeId: tree.elder1.id }], personId });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(['body.personId']);
    }
    // A site of the account's roles only: a staff member of another home of the same town is refused.
    const other = await newPerson(env, tree.comm1, { name: '社区工作人员', kind: 'staff' });
    const res = await officer1.patch(`/api/accounts/${linked.account.id}`, { personId: other.id });
    expect(res.statusCode).toBe(400);
  });
});

describe('the audit page', () => {
  it("names whom an account's entry is about, for the town officer who reads it", async () => {
    const { account } = await newAccount([['site_staff', tree.elder1]], {}, officer1);
    const res = await officer1.get(`/api/audit?action=accounts.create&limit=50`);
    expect(res.statusCode).toBe(200);
    const entry = res.json<{ entries: { targetId: string; targetName: string | null }[] }>().entries.find((e) => e.targetId === account.id);
    expect(entry?.targetName).toBe(`${account.displayName} (${account.username})`);
  });
});

describe('scope', () => {
  it("a town officer neither sees nor changes an account of another town: 404, the probe audited, nothing written", async () => {
    const { account } = await newAccount([['site_staff', tree.elder2]]);
    const list = await officer1.get('/api/accounts?limit=200');
    expect(list.json<{ accounts: Account[] }>().accounts.map((a) => a.id)).not.toContain(account.id);
    const users = await count('users');
    const tries: [string, () => Promise<InjectResponse>][] = [
      ['get', () => officer1.get(`/api/accounts/${account.id}`)],
      ['patch', () => officer1.patch(`/api/accounts/${account.id}`, { displayName: '改名' })],
      ['disable', () => officer1.patch(`/api/accounts/${account.id}`, { disabled: true })],
      ['reset', () => officer1.post(`/api/accounts/${account.id}/reset-password`)],
      ['end sessions', () => officer1.post(`/api/accounts/${account.id}/end-sessions`)],
      ['unlock', () => officer1.post(`/api/accounts/${account.id}/unlock`)],
      ['two-factor', () => officer1.post(`/api/accounts/${account.id}/reset-two-factor`)],
    ];
    for (const [what, send] of tries) {
      const res = await send();
      expect(res.statusCode, what).toBe(404);
      expect(res.body, what).not.toContain(account.username);
    }
    expect(await count('users')).toBe(users);
    const entries = await auditOf(account.id);
    expect(entries.filter((e) => e.outcome === 'ok').map((e) => e.action)).toEqual(['accounts.create']);
    expect(entries).toContainEqual(expect.objectContaining({ action: 'accounts.read', outcome: 'denied', actor_name: 'officer1' }));
    expect((await env.as('officer2').get(`/api/accounts/${account.id}`)).statusCode).toBe(200);
  });

  it('an account seen through one role but holding another beyond the caller is shown, not changed (403)', async () => {
    const { account } = await newAccount([['site_staff', tree.elder1], ['site_staff', tree.comm1]]);
    const got = await manager1.get(`/api/accounts/${account.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json<{ account: Account }>().account.manageable).toBe(false);
    expect((await manager1.patch(`/api/accounts/${account.id}`, { displayName: '改名' })).statusCode).toBe(403);
    expect((await manager1.post(`/api/accounts/${account.id}/reset-password`)).statusCode).toBe(403);
    expect((await officer1.get(`/api/accounts/${account.id}`)).json<{ account: Account }>().account.manageable).toBe(true);
  });

  it('lists by node, role, status and text within the scope', async () => {
    const { account } = await newAccount([['volunteer', tree.building1]], { displayName: '楼栋志愿者' });
    const ids = async (q: string) => (await officer1.get(`/api/accounts?${q}`)).json<{ accounts: Account[] }>().accounts.map((a) => a.id);
    expect(await ids(`nodeId=${tree.comm1.id}`)).toContain(account.id);
    expect(await ids(`nodeId=${tree.elder1.id}`)).not.toContain(account.id);
    expect(await ids('role=volunteer')).toContain(account.id);
    expect(await ids('role=site_staff')).not.toContain(account.id);
    expect(await ids('status=first_sign_in')).toContain(account.id);
    expect(await ids('status=active')).not.toContain(account.id);
    expect(await ids(`q=${encodeURIComponent('楼栋志愿')}`)).toEqual([account.id]);
    expect(await ids(`nodeId=${tree.elder2.id}`)).toEqual([]);
  });
});

describe('changing an account', () => {
  it('nobody disables their own account or changes their own roles', async () => {
    const off = await officer1.patch(`/api/accounts/${officer1.id}`, { disabled: true });
    expect(off.statusCode).toBe(409);
    const roles = await officer1.patch(`/api/accounts/${officer1.id}`, { roles: [{ role: 'town_officer', nodeId: tree.town1.id }, { role: 'site_manager', nodeId: tree.elder1.id }] });
    expect(roles.statusCode).toBe(400);
    expect(fieldsOf(roles)).toEqual(['body.roles']);
    const renamed = await officer1.patch(`/api/accounts/${officer1.id}`, { displayName: '一号镇干部' });
    expect(renamed.statusCode).toBe(200);
  });

  it('disabling ends the sessions (the next request is 401); enabling clears the reason', async () => {
    const { account, oneTimePassword } = await newAccount([['site_staff', tree.elder1]]);
    const cookie = await login(env.app, account.username, oneTimePassword);
    expect((await me(cookie)).statusCode).toBe(200);
    const off = await officer1.patch(`/api/accounts/${account.id}`, { disabled: true });
    expect(off.json<{ account: Account }>().account).toMatchObject({ disabled: true, disabledReason: 'manual' });
    expect((await me(cookie)).statusCode).toBe(401);
    const on = await officer1.patch(`/api/accounts/${account.id}`, { disabled: false });
    expect(on.json<{ account: Account }>().account).toMatchObject({ disabled: false, disabledReason: null });
    expect((await auditOf(account.id)).map((e) => e.action)).toEqual(['accounts.create', 'accounts.disable', 'accounts.enable']);
  });

  it('changes roles within the rule and audits what was added and removed', async () => {
    const { account } = await newAccount([['site_staff', tree.elder1]]);
    const res = await officer1.patch(`/api/accounts/${account.id}`, { roles: [{ role: 'site_manager', nodeId: tree.elder1.id }], phone: '13800001111', email: 'a@example.org' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ account: Account }>().account).toMatchObject({ phone: '138****1111', email: 'a@example.org', roles: [{ role: 'site_manager', nodeId: tree.elder1.id }] });
    const entries = await auditOf(account.id);
    expect(entries).toContainEqual(expect.objectContaining({ action: 'accounts.update', actor_name: 'officer1', detail: { fields: ['phone', 'email'] } }));
    expect(entries).toContainEqual(expect.objectContaining({
      action: 'accounts.roles', node_path: tree.elder1.path,
      detail: { added: [{ role: 'site_manager', nodeId: tree.elder1.id }], removed: [{ role: 'site_staff', nodeId: tree.elder1.id }] } }));
    expect(JSON.stringify(entries)).not.toContain('13800001111');
    const above = await officer1.patch(`/api/accounts/${account.id}`, { roles: [{ role: 'site_manager', nodeId: tree.elder1.id }, { role: 'town_officer', nodeId: tree.town2.id }] });
    expect(above.statusCode).toBe(400);
    expect(fieldsOf(above)).toEqual(['body.roles.1.nodeId']);
  });

  it('reset password: the old sessions end, the lock lifts, the user signs in with the new one and must change it', async () => {
    const { account, oneTimePassword: first } = await newAccount([['site_staff', tree.elder1]]);
    const old = await login(env.app, account.username, first);
    await env.database.pool.query("update users set failed_logins = 3, locked_until = now() + interval '1 hour' where id = $1", [account.id]);
    const res = await officer1.post(`/api/accounts/${account.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { oneTimePassword, account: after } = res.json<OneTimePasswordAnswer>();
    expect(oneTimePassword).not.toBe(first);
    expect(after).toMatchObject({ lockedUntil: null, mustChangePassword: true });
    expect((await me(old)).statusCode).toBe(401);
    const cookie = await login(env.app, account.username, oneTimePassword);
    expect((await me(cookie)).json<{ user: Me }>().user.mustChangePassword).toBe(true);
    expect(log.text()).not.toContain(oneTimePassword);
    const entry = (await auditOf(account.id)).find((e) => e.action === 'accounts.reset_password');
    expect(entry).toMatchObject({ actor_name: 'officer1', outcome: 'ok' });
    expect(JSON.stringify(entry)).not.toContain(oneTimePassword);
  });

  it('unlock clears the failures and the lock', async () => {
    const { account } = await newAccount([['site_staff', tree.elder1]]);
    await env.database.pool.query("update users set failed_logins = 4, locked_until = now() + interval '1 hour' where id = $1", [account.id]);
    const ids = async (q: string) => (await officer1.get(`/api/accounts?${q}`)).json<{ accounts: Account[] }>().accounts.map((a) => a.id);
    expect(await ids('status=locked')).toContain(account.id);
    expect((await officer1.post(`/api/accounts/${account.id}/unlock`)).statusCode).toBe(204);
    const row = (await env.database.pool.query<{ failed_logins: number; locked_until: Date | null }>('select failed_logins, locked_until from users where id = $1', [account.id])).rows[0];
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    expect(await ids('status=locked')).not.toContain(account.id);
    expect((await auditOf(account.id)).map((e) => e.action)).toContain('accounts.unlock');
  });

  it('end sessions: every session of the user ends', async () => {
    const { account, oneTimePassword } = await newAccount([['site_staff', tree.elder1]]);
    const a = await login(env.app, account.username, oneTimePassword);
    const b = await login(env.app, account.username, oneTimePassword);
    expect((await manager1.post(`/api/accounts/${account.id}/end-sessions`)).statusCode).toBe(204);
    expect([(await me(a)).statusCode, (await me(b)).statusCode]).toEqual([401, 401]);
    expect(await auditOf(account.id)).toContainEqual(expect.objectContaining({ action: 'accounts.end_sessions', actor_name: 'manager1' }));
  });

  it('reset two-factor clears the secret and the recovery codes', async () => {
    const { account } = await newAccount([['site_staff', tree.elder1]]);
    await env.database.pool.query("update users set totp_secret_enc = 'sealed', totp_enabled_at = now(), totp_last_step = 5 where id = $1", [account.id]);
    await env.database.pool.query("insert into recovery_codes (user_id, code_hash) values ($1, 'h1'), ($1, 'h2')", [account.id]);
    expect((await officer1.get(`/api/accounts/${account.id}`)).json<{ account: Account }>().account.twoFactorEnabled).toBe(true);
    expect((await officer1.post(`/api/accounts/${account.id}/reset-two-factor`)).statusCode).toBe(204);
    const row = (await env.database.pool.query('select totp_secret_enc, totp_enabled_at, totp_last_step from users where id = $1', [account.id])).rows[0];
    expect(row).toEqual({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null });
    expect((await env.database.pool.query('select count(*)::int as n from recovery_codes where user_id = $1', [account.id])).rows[0].n).toBe(0);
    expect(await auditOf(account.id)).toContainEqual(expect.objectContaining({ action: 'accounts.reset_two_factor', detail: { wasEnabled: true } }));
  });
});

describe('bulk accounts for a roster', () => {
  it('creates one per chosen staff member, skips the linked and the left, names them from the pinyin uniquely', async () => {
    await createUser(env.database, 'zhangwei', []);
    const a = await newPerson(env, tree.elder1, { name: '张伟', kind: 'staff' }, { by: manager1 });
    const b = await newPerson(env, tree.elder1, { name: '张伟', kind: 'staff' }, { by: manager1 });
    const c = await newPerson(env, tree.elder1, { name: '吕静', kind: 'staff' }, { by: manager1 });
    const gone = await newPerson(env, tree.elder1, { name: '离职者', kind: 'staff', status: 'left' }, { by: manager1 });
    const linked = await newPerson(env, tree.elder1, { name: '已有账号', kind: 'staff' }, { by: manager1 });
    await newAccount([['site_staff', tree.elder1]], { personId: linked.id });
    const res = await manager1.post('/api/accounts/bulk', { siteId: tree.elder1.id, role: 'site_staff', personIds: [a.id, b.id, c.id, gone.id, linked.id] });
    expect(res.statusCode).toBe(201);
    const { created, skipped } = res.json<BulkAccountsAnswer>();
    expect(created.map((x) => x.account.username)).toEqual(['zhangwei2', 'zhangwei3', 'lvjing']);
    expect(created.map((x) => x.account.person?.id)).toEqual([a.id, b.id, c.id]);
    expect(created.every((x) => x.account.mustChangePassword && x.account.roles[0]?.role === 'site_staff')).toBe(true);
    expect(new Set(created.map((x) => x.oneTimePassword)).size).toBe(3);
    expect(skipped).toEqual([{ personId: gone.id, name: '离职者', reason: 'left' }, { personId: linked.id, name: '已有账号', reason: 'already_linked' }]);
    for (const x of created) expect((await me(await login(env.app, x.account.username, x.oneTimePassword))).statusCode).toBe(200);
    for (const x of created) expect(await auditOf(x.account.id)).toContainEqual(expect.objectContaining({ action: 'accounts.create', actor_name: 'manager1' }));
    expect(log.text()).not.toContain(created[0]?.oneTimePassword);
  });

  it('refuses people who are not staff of the site, naming each, and writes nothing', async () => {
    const ok = await newPerson(env, tree.elder1, { kind: 'staff' });
    const resident = await newPerson(env, tree.elder1, { kind: 'resident' });
    const elsewhere = await newPerson(env, tree.elder2, { kind: 'staff' });
    const users = await count('users');
    const res = await manager1.post('/api/accounts/bulk', { siteId: tree.elder1.id, role: 'site_staff', personIds: [ok.id, resident.id, elsewhere.id] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.personIds.1', 'body.personIds.2']);
    expect(await count('users')).toBe(users);
  });

  it('refuses a site outside the scope (404) and a role above their own (400)', async () => {
    const p = await newPerson(env, tree.elder1, { kind: 'staff' });
    expect((await manager1.post('/api/accounts/bulk', { siteId: tree.elder2.id, role: 'site_staff', personIds: [p.id] })).statusCode).toBe(404);
    const above = await manager1.post('/api/accounts/bulk', { siteId: tree.elder1.id, role: 'town_officer', personIds: [p.id] });
    expect(above.statusCode).toBe(400);
    expect(fieldsOf(above)).toEqual(['body.role']);
  });
});

describe('a person who leaves', () => {
  it('disables the accounts linked to them and ends their sessions, in the same change, audited', async () => {
    const nurse = await newPerson(env, tree.elder1, { name: '将离职护工', kind: 'staff' });
    const { account, oneTimePassword } = await newAccount([['site_staff', tree.elder1]], { personId: nurse.id });
    const cookie = await login(env.app, account.username, oneTimePassword);
    const res = await manager1.patch(`/api/people/${nurse.id}`, { status: 'left' });
    expect(res.statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await officer1.get(`/api/accounts/${account.id}`)).json<{ account: Account }>().account).toMatchObject({ disabled: true, disabledReason: 'person_left' });
    expect(await auditOf(account.id)).toContainEqual(expect.objectContaining({
      action: 'accounts.disable', actor_name: 'manager1', node_path: tree.elder1.path, detail: { reason: 'person_left' } }));
    // A later edit of the person who has left does not disable again.
    expect((await manager1.patch(`/api/people/${nurse.id}`, { notes: '已离职' })).statusCode).toBe(200);
    expect((await auditOf(account.id)).filter((e) => e.action === 'accounts.disable')).toHaveLength(1);
  });

  it('a person moved to another site leaves the old one: the account given for it ends too', async () => {
    const nurse = await newPerson(env, tree.elder1, { kind: 'staff' });
    const { account } = await newAccount([['site_staff', tree.elder1]], { personId: nurse.id });
    expect((await officer1.patch(`/api/people/${nurse.id}`, { siteId: tree.comm1.id, moveReason: '调岗' })).statusCode).toBe(200);
    expect((await officer1.get(`/api/accounts/${account.id}`)).json<{ account: Account }>().account).toMatchObject({ disabled: true, disabledReason: 'person_left' });
  });

  it('a person on leave keeps the account', async () => {
    const nurse = await newPerson(env, tree.elder1, { kind: 'staff' });
    const { account } = await newAccount([['site_staff', tree.elder1]], { personId: nurse.id });
    expect((await manager1.patch(`/api/people/${nurse.id}`, { status: 'on_leave' })).statusCode).toBe(200);
    expect((await officer1.get(`/api/accounts/${account.id}`)).json<{ account: Account }>().account.disabled).toBe(false);
  });
});

describe('key rotation', () => {
  it("re-seals the accounts' phones under the new key", async () => {
    const { account } = await newAccount([['site_staff', tree.elder1]], { phone: '13700002222' });
    const next = randomBytes(32);
    await resealAll(env.database.db, new Keyring('next', new Map([['next', next], [TEST_PII_KEY_ID, TEST_PII_MASTER]])));
    const stored = (await env.database.pool.query<{ phone_enc: string }>('select phone_enc from users where id = $1', [account.id])).rows[0];
    expect(new Keyring('next', new Map([['next', next]])).open(stored?.phone_enc ?? '')).toBe('13700002222');
    // Back to the app's key, which alone the app opens with.
    await resealAll(env.database.db, new Keyring(TEST_PII_KEY_ID, new Map([['next', next], [TEST_PII_KEY_ID, TEST_PII_MASTER]])));
    expect((await officer1.get(`/api/accounts/${account.id}`)).json<{ account: Account }>().account.phone).toBe('137****2222');
  });
});
