import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '@fangkong/domain';
import {
  apiRoutes, buildTree, countWrites, createUser, fillPath, login, NOT_DATA, sample as sampleOf, startTestApp,
  type Json, type Schema, type TestEnv, type Tree,
} from './harness.js';
import { makeId } from './people-fixtures.js';
import { insertEvent, insertHall } from './support/funeral-register-fixtures.js';

/**
 * Every route of the API description gets the malformed shapes of issue 15 item 5 (NUL, lone
 * surrogates, the year 0, integers too large for the database, empty updates) and the usual ones
 * (wrong types, nulls, huge strings, deep nesting, arrays for objects, non-UUID ids), one field at
 * a time over an otherwise valid request that names real records. Whatever the route, the answer
 * is never a 5xx, and a refused request writes nothing. The routes are read from the running
 * app's OpenAPI document, so a route is covered the day it is added.
 */

/** Routes that cannot be driven here, with the reason. */
const NOT_COVERED: Readonly<Record<string, string>> = {
  'GET /api/notifications/stream': 'an event stream that stays open; it takes no parameters, query or body',
};

let env: TestEnv;
let tree: Tree;
let admin = '';
/** Real records named by the path and body of the requests, by the name of the field or parameter. */
const real: Record<string, string> = {};
let policyBody: Json = null;
const deep = (n: number): Json => { let v: Json = 'x'; for (let i = 0; i < n; i++) v = { a: v }; return v; };

/** Values that must never cause a 5xx wherever a JSON value is accepted. */
const BODY_SHAPES: readonly [string, Json][] = [
  ['NUL', 'A\u0000B'],
  ['unknown id', randomUUID()],
  ['lone surrogate', 'A\ud800B'],
  ['control character', 'A\u001bB'],
  ['year 0 date', '0000-01-01'],
  ['year 0 instant', '0000-01-01T00:00:00Z'],
  ['year 9999 instant', '9999-12-31T23:59:59.999Z'],
  ['huge integer', 1e23],
  ['int4 overflow', 2147483648],
  ['negative', -1],
  ['fraction', 0.5],
  ['huge string', 'x'.repeat(100_000)],
  ['empty string', ''],
  ['null', null],
  ['boolean', true],
  ['array', ['A\u0000B']],
  ['object', { a: 'A\u0000B' }],
  ['deep nesting', deep(500)],
];

