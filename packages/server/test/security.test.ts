import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleGrants, type Permission, type Role } from '@fangkong/domain';
import { buildTree, createUser, PASSWORD, startTestApp, type TestEnv, type Tree } from './harness.js';

let env: TestEnv;
let tree: Tree;

beforeAll(async () => {
  env = await startTestApp({ PUBLIC_URL: 'https://fk.example.gov.cn' });
  tree = await buildTree(env.database);
  // Each role bound where the demo binds it.
  const at: Record<Role, Tree[keyof Tree]> = {
    bureau_admin: tree.bureau, bureau_officer: tree.bureau, town_officer: tree.town1, site_manager: tree.elder1, site_staff: tree.elder1,
    grid_worker: tree.comm1, volunteer: tree.elder1, inspector: tree.town1,
  };
  for (const role of ROLES) {
    await createUser(env.database, role, [[role, at[role]]]);
  }
  await env.signIn(...ROLES);
});
afterAll(async () => env.close());

describe('every list needs its read permission (issue 15, item 9)', () => {
  // Every collection of the API and the permission that reads it.
  const LISTS: [string, Permission][] = [
    ['/api/people', 'people.read'], ['/api/people/export', 'people.read'],
    ['/api/alerts', 'health.read'], ['/api/alerts/count', 'health.read'], ['/api/placements', 'health.read'], ['/api/coverage', 'health.read'],
    ['/api/org/nodes', 'org.read'], ['/api/org/risk-areas', 'org.read'], ['/api/policies', 'policy.read'],
    ['/api/incidents', 'incidents.read'], ['/api/incidents/overview', 'incidents.read'], ['/api/incidents/export', 'incidents.read'],
    ['/api/audit', 'audit.read'], ['/api/notification-rules', 'notifications.manage'], ['/api/outbox', 'notifications.manage'],
    ['/api/tests', 'testing.read'], ['/api/tests/export', 'testing.read'], ['/api/tests/due', 'testing.read'], ['/api/tests/due/export', 'testing.read'],
    ['/api/tests/compliance', 'testing.read'], ['/api/test-sessions', 'testing.read'],
    ['/api/supplies/items', 'supplies.read'], ['/api/supplies/ledger', 'supplies.read'], ['/api/supplies/overview', 'supplies.read'],
    ['/api/supplies/orders', 'supplies.read'], ['/api/supplies/orders/export', 'supplies.read'],
    ['/api/visits', 'visits.read'], ['/api/visits/export', 'visits.read'], ['/api/visits/stats', 'visits.read'],
  ];

  it.each(LISTS)('%s: 403 for a role without %s, 200 for one with it', async (url, permission) => {
    const answers = await Promise.all(ROLES.map(async (role) => [role, (await env.as(role).get(url)).statusCode] as const));
    expect(Object.fromEntries(answers)).toEqual(Object.fromEntries(ROLES.map((role) => [role, roleGrants(role, permission) ? 200 : 403])));
  });

  it('a volunteer is refused the lists of people, alerts and placements, not shown them empty', async () => {
    for (const url of ['/api/people', '/api/alerts', '/api/placements']) {
      const res = await env.as('volunteer').get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });
});

describe('state-changing requests from another site are refused (issue 15, item 9)', () => {
  const signIn = (headers: Record<string, string>) =>
    env.app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: '10.0.0.5:3000', ...headers }, payload: { username: 'site_staff', password: PASSWORD } });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling app of the same domain)', { 'sec-fetch-site': 'same-site' }],
    ['an Origin of another host', { origin: 'https://evil.example' }],
    ['an Origin of the same host on another port', { origin: 'http://10.0.0.5:8080' }],
    ['Origin: null (a sandboxed frame)', { origin: 'null' }],
  ])('%s → 403', async (_name, headers) => {
    const res = await signIn(headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden', message: '请求来自其他网站，已拒绝；请在本系统的页面中操作' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('the message comes in English too', async () => {
    const res = await signIn({ origin: 'https://evil.example', 'accept-language': 'en' });
    expect(res.json().error.message).toBe('The request comes from another site and is refused; use this app\'s own pages');
  });

  it.each([
    ['the app\'s own page', { origin: 'http://10.0.0.5:3000', 'sec-fetch-site': 'same-origin' }],
    ['the public address in front of a proxy', { origin: 'https://fk.example.gov.cn', 'sec-fetch-site': 'same-origin' }],
    ['a typed address or bookmark', { 'sec-fetch-site': 'none' }],
    ['no browser headers at all (curl, another server)', {}],
  ])('%s passes', async (_name, headers) => {
    expect((await signIn(headers)).statusCode).toBe(200);
  });

  it('a cross-site read changes nothing and is not refused; a cross-site change on a session is', async () => {
    const manager = env.as('site_manager');
    const read = await manager.get('/api/people', { 'sec-fetch-site': 'cross-site' });
    expect(read.statusCode).toBe(200);
    const write = await manager.post('/api/people', { siteId: tree.elder1.id, name: '张三', kind: 'resident', idUnknown: true }, { origin: 'https://evil.example' });
    expect(write.statusCode).toBe(403);
    const listed = await manager.get('/api/people');
    expect(listed.json().total).toBe(0);
  });
});
