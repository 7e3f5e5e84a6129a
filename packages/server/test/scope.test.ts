import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, createUser, login, startTestApp, type TestEnv, type Tree, type TreeNode } from './harness.js';

/**
 * Jurisdiction scope over every endpoint that takes or lists scoped data. For each caller the
 * relations are: own node, a child, a sibling, the parent, a node in another town. Seeing
 * anything outside one's subtree must look exactly like a record that does not exist: 404.
 */
type Relation = 'own' | 'child' | 'sibling' | 'parent' | 'otherTown';
const RELATIONS: Relation[] = ['own', 'child', 'sibling', 'parent', 'otherTown'];
const INSIDE: ReadonlySet<Relation> = new Set(['own', 'child']);

interface Caller {
  username: string;
  cookie: string;
  nodes: Partial<Record<Relation, TreeNode>>;
}

let env: TestEnv;
let tree: Tree;
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  env = await startTestApp();
  tree = await buildTree(env.database);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'grid1', [['grid_worker', tree.comm1]]);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  callers.officer1 = { username: 'officer1', cookie: await login(env.app, 'officer1'), nodes: { own: tree.town1, child: tree.elder1, sibling: tree.town2, parent: tree.bureau, otherTown: tree.elder2 } };
  callers.grid1 = { username: 'grid1', cookie: await login(env.app, 'grid1'), nodes: { own: tree.comm1, child: tree.compound1, sibling: tree.elder1, parent: tree.town1, otherTown: tree.elder2 } };
  callers.manager1 = { username: 'manager1', cookie: await login(env.app, 'manager1'), nodes: { own: tree.elder1, sibling: tree.comm1, parent: tree.town1, otherTown: tree.elder2 } };
  callers.admin = { username: 'admin', cookie: await login(env.app, 'admin'), nodes: {} };
});
afterAll(async () => env.close());

function caller(name: string): Caller {
  const c = callers[name];
  if (!c) throw new Error(`no caller ${name}`);
  return c;
}