/** Whole bodies that are not the object a route expects. */
const WHOLE_BODIES: readonly [string, string][] = [
  ['null body', 'null'],
  ['array body', '[{}]'],
  ['string body', '"A\\u0000B"'],
  ['number body', '99999999999999999999999'],
  ['empty object', '{}'],
  ['deep body', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
  ['bad JSON', '{"a":'],
  ['prototype pollution', '{"__proto__":{"admin":true}}'],
];

/** Raw (already encoded) values for query and path parameters. */
const PARAM_SHAPES: readonly [string, string][] = [
  ['NUL', 'A%00B'],
  ['invalid UTF-8 (lone surrogate)', 'A%ED%A0%80B'],
  ['year 0 date', '0000-01-01'],
  ['year 0 instant', '0000-01-01T00%3A00%3A00Z'],
  ['huge integer', '99999999999999999999999'],
  ['negative', '-1'],
  ['not a UUID', 'not-a-uuid'],
  ['huge string', 'x'.repeat(20_000)],
  ['empty', ''],
];

beforeAll(async () => {
  env = await startTestApp({ PUBLIC_RATE_PER_MINUTE: '100000', PUBLIC_SITE_RATE_PER_MINUTE: '100000' }, (app) => {
    // A query whose value the database refuses, as a schema with a gap would let through.
    app.post('/api/test/db-refuses', { schema: { hide: true } }, async (request) => {
      const { sql, nodeId } = request.body as { sql: string; nodeId?: string };
      await env.database.pool.query(sql, nodeId ? [nodeId] : []);
      return {};
    });
  });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await createUser(env.database, 'probe', []);
  admin = await login(env.app, 'admin');
  await buildRecords();
}, 120_000);
afterAll(async () => env.close());

async function call(method: string, url: string, payload?: unknown) {
  const res = await env.app.inject({ method: method as 'GET', url, headers: { cookie: admin }, ...(payload === undefined ? {} : { payload: payload as object }) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res.json();
}

/** One of each record the routes name, made through the API as a user would. */
async function buildRecords(): Promise<void> {
  const now = Date.now();
  const person = await call('POST', '/api/people', { siteId: tree.elder1.id, name: '试探老人', kind: 'resident', idNumber: makeId('350102', '19400101', 901) });
  const other = await call('POST', '/api/people', { siteId: tree.elder1.id, name: '另一位老人', kind: 'resident', idNumber: makeId('350102', '19410101', 902) });
  const reading = await call('POST', '/api/readings', { personId: person.person.id, temperature: 38.9 });
  const room = await call('POST', '/api/rooms', { siteId: tree.elder1.id, name: '隔离一室', kind: 'isolation', capacity: 2 });
  const emptyRoom = await call('POST', '/api/rooms', { siteId: tree.elder1.id, name: '隔离二室', kind: 'isolation', capacity: 1 });
  const placement = await call('POST', '/api/placements', { personId: other.person.id, roomId: room.room.id, reason: 'suspected_case' });
  const link = await call('GET', `/api/sites/${tree.elder1.id}/visitor-link`);
  const visit = await call('POST', '/api/visits', {
    siteId: tree.elder1.id, name: '访客', phone: '13800138000', visiting: '家属', healthCode: 'green', riskAreaTravel: false,
  });
  const test = await call('POST', '/api/tests', { personId: person.person.id, sampledAt: new Date(now - 3_600_000).toISOString() });
  const item = await call('POST', '/api/supplies/items', { name: '试探口罩', category: 'mask', unit: '只' });
  const receipt = await call('POST', '/api/supplies/receipts', { siteId: tree.elder1.id, itemId: item.item.id, quantity: 100 });
  const incident = await call('POST', '/api/incidents', { siteId: tree.elder1.id, type: 'suspected_case', summary: '试探事件', personIds: [person.person.id] });
  const rule = await call('POST', '/api/notification-rules', { nodeId: tree.town1.id, event: 'fever_alert', channel: 'in_app', role: 'town_officer' });
  const third = await call('POST', '/api/people', { siteId: tree.elder1.id, name: '第三位老人', kind: 'resident', idUnknown: true });
  const alertToClose = await call('POST', '/api/readings', { personId: third.person.id, temperature: 39.1 });
  const incidentToClose = await call('POST', '/api/incidents', { siteId: tree.elder1.id, type: 'suspected_case', summary: '待结案事件' });
  const policy = await call('GET', '/api/policies/elderly_care');
  const session = await call('POST', '/api/test-sessions', {
    townId: tree.town1.id, date: localDay(new Date(now + 86_400_000), env.config.timeZone), collectionPoint: '一号镇卫生院', siteIds: [tree.elder1.id],
  });
  const riskArea = await call('POST', '/api/org/risk-areas', { nodeId: tree.town1.id, regionName: '试探地区', level: 'medium', effectiveFrom: '2026-01-01' });
  // A funeral site's event, written straight into its tables: its register's routes name it (the public ones by its token).
  const funeralSite = await call('POST', '/api/org/nodes', { parentId: tree.town1.id, kind: 'site', siteType: 'funeral', name: '试探殡仪馆' });
  const mourning = await insertEvent(env, funeralSite.node, await insertHall(env, funeralSite.node), { attendeeCap: 1_000_000 });
  policyBody = policy.versions.at(-1).body;
  const covidCase = await call('POST', '/api/funeral/cases', {
    siteId: funeralSite.node.id, deceasedName: '试探逝者', cause: 'covid_confirmed', dateOfDeath: '2020-02-01', hospital: '试探医院', notifiedBy: '试探' });
  Object.assign(real, {
    person: person.person.id, personId: person.person.id, personIds: person.person.id,
    alert: reading.alert.id, alertId: reading.alert.id,
    room: room.room.id, roomId: emptyRoom.room.id,
    placement: placement.placement.id,
    token: link.token, code: visit.visit.code, visit: visit.visit.id,
    test: test.test.id,
    item: item.item.id, itemId: item.item.id,
    batchId: receipt.batch.id,
    incident: incident.incident.id, stepId: incident.incident.steps[0].id,
    alertToClose: alertToClose.alert.id, incidentToClose: incidentToClose.incident.id,
    rule: rule.rule.id,
    mourningEvent: mourning.id, mourningToken: mourning.registerToken,
    riskArea: riskArea.area.id,
    funeralSite: funeralSite.node.id, covidCase: covidCase.case.id,
    session: session.session.id,
    siteId: tree.elder1.id, site: tree.elder1.id, fromSiteId: tree.elder1.id, toSiteId: tree.elder2.id, siteIds: tree.elder1.id,
    // The deployment's tomorrow, at whatever hour the test runs.
    tomorrow: localDay(new Date(now + 86_400_000), env.config.timeZone),
    townId: tree.town1.id, nodeId: tree.town1.id, parentId: tree.town1.id, node: tree.elder1.id, gridNodeId: tree.building1.id,
  });
}

/** Valid bodies where the schema alone does not give one (a choice between fields, a valid combination). */
function baseBody(route: string, generated: Record<string, Json>): Record<string, Json> {
  const overrides: Record<string, Record<string, Json>> = {
    'POST /api/auth/login': { username: 'probe', password: 'wrong' },
    'POST /api/auth/password': { currentPassword: 'wrong', newPassword: 'Another#Pass2021' },
    'POST /api/org/nodes': { parentId: tree.town1.id, kind: 'site', siteType: 'elderly_care', name: '试探机构' },
    'POST /api/policies/{siteType}': { effectiveFrom: real.tomorrow ?? '', body: policyBody },
    'POST /api/people': { siteId: tree.elder1.id, name: '试探', kind: 'resident', idUnknown: true },
    'POST /api/test-sessions': { ...generated, date: real.tomorrow ?? '' },
    'POST /api/notification-rules': { nodeId: tree.town1.id, event: 'fever_alert', channel: 'in_app', role: 'town_officer' },
    'POST /api/funeral/cases': { siteId: real.funeralSite ?? '', deceasedName: '试探', cause: 'covid_suspected', dateOfDeath: '2020-02-01', hospital: '试探医院', notifiedBy: '试探' },
    'POST /api/funeral/cases/{id}/steps': { step: 'handover', facts: { sanitaryTreatment: true, deathCertificate: true, cremateAtOnceOnForm: true } },
  };
  return overrides[route] ?? generated;
}

/** The record a path's `{id}` names, from the collection before it. */
function realId(route: string, path: string, name: string): string {
  if (route === 'POST /api/alerts/{id}/close') return real.alertToClose ?? '';
  if (route === 'POST /api/incidents/{id}/close') return real.incidentToClose ?? '';
  if (name !== 'id') return real[name] ?? randomUUID();
  const collection = /\/api\/([a-z-/]+?)\/\{id\}/.exec(path)?.[1] ?? '';
  const byCollection: Record<string, string | undefined> = {
    'org/nodes': tree.elder1.id, sites: tree.elder1.id, people: real.person, alerts: real.alert, rooms: real.room,
    placements: real.placement, visits: real.visit, tests: real.test, 'test-sessions': real.session, 'supplies/items': real.item,
    incidents: real.incident, 'notification-rules': real.rule, 'org/risk-areas': real.riskArea, 'funeral/events': real.mourningEvent,
    'funeral/cases': real.covidCase,
  };
  return byCollection[collection] ?? randomUUID();
}

/** A plausible valid value for a schema, naming the real records where the field name says which. */
const sample = (schema: Schema, name: string): Json => sampleOf(schema, name, real);

interface Attempt { route: string; shape: string; where: string; status: number; body: string }

interface ErrorAnswer { error: { code: string; message: string; fields?: { path: string; message: string }[] } }

/** Sends a request in both languages and expects the same refusal naming `field`; returns the two answers. */
async function refused(req: { method?: string; url: string; payload?: unknown; anonymous?: boolean; headers?: Record<string, string> },
  status: number, field: string): Promise<{ zh: ErrorAnswer; en: ErrorAnswer }> {
  const out: ErrorAnswer[] = [];
  for (const lang of ['zh-CN', 'en']) {
    const res = await env.app.inject({
      method: (req.method ?? 'GET') as 'GET', url: req.url,
      headers: { ...(req.anonymous ? {} : { cookie: admin }), 'accept-language': lang, ...req.headers },
      ...(req.payload === undefined ? {} : { payload: req.payload as string }),
    });
    expect(res.statusCode, `${req.url} ${res.body}`).toBe(status);
    const body = res.json<ErrorAnswer>();
    expect(body.error.fields?.map((f) => f.path), res.body).toContain(field);
    out.push(body);
  }
  const [zh, en] = out as [ErrorAnswer, ErrorAnswer];
  const why = (a: ErrorAnswer) => a.error.fields?.find((f) => f.path === field)?.message ?? '';
  expect(why(zh)).toMatch(/\p{Script=Han}/u);
  expect(why(en)).toMatch(/^[\x20-\x7e]+$/);
  return { zh, en };
}

describe('the 500s of issue 15 item 5 are 400s naming the field', () => {
  it('a NUL in a text field or a filter, before and after sign-in', async () => {
    const nul = await refused({ method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' }, anonymous: true }, 400, 'body.username');
    expect(nul.en.error.fields?.[0]?.message).toMatch(/NUL/);
    await refused({ method: 'POST', url: `/api/public/sites/${real.token ?? ''}/visits`, anonymous: true, payload: {
      name: '访\u0000客', phone: '13800138000', visiting: '家属', healthCode: 'green', riskAreaTravel: false, consent: true,
    } }, 400, 'body.name');
    await refused({ method: 'POST', url: '/api/rooms', payload: { siteId: tree.elder1.id, name: 'A\u0000B', kind: 'isolation', capacity: 1 } }, 400, 'body.name');
    await refused({ method: 'POST', url: '/api/supplies/receipts', payload: { siteId: tree.elder1.id, itemId: real.item, quantity: 1, supplier: 'A\u0000' } }, 400, 'body.supplier');
    await refused({ url: '/api/people?q=A%00B' }, 400, 'query.q');
    await refused({ url: '/api/audit?actor=A%00B' }, 400, 'query.actor');
    await refused({ url: '/api/audit?action=A%00B' }, 400, 'query.action');
  });

  it('a lone surrogate, which would break the audit record', async () => {
    const res = await refused({ method: 'POST', url: `/api/alerts/${real.alertToClose ?? ''}/close`, payload: { reason: 'A\ud800B' } }, 400, 'body.reason');
    expect(res.en.error.fields?.[0]?.message).toMatch(/surrogate/);
  });

  it('the year 0 in a date or an instant', async () => {
    const res = await refused({ method: 'POST', url: '/api/org/risk-areas', payload: { regionName: '某区', level: 'high', effectiveFrom: '0000-01-01' } }, 400, 'body.effectiveFrom');
    expect(res.en.error.fields?.[0]?.message).toBe('the year must be between 1900 and 2199');
    await refused({ method: 'POST', url: '/api/tests', payload: { personId: real.person, sampledAt: '0000-01-01T00:00:00Z' } }, 400, 'body.sampledAt');
    await refused({ method: 'POST', url: `/api/incidents/${real.incident ?? ''}/actions`, payload: { action: 'isolated', at: '0000-01-01T08:00:00+08:00' } }, 400, 'body.at');
    await refused({ url: '/api/coverage?date=0000-01-01' }, 400, 'query.date');
  });

  it('an update that changes nothing', async () => {
    const me = await refused({ method: 'PATCH', url: '/api/auth/me', payload: {} }, 400, 'body');
    expect(me.en.error.fields?.[0]?.message).toMatch(/nothing to change/);
    await refused({ method: 'PATCH', url: `/api/supplies/items/${real.item ?? ''}`, payload: {} }, 400, 'body');
  });

  it('an integer too large for the database', async () => {
    await refused({ url: '/api/audit?before=99999999999999999999999' }, 400, 'query.before');
    await refused({ method: 'POST', url: '/api/supplies/adjustments', payload: { siteId: tree.elder1.id, batchId: real.batchId, quantity: 2 ** 31, reason: '盘点' } }, 400, 'body.quantity');
  });

  it('a placement naming an alert that does not exist', async () => {
    const before = await env.database.pool.query('select count(*)::int as n from placements');
    const res = await env.app.inject({ method: 'POST', url: '/api/placements', headers: { cookie: admin },
      payload: { personId: real.person, roomId: real.roomId, reason: 'symptom', alertId: randomUUID() } });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (res.statusCode === 400) expect(res.json<ErrorAnswer>().error.fields?.map((f) => f.path)).toContain('body.alertId');
    expect((await env.database.pool.query('select count(*)::int as n from placements')).rows).toEqual(before.rows);
  });

  it('a value the database refuses is a 400 naming its field, not a 500 (the safety net behind validation)', async () => {
    const fk = await refused({ method: 'POST', url: '/api/test/db-refuses', payload: {
      sql: "insert into user_roles (user_id, role, node_id) select id, 'site_staff', $1 from users limit 1",
      nodeId: randomUUID(),
    } }, 400, 'body.nodeId');
    expect(fk.en.error.fields?.[0]?.message).toBe('refers to a record that does not exist');
    await refused({ method: 'POST', url: '/api/test/db-refuses', payload: { sql: "select '0000-01-01'::date" } }, 400, 'request');
    await refused({ method: 'POST', url: '/api/test/db-refuses', payload: { sql: 'select 99999999999::int' } }, 400, 'request');
  });
});

describe("Fastify's own refusals come in the app's error format (issue 15 item 9)", () => {
  it('a path parameter too long for the router: 414', async () => {
    const res = await refused({ url: `/api/people/${'a'.repeat(200)}` }, 414, 'path');
    expect(res.zh.error.code).toBe('uri_too_long');
    const raw = await env.app.inject({ url: `/api/people/${'a'.repeat(200)}`, headers: { cookie: admin } });
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
    expect(raw.headers['content-type']).toMatch(/application\/json/);
  });

  it('a content type the route does not take: 415', async () => {
    const res = await refused({ method: 'POST', url: '/api/rooms', payload: '<room/>', headers: { 'content-type': 'application/xml' } }, 415, 'headers.content-type');
    expect(res.zh.error.code).toBe('unsupported_media_type');
  });

  it('a body that is not JSON, or empty, or deeper than anyone writes: 400 naming the body', async () => {
    const json = { 'content-type': 'application/json' };
    await refused({ method: 'POST', url: '/api/rooms', payload: '{"name":', headers: json }, 400, 'body');
    await refused({ method: 'POST', url: '/api/rooms', payload: '', headers: json }, 400, 'body');
    await refused({ method: 'POST', url: '/api/rooms', payload: '{"__proto__":{"x":1}}', headers: json }, 400, 'body');
    await refused({ method: 'POST', url: '/api/rooms', payload: `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, headers: json }, 400, 'body.a');
    await refused({ method: 'POST', url: '/api/rooms', payload: `${'{"a":'.repeat(1_000)}"\\u0000"${'}'.repeat(1_000)}`, headers: json }, 400, `body${'.a'.repeat(1_000)}`);
  });
});

describe('malformed input on every route of the API description', () => {
  it('never answers 5xx and writes nothing when it refuses', async () => {
    const routes = await apiRoutes(env.app);
    const fingerprint = await countWrites(env.database, NOT_DATA);

    const failures: Attempt[] = [];
    const writes: Attempt[] = [];
    let requests = 0;
    const accepted = new Set<string>();
    const bodyRoutes = new Set<string>();
    let last = await fingerprint();

    async function send(route: string, shape: string, where: string, method: string, url: string, authed: boolean, body?: string, contentType = 'application/json') {
      const headers: Record<string, string> = {};
      if (authed) headers.cookie = admin;
      if (body !== undefined) headers['content-type'] = contentType;
      let res = await env.app.inject({ method: method as 'GET', url, headers, ...(body === undefined ? {} : { payload: body }) });
      requests++;
      if (res.statusCode === 401 && authed && (await env.app.inject({ url: '/api/auth/me', headers: { cookie: admin } })).statusCode === 401) {
        // Signing out is among the routes: sign in again (not a write of the request) and retry.
        admin = await login(env.app, 'admin');
        headers.cookie = admin;
        last = await fingerprint();
        res = await env.app.inject({ method: method as 'GET', url, headers, ...(body === undefined ? {} : { payload: body }) });
        requests++;
      }
      const attempt = { route, shape, where, status: res.statusCode, body: res.body.slice(0, 300) };
      if (res.statusCode < 300) accepted.add(route);
      if (res.statusCode >= 500) failures.push(attempt);
      const now = await fingerprint();
      if (now !== last && res.statusCode >= 400) writes.push(attempt);
      last = now;
    }

    const covered: string[] = [];
    for (const { key: route, method: M, path, pathParams, query, jsonBody: jsonSchema } of routes) {
      if (NOT_COVERED[route]) continue;
      covered.push(route);
      const pathValues: Record<string, string> = {};
      for (const p of pathParams) {
        const s = sample(p.schema, p.name);
        const named = p.name === 'token' && path.startsWith('/api/public/mourning/') ? real.mourningToken : real[p.name];
        pathValues[p.name] = p.schema.format === 'uuid' ? realId(route, path, p.name) : named ?? (typeof s === 'string' ? s : JSON.stringify(s));
      }
      const urlWith = (values: Record<string, string>, qs = '') => fillPath(path, values, qs);
      const base = jsonSchema ? baseBody(route, sample(jsonSchema, 'body') as Record<string, Json>) : undefined;
      const baseJson = base === undefined ? undefined : JSON.stringify(base);
      if (base) bodyRoutes.add(route);

      // Public or not: a route that answers an anonymous request with anything but 401 is public.
      const anon = await env.app.inject({ method: M as 'GET', url: urlWith(pathValues), ...(baseJson ? { headers: { 'content-type': 'application/json' }, payload: baseJson } : {}) });
      requests++;
      if (anon.statusCode >= 500) failures.push({ route, shape: 'anonymous', where: '-', status: anon.statusCode, body: anon.body.slice(0, 300) });
      last = await fingerprint();
      const authed = anon.statusCode === 401;

      for (const p of pathParams) {
        for (const [shape, raw] of [...PARAM_SHAPES, ['too long for the router', 'a'.repeat(120)] as [string, string]]) {
          await send(route, shape, `path.${p.name}`, M, urlWith({ ...pathValues, [p.name]: raw }), authed, baseJson);
        }
      }
      for (const q of query) {
        for (const [shape, raw] of PARAM_SHAPES) await send(route, shape, `query.${q.name}`, M, urlWith(pathValues, `${q.name}=${raw}`), authed, baseJson);
        await send(route, 'repeated', `query.${q.name}`, M, urlWith(pathValues, `${q.name}=a&${q.name}=b`), authed, baseJson);
      }
      const url = urlWith(pathValues);
      if (M !== 'GET' && M !== 'DELETE') {
        for (const [shape, raw] of WHOLE_BODIES) await send(route, shape, 'body', M, url, authed, raw);
        await send(route, 'wrong content type', 'body', M, url, authed, baseJson ?? '{}', 'text/plain');
      }
      if (base) {
        // Shape by shape across the fields, so that the shapes of item 5 meet every field before a
        // benign shape that happens to be valid (an empty note) changes the records.
        for (const [shape, value] of BODY_SHAPES) {
          for (const prop of Object.keys(jsonSchema?.properties ?? {})) {
            await send(route, shape, `body.${prop}`, M, url, authed, JSON.stringify({ ...base, [prop]: value }));
          }
        }
      }
    }
    // Routes whose every request was refused: their fields were checked by validation only (a domain
    // rule of the route, such as a placement's early end, refuses the otherwise valid body).
    const neverAccepted = covered.filter((r) => bodyRoutes.has(r) && !accepted.has(r));
    console.log(`malformed input: ${requests} requests over ${covered.length} routes, ${await fingerprint()} rows written by those accepted;` +
      ` not covered: ${Object.keys(NOT_COVERED).join(', ')}; bodies never accepted: ${neverAccepted.join(', ')}`);
    expect.soft(failures.map((f) => `${f.status} ${f.route} ${f.where} (${f.shape}): ${f.body.slice(0, 200)}`)).toEqual([]);
    expect.soft(writes.map((f) => `${f.status} ${f.route} ${f.where} (${f.shape}) wrote: ${f.body.slice(0, 200)}`)).toEqual([]);
    expect(covered.length).toBeGreaterThan(100);
  }, 600_000);
});
