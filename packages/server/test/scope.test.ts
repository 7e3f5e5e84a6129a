import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, createUser, startTestApp, type Client, type TestEnv, type Tree, type TreeNode } from './harness.js';

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
  client: Client;
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
  callers.officer1 = { username: 'officer1', client: env.as('officer1'), nodes: { own: tree.town1, child: tree.elder1, sibling: tree.town2, parent: tree.bureau, otherTown: tree.elder2 } };
  callers.grid1 = { username: 'grid1', client: env.as('grid1'), nodes: { own: tree.comm1, child: tree.compound1, sibling: tree.elder1, parent: tree.town1, otherTown: tree.elder2 } };
  callers.manager1 = { username: 'manager1', client: env.as('manager1'), nodes: { own: tree.elder1, sibling: tree.comm1, parent: tree.town1, otherTown: tree.elder2 } };
  callers.admin = { username: 'admin', client: env.as('admin'), nodes: {} };
  await env.signIn('officer1', 'grid1', 'manager1', 'admin');
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
    const res = await c.client.get(`/api/org/nodes/${node.id}`);
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
    const res = await caller(name).client.get('/api/org/nodes');
    expect(res.statusCode).toBe(200);
    const ids = (res.json().nodes as { id: string }[]).map((n) => n.id).sort();
    expect(ids).toEqual(expected().map((n) => n.id).sort());
  });

  it('filters never widen the scope', async () => {
    const res = await caller('officer1').client.get('/api/org/nodes?kind=site&siteType=elderly_care');
    expect((res.json().nodes as { id: string }[]).map((n) => n.id)).toEqual([tree.elder1.id]);
  });

  it('the answer to another town\'s id is the same as to an id that never existed', async () => {
    const c = caller('officer1');
    const outside = await c.client.get(`/api/org/nodes/${tree.elder2.id}`);
    const missing = await c.client.get(`/api/org/nodes/${crypto.randomUUID()}`);
    expect(outside.statusCode).toBe(missing.statusCode);
    expect(outside.json().error.code).toBe(missing.json().error.code);
    expect(outside.json().error.message).toBe(missing.json().error.message);
  });

  it('ancestors above the caller\'s node are not revealed', async () => {
    const res = await caller('officer1').client.get(`/api/org/nodes/${tree.elder1.id}`);
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
    const res = await c.client.post('/api/org/nodes', { parentId: node.id, name: `新节点-${rel}`, ...spec });
    expect(res.statusCode).toBe(INSIDE.has(rel) ? 201 : 404);
  });

  it('a community compound takes a building (child of a child)', async () => {
    const c = caller(name);
    const res = await c.client.post('/api/org/nodes', { parentId: tree.compound1.id, name: '3号楼', kind: 'building' });
    expect(res.statusCode).toBe(201);
    expect(res.json().node.path.startsWith(tree.compound1.path)).toBe(true);
  });

  it('a node in another town answers 404 to a create under it', async () => {
    const res = await caller(name).client.post('/api/org/nodes', { parentId: tree.elder2.id, name: 'x', kind: 'compound' });
    expect(res.statusCode).toBe(404);
  });
});

describe.each(['officer1', 'grid1'])('PATCH /api/org/nodes/:id as %s', (name) => {
  it.each(RELATIONS)('%s', async (rel) => {
    const c = caller(name);
    const node = c.nodes[rel];
    if (!node) return;
    const res = await c.client.patch(`/api/org/nodes/${node.id}`, { address: `地址-${name}-${rel}` });
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
    const res = await c.client.get(`/api/sites/${node.id}/policy`);
    if (!INSIDE.has(rel)) {
      expect(res.statusCode).toBe(404);
      return;
    }
    // The grid worker's child is a compound, which has no policy of its own.
    expect(res.statusCode).toBe(rel === 'own' ? 200 : 404);
  });
});

