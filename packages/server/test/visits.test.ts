import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { purgeExpiredVisits } from '../src/visits/service.js';
import { Keyring } from '../src/pii/keyring.js';
import { resealAll } from '../src/pii/rotate.js';
import { buildTree, createUser, login, newSite, newUser, newVisit, startTestApp, TEST_PII_KEY_ID, TEST_PII_MASTER, type TestEnv, type Tree } from './harness.js';
import { makeId } from './people-fixtures.js';

let env: TestEnv;
let tree: Tree;
let token = '';

const visitor = (over: object = {}) => ({
  name: '访客', phone: '13812345678', visiting: '看望母亲 张桂兰', healthCode: 'green', symptoms: [], riskAreaTravel: false, consent: true, ...over,
});

async function register(over: object = {}, remoteAddress = '10.1.1.1'): Promise<{ code: string; id: string }> {
  const res = await env.app.inject({ method: 'POST', url: `/api/public/sites/${token}/visits`, payload: visitor(over), remoteAddress });
  if (res.statusCode !== 201) throw new Error(res.body);
  const { code } = res.json();
  const row = await env.database.pool.query<{ id: string }>('select id from visits where code = $1 order by registered_at desc limit 1', [code]);
  return { code, id: row.rows[0]?.id ?? '' };
}

const screen = (id: string, over: object = {}) => env.as('guard1').post(`/api/visits/${id}/screen`, { temperature: 36.5, mask: true, healthCode: 'green', ...over });

