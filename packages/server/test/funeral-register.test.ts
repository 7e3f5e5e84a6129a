import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { MOURNER_REFUSAL_TEXTS } from '@fangkong/domain';
import { Keyring } from '../src/pii/keyring.js';
import { resealAll } from '../src/pii/rotate.js';
import { covidCases } from '../src/db/schema.js';
import { buildTree, createUser, newSite, startTestApp, TEST_PII_KEY_ID, TEST_PII_MASTER, type TestEnv, type Tree, type TreeNode } from './harness.js';
import { insertEvent, insertHall, type EventRow, type HallRow } from './support/funeral-register-fixtures.js';

/*
 * The mourners' register (R9.2): the poster's public page, the family's helper, the lists and
 * their export, tracing by phone, retention and the key rotation of the funeral tables.
 */

let env: TestEnv;
let tree: Tree;
let site1: TreeNode;
let site2: TreeNode;
let hall1: HallRow;
let hall2: HallRow;

const PHONE = '13812345678';
const mourner = (over: object = {}) => ({ name: '吊唁人', phone: PHONE, symptoms: [], consent: true, ...over });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = () => env.app.services.clock.now().getTime();

interface ErrorAnswer { error: { code: string; message: string; fields?: { path: string; message: string }[] } }

function publicPost(token: string, payload: object, headers: Record<string, string> = {}) {
  return env.app.inject({ method: 'POST', url: `/api/public/mourning/${token}/mourners`, payload, headers });
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await env.database.pool.query<{ n: number }>(sql, params)).rows[0]?.n ?? -1;
}
const mournersOf = (eventId: string) => count('select count(*)::int as n from mourners where event_id = $1', [eventId]);

