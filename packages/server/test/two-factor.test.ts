import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { buildTree, createUser, PASSWORD, startTestApp, TEST_PII_KEY_ID, TEST_PII_MASTER, type TestEnv } from './harness.js';
import { Keyring } from '../src/pii/keyring.js';
import { resealAll } from '../src/pii/rotate.js';

/*
 * Two-factor sign-in through the real app, with the server's clock moved to explicit instants (the
 * middle of a 30-second step) and the codes an authenticator app would show computed here.
 */

/** 2030-01-15 09:00:15 UTC: 15 s into a step, so that a step either side is a whole 30 s away. */
const T0 = Date.UTC(2030, 0, 15, 9, 0, 15);
const STEP = 30_000;

let env: TestEnv;
let userIds: Record<string, string> = {};
const secrets = new Map<string, string>();

const codeAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

/** Moves the server's clock to `at`. */
function clockAt(at: number): void {
  const clock = env.app.services.clock;
  clock.advance(at - clock.now().getTime());
}

const signIn = (username: string, password = PASSWORD, code?: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(code === undefined ? {} : { code }) } });

const cookieOf = (res: Awaited<ReturnType<typeof signIn>>) => {
  const c = res.cookies.find((x) => x.name === 'fk_session');
  if (!c) throw new Error(`no session: ${res.statusCode} ${res.body}`);
  return `fk_session=${c.value}`;
};

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie }, ...(method === 'POST' ? { payload: payload ?? {} } : {}) });

const one = async <T>(query: ReturnType<typeof sql>) => (await env.database.db.execute<T & Record<string, unknown>>(query)).rows[0] as T;

/** Enrols `username` at `at` through the routes; answers the recovery codes. */
async function enrol(cookie: string, username: string, at: number): Promise<string[]> {
  clockAt(at);
  const setup = await call(cookie, 'POST', '/api/auth/two-factor/setup');
  expect(setup.statusCode).toBe(200);
  const secret = setup.json().secret as string;
  secrets.set(username, secret);
  const confirmed = await call(cookie, 'POST', '/api/auth/two-factor/confirm', { code: codeAt(secret, at) });
  expect(confirmed.statusCode).toBe(200);
  return confirmed.json().recoveryCodes as string[];
}

beforeAll(async () => {
  env = await startTestApp({ TWO_FACTOR_ROLES: 'bureau_admin', LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '30' });
  const tree = await buildTree(env.database);
  userIds = {
    alice: await createUser(env.database, 'alice', [['town_officer', tree.town1]]),
    admin: await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]),
    carol: await createUser(env.database, 'carol', [['site_staff', tree.elder1]]),
    dora: await createUser(env.database, 'dora', [['site_staff', tree.elder1]]),
    erin: await createUser(env.database, 'erin', [['site_manager', tree.elder1]]),
    frank: await createUser(env.database, 'frank', [['site_staff', tree.elder1]]),
    gina: await createUser(env.database, 'gina', [['town_officer', tree.town1]]),
  };
  await env.database.db.execute(sql`update users set disabled = true where username = 'frank'`);
});
afterAll(async () => {
  env.app.services.clock.reset();
  await env.close();
});