describe.each(['officer1', 'grid1', 'manager1'])('GET /api/org/nodes/:id as %s', (name) => {
  it.each(RELATIONS)('%s', async (rel) => {
    const c = caller(name);
    const node = c.nodes[rel];
    if (!node) return;
    const res = await env.app.inject({ url: `/api/org/nodes/${node.id}`, headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(INSIDE.has(rel) ? 200 : 404);
    if (INSIDE.has(rel)) expect(res.json().node.id).toBe(node.id);
    else expect(res.json().error.code).toBe('not_found');
  });
});

describe('GET /api/org/nodes lists exactly the subtree', () => {
  it.each([
    ['officer1', () => [tree.town1, tree.elder1, tree.comm1, tree.compound1, tree.building1]],
    ['grid1', () => [tree.comm1, tree.compound1, tree.building1]],
    ['manager1', () => [tree.elder1]],
    ['admin', () => Object.values(tree)],
  ] as const)('%s', async (name, expected) => {
    const res = await env.app.inject({ url: '/api/org/nodes', headers: { cookie: caller(name).cookie } });
    expect(res.statusCode).toBe(200);
    const ids = (res.json().nodes as { id: string }[]).map((n) => n.id).sort();
    expect(ids).toEqual(expected().map((n) => n.id).sort());
  });

  it('filters never widen the scope', async () => {
    const res = await env.app.inject({ url: '/api/org/nodes?kind=site&siteType=elderly_care', headers: { cookie: caller('officer1').cookie } });
    expect((res.json().nodes as { id: string }[]).map((n) => n.id)).toEqual([tree.elder1.id]);
  });

  it('the answer to another town\'s id is the same as to an id that never existed', async () => {
    const c = caller('officer1');
    const outside = await env.app.inject({ url: `/api/org/nodes/${tree.elder2.id}`, headers: { cookie: c.cookie } });
    const missing = await env.app.inject({ url: `/api/org/nodes/${crypto.randomUUID()}`, headers: { cookie: c.cookie } });
    expect(outside.statusCode).toBe(missing.statusCode);
    expect(outside.json().error.code).toBe(missing.json().error.code);
    expect(outside.json().error.message).toBe(missing.json().error.message);
  });

  it('ancestors above the caller\'s node are not revealed', async () => {
    const res = await env.app.inject({ url: `/api/org/nodes/${tree.elder1.id}`, headers: { cookie: caller('officer1').cookie } });
    const ids = (res.json().ancestors as { id: string }[]).map((a) => a.id);
    expect(ids).toEqual([tree.town1.id]);
  });
});

describe.each(['officer1'])('POST /api/org/nodes under each relation as %s', (name) => {
  const childKind: Record<Relation, { kind: string; siteType?: string } | null> = {
    own: { kind: 'site', siteType: 'funeral' },
    child: null, // an elderly-care site takes no children; covered for the grid worker's compound below
    sibling: { kind: 'site', siteType: 'funeral' },
    parent: { kind: 'town' },
    otherTown: null,
  };
  it.each(RELATIONS)('%s', async (rel) => {
    const c = caller(name);
    const node = c.nodes[rel];
    const spec = childKind[rel];
    if (!node || !spec) return;
    const res = await env.app.inject({
      method: 'POST', url: '/api/org/nodes', headers: { cookie: c.cookie },
      payload: { parentId: node.id, name: `新节点-${rel}`, ...spec },
    });
    expect(res.statusCode).toBe(INSIDE.has(rel) ? 201 : 404);
  });

  it('a community compound takes a building (child of a child)', async () => {
    const c = caller(name);
    const res = await env.app.inject({
      method: 'POST', url: '/api/org/nodes', headers: { cookie: c.cookie },
      payload: { parentId: tree.compound1.id, name: '3号楼', kind: 'building' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().node.path.startsWith(tree.compound1.path)).toBe(true);
  });

  it('a node in another town answers 404 to a create under it', async () => {
    const res = await env.app.inject({
      method: 'POST', url: '/api/org/nodes', headers: { cookie: caller(name).cookie },
      payload: { parentId: tree.elder2.id, name: 'x', kind: 'compound' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe.each(['officer1', 'grid1'])('PATCH /api/org/nodes/:id as %s', (name) => {
  it.each(RELATIONS)('%s', async (rel) => {
    const c = caller(name);
    const node = c.nodes[rel];
    if (!node) return;
    const res = await env.app.inject({
      method: 'PATCH', url: `/api/org/nodes/${node.id}`, headers: { cookie: c.cookie }, payload: { address: `地址-${name}-${rel}` },
    });
    // Inside: the officer may manage (200); a grid worker may see but not manage (403). Outside: 404.
    const expected = !INSIDE.has(rel) ? 404 : name === 'officer1' ? 200 : 403;
    expect(res.statusCode).toBe(expected);
  });
});

describe.each(['manager1', 'grid1'])('GET /api/sites/:id/policy as %s', (name) => {
  it.each(RELATIONS)('%s', async (rel) => {
    const c = caller(name);
    const node = c.nodes[rel];
    if (!node) return;
    const res = await env.app.inject({ url: `/api/sites/${node.id}/policy`, headers: { cookie: c.cookie } });
    if (!INSIDE.has(rel)) {
      expect(res.statusCode).toBe(404);
      return;
    }
    // The grid worker's child is a compound, which has no policy of its own.
    expect(res.statusCode).toBe(rel === 'own' ? 200 : 404);
  });
});

describe('risk areas', () => {
  it('POST with a node outside the scope answers 404; a bureau officer places one anywhere', async () => {
    await createUser(env.database, 'officerB', [['bureau_officer', tree.bureau]]);
    const cookie = await login(env.app, 'officerB');
    const ok = await env.app.inject({
      method: 'POST', url: '/api/org/risk-areas', headers: { cookie },
      payload: { nodeId: tree.town2.id, regionName: '二号镇', level: 'medium', effectiveFrom: '2020-11-01' },
    });
    expect(ok.statusCode).toBe(201);
    const elsewhere = await env.app.inject({
      method: 'POST', url: '/api/org/risk-areas', headers: { cookie },
      payload: { regionName: '外省某区', level: 'high', effectiveFrom: '2020-11-01' },
    });
    expect(elsewhere.statusCode).toBe(201);
    // A town officer may not manage risk levels at all.
    const denied = await env.app.inject({
      method: 'POST', url: '/api/org/risk-areas', headers: { cookie: caller('officer1').cookie },
      payload: { nodeId: tree.town1.id, regionName: '一号镇', level: 'high', effectiveFrom: '2020-11-01' },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('GET lists areas elsewhere and in scope, never another town\'s', async () => {
    const res = await env.app.inject({ url: '/api/org/risk-areas', headers: { cookie: caller('officer1').cookie } });
    const names = (res.json().areas as { regionName: string }[]).map((a) => a.regionName);
    expect(names).toContain('外省某区');
    expect(names).not.toContain('二号镇');
  });

  it('a node inherits the highest level of the areas above it', async () => {
    const res = await env.app.inject({ url: `/api/org/nodes/${tree.elder2.id}`, headers: { cookie: caller('admin').cookie } });
    expect(res.json().riskLevel).toBe('medium');
    const calm = await env.app.inject({ url: `/api/org/nodes/${tree.elder1.id}`, headers: { cookie: caller('admin').cookie } });
    expect(calm.json().riskLevel).toBe('low');
  });
});

describe('policies are city-wide', () => {
  it('every role with policy.read reads them; only a bureau admin issues a version', async () => {
    for (const name of ['officer1', 'grid1', 'manager1', 'admin']) {
      const res = await env.app.inject({ url: '/api/policies', headers: { cookie: caller(name).cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.json().policies).toHaveLength(5);
    }
    const current = (await env.app.inject({ url: '/api/policies/elderly_care', headers: { cookie: caller('admin').cookie } })).json().versions[0];
    for (const name of ['officer1', 'manager1']) {
      const res = await env.app.inject({
        method: 'POST', url: '/api/policies/elderly_care', headers: { cookie: caller(name).cookie },
        payload: { effectiveFrom: '2030-01-01', body: current.body },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('GET /api/audit', () => {
  it('a town officer reads entries about their town only; a site manager not at all', async () => {
    const officer = await env.app.inject({ url: '/api/audit?limit=500', headers: { cookie: caller('officer1').cookie } });
    expect(officer.statusCode).toBe(200);
    const entries = officer.json().entries as { targetId: string | null; action: string; actorName: string | null }[];
    expect(entries.length).toBeGreaterThan(0);
    // Sign-ins are filed under the user's node: the officer sees those of their town, not the bureau's.
    expect(entries.some((e) => e.action === 'auth.login' && e.actorName === 'officer1')).toBe(true);
    expect(entries.some((e) => e.action === 'auth.login' && e.actorName === 'grid1')).toBe(true);
    expect(entries.some((e) => e.action === 'auth.login' && e.actorName === 'admin')).toBe(false);
    expect(entries.some((e) => e.targetId === tree.town2.id || e.targetId === tree.elder2.id)).toBe(false);
    const manager = await env.app.inject({ url: '/api/audit', headers: { cookie: caller('manager1').cookie } });
    expect(manager.statusCode).toBe(403);
  });

  it('a bureau admin reads everything, sign-ins included', async () => {
    const res = await env.app.inject({ url: '/api/audit?limit=500', headers: { cookie: caller('admin').cookie } });
    const actions = (res.json().entries as { action: string }[]).map((e) => e.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('org.update');
  });
});
