import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionLabel } from '@fangkong/domain';
import { buildTree, createUser, startTestApp, type TestEnv, type Tree } from './harness.js';

let env: TestEnv;
let tree: Tree;

beforeAll(async () => {
  env = await startTestApp({}, (app) => {
    app.get('/api/test/boom', async () => {
      throw new Error('secret detail that must not leak');
    });
  });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await env.signIn('admin');
});
afterAll(async () => env.close());

describe('system endpoints', () => {
  it('GET /api/health names the engine', async () => {
    const res = await env.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: env.engine });
  });

  it('GET /api/openapi.json is an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await env.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/org/nodes', '/api/org/nodes/{id}', '/api/policies/{siteType}', '/api/audit']));
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('username');
  });

  it('sends security headers on pages and no-store on API answers', async () => {
    const res = await env.app.inject({ url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('an unknown API path answers 404 in the error vocabulary', async () => {
    const res = await env.as('admin').get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('bad input', () => {
  it.each([
    ['missing field', { name: '新站' }, 'body.parentId'],
    ['unknown field', { parentId: '00000000-0000-4000-8000-000000000000', kind: 'town', name: 'x', color: 'red' }, 'body.color'],
    ['bad uuid', { parentId: 'nope', kind: 'town', name: 'x' }, 'body.parentId'],
    ['bad enum', { parentId: '00000000-0000-4000-8000-000000000000', kind: 'castle', name: 'x' }, 'body.kind'],
    ['empty name', { parentId: '00000000-0000-4000-8000-000000000000', kind: 'town', name: '   ' }, 'body.name'],
    ['siteType on a town', { parentId: '00000000-0000-4000-8000-000000000000', kind: 'town', name: 'x', siteType: 'funeral' }, 'body.siteType'],
  ])('%s → 400 naming the field, nothing written', async (_label, payload, field) => {
    const before = await env.database.pool.query('select count(*)::int as n from org_nodes');
    const res = await env.as('admin').post('/api/org/nodes', payload);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect((body.error.fields as { path: string }[]).map((f) => f.path).join(' ')).toContain(field);
    const after = await env.database.pool.query('select count(*)::int as n from org_nodes');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('answers in Chinese by default and in English on request', async () => {
    const payload = { parentId: tree.bureau.id, kind: 'town', name: '' };
    const zh = await env.as('admin').post('/api/org/nodes', payload);
    const en = await env.as('admin').post('/api/org/nodes', payload, { 'accept-language': 'en-US,en;q=0.9' });
    expect(zh.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.json().error.fields[0].message).toBe('必填');
    expect(en.json().error.message).toMatch(/invalid/i);
    expect(en.json().error.fields[0].message).toBe('required');
  });

  it('bad path and query parameters → 400', async () => {
    const id = await env.as('admin').get('/api/org/nodes/not-a-uuid');
    expect(id.statusCode).toBe(400);
    expect(id.json().error.fields[0].path).toBe('params.id');
    const q = await env.as('admin').get('/api/org/nodes?kind=castle');
    expect(q.statusCode).toBe(400);
    expect(q.json().error.fields[0].path).toBe('query.kind');
    const extra = await env.as('admin').get('/api/audit?sort=asc');
    expect(extra.statusCode).toBe(400);
  });

  it('malformed JSON → 400, not 500', async () => {
    const res = await env.as('admin').request({ method: 'POST', url: '/api/org/nodes', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('a login without a body → 400', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: {} });
    expect(res.statusCode).toBe(400);
    expect((res.json().error.fields as { path: string }[]).map((f) => f.path)).toEqual(['body.username', 'body.password']);
  });

  it('a 500 hides its details and carries the request id', async () => {
    const res = await env.as('admin').get('/api/test/boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret detail');
    expect(res.json().error.code).toBe('internal');
    expect(res.json().error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('org tree', () => {
  it('refuses a kind that cannot sit under the parent', async () => {
    const res = await env.as('admin').post('/api/org/nodes', { parentId: tree.elder1.id, kind: 'compound', name: '小区' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('body.kind');
  });

  it('refuses a duplicate name under one parent with 409', async () => {
    const res = await env.as('admin').post('/api/org/nodes', { parentId: tree.bureau.id, kind: 'town', name: '一号镇' });
    expect(res.statusCode).toBe(409);
  });

  it('creates a site with its path and depth, and audits it', async () => {
    const res = await env.as('admin').post('/api/org/nodes', { parentId: tree.town2.id, kind: 'site', siteType: 'rescue_station', name: '二号镇救助站', code: 'RS-02' });
    expect(res.statusCode).toBe(201);
    const node = res.json().node;
    expect(node.path).toBe(`${tree.town2.path}${node.id}/`);
    expect(node.depth).toBe(2);
    const audit = await env.database.pool.query(`select outcome, node_path from audit_log where action = 'org.create' and target_id = $1`, [node.id]);
    expect(audit.rows).toEqual([{ outcome: 'ok', node_path: node.path }]);
  });
});

describe('policy store', () => {
  it('holds the source notice defaults from the start', async () => {
    const res = await env.as('admin').get('/api/policies');
    const byType = Object.fromEntries((res.json().policies as { siteType: string; current: { body: { supplies: { floorDays: number }; testing: { staffIntervalDays: number } } } }[])
      .map((p) => [p.siteType, p.current.body]));
    expect(byType.elderly_care?.supplies.floorDays).toBe(45);
    expect(byType.rescue_station?.supplies.floorDays).toBe(30);
    expect(byType.elderly_care?.testing.staffIntervalDays).toBe(28);
  });

  it('a new version takes effect from its date, for the site types it names', async () => {
    const [current] = (await env.as('admin').get('/api/policies/elderly_care')).json().versions;
    const body = { ...current.body, testing: { ...current.body.testing, staffIntervalDays: 14 } };
    const res = await env.as('admin').post('/api/policies/elderly_care', { effectiveFrom: '2021-01-01', body, note: '加密检测' });
    expect(res.statusCode).toBe(201);
    expect(res.json().version.version).toBe(2);
    const before = await env.as('admin').get(`/api/sites/${tree.elder1.id}/policy?on=2020-12-31`);
    const after = await env.as('admin').get(`/api/sites/${tree.elder1.id}/policy?on=2021-01-01`);
    expect(before.json().version.body.testing.staffIntervalDays).toBe(28);
    expect(after.json().version.body.testing.staffIntervalDays).toBe(14);
    const community = await env.as('admin').get(`/api/sites/${tree.comm1.id}/policy?on=2021-01-01`);
    expect(community.json().version.body.testing.staffIntervalDays).toBe(28);
    const audit = await env.database.pool.query(`select count(*)::int as n from audit_log where action = 'policy.create' and outcome = 'ok'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('refuses an inconsistent policy with the field named', async () => {
    const [current] = (await env.as('admin').get('/api/policies/funeral')).json().versions;
    const body = { ...current.body, supplies: { ...current.body.supplies, floorDays: 90, targetDays: 45 } };
    const res = await env.as('admin').post('/api/policies/funeral', { effectiveFrom: '2021-01-01', body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('body.body.supplies.floorDays');
  });

  it('a policy before the first version is 404 with a reason', async () => {
    const res = await env.as('admin').get(`/api/sites/${tree.elder1.id}/policy?on=2019-01-01`);
    expect(res.statusCode).toBe(404);
  });
});

describe('audit log', () => {
  it('the database refuses to change or remove an entry', async () => {
    await expect(env.database.pool.query(`update audit_log set outcome = 'ok'`)).rejects.toThrow(/append-only/);
    await expect(env.database.pool.query(`delete from audit_log`)).rejects.toThrow(/append-only/);
    await expect(env.database.pool.query(`truncate audit_log`)).rejects.toThrow(/append-only/);
  });

  it('records a denied access to a node outside the scope', async () => {
    await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
    await env.as('officer1').get(`/api/org/nodes/${tree.elder2.id}`);
    const rows = await env.database.pool.query(`select outcome, actor_name from audit_log where action = 'org.read' and target_id = $1`, [tree.elder2.id]);
    expect(rows.rows).toEqual([{ outcome: 'denied', actor_name: 'officer1' }]);
  });

  it('pages with nextBefore and filters by outcome', async () => {
    const first = await env.as('admin').get('/api/audit?limit=2');
    const page = first.json();
    expect(page.entries).toHaveLength(2);
    const next = await env.as('admin').get(`/api/audit?limit=2&before=${page.nextBefore}`);
    expect(Number(next.json().entries[0].id)).toBeLessThan(Number(page.entries[1].id));
    const denied = await env.as('admin').get('/api/audit?outcome=denied');
    expect((denied.json().entries as { outcome: string }[]).every((e) => e.outcome === 'denied')).toBe(true);
  });

  it('names the person who acted, beside the account', async () => {
    await env.database.pool.query(`update users set display_name = '市局管理员' where username = 'admin'`);
    const entries = (await env.as('admin').get('/api/audit?actor=admin&limit=5')).json().entries as { actorName: string; actorDisplayName: string | null }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e).toMatchObject({ actorName: 'admin', actorDisplayName: '市局管理员' });
  });

  it('every action the server records has words in both languages', () => {
    const src = join(import.meta.dirname, '../src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const actions = new Set(files.flatMap((f) => [...readFileSync(join(src, f), 'utf8').matchAll(/action: (?:[a-z]+ \? )?'([a-z_]+\.[a-z_]+)'(?: : '([a-z_]+\.[a-z_]+)')?/g)]
      .flatMap((m) => [m[1], m[2]]).filter((a): a is string => a !== undefined)));
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => !AUDIT_ACTIONS[a])).toEqual([]);
    expect(auditActionLabel('GET /api/org/nodes/:id', 'en')).toBe('Request GET /api/org/nodes/:id');
  });
});