beforeAll(async () => {
  env = await startTestApp({ PUBLIC_RATE_PER_MINUTE: '1000', PUBLIC_SITE_RATE_PER_MINUTE: '1000' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'guard1', [['site_staff', tree.elder1]]);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await env.signIn('manager1', 'guard1', 'officer1', 'officer2', 'admin');
  await env.database.pool.query(`update users set display_name = '门卫老李' where username = 'guard1'`);
  token = (await env.as('manager1').get(`/api/sites/${tree.elder1.id}/visitor-link`)).json().token;
});
afterAll(async () => env.close());

describe('the public registration page', () => {
  it('names the site of a valid link and nothing else', async () => {
    const res = await env.app.inject({ url: `/api/public/sites/${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ siteName: '一号镇敬老院', idNumberRequired: false, retentionDays: 28, codeValidMinutes: 120 });
  });

  it('an unknown link is a friendly 404', async () => {
    const res = await env.app.inject({ url: '/api/public/sites/AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('二维码');
  });

  it('registers a visit and answers only its own code and status', async () => {
    const res = await env.app.inject({ method: 'POST', url: `/api/public/sites/${token}/visits`, payload: visitor({ idNumber: makeId('350102', '19800101', 11) }) });
    expect(res.statusCode).toBe(201);
    expect(res.json().code).toMatch(/^[A-Z2-9]{6}$/);
    expect(res.json().status).toBe('pending');
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain('访客');
    const stored = await env.database.pool.query(`select phone_enc, id_enc from visits where code = $1`, [res.json().code]);
    expect(JSON.stringify(stored.rows)).not.toContain('13812345678');
  });

  it.each([
    ['a bad phone', { phone: '1234' }, 'body.phone'],
    ['a bad ID number', { idNumber: '350102198001011230' }, 'body.idNumber'],
    ['no consent', { consent: false }, 'body.consent'],
    ['an unknown field', { comment: 'x' }, 'body.comment'],
    ['an unknown code colour', { healthCode: 'blue' }, 'body.healthCode'],
  ])('%s → 400, nothing written', async (_l, over, field) => {
    const before = (await env.database.pool.query('select count(*)::int as n from visits')).rows[0].n;
    const res = await env.app.inject({ method: 'POST', url: `/api/public/sites/${token}/visits`, payload: visitor(over) });
    expect(res.statusCode).toBe(400);
    expect((res.json().error.fields as { path: string }[]).map((f) => f.path).join(' ')).toContain(field);
    expect((await env.database.pool.query('select count(*)::int as n from visits')).rows[0].n).toBe(before);
  });

  it('an oversized body → 413', async () => {
    const res = await env.app.inject({ method: 'POST', url: `/api/public/sites/${token}/visits`, payload: visitor({ visiting: 'x'.repeat(20_000) }) });
    expect(res.statusCode).toBe(413);
  });

  it('rotating the link retires the old posters', async () => {
    const old = token;
    const staff = await env.as('guard1').post(`/api/sites/${tree.elder1.id}/visitor-link/rotate`);
    expect(staff.statusCode).toBe(403);
    token = (await env.as('manager1').post(`/api/sites/${tree.elder1.id}/visitor-link/rotate`)).json().token;
    expect(token).not.toBe(old);
    expect((await env.app.inject({ url: `/api/public/sites/${old}` })).statusCode).toBe(404);
    expect((await env.app.inject({ url: `/api/public/sites/${token}` })).statusCode).toBe(200);
  });
});

describe('screening at the gate', () => {
  it.each([
    ['a fever of 37.8 ℃', {}, { temperature: 37.8 }, ['fever']],
    ['a declared cough', { symptoms: ['cough'] }, {}, ['symptom_cough']],
    ['a sore throat', { symptoms: ['sore_throat'] }, {}, ['symptom_sore_throat']],
    ['a yellow code', { healthCode: 'yellow' }, { healthCode: 'yellow' }, ['code_yellow']],
    ['a red code seen at the gate', {}, { healthCode: 'red' }, ['code_red']],
    ['no code at all', {}, { healthCode: null }, ['no_code']],
    ['a mid/high-risk area in 14 days', { riskAreaTravel: true }, {}, ['risk_area_travel']],
    ['no mask', {}, { mask: false }, ['no_mask']],
    ['the guard\'s own judgement', {}, { refuse: { note: '醉酒' } }, ['guard_decision']],
    ['fever and cough together', { symptoms: ['cough'] }, { temperature: 38.5 }, ['fever', 'symptom_cough']],
  ])('%s is refused with its reasons, shown to the visitor', async (_l, declared, measured, reasons) => {
    const { code, id } = await register(declared);
    const res = await screen(id, measured);
    expect(res.statusCode).toBe(200);
    expect(res.json().visit).toMatchObject({ status: 'refused', refusalReasons: reasons });
    const mine = await env.app.inject({ url: `/api/public/sites/${token}/visits/${code}` });
    expect(mine.json()).toMatchObject({ status: 'refused', refusalReasons: reasons });
  });

  it('36.5 ℃, green code, a mask: admitted, counted inside, with a stay limit', async () => {
    const { id } = await register({ name: '合格访客' });
    const res = await screen(id);
    expect(res.json().visit.status).toBe('admitted');
    // The visit log names the guard, beside the account.
    expect(res.json().visit).toMatchObject({ screenedBy: 'guard1', screenedByName: '门卫老李' });
    const stay = new Date(res.json().visit.stayEndsAt).getTime() - new Date(res.json().visit.admittedAt).getTime();
    expect(stay).toBe(30 * 60_000);
    const gate = (await env.as('guard1').get(`/api/sites/${tree.elder1.id}/gate`)).json();
    expect(gate.insideNow).toBe(1);
    expect(gate.capacity).toBe(4);
    expect((gate.inside as { name: string }[]).map((v) => v.name)).toEqual(['合格访客']);
  });

  it('a handled registration cannot be screened again; an expired one is refused', async () => {
    const { id } = await register();
    await screen(id);
    expect((await screen(id)).statusCode).toBe(409);
    const late = await register();
    await env.database.pool.query(`update visits set expires_at = now() - interval '1 minute' where id = $1`, [late.id]);
    const res = await screen(late.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('过期');
  });

  it('the reception room holds four: the fifth is refused for a full room, and a check-out makes room', async () => {
    const inside = (await env.as('guard1').get(`/api/sites/${tree.elder1.id}/gate`)).json().insideNow as number;
    for (let i = inside; i < 4; i++) expect((await screen((await register()).id)).json().visit.status).toBe('admitted');
    const fifth = await screen((await register()).id);
    expect(fifth.json().visit).toMatchObject({ status: 'refused', refusalReasons: ['room_full'] });
    const [first] = (await env.as('guard1').get(`/api/sites/${tree.elder1.id}/gate`)).json().inside as { id: string; code: string }[];
    const byCode = await env.as('guard1').post('/api/visits/checkout-by-code', { siteId: tree.elder1.id, code: first?.code.toLowerCase() });
    expect(byCode.json().visit.status).toBe('left');
    expect((await screen((await register()).id)).json().visit.status).toBe('admitted');
  });

  it('an overstay is flagged and listed first', async () => {
    const [v] = (await env.as('guard1').get(`/api/sites/${tree.elder1.id}/gate`)).json().inside as { id: string }[];
    await env.database.pool.query(`update visits set stay_ends_at = now() - interval '5 minutes' where id = $1`, [v?.id]);
    const gate = (await env.as('guard1').get(`/api/sites/${tree.elder1.id}/gate`)).json();
    expect(gate.overstays).toBe(1);
    expect(gate.inside[0]).toMatchObject({ id: v?.id, overstay: true });
    const out = await env.as('guard1').post(`/api/visits/${v?.id}/checkout`);
    expect(out.json().visit.status).toBe('left');
    expect((await env.as('guard1').post(`/api/visits/${v?.id}/checkout`)).statusCode).toBe(409);
  });

  it('a guard registers a visitor without a phone', async () => {
    const res = await env.as('guard1').post('/api/visits', { siteId: tree.elder1.id, name: '李大爷', visiting: '送物品', healthCode: 'green', riskAreaTravel: false });
    expect(res.statusCode).toBe(201);
    expect(res.json().visit).toMatchObject({ status: 'pending', source: 'guard', phone: null });
  });
});

describe('a rescue-station intake (R3.5)', () => {
  it('without papers or code is admitted and marked for 14 days in a single room', async () => {
    const rs = await newSite(env, tree.town1, 'rescue_station', { name: '一号镇救助站' });
    const guard = await newUser(env, 'site_staff', rs, 'guardR');
    const noId = await guard.post('/api/visits', { siteId: rs.id, kind: 'intake', name: '无名氏', visiting: '求助', healthCode: null, riskAreaTravel: false });
    expect(noId.statusCode).toBe(400);
    const reg = await guard.post('/api/visits', { siteId: rs.id, kind: 'intake', name: '无名氏', idUnknown: true, visiting: '求助', healthCode: null, riskAreaTravel: false, travelRecord: '自述从外省步行而来' });
    expect(reg.json().visit.idUnknown).toBe(true);
    const res = await guard.post(`/api/visits/${reg.json().visit.id}/screen`, { temperature: 36.4, mask: true, healthCode: null });
    expect(res.json().visit).toMatchObject({ status: 'admitted', isolationReason: 'no_health_code', stayEndsAt: null });
  });
});

describe('the visit log', () => {
  it('finds visits by name, phone tail and date, masked; exports them', async () => {
    await register({ name: '王五', phone: '13700009876' });
    const byName = (await env.as('manager1').get('/api/visits?q=%E7%8E%8B%E4%BA%94')).json();
    expect(byName.total).toBe(1);
    expect(byName.visits[0].phone).toBe('137****9876');
    const byTail = (await env.as('manager1').get('/api/visits?q=9876')).json();
    expect(byTail.total).toBe(1);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const byDay = (await env.as('manager1').get(`/api/visits?from=${today}&to=${today}&limit=500`)).json();
    expect(byDay.total).toBeGreaterThan(10);
    const res = await env.as('manager1').get('/api/visits/export?q=9876');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.toString('latin1')).not.toContain('13700009876');
  });

  it('finds who was on site in a time window (tracing)', async () => {
    const { id } = await register({ name: '追踪对象' });
    await screen(id);
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = (await env.as('manager1').get(`/api/visits?presentFrom=${encodeURIComponent(from)}&presentTo=${encodeURIComponent(to)}&limit=500`)).json();
    expect((res.visits as { name: string }[]).map((v) => v.name)).toContain('追踪对象');
    const before = (await env.as('manager1').get(`/api/visits?presentFrom=2020-01-01T00:00:00Z&presentTo=2020-01-02T00:00:00Z`)).json();
    expect(before.total).toBe(0);
  });

  it('counts the day per site: registered, admitted, refused by reason, inside now', async () => {
    const stats = (await env.as('officer1').get('/api/visits/stats')).json().sites as { siteId: string; registered: number; refused: number; refusedBy: Record<string, number>; insideNow: number }[];
    const mine = stats.find((s) => s.siteId === tree.elder1.id);
    expect(mine?.registered).toBeGreaterThan(10);
    expect(mine?.refusedBy.fever).toBeGreaterThanOrEqual(1);
    expect(mine?.insideNow).toBeGreaterThan(0);
    expect(stats.map((s) => s.siteId)).not.toContain(tree.elder2.id);
  });

  it('purges records past the retention period, audited, and keeps those inside', async () => {
    const old = await register({ name: '陈年记录' });
    await env.database.pool.query(`update visits set registered_at = now() - interval '40 days' where id = $1`, [old.id]);
    const purged = await purgeExpiredVisits(env.database.db, env.app.services.policy, 'Asia/Shanghai', env.app.services.clock.now());
    expect(purged?.elderly_care).toBe(1);
    expect((await env.database.pool.query('select count(*)::int as n from visits where id = $1', [old.id])).rows[0].n).toBe(0);
    const audit = await env.database.pool.query(`select actor_name, detail from audit_log where action = 'visit.purge'`);
    expect(audit.rows[0]).toMatchObject({ actor_name: 'system', detail: { siteType: 'elderly_care', deleted: 1 } });
  });
});

describe('scope of the gate and the log', () => {
  it.each([
    ['gate', () => env.as('officer2').get(`/api/sites/${tree.elder1.id}/gate`)],
    ['link', () => env.as('officer2').get(`/api/sites/${tree.elder1.id}/visitor-link`)],
    ['rotate', () => env.as('officer2').post(`/api/sites/${tree.elder1.id}/visitor-link/rotate`)],
    ['register', () => env.as('officer2').post('/api/visits', { siteId: tree.elder1.id, name: 'x', visiting: 'y', healthCode: 'green', riskAreaTravel: false })],
    ['checkout by code', () => env.as('officer2').post('/api/visits/checkout-by-code', { siteId: tree.elder1.id, code: 'ABCDEF' })],
  ])('another town\'s officer: %s → 404', async (_l, call) => {
    expect((await call()).statusCode).toBe(404);
  });

  it('another town\'s officer cannot screen or check out a visit here, nor see it in the log', async () => {
    const { id } = await register({ name: '隔镇' });
    expect((await env.as('officer2').post(`/api/visits/${id}/screen`, { temperature: 36.5, mask: true, healthCode: 'green' })).statusCode).toBe(404);
    expect((await env.as('officer2').post(`/api/visits/${id}/checkout`)).statusCode).toBe(404);
    expect((await env.as('officer2').get('/api/visits?limit=500')).json().total).toBe(0);
  });

  it('the own town\'s officer reads the log but does not screen', async () => {
    const { id } = await register();
    expect((await env.as('officer1').get(`/api/sites/${tree.elder1.id}/gate`)).statusCode).toBe(200);
    expect((await env.as('officer1').post(`/api/visits/${id}/screen`, { temperature: 36.5, mask: true, healthCode: 'green' })).statusCode).toBe(403);
  });
});

describe('limits', () => {
  it('the public page is rate-limited per address with Retry-After', async () => {
    const limited = await startTestApp({ PUBLIC_RATE_PER_MINUTE: '3' });
    try {
      const t = await buildTree(limited.database);
      await createUser(limited.database, 'm', [['site_manager', t.elder1]]);
      const c = await login(limited.app, 'm');
      const tok = (await limited.app.inject({ url: `/api/sites/${t.elder1.id}/visitor-link`, headers: { cookie: c } })).json().token;
      for (let i = 0; i < 3; i++) expect((await limited.app.inject({ url: `/api/public/sites/${tok}`, remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
      const res = await limited.app.inject({ url: `/api/public/sites/${tok}`, remoteAddress: '10.9.9.9' });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect((await limited.app.inject({ url: `/api/public/sites/${tok}`, remoteAddress: '10.9.9.10' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('two guards admitting six at once into a room of four: exactly four get in', async () => {
    // Empty the room first.
    const gate = (await env.as('guard1').get(`/api/sites/${tree.elder1.id}/gate`)).json();
    for (const v of gate.inside as { id: string }[]) await env.as('guard1').post(`/api/visits/${v.id}/checkout`);
    const six = await Promise.all(Array.from({ length: 6 }, (_, i) => register({ name: `并发访客${i}` })));
    const results = await Promise.all(six.map(({ id }) => screen(id)));
    const statuses = results.map((r) => r.json().visit.status).sort();
    expect(statuses).toEqual(['admitted', 'admitted', 'admitted', 'admitted', 'refused', 'refused']);
  });
});

describe('key rotation', () => {
  it('re-seals a visitor\'s phone and ID number, so that they still open once the old key is gone', async () => {
    const id = makeId('350102', '19700101', 7);
    const visit = await newVisit(env, tree.elder1, { phone: '13755556666', idNumber: id }, { by: env.as('guard1') });
    const next = randomBytes(32);
    const both = new Keyring('next', new Map([['next', next], [TEST_PII_KEY_ID, TEST_PII_MASTER]]));
    const { visits } = await resealAll(env.database.db, both, 2);
    expect(visits).toBeGreaterThanOrEqual(1);
    const onlyNew = new Keyring('next', new Map([['next', next]]));
    const row = (await env.database.pool.query<{ phone_enc: string; id_enc: string }>('select phone_enc, id_enc from visits where id = $1', [visit.id])).rows[0];
    expect(onlyNew.open(row?.phone_enc ?? '')).toBe('13755556666');
    expect(onlyNew.open(row?.id_enc ?? '')).toBe(id);
    const left = await env.database.pool.query('select count(*)::int as n from visits where phone_enc like $1 or id_enc like $1', [`v1.${TEST_PII_KEY_ID}.%`]);
    expect(left.rows[0].n).toBe(0);
    // A second run finds nothing stale.
    expect((await resealAll(env.database.db, both, 2)).visits).toBe(0);
  });
});