beforeAll(async () => {
  env = await startTestApp({ PUBLIC_RATE_PER_MINUTE: '1000', PUBLIC_SITE_RATE_PER_MINUTE: '1000' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  site1 = await newSite(env, tree.town1, 'funeral', { name: '一号镇殡仪馆' });
  site2 = await newSite(env, tree.town2, 'funeral', { name: '二号镇殡仪馆' });
  await createUser(env.database, 'manager1', [['site_manager', site1]]);
  await createUser(env.database, 'staff1', [['site_staff', site1]]);
  await createUser(env.database, 'staff2', [['site_staff', site2]]);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'inspector1', [['inspector', tree.town1]]);
  await createUser(env.database, 'bureau1', [['bureau_officer', tree.bureau]]);
  await env.signIn('admin', 'manager1', 'staff1', 'staff2', 'officer1', 'officer2', 'inspector1', 'bureau1');
  await env.database.pool.query(`update users set display_name = '帮忙的小王' where username = 'staff1'`);
  hall1 = await insertHall(env, site1, { name: '一号守灵厅' });
  hall2 = await insertHall(env, site2, { name: '二号守灵厅' });
}, 120_000);
afterAll(async () => env.close());
afterEach(() => env.app.services.clock.reset());

describe('the public register page', () => {
  let event: EventRow;
  beforeAll(async () => {
    event = await insertEvent(env, site1, hall1, { deceasedName: '张桂兰', attendeeCap: 30 });
  });

  it('shows the event and the count, nothing about the mourners', async () => {
    const res = await env.app.inject({ url: `/api/public/mourning/${event.registerToken}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      siteName: '一号镇殡仪馆', hallName: '一号守灵厅', deceasedName: '张桂兰', startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(), state: 'ongoing', attendees: 0, cap: 30, retentionDays: 28 });
  });

  it('an unknown link is a 404 that says so, and registers nobody', async () => {
    const wrong = randomBytes(18).toString('base64url');
    const page = await env.app.inject({ url: `/api/public/mourning/${wrong}` });
    expect(page.statusCode).toBe(404);
    expect(page.json<ErrorAnswer>().error.message).toContain('二维码');
    const before = await count('select count(*)::int as n from mourners');
    expect((await publicPost(wrong, mourner())).statusCode).toBe(404);
    expect(await count('select count(*)::int as n from mourners')).toBe(before);
  });

  it('admits a mourner without symptoms: the phone sealed, its last four and its hash kept', async () => {
    const res = await publicPost(event.registerToken, mourner({ name: '李吊唁' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ name: '李吊唁', eventName: '张桂兰治丧活动', attendees: 1, cap: 30 });
    expect(res.body).not.toContain(PHONE);
    const { rows } = await env.database.pool.query('select * from mourners where event_id = $1', [event.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(PHONE);
    expect(rows[0]).toMatchObject({ phone_last4: '5678', phone_hash: env.app.deps.keyring.hash(PHONE), source: 'qr', registered_by: null, symptoms: [] });
    expect(env.app.deps.keyring.open(rows[0].phone_enc)).toBe(PHONE);
    const en = await publicPost(event.registerToken, mourner({ name: 'Li' }), { 'accept-language': 'en' });
    expect(en.json()).toMatchObject({ eventName: 'the mourning for 张桂兰', attendees: 2 });
    const page = await env.app.inject({ url: `/api/public/mourning/${event.registerToken}` });
    expect(page.json().attendees).toBe(2);
  });

  it('a cough is refused on body.symptoms with the plan\'s words in the mourner\'s language; nothing written, the refusal audited', async () => {
    const before = await mournersOf(event.id);
    const zh = await publicPost(event.registerToken, mourner({ name: '咳嗽的人', symptoms: ['cough'] }));
    expect(zh.statusCode).toBe(400);
    expect(zh.json<ErrorAnswer>().error.fields).toEqual([{ path: 'body.symptoms', message: MOURNER_REFUSAL_TEXTS.symptoms['zh-CN'] }]);
    const en = await publicPost(event.registerToken, mourner({ name: '咳嗽的人', symptoms: ['cough', 'cold'] }), { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json<ErrorAnswer>().error.fields).toEqual([{ path: 'body.symptoms', message: MOURNER_REFUSAL_TEXTS.symptoms.en }]);
    expect(await mournersOf(event.id)).toBe(before);
    const audit = await env.database.pool.query(`select outcome, detail, actor_id from audit_log where action = 'mourner.refuse' and target_id = $1`, [event.id]);
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0]).toMatchObject({ outcome: 'denied', actor_id: null, detail: { source: 'qr', reasons: ['symptoms'] } });
    expect(JSON.stringify(audit.rows)).not.toMatch(/咳嗽的人|13812345678|5678/);
  });

  it.each([
    ['no consent', { consent: false }, 'body.consent'],
    ['a bad phone', { phone: '12345' }, 'body.phone'],
    ['an unknown symptom', { symptoms: ['headache'] }, 'body.symptoms'],
    ['a symptom twice', { symptoms: ['cough', 'cough'] }, 'body.symptoms'],
    ['a temperature (the helper\'s alone)', { temperature: 36.5 }, 'body.temperature'],
  ])('%s → 400 naming %s, nothing written', async (_l, over, field) => {
    const before = await mournersOf(event.id);
    const res = await publicPost(event.registerToken, mourner(over));
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorAnswer>().error.fields?.map((f) => f.path).join(' ')).toContain(field);
    expect(await mournersOf(event.id)).toBe(before);
  });

  it('a full register → 409 with the plan\'s words, nothing written', async () => {
    const small = await insertEvent(env, site1, hall1, { attendeeCap: 1 });
    expect((await publicPost(small.registerToken, mourner())).statusCode).toBe(201);
    const full = await publicPost(small.registerToken, mourner({ name: '来晚的人' }));
    expect(full.statusCode).toBe(409);
    expect(full.json<ErrorAnswer>().error.message).toBe(MOURNER_REFUSAL_TEXTS.register_full['zh-CN']);
    expect(await mournersOf(small.id)).toBe(1);
    // Someone refused for symptoms is told that, not that the register is full.
    expect((await publicPost(small.registerToken, mourner({ symptoms: ['fever'] }))).statusCode).toBe(400);
  });

  it('registration is open from the booking until the end: an upcoming event admits, an ended or cancelled one → 409', async () => {
    const upcoming = await insertEvent(env, site1, hall1, { startsAt: new Date(now() + DAY), endsAt: new Date(now() + 2 * DAY) });
    expect((await publicPost(upcoming.registerToken, mourner())).statusCode).toBe(201);
    const ended = await insertEvent(env, site1, hall1, { startsAt: new Date(now() - 2 * DAY), endsAt: new Date(now() - DAY) });
    const over = await publicPost(ended.registerToken, mourner(), { 'accept-language': 'en' });
    expect(over.statusCode).toBe(409);
    expect(over.json<ErrorAnswer>().error.message).toBe(MOURNER_REFUSAL_TEXTS.event_over.en);
    const endedEarly = await insertEvent(env, site1, hall1, { endedAt: new Date(now() - 60_000) });
    expect((await publicPost(endedEarly.registerToken, mourner())).statusCode).toBe(409);
    const cancelled = await insertEvent(env, site1, hall1, { cancelledAt: new Date(now() - 60_000) });
    expect((await publicPost(cancelled.registerToken, mourner())).statusCode).toBe(409);
    // The clock moved past the booked end.
    const before = await mournersOf(upcoming.id);
    env.app.services.clock.advance(2 * DAY + 60_000);
    expect((await publicPost(upcoming.registerToken, mourner())).statusCode).toBe(409);
    expect(await mournersOf(upcoming.id)).toBe(before);
    expect(await count('select count(*)::int as n from mourners where event_id = any($1)', [[ended.id, endedEarly.id, cancelled.id]])).toBe(0);
  });

  it('the site\'s link, and rotating it, which retires the posters printed so far (audited)', async () => {
    const other = await insertEvent(env, site1, hall1);
    const link = await env.as('officer1').get(`/api/funeral/events/${other.id}/register-link`);
    expect(link.json()).toEqual({ token: other.registerToken, url: `/m/${other.registerToken}` });
    expect((await env.as('inspector1').post(`/api/funeral/events/${other.id}/register-link/rotate`)).statusCode).toBe(403);
    expect((await env.as('officer2').post(`/api/funeral/events/${other.id}/register-link/rotate`)).statusCode).toBe(404);
    const rotated = await env.as('staff1').post(`/api/funeral/events/${other.id}/register-link/rotate`);
    expect(rotated.statusCode).toBe(200);
    const token = rotated.json().token as string;
    expect(token).not.toBe(other.registerToken);
    expect(rotated.json().url).toBe(`/m/${token}`);
    expect((await env.app.inject({ url: `/api/public/mourning/${other.registerToken}` })).statusCode).toBe(404);
    expect((await publicPost(other.registerToken, mourner())).statusCode).toBe(404);
    expect((await publicPost(token, mourner())).statusCode).toBe(201);
    expect(await count(`select count(*)::int as n from audit_log where action = 'mourner.link_rotate' and target_id = $1`, [other.id])).toBe(1);
  });
});

describe('the family\'s helper at the door', () => {
  let event: EventRow;
  beforeAll(async () => {
    event = await insertEvent(env, site1, hall1, { attendeeCap: 20 });
  });
  const helper = (over: object = {}) => ({ name: '王老伯', temperature: 36.6, ...over });

  it('registers a mourner without a phone, with the temperature taken (stored in tenths)', async () => {
    const res = await env.as('staff1').post(`/api/funeral/events/${event.id}/mourners`, helper());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      mourner: { eventId: event.id, name: '王老伯', phone: null, symptoms: [], temperature: 36.6, source: 'helper', registeredByName: '帮忙的小王' },
      attendees: 1, cap: 20 });
    const { rows } = await env.database.pool.query('select temp_tenths, phone_hash from mourners where event_id = $1', [event.id]);
    expect(rows).toEqual([{ temp_tenths: 366, phone_hash: null }]);
  });

  it('a fever measured at the door → 400 on body.temperature; with a cough as well, both fields; nothing written', async () => {
    const before = await mournersOf(event.id);
    const fever = await env.as('staff1').post(`/api/funeral/events/${event.id}/mourners`, helper({ temperature: 37.8 }));
    expect(fever.statusCode).toBe(400);
    expect(fever.json<ErrorAnswer>().error.fields).toEqual([{ path: 'body.temperature', message: MOURNER_REFUSAL_TEXTS.fever_measured['zh-CN'] }]);
    const both = await env.as('staff1').post(`/api/funeral/events/${event.id}/mourners`, helper({ temperature: 38.5, symptoms: ['cough'] }),
      { 'accept-language': 'en' });
    expect(both.json<ErrorAnswer>().error.fields).toEqual([
      { path: 'body.symptoms', message: MOURNER_REFUSAL_TEXTS.symptoms.en },
      { path: 'body.temperature', message: MOURNER_REFUSAL_TEXTS.fever_measured.en },
    ]);
    // 36.0–37.0 ℃ is normal, and below it is not a fever.
    expect((await env.as('staff1').post(`/api/funeral/events/${event.id}/mourners`, helper({ temperature: 37.0 }))).statusCode).toBe(201);
    expect(await mournersOf(event.id)).toBe(before + 1);
    const audit = await env.database.pool.query(`select detail from audit_log where action = 'mourner.refuse' and target_id = $1 order by id`, [event.id]);
    expect(audit.rows.map((r) => r.detail.reasons)).toEqual([['fever_measured'], ['symptoms', 'fever_measured']]);
  });

  it('only a role that writes where the event lies: an inspector 403, another town 404, both writing nothing', async () => {
    const before = await mournersOf(event.id);
    expect((await env.as('inspector1').post(`/api/funeral/events/${event.id}/mourners`, helper())).statusCode).toBe(403);
    expect((await env.as('officer1').post(`/api/funeral/events/${event.id}/mourners`, helper())).statusCode).toBe(403);
    expect((await env.as('staff2').post(`/api/funeral/events/${event.id}/mourners`, helper())).statusCode).toBe(404);
    expect(await mournersOf(event.id)).toBe(before);
  });
});

describe('the register, listed and exported', () => {
  let event: EventRow;
  beforeAll(async () => {
    event = await insertEvent(env, site1, hall1);
    for (const [name, phone] of [['甲', '13911112222'], ['乙', '13733334444']] as const) {
      expect((await publicPost(event.registerToken, mourner({ name, phone }))).statusCode).toBe(201);
    }
    expect((await env.as('staff1').post(`/api/funeral/events/${event.id}/mourners`, { name: '丙', temperature: 36.4 })).statusCode).toBe(201);
  });

  it('lists the mourners in order of arrival, phones masked; a read of people, audited', async () => {
    const res = await env.as('officer1').get(`/api/funeral/events/${event.id}/mourners`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ attendees: 3, cap: 50 });
    expect(body.mourners.map((m: { name: string; phone: string | null }) => [m.name, m.phone])).toEqual([
      ['甲', '139****2222'], ['乙', '137****4444'], ['丙', null]]);
    expect(res.body).not.toMatch(/13911112222|13733334444/);
    const audit = await env.database.pool.query(`select actor_name, node_path, detail from audit_log where action = 'mourner.list' and target_id = $1`, [event.id]);
    expect(audit.rows).toEqual([{ actor_name: 'officer1', node_path: site1.path, detail: { shown: 3 } }]);
  });

  it('exports the register as .xlsx with masked phones, audited', async () => {
    const res = await env.as('staff1').get(`/api/funeral/events/${event.id}/mourners/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.name).toBe('吊唁登记');
    const rows: string[][] = [];
    sheet?.eachRow((r) => rows.push(Array.from({ length: 7 }, (_, i) => r.getCell(i + 1).text)));
    expect(rows[0]).toEqual(['姓名', '手机号', '症状', '体温', '登记方式', '登记时间', '登记人']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4], r[6]])).toEqual([
      ['甲', '139****2222', '扫码登记', ''], ['乙', '137****4444', '扫码登记', ''], ['丙', '', '代为登记', '帮忙的小王']]);
    expect(rows[3]?.[3]).toBe('36.4');
    expect(JSON.stringify(rows)).not.toMatch(/13911112222|13733334444/);
    expect(await count(`select count(*)::int as n from audit_log where action = 'mourner.export' and target_id = $1`, [event.id])).toBe(1);
  });

  it('another town\'s officer and staff get 404 for the list, the export and the link', async () => {
    for (const who of ['officer2', 'staff2']) {
      for (const url of ['mourners', 'mourners/export', 'register-link']) {
        const res = await env.as(who).get(`/api/funeral/events/${event.id}/${url}`);
        expect(res.statusCode, `${who} ${url}`).toBe(404);
        expect(res.body).not.toContain('甲');
      }
    }
    // The bureau's officer reads the whole city.
    expect((await env.as('bureau1').get(`/api/funeral/events/${event.id}/mourners`)).statusCode).toBe(200);
  });
});