describe('enrolment', () => {
  it('setup gives a pending secret, its otpauth address and a QR code; a wrong code enables nothing; the right one does', async () => {
    clockAt(T0);
    const cookie = cookieOf(await signIn('alice'));
    const setup = await call(cookie, 'POST', '/api/auth/two-factor/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, uri, qrSvg } = setup.json<{ secret: string; uri: string; qrSvg: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(decodeURIComponent(uri)).toContain('Fangkong 防控:alice');
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toMatch(/issuer=Fangkong%20%E9%98%B2%E6%8E%A7/);
    expect(qrSvg).toMatch(/^<svg/);
    const stored = await one<{ totp_pending_enc: string | null; totp_secret_enc: string | null }>(
      sql`select totp_pending_enc, totp_secret_enc from users where username = 'alice'`);
    // Sealed with the keyring, never in the clear.
    expect(stored.totp_pending_enc).toMatch(/^v1\./);
    expect(stored.totp_pending_enc).not.toContain(secret);
    expect(stored.totp_secret_enc).toBeNull();

    const wrongCode = codeAt(secret, T0 + 10 * STEP);
    const wrong = await call(cookie, 'POST', '/api/auth/two-factor/confirm', { code: wrongCode === '000000' ? '000001' : wrongCode });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('body.code');
    expect((await call(cookie, 'GET', '/api/auth/me')).json().user.twoFactor).toEqual({ enabled: false, required: false });
    expect((await one<{ n: number }>(sql`select count(*)::int as n from recovery_codes where user_id = ${userIds.alice}`)).n).toBe(0);

    const confirmed = await call(cookie, 'POST', '/api/auth/two-factor/confirm', { code: codeAt(secret, T0) });
    expect(confirmed.statusCode).toBe(200);
    const codes = confirmed.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    const hashes = (await env.database.db.execute<{ code_hash: string }>(
      sql`select code_hash from recovery_codes where user_id = ${userIds.alice}`)).rows.map((r) => r.code_hash).sort();
    expect(hashes).toEqual(codes.map((c) => createHash('sha256').update(c).digest('hex')).sort());
    expect((await call(cookie, 'GET', '/api/auth/me')).json().user.twoFactor).toEqual({ enabled: true, required: false });
    secrets.set('alice', secret);
    recoveryOfAlice = codes;
  });
});

let recoveryOfAlice: string[] = [];

describe('sign-in with two factors', () => {
  it('asks the code of an enrolled account; a code is good once; one three steps old is refused; a recovery code once', async () => {
    const secret = secrets.get('alice') ?? '';
    const t1 = T0 + 4 * STEP;
    clockAt(t1);
    expect((await signIn('alice')).statusCode).toBe(401);
    const ok = await signIn('alice', PASSWORD, codeAt(secret, t1));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.twoFactor.enabled).toBe(true);
    // The same code again, within its step: refused.
    expect((await signIn('alice', PASSWORD, codeAt(secret, t1))).statusCode).toBe(401);
    // The step before is within the window but not after a later one was used.
    expect((await signIn('alice', PASSWORD, codeAt(secret, t1 - STEP))).statusCode).toBe(401);
    const t2 = t1 + 10 * STEP;
    clockAt(t2);
    expect((await signIn('alice', PASSWORD, codeAt(secret, t2 - 3 * STEP))).statusCode).toBe(401);
    // The phone a step fast is forgiven.
    expect((await signIn('alice', PASSWORD, codeAt(secret, t2 + STEP))).statusCode).toBe(200);
    const recovery = recoveryOfAlice[0] ?? '';
    expect((await signIn('alice', PASSWORD, recovery)).statusCode).toBe(200);
    expect((await signIn('alice', PASSWORD, recovery)).statusCode).toBe(401);
    // Typed in capitals without the dash: the same code.
    expect((await signIn('alice', PASSWORD, (recoveryOfAlice[1] ?? '').replace('-', '').toUpperCase())).statusCode).toBe(200);
    const used = await one<{ n: number }>(sql`select count(*)::int as n from recovery_codes where user_id = ${userIds.alice} and used_at is not null`);
    expect(used.n).toBe(2);
    const last = await one<{ last_sign_in_at: Date | string | null }>(sql`select last_sign_in_at from users where username = 'alice'`);
    expect(last.last_sign_in_at).not.toBeNull();
  });

  it('answers every failure with the same status and body, and audits the real reason without the code', async () => {
    const secret = secrets.get('alice') ?? '';
    const t = T0 + 40 * STEP;
    clockAt(t);
    const good = codeAt(secret, t);
    expect((await signIn('alice', PASSWORD, good)).statusCode).toBe(200);
    const failures = [
      await signIn('alice', 'Wrong#Pass2020', codeAt(secret, t + STEP)),
      await signIn('alice', PASSWORD),
      await signIn('alice', PASSWORD, '12345'),
      await signIn('alice', PASSWORD, good),
    ];
    expect((await signIn('alice', PASSWORD, codeAt(secret, t + STEP))).statusCode).toBe(200);
    failures.push(
      await signIn('alice', PASSWORD, recoveryOfAlice[0] ?? ''),
      await signIn('nobody-here', PASSWORD, good),
      await signIn('frank', PASSWORD, good),
    );
    const bodies = failures.map((r) => ({ status: r.statusCode, body: r.json() }));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0]).toEqual({ status: 401, body: { error: { code: 'invalid_credentials', message: '用户名、密码或验证码错误' } } });
    const en = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'accept-language': 'en' }, payload: { username: 'alice', password: PASSWORD } });
    expect(en.json().error.message).toBe('Wrong username, password or code');

    const entries = (await env.database.db.execute<{ outcome: string; detail: Record<string, unknown> | null }>(
      sql`select outcome, detail from audit_log where action = 'auth.login' and actor_name = 'alice' order by id`)).rows;
    const reasons = entries.filter((e) => e.outcome === 'failed').map((e) => e.detail?.reason);
    expect(reasons).toEqual(expect.arrayContaining(['wrong_password', 'missing_code', 'wrong_code', 'reused_code', 'used_recovery_code']));
    expect(entries.filter((e) => e.outcome === 'ok').map((e) => e.detail?.secondFactor)).toEqual(expect.arrayContaining(['app', 'recovery_code']));
    const everything = JSON.stringify((await env.database.db.execute(sql`select * from audit_log`)).rows);
    expect(everything).not.toContain(good);
    expect(everything).not.toContain(recoveryOfAlice[0] ?? '-');
    expect(everything).not.toContain(secret);
  });

  it('wrong codes count toward the lock like wrong passwords', async () => {
    const cookie = cookieOf(await signIn('carol'));
    await enrol(cookie, 'carol', T0 + 100 * STEP);
    const t = T0 + 110 * STEP;
    clockAt(t);
    const secret = secrets.get('carol') ?? '';
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn('carol', PASSWORD, '000000' === codeAt(secret, t) ? '000001' : '000000')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await signIn('carol', PASSWORD, codeAt(secret, t))).statusCode).toBe(423);
  });
});