describe('risk areas', () => {
  const town2Area = () => ({ nodeId: tree.town2.id, regionName: '二号镇', level: 'medium', effectiveFrom: '2020-11-01' });
  const elsewhereArea = { regionName: '外省某区', level: 'high', effectiveFrom: '2020-11-01' };
  // The areas the listing and the levels below read, whichever of these tests runs.
  beforeAll(async () => {
    await createUser(env.database, 'officerB', [['bureau_officer', tree.bureau]]);
    for (const area of [town2Area(), elsewhereArea]) expect((await env.as('officerB').post('/api/org/risk-areas', area)).statusCode).toBe(201);
  });

  it('POST with a node outside the scope answers 404; a bureau officer places one anywhere', async () => {
    const officerB = env.as('officerB');
    const ok = await officerB.post('/api/org/risk-areas', town2Area());
    expect(ok.statusCode).toBe(201);
    const elsewhere = await officerB.post('/api/org/risk-areas', elsewhereArea);
    expect(elsewhere.statusCode).toBe(201);
    // A town officer may not manage risk levels at all.
    const denied = await caller('officer1').client.post('/api/org/risk-areas', { nodeId: tree.town1.id, regionName: '一号镇', level: 'high', effectiveFrom: '2020-11-01' });
    expect(denied.statusCode).toBe(403);
  });

  it('GET lists areas elsewhere and in scope, never another town\'s', async () => {
    const res = await caller('officer1').client.get('/api/org/risk-areas');
    const names = (res.json().areas as { regionName: string }[]).map((a) => a.regionName);
    expect(names).toContain('外省某区');
    expect(names).not.toContain('二号镇');
  });

  it('a node inherits the highest level of the areas above it', async () => {
    const res = await caller('admin').client.get(`/api/org/nodes/${tree.elder2.id}`);
    expect(res.json().riskLevel).toBe('medium');
    const calm = await caller('admin').client.get(`/api/org/nodes/${tree.elder1.id}`);
    expect(calm.json().riskLevel).toBe('low');
  });
});

describe('policies are city-wide', () => {
  it('every role with policy.read reads them; only a bureau admin issues a version', async () => {
    for (const name of ['officer1', 'grid1', 'manager1', 'admin']) {
      const res = await caller(name).client.get('/api/policies');
      expect(res.statusCode).toBe(200);
      expect(res.json().policies).toHaveLength(5);
    }
    const current = (await caller('admin').client.get('/api/policies/elderly_care')).json().versions[0];
    for (const name of ['officer1', 'manager1']) {
      const res = await caller(name).client.post('/api/policies/elderly_care', { effectiveFrom: '2030-01-01', body: current.body });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('GET /api/audit', () => {
  it('a town officer reads entries about their town only; a site manager not at all', async () => {
    const officer = await caller('officer1').client.get('/api/audit?limit=500');
    expect(officer.statusCode).toBe(200);
    const entries = officer.json().entries as { targetId: string | null; action: string; actorName: string | null }[];
    expect(entries.length).toBeGreaterThan(0);
    // Sign-ins are filed under the user's node: the officer sees those of their town, not the bureau's.
    expect(entries.some((e) => e.action === 'auth.login' && e.actorName === 'officer1')).toBe(true);
    expect(entries.some((e) => e.action === 'auth.login' && e.actorName === 'grid1')).toBe(true);
    expect(entries.some((e) => e.action === 'auth.login' && e.actorName === 'admin')).toBe(false);
    expect(entries.some((e) => e.targetId === tree.town2.id || e.targetId === tree.elder2.id)).toBe(false);
    const manager = await caller('manager1').client.get('/api/audit');
    expect(manager.statusCode).toBe(403);
  });

  it('a bureau admin reads everything, sign-ins included', async () => {
    expect((await caller('officer1').client.patch(`/api/org/nodes/${tree.elder1.id}`, { address: '一号镇康宁路1号' })).statusCode).toBe(200);
    const res = await caller('admin').client.get('/api/audit?limit=500');
    const actions = (res.json().entries as { action: string }[]).map((e) => e.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('org.update');
  });
});