describe('tracing a phone', () => {
  const TRACED = '13566667777';
  let x: EventRow;
  let y: EventRow;
  let t0 = 0;
  beforeAll(async () => {
    t0 = now();
    // X: from an hour ago to a day from now, in town1; Y: in town2, ten days ago.
    x = await insertEvent(env, site1, hall1, { deceasedName: '追溯甲', startsAt: new Date(t0 - HOUR), endsAt: new Date(t0 + DAY) });
    y = await insertEvent(env, site2, hall2, { deceasedName: '追溯乙', startsAt: new Date(t0 - 10 * DAY), endsAt: new Date(t0 - 9 * DAY) });
    expect((await publicPost(x.registerToken, mourner({ name: '被追溯的人', phone: TRACED }))).statusCode).toBe(201);
    expect((await publicPost(x.registerToken, mourner({ name: '旁人', phone: '13500001111' }))).statusCode).toBe(201);
    expect((await publicPost(x.registerToken, mourner({ name: '发烧的人', symptoms: ['fever'] }))).statusCode).toBe(400);
    // Y's register was filled while it ran: the clock moved back to then.
    env.app.services.clock.advance(-9.5 * DAY);
    expect((await publicPost(y.registerToken, mourner({ name: '被追溯的人', phone: TRACED }))).statusCode).toBe(201);
    env.app.services.clock.reset();
  });
  const trace = (who: string, from: number, to: number, phone = TRACED) =>
    env.as(who).get(`/api/funeral/trace?phone=${phone}&from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`);

  it('finds the phone at event X between T1 and T2, with the event, masked', async () => {
    const res = await trace('officer1', t0 - 2 * HOUR, t0);
    expect(res.statusCode).toBe(200);
    const { hits } = res.json();
    expect(hits).toHaveLength(1);
    expect(hits[0].mourner).toMatchObject({ name: '被追溯的人', phone: '135****7777', eventId: x.id });
    expect(hits[0].event).toMatchObject({
      id: x.id, siteName: '一号镇殡仪馆', hallName: '一号守灵厅', deceasedName: '追溯甲', deceasedIdNumber: '350102********1234',
      familyPhone: '139****1111', state: 'ongoing', attendees: 2, refused: 1, cause: 'ordinary' });
    expect(res.body).not.toContain(TRACED);
  });

  it('not outside the window, and not another phone', async () => {
    expect((await trace('officer1', t0 + 2 * DAY, t0 + 3 * DAY)).json().hits).toEqual([]);
    expect((await trace('officer1', t0 - 8 * DAY, t0 - 2 * HOUR)).json().hits).toEqual([]);
    expect((await trace('officer1', t0 - 2 * HOUR, t0, '13999990000')).json().hits).toEqual([]);
  });

  it('in the caller\'s scope only: another town sees its own event, the bureau both', async () => {
    const wide = [t0 - 20 * DAY, t0 + DAY] as const;
    expect((await trace('officer1', ...wide)).json().hits.map((h: { event: { id: string } }) => h.event.id)).toEqual([x.id]);
    expect((await trace('officer2', ...wide)).json().hits.map((h: { event: { id: string } }) => h.event.id)).toEqual([y.id]);
    expect((await trace('bureau1', ...wide)).json().hits.map((h: { event: { id: string } }) => h.event.id)).toEqual([y.id, x.id]);
    expect((await trace('officer2', t0 - 2 * HOUR, t0)).json().hits).toEqual([]);
  });

  it('is audited as tracing, never with the phone', async () => {
    const before = await count(`select count(*)::int as n from audit_log where action = 'mourner.trace'`);
    await trace('inspector1', t0 - 2 * HOUR, t0);
    const { rows } = await env.database.pool.query(`select detail from audit_log where action = 'mourner.trace' order by id desc limit 1`);
    expect(await count(`select count(*)::int as n from audit_log where action = 'mourner.trace'`)).toBe(before + 1);
    expect(rows[0].detail).toMatchObject({ tracing: true, hits: 1 });
    expect(JSON.stringify(rows[0])).not.toMatch(/13566667777|7777/);
  });

  it('a window whose end is before its start → 400 on query.to; a bad phone → 400 on query.phone', async () => {
    const res = await trace('officer1', t0, t0 - HOUR);
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorAnswer>().error.fields?.map((f) => f.path)).toEqual(['query.to']);
    const bad = await trace('officer1', t0 - HOUR, t0, '12345');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorAnswer>().error.fields?.map((f) => f.path)).toContain('query.phone');
  });

  it('a role without funeral.read anywhere is refused', async () => {
    await createUser(env.database, 'grid1', [['grid_worker', tree.comm1]]);
    expect((await trace('grid1', t0 - HOUR, t0)).statusCode).toBe(403);
  });
});