describe('a role that requires two factors', () => {
  it('holds the session to enrolment until it is done; then everything opens; it cannot be turned off', async () => {
    const login = await signIn('admin');
    expect(login.statusCode).toBe(200);
    expect(login.json().user.twoFactor).toEqual({ enabled: false, required: true });
    const cookie = cookieOf(login);
    const refused = await call(cookie, 'GET', '/api/org/nodes');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('two_factor_setup_required');
    expect(refused.json().error.message).toBe('您的角色要求两步验证，请先完成设置');
    expect((await call(cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    // Renewing recovery codes is not enrolment.
    expect((await call(cookie, 'POST', '/api/auth/two-factor/recovery-codes', { code: '123456' })).json().error.code).toBe('two_factor_setup_required');
    const t = T0 + 200 * STEP;
    await enrol(cookie, 'admin', t);
    expect((await call(cookie, 'GET', '/api/org/nodes')).statusCode).toBe(200);
    clockAt(t + STEP);
    const off = await call(cookie, 'POST', '/api/auth/two-factor/disable', { password: PASSWORD, code: codeAt(secrets.get('admin') ?? '', t + STEP) });
    expect(off.statusCode).toBe(409);
    expect((await one<{ e: boolean }>(sql`select totp_enabled_at is not null as e from users where username = 'admin'`)).e).toBe(true);
  });
});

describe('turning off, renewing codes, resets', () => {
  it('renews the recovery codes with a current code (the old ones void), and turns off with the password and a code', async () => {
    const t = T0 + 300 * STEP;
    clockAt(t);
    const secret = secrets.get('alice') ?? '';
    const cookie = cookieOf(await signIn('alice', PASSWORD, codeAt(secret, t)));
    clockAt(t + 2 * STEP);
    const renewed = await call(cookie, 'POST', '/api/auth/two-factor/recovery-codes', { code: codeAt(secret, t + 2 * STEP) });
    expect(renewed.statusCode).toBe(200);
    const fresh = renewed.json().recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect((await signIn('alice', PASSWORD, recoveryOfAlice[5] ?? '')).statusCode).toBe(401);

    clockAt(t + 4 * STEP);
    const code = codeAt(secret, t + 4 * STEP);
    const wrongPassword = await call(cookie, 'POST', '/api/auth/two-factor/disable', { password: 'nope', code });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().error.fields[0].path).toBe('body.password');
    const wrongCode = await call(cookie, 'POST', '/api/auth/two-factor/disable', { password: PASSWORD, code: code === '000000' ? '000001' : '000000' });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().error.fields[0].path).toBe('body.code');
    expect((await call(cookie, 'POST', '/api/auth/two-factor/disable', { password: PASSWORD, code: fresh[0] })).statusCode).toBe(204);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from recovery_codes where user_id = ${userIds.alice}`)).n).toBe(0);
    expect((await signIn('alice')).statusCode).toBe(200);
  });

  it('limits the codes tried by a signed-in user', async () => {
    const cookie = cookieOf(await signIn('gina'));
    const t = T0 + 400 * STEP;
    await enrol(cookie, 'gina', t);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(cookie, 'POST', '/api/auth/two-factor/recovery-codes', { code: '999999' })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('of two sign-ins with the same code at the same moment, one gets in', async () => {
    const t = T0 + 500 * STEP;
    clockAt(t);
    const code = codeAt(secrets.get('gina') ?? '', t);
    const both = await Promise.all([signIn('gina', PASSWORD, code), signIn('gina', PASSWORD, code)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('a reset (the command line\'s) turns the second factor off, audited with its actor', async () => {
    const ctx = { requestId: 'cli', ip: 'localhost', userAgent: undefined, locale: 'en' as const, caller: undefined };
    await env.app.services.auth.resetTwoFactor(ctx, userIds.carol ?? '', { id: null, name: 'cli' });
    await env.database.db.execute(sql`update users set locked_until = null, failed_logins = 0 where username = 'carol'`);
    expect((await signIn('carol')).statusCode).toBe(200);
    const entry = await one<{ actor_name: string; target_id: string }>(sql`select actor_name, target_id from audit_log where action = 'accounts.reset_two_factor'`);
    expect(entry).toEqual({ actor_name: 'cli', target_id: userIds.carol });
  });

  it('key rotation re-seals the accounts\' secrets', async () => {
    const next = randomBytes(32);
    const both = new Keyring('next', new Map([['next', next], [TEST_PII_KEY_ID, TEST_PII_MASTER]]));
    const sealed = await one<{ n: number }>(sql`select count(*)::int as n from users where totp_secret_enc is not null or totp_pending_enc is not null or phone_enc is not null`);
    const { users } = await resealAll(env.database.db, both, 2);
    expect(users).toBe(sealed.n);
    expect(users).toBeGreaterThanOrEqual(2);
    const onlyNew = new Keyring('next', new Map([['next', next]]));
    const admin = await one<{ totp_secret_enc: string }>(sql`select totp_secret_enc from users where username = 'admin'`);
    expect(onlyNew.open(admin.totp_secret_enc)).toBe(secrets.get('admin'));
    const left = await one<{ n: number }>(sql`select count(*)::int as n from users where totp_secret_enc like ${`v1.${TEST_PII_KEY_ID}.%`}`);
    expect(left.n).toBe(0);
    // A second run has nothing left to do.
    expect((await resealAll(env.database.db, both, 2)).users).toBe(0);
  });
});
