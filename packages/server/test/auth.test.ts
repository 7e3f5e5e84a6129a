import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTree, createUser, login, PASSWORD, startTestApp, type TestEnv } from './harness.js';

describe('sign-in, sessions and lockout', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestApp({ LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '30', SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' });
    const tree = await buildTree(env.database);
    await createUser(env.database, 'alice', [['town_officer', tree.town1]]);
    await createUser(env.database, 'bob', [['site_staff', tree.elder1]]);
    await createUser(env.database, 'carol', [['site_staff', tree.elder1]]);
    await createUser(env.database, 'dave', [['site_staff', tree.elder1]]);
    await createUser(env.database, 'erin', [['site_staff', tree.elder1]]);
    await createUser(env.database, 'frank', [['site_staff', tree.elder1]]);
    await env.database.db.execute(sql`update users set disabled = true where username = 'frank'`);
  });
  afterAll(async () => env.close());

  it('signs in with an HttpOnly SameSite=Strict cookie and answers /me', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/fk_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `fk_session=${res.cookies[0]?.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('alice');
    expect(me.json().user.roles[0].role).toBe('town_officer');
    // The app shows times in the deployment's zone, and asks for no demo clock it does not have.
    expect(me.json().user).toMatchObject({ timeZone: 'Asia/Shanghai', clockControl: false });
  });

  it('issues a new token at every sign-in', async () => {
    const a = await login(env.app, 'alice');
    const b = await login(env.app, 'alice');
    expect(a).not.toBe(b);
  });

  it('refuses a wrong password with 401 and an unknown user the same way', async () => {
    const wrong = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'nope' } });
    const unknown = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('locks the account for 30 minutes after 5 failures, even for the right password', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: 'wrong' } });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: 'wrong' } });
    expect(fifth.statusCode).toBe(423);
    const right = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: PASSWORD } });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('account_locked');
    expect(right.json().error.retryAfterSeconds).toBeGreaterThan(29 * 60);
    expect(right.json().error.retryAfterSeconds).toBeLessThanOrEqual(30 * 60);
    // Once the lock has passed, the right password works again.
    await env.database.db.execute(sql`update users set locked_until = now() - interval '1 second' where username = 'bob'`);
    const after = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password: PASSWORD } });
    expect(after.statusCode).toBe(200);
  });

  it('the answers to failed sign-ins do not tell whether a name exists, before and after the lockout', async () => {
    // What a caller sees of one attempt: status, the retry header and the body (the seconds to wait
    // rounded to minutes, as two requests a few milliseconds apart may straddle a second).
    const attempt = async (username: string) => {
      const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong' } });
      const body = r.json();
      const seconds = body.error.retryAfterSeconds as number | undefined;
      if (seconds !== undefined) body.error.retryAfterSeconds = Math.ceil(seconds / 60);
      return { status: r.statusCode, retryAfter: r.headers['retry-after'] === undefined ? undefined : Math.ceil(Number(r.headers['retry-after']) / 60), body };
    };
    const sequence = async (username: string) => {
      const out = [];
      for (let i = 0; i < 7; i++) out.push(await attempt(username));
      return out;
    };
    const existing = await sequence('erin');
    expect(existing.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(await sequence('no-such-user')).toEqual(existing);
    // A disabled account answers like the others too.
    expect(await sequence('frank')).toEqual(existing);
    // The name is matched as sign-in matches names: another case of the same unknown name is locked too.
    expect((await attempt('No-Such-User')).status).toBe(423);
  });

  it('a success resets the failure count', async () => {
    for (let i = 0; i < 4; i++) await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: 'wrong' } });
    await login(env.app, 'carol');
    const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'carol', password: 'wrong' } });
    expect(r.statusCode).toBe(401);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const cookie = await login(env.app, 'alice');
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await env.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where revoked_at is null`);
    const r = await env.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthenticated');
  });

  it('keeps a session alive within the idle timeout', async () => {
    const cookie = await login(env.app, 'alice');
    await env.database.db.execute(sql`update sessions set last_seen_at = now() - interval '29 minutes' where revoked_at is null`);
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('ends a session at its absolute limit however active', async () => {
    const cookie = await login(env.app, 'alice');
    await env.database.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where revoked_at is null`);
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('sets the absolute limit to 12 hours', async () => {
    await login(env.app, 'alice');
    const rows = await env.database.pool.query<{ h: string }>(
      `select extract(epoch from (expires_at - created_at)) / 3600 as h from sessions order by created_at desc limit 1`);
    expect(Number(rows.rows[0]?.h)).toBeCloseTo(12, 1);
  });

  it('revokes the session at logout', async () => {
    const cookie = await login(env.app, 'alice');
    const out = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('ends every session of a disabled user', async () => {
    const cookie = await login(env.app, 'dave');
    const [row] = (await env.database.pool.query<{ id: string }>(`select id from users where username = 'dave'`)).rows;
    await env.app.services.auth.setDisabled(row?.id ?? '', true);
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const again = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dave', password: PASSWORD } });
    expect(again.statusCode).toBe(401);
  });

  it('changes the password, checks the current one and ends the other sessions', async () => {
    const other = await login(env.app, 'carol');
    const cookie = await login(env.app, 'carol');
    const bad = await env.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: 'x', newPassword: 'New#Pass2021' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.currentPassword');
    const weak = await env.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('body.newPassword');
    const ok = await env.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: PASSWORD, newPassword: 'New#Pass2021' } });
    expect(ok.statusCode).toBe(204);
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await env.app.inject({ url: '/api/auth/me', headers: { cookie: other } })).statusCode).toBe(401);
    await login(env.app, 'carol', 'New#Pass2021');
  });

  it('audits sign-ins that succeed and fail, without the password', async () => {
    const rows = (await env.database.pool.query<{ outcome: string; detail: unknown }>(
      `select outcome, detail from audit_log where action = 'auth.login'`)).rows;
    expect(rows.some((r) => r.outcome === 'ok')).toBe(true);
    expect(rows.some((r) => r.outcome === 'failed')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  it('answers protected routes without a session with 401', async () => {
    const r = await env.app.inject({ url: '/api/org/nodes' });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthenticated');
  });
});

describe('rate limit on sign-in', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestApp({ LOGIN_RATE_PER_MINUTE: '3' });
  });
  afterAll(async () => env.close());

  it('answers 429 with Retry-After past the per-address limit', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
      expect(r.statusCode).toBe(401);
    }
    const limited = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address is not affected.
    const other = await env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.9', payload: { username: 'x', password: 'y' } });
    expect(other.statusCode).toBe(401);
  });
});
