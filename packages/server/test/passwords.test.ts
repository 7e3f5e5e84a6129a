import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTree, createUser, login, PASSWORD, startTestApp, type TestEnv } from './harness.js';

/*
 * The password rules of the configuration (length, classes, not the username, not a recent one),
 * and the one-time password of a reset: a session that holds one reaches nothing but changing it.
 */

let env: TestEnv;
const ids: Record<string, string> = {};
const CLI = { requestId: 'cli', ip: 'localhost', userAgent: undefined, locale: 'en' as const, caller: undefined };

const change = (cookie: string, currentPassword: string, newPassword: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword, newPassword } });
const get = (cookie: string, url: string) => env.app.inject({ method: 'GET', url, headers: { cookie } });
const stored = async (username: string) => (await env.database.db.execute<{ password_hash: string; changed: string; history: number; must: boolean }>(sql`
  select password_hash, password_changed_at::text as changed, must_change_password as must,
    (select count(*)::int from password_history h where h.user_id = u.id) as history
  from users u where username = ${username}`)).rows[0];

beforeAll(async () => {
  env = await startTestApp({ TWO_FACTOR_ROLES: 'bureau_admin', PASSWORD_MIN_LENGTH: '10', PASSWORD_MIN_CLASSES: '3', PASSWORD_HISTORY: '5' });
  const tree = await buildTree(env.database);
  for (const name of ['dora', 'erin', 'hank']) ids[name] = await createUser(env.database, name, [['site_staff', tree.elder1]]);
  ids.boss = await createUser(env.database, 'boss', [['bureau_admin', tree.bureau]]);
});
afterAll(async () => env.close());

describe('password rules', () => {
  it.each([
    ['too short', 'Ab1!x', '至少 10 个字符'],
    ['too few classes', 'abcdefghijkl', '至少 3 类'],
    ['the username in it', 'xDORA#2021yy', '不能包含用户名'],
    ['the username reversed', 'xarod#2021YY', '不能包含用户名'],
    ['the current one', PASSWORD, '不能与当前密码相同'],
  ])('refuses %s with 400 on body.newPassword naming the rule, writing nothing', async (_, newPassword, reason) => {
    const cookie = await login(env.app, 'dora');
    const before = await stored('dora');
    const res = await change(cookie, PASSWORD, newPassword);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'body.newPassword', message: expect.stringContaining(reason) as string }]);
    expect(await stored('dora')).toEqual(before);
  });

  it('answers the rule in English to an English caller', async () => {
    const cookie = await login(env.app, 'dora');
    const res = await env.app.inject({
      method: 'POST', url: '/api/auth/password', headers: { cookie, 'accept-language': 'en' }, payload: { currentPassword: PASSWORD, newPassword: 'Ab1!x' } });
    expect(res.json().error.fields[0].message).toBe('at least 10 characters');
  });

  it('refuses one of the last five passwords, keeps five, and allows the sixth before again', async () => {
    let cookie = await login(env.app, 'hank');
    const passwords = [PASSWORD, ...[1, 2, 3, 4, 5, 6].map((i) => `Hist#Pass-${i}x`)];
    for (let i = 1; i < passwords.length; i++) {
      const res = await change(cookie, passwords[i - 1] ?? '', passwords[i] ?? '');
      expect(res.statusCode).toBe(204);
    }
    expect((await stored('hank'))?.history).toBe(5);
    // Each of the last five (and the current) is refused, naming the number.
    for (const old of passwords.slice(1, 6)) {
      const before = await stored('hank');
      const res = await change(cookie, passwords[6] ?? '', old);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0]).toEqual({ path: 'body.newPassword', message: '不能与最近 5 次使用过的密码相同' });
      expect(await stored('hank')).toEqual(before);
    }
    // The first is six changes back: allowed again.
    expect((await change(cookie, passwords[6] ?? '', PASSWORD)).statusCode).toBe(204);
    cookie = await login(env.app, 'hank');
    expect((await get(cookie, '/api/auth/me')).statusCode).toBe(200);
  });
});

describe('one-time passwords', () => {
  it('a reset ends the sessions; the one-time password opens only changing it; the change opens everything', async () => {
    const before = await login(env.app, 'erin');
    const oneTime = await env.app.services.auth.resetPassword(CLI, ids.erin ?? '', { id: null, name: 'cli' });
    expect(oneTime).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4})+$/);
    expect((await get(before, '/api/auth/me')).statusCode).toBe(401);
    expect((await stored('erin'))?.must).toBe(true);
    // The old password is gone.
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'erin', password: PASSWORD } })).statusCode).toBe(401);

    const cookie = await login(env.app, 'erin', oneTime);
    const me = await get(cookie, '/api/auth/me');
    expect(me.json().user.mustChangePassword).toBe(true);
    const refused = await get(cookie, '/api/org/nodes');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({ code: 'password_change_required', message: '请先修改一次性密码' });
    const setup = await env.app.inject({ method: 'POST', url: '/api/auth/two-factor/setup', headers: { cookie }, payload: {} });
    expect(setup.json().error.code).toBe('password_change_required');
    expect((await env.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: { cookie }, payload: { locale: 'zh-CN' } })).statusCode).toBe(200);

    expect((await change(cookie, oneTime, 'Tulip#Field-2030')).statusCode).toBe(204);
    expect((await get(cookie, '/api/org/nodes')).statusCode).toBe(200);
    expect((await get(cookie, '/api/auth/me')).json().user.mustChangePassword).toBe(false);
    const entries = JSON.stringify((await env.database.db.execute(sql`select * from audit_log where target_id = ${ids.erin ?? ''}`)).rows);
    expect(entries).toContain('accounts.reset_password');
    expect(entries).not.toContain(oneTime);
  });

  it('for a role that requires two factors: first the password, then enrolment', async () => {
    const oneTime = await env.app.services.auth.resetPassword(CLI, ids.boss ?? '', { id: null, name: 'cli' });
    const cookie = await login(env.app, 'boss', oneTime);
    expect((await get(cookie, '/api/org/nodes')).json().error.code).toBe('password_change_required');
    expect((await change(cookie, oneTime, 'Maple#Grove-2030')).statusCode).toBe(204);
    expect((await get(cookie, '/api/org/nodes')).json().error.code).toBe('two_factor_setup_required');
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/two-factor/setup', headers: { cookie }, payload: {} })).statusCode).toBe(200);
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie }, payload: {} })).statusCode).toBe(204);
  });
});