describe('limits', () => {
  it('the public page is rate-limited per address with Retry-After, like the visitors\' page', async () => {
    const limited = await startTestApp({ PUBLIC_RATE_PER_MINUTE: '3' });
    try {
      const t = await buildTree(limited.database);
      const hall = await insertHall(limited, t.elder1);
      const event = await insertEvent(limited, t.elder1, hall);
      const page = (ip: string) => limited.app.inject({ url: `/api/public/mourning/${event.registerToken}`, remoteAddress: ip });
      for (let i = 0; i < 3; i++) expect((await page('10.9.9.9')).statusCode).toBe(200);
      const res = await page('10.9.9.9');
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      const post = await limited.app.inject({ method: 'POST', url: `/api/public/mourning/${event.registerToken}/mourners`, payload: mourner(), remoteAddress: '10.9.9.9' });
      expect(post.statusCode).toBe(429);
      expect((await page('10.9.9.10')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('an oversized body → 413', async () => {
    const event = await insertEvent(env, site1, hall1);
    const res = await publicPost(event.registerToken, mourner({ name: 'x'.repeat(20_000) }));
    expect(res.statusCode).toBe(413);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('at the same moment (PostgreSQL)', () => {
  it('two registrations for the last place (the poster and the helper): one 201, one 409', async () => {
    // A few rounds: one race may come out right by luck.
    for (let round = 0; round < 5; round++) {
      const event = await insertEvent(env, site1, hall1, { attendeeCap: 3 });
      for (const name of ['先到一', '先到二']) expect((await publicPost(event.registerToken, mourner({ name }))).statusCode).toBe(201);
      const answers = await Promise.all([
        publicPost(event.registerToken, mourner({ name: '同时甲' })),
        env.as('staff1').post(`/api/funeral/events/${event.id}/mourners`, { name: '同时乙', temperature: 36.5 }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
      expect(await mournersOf(event.id)).toBe(3);
    }
  });

  it('ten at once for five places: exactly five get in', async () => {
    const event = await insertEvent(env, site1, hall1, { attendeeCap: 5 });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => publicPost(event.registerToken, mourner({ name: `并发${i}` }))));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(5);
    expect(await mournersOf(event.id)).toBe(5);
  });
});

describe('retention', () => {
  it('deletes the registers of events that ended more than the retention ago, audited with counts only', async () => {
    const old = await insertEvent(env, site1, hall1, { startsAt: new Date(now() - HOUR), endsAt: new Date(now() + HOUR) });
    const recent = await insertEvent(env, site1, hall1, { startsAt: new Date(now() - HOUR), endsAt: new Date(now() + 5 * DAY) });
    for (const e of [old, recent]) expect((await publicPost(e.registerToken, mourner({ name: '将被清除的人' }))).statusCode).toBe(201);
    const registered = await count('select count(*)::int as n from mourners');
    // 28 days of retention: 29 days on, the first ended 29 days ago, the second 24.
    env.app.services.clock.advance(29 * DAY);
    const purged = await env.app.services.funeralRegister.purgeExpired();
    expect(await mournersOf(old.id)).toBe(0);
    expect(await mournersOf(recent.id)).toBe(1);
    expect(purged?.deleted).toBe(registered - (await count('select count(*)::int as n from mourners')));
    expect(purged?.deleted).toBeGreaterThanOrEqual(1);
    const { rows } = await env.database.pool.query(`select actor_name, detail from audit_log where action = 'mourner.purge'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_name: 'system', detail: { deleted: purged?.deleted, events: purged?.events, retentionDays: 28 } });
    expect(JSON.stringify(rows[0])).not.toContain('将被清除的人');
    // Run again: nothing left to delete, nothing audited.
    expect(await env.app.services.funeralRegister.purgeExpired()).toEqual({ deleted: 0, events: 0 });
    expect(await count(`select count(*)::int as n from audit_log where action = 'mourner.purge'`)).toBe(1);
  });

  it('is a job of the app, every six hours and shortly after start', () => {
    const [job] = env.app.services.funeralRegister.jobs();
    expect(job).toMatchObject({ everyMs: 6 * HOUR, firstAfterMs: 7_000 });
  });
});

// Last: after it, the values are sealed with a key the app does not hold.
describe('key rotation of the funeral tables', () => {
  it('re-seals and re-hashes events, mourners and COVID-19 cases; tracing hashes follow the key', async () => {
    const keyring = env.app.deps.keyring;
    const event = await insertEvent(env, site1, hall1);
    expect((await publicPost(event.registerToken, mourner({ phone: '13422223333' }))).statusCode).toBe(201);
    await env.database.db.insert(covidCases).values({
      siteId: site1.id, orgPath: site1.path, deceasedName: '病故者', deceasedIdEnc: keyring.seal('350102193002021235'), deceasedIdLast4: '1235',
      deceasedIdHash: keyring.hash('350102193002021235'), cause: 'covid_confirmed', dateOfDeath: '2026-01-02', hospital: '市传染病医院',
      openedAt: new Date(now()) });
    const sealed = await count(`select (select count(*) from mourning_events) + (select count(*) from mourners where phone_enc is not null)
      + (select count(*) from covid_cases where deceased_id_enc is not null) as n`);

    const next = randomBytes(32);
    const both = new Keyring('next', new Map([['next', next], [TEST_PII_KEY_ID, TEST_PII_MASTER]]));
    const { funeral } = await resealAll(env.database.db, both, 2);
    expect(funeral).toBe(Number(sealed));
    const onlyNew = new Keyring('next', new Map([['next', next]]));
    const m = (await env.database.pool.query(`select phone_enc, phone_hash from mourners where event_id = $1`, [event.id])).rows[0];
    expect(onlyNew.open(m.phone_enc)).toBe('13422223333');
    expect(m.phone_hash).toBe(onlyNew.hash('13422223333'));
    const e = (await env.database.pool.query(`select deceased_id_enc, deceased_id_hash, family_phone_enc from mourning_events where id = $1`, [event.id])).rows[0];
    expect(onlyNew.open(e.deceased_id_enc)).toBe('350102193001011234');
    expect(e.deceased_id_hash).toBe(onlyNew.hash('350102193001011234'));
    expect(onlyNew.open(e.family_phone_enc)).toBe('13900001111');
    const c = (await env.database.pool.query(`select deceased_id_enc, deceased_id_hash from covid_cases where deceased_name = '病故者'`)).rows[0];
    expect(onlyNew.open(c.deceased_id_enc)).toBe('350102193002021235');
    expect(c.deceased_id_hash).toBe(onlyNew.hash('350102193002021235'));
    const left = await count(`select (select count(*) from mourning_events where deceased_id_enc like $1 or family_phone_enc like $1)
      + (select count(*) from mourners where phone_enc like $1) + (select count(*) from covid_cases where deceased_id_enc like $1) as n`, [`v1.${TEST_PII_KEY_ID}.%`]);
    expect(Number(left)).toBe(0);
    // A second run finds nothing stale.
    expect((await resealAll(env.database.db, both, 2)).funeral).toBe(0);
  });
});
