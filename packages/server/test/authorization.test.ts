import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMinute, roleGrants, type Role } from '@fangkong/domain';
import {
  apiRoutes, buildTree, countWrites, createUser, fillPath, newAlert, newAttachment, newDeadLetter, newIncident, newLabImport, newNotification,
  newPerson, newPlacement, newRoom, newRule, newSession, newSupplyItem, newTest, newVisit,
  startTestApp, type ApiRoute, type Client, type InjectResponse, type TestEnv, type Tree, type TreeNode,
} from './harness.js';
import type { Factory, Made, Place } from './support/route-factory.js';
import { funeralFactories } from './support/funeral-factories.js';

/*
 * Who may touch what, for every route whose path names a record, generated from the routes of the
 * API description. A record is made in another town (town2), and every role bound in town1 asks
 * for it with a valid request: the answer is 404 (403 where the role lacks the route's permission
 * anyway), it holds nothing of the record, and nothing is written. The bureau officer, bound at the
 * root, reads what it may and is refused the rest. A role bound where the record lies but without
 * the permission is told 403. The same request by someone who may make it then succeeds, which
 * shows the refusals were about the caller, not the request. A route with an id that the table
 * below does not know fails the test: add a factory or an exception.
 */

/** Path parameters that name no record: a type of site, a step of an alert, a day. */
const NOT_IDS = new Set(['siteType', 'step', 'date']);

/** Routes with an id that are not covered here, with the reason. */
const EXCEPTIONS: Readonly<Record<string, string>> = {
  'GET /api/public/sites/{token}': 'public (the site link is the credential): a wrong token is a 404, below',
  'POST /api/public/sites/{token}/visits': 'public (the site link is the credential): a wrong token is a 404 and writes nothing, below',
  'GET /api/public/sites/{token}/visits/{code}': "public: another site's code through this site's link is a 404, below",
  'GET /api/public/mourning/{token}': "public (the register's link is the credential): a wrong token is a 404 (funeral-register.test.ts)",
  'POST /api/public/mourning/{token}/mourners': "public (the register's link is the credential): a wrong token is a 404 and writes nothing (funeral-register.test.ts)",
};

/** The roles of the demo bound in town1 (at the node each is bound to in the demo), and the bureau officer at the root. */
const CALLERS: readonly { role: Role; at: keyof Tree }[] = [
  { role: 'town_officer', at: 'town1' },
  { role: 'site_manager', at: 'elder1' },
  { role: 'site_staff', at: 'elder1' },
  { role: 'grid_worker', at: 'comm1' },
  { role: 'volunteer', at: 'town1' },
  { role: 'inspector', at: 'town1' },
  { role: 'bureau_officer', at: 'bureau' },
];

let env: TestEnv;
let tree: Tree;
let officer2: Client & { id: string };
let officer1: Client & { id: string };
let writes: () => Promise<string>;
let requests = 0;
const clients = new Map<Role, Client>();
const routes = new Map<string, ApiRoute>();
/** The answers to refused requests, by what was owed. */
const answered = new Map<string, number[]>();
/** Refusals in the caller's own town answered 404: roles that may not read that kind of record at all. */
const hiddenAtHome: string[] = [];

const anHourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 2)]);

async function person(at: Place, overrides = {}) {
  return newPerson(env, at.site, { kind: 'staff', joinedOn: '2024-01-01', ...overrides });
}
async function alertAt(at: Place) {
  const p = await person(at);
  return { person: p, alert: await newAlert(env, p.id) };
}
async function incidentAt(at: Place) {
  const p = await person(at);
  return newIncident(env, at.site, { personIds: [p.id] });
}
async function sessionAt(at: Place) {
  const p = await person(at);
  const s = await newSession(env, at.town, [at.site], { selection: 'all_required' });
  return { person: p, ...s };
}
const site = (at: Place): Made => ({ params: { id: at.site.id }, records: [at.site] });
/** An account of a member of staff at the place's site (the answer, never its one-time password). */
async function accountAt(at: Place, body?: object): Promise<Made> {
  const res = await env.as('admin').post('/api/accounts', {
    username: `acct-${randomUUID().slice(0, 8)}`, displayName: `${at.site.name}护理员`, roles: [{ role: 'site_staff', nodeId: at.site.id }] });
  if (res.statusCode !== 201) throw new Error(`account: ${res.statusCode} ${res.body}`);
  const { account } = res.json<{ account: { id: string } }>();
  return { params: { id: account.id }, ...(body ? { body } : {}), records: [account] };
}

/** One way to make a record for each route that names one, keyed by the route as the API description names it. */
const FACTORIES: Readonly<Record<string, Factory>> = {
  'GET /api/org/nodes/{id}': { permission: 'org.read', make: async (at) => site(at) },
  'PATCH /api/org/nodes/{id}': { permission: 'org.manage', sees: 'org.read', make: async (at) => ({ ...site(at), body: { capacity: 30 } }) },
  'PATCH /api/org/risk-areas/{id}': {
    permission: 'risk.manage', sees: 'org.read',
    make: async (at) => {
      const res = await env.as('admin').post('/api/org/risk-areas', { nodeId: at.site.id, regionName: `${at.site.name}周边`, level: 'medium', effectiveFrom: '2026-01-01' });
      if (res.statusCode !== 201) throw new Error(res.body);
      const area = res.json().area as { id: string };
      return { params: { id: area.id }, body: { effectiveTo: '2026-02-01' }, records: [area] };
    },
  },
  'GET /api/sites/{id}/policy': { permission: 'policy.read', sees: 'org.read', make: async (at) => site(at) },
  'GET /api/sites/{id}/rounds/{date}': { permission: 'health.read', sees: 'org.read', make: async (at) => ({ params: { id: at.site.id, date: 'today' }, records: [at.site] }) },
  'GET /api/sites/{id}/rooms': { permission: 'health.read', sees: 'org.read', make: async (at) => site(at) },
  'GET /api/sites/{id}/visitor-link': { permission: 'visits.read', sees: 'org.read', make: async (at) => site(at) },
  'POST /api/sites/{id}/visitor-link/rotate': { permission: 'visits.manage', sees: 'org.read', make: async (at) => site(at) },
  'GET /api/sites/{id}/gate': { permission: 'visits.read', sees: 'org.read', make: async (at) => site(at) },
  'GET /api/sites/{id}/supplies': { permission: 'supplies.read', sees: 'org.read', make: async (at) => site(at) },

  'GET /api/people/{id}': { permission: 'people.read', make: async (at) => { const p = await person(at); return { params: { id: p.id }, records: [p] }; } },
  'PATCH /api/people/{id}': {
    permission: 'people.write', sees: 'people.read',
    make: async (at) => { const p = await person(at); return { params: { id: p.id }, body: { notes: '走访' }, records: [p] }; },
  },
  'POST /api/people/{id}/reveal': {
    permission: 'people.reveal', sees: 'people.read',
    make: async (at) => { const p = await person(at, { phone: '13912345678' }); return { params: { id: p.id }, records: [p] }; },
  },
  'POST /api/people/{id}/join': {
    permission: 'people.write', sees: 'people.read',
    make: async (at) => {
      const p = await newPerson(env, at.site, { kind: 'resident', newIntake: true });
      return { params: { id: p.id }, body: { overrideReason: '紧急安置，次日补检' }, records: [p] };
    },
  },
  'GET /api/people/{id}/readings': { permission: 'health.read', make: async (at) => { const { person: p, alert } = await alertAt(at); return { params: { id: p.id }, records: [p, alert] }; } },

  'GET /api/alerts/{id}': { permission: 'health.read', make: async (at) => { const { person: p, alert } = await alertAt(at); return { params: { id: alert.id }, records: [p, alert] }; } },
  'POST /api/alerts/{id}/steps/{step}': {
    permission: 'isolation.act', sees: 'health.read',
    make: async (at) => { const { person: p, alert } = await alertAt(at); return { params: { id: alert.id, step: 'isolate' }, body: { note: '已隔离' }, records: [p, alert] }; },
  },
  'POST /api/alerts/{id}/report': {
    permission: 'isolation.manage', sees: 'health.read',
    make: async (at) => { const { person: p, alert } = await alertAt(at); return { params: { id: alert.id }, body: { note: '已上报' }, records: [p, alert] }; },
  },
  'POST /api/alerts/{id}/report/outside': {
    permission: 'isolation.act', sees: 'health.read',
    make: async (at) => {
      const { person: p, alert } = await alertAt(at);
      return { params: { id: alert.id }, body: { to: 'health_department', how: 'phone', contact: '疾控值班室' }, records: [p, alert] };
    },
  },
  'POST /api/alerts/{id}/close': {
    permission: 'isolation.manage', sees: 'health.read',
    make: async (at) => {
      const { person: p, alert } = await alertAt(at);
      // An alert closes only once its report up has gone (R2.4).
      const reported = await env.as('admin').post(`/api/alerts/${alert.id}/report`, {});
      if (reported.statusCode !== 200) throw new Error(reported.body);
      return { params: { id: alert.id }, body: { reason: '复测体温正常' }, records: [p, alert] };
    },
  },

  'PATCH /api/rooms/{id}': {
    permission: 'isolation.manage', sees: 'health.read',
    make: async (at) => { const r = await newRoom(env, at.site); return { params: { id: r.id }, body: { note: '已通风' }, records: [r] }; },
  },
  'POST /api/placements/{id}/end': {
    permission: 'isolation.act', sees: 'health.read',
    make: async (at) => {
      const p = await person(at);
      const r = await newRoom(env, at.site);
      const pl = await newPlacement(env, p.id, r.id);
      return { params: { id: pl.id }, body: { outcome: 'sent_to_hospital' }, records: [p, r, pl] };
    },
  },

  'POST /api/visits/{id}/screen': {
    permission: 'visits.screen', sees: 'visits.read',
    make: async (at) => { const v = await newVisit(env, at.site); return { params: { id: v.id }, body: { temperature: 36.5, mask: true, healthCode: 'green' }, records: [v] }; },
  },
  'POST /api/visits/{id}/checkout': {
    permission: 'visits.screen', sees: 'visits.read',
    make: async (at) => {
      const v = await newVisit(env, at.site);
      const screened = await env.as('admin').post(`/api/visits/${v.id}/screen`, { temperature: 36.5, mask: true, healthCode: 'green' });
      if (screened.statusCode !== 200) throw new Error(screened.body);
      return { params: { id: v.id }, records: [v] };
    },
  },

  'POST /api/tests/{id}/result': {
    permission: 'testing.write', sees: 'testing.read',
    make: async (at) => { const p = await person(at); const t = await newTest(env, p.id); return { params: { id: t.id }, body: { result: 'negative' }, records: [p, t] }; },
  },
  'GET /api/test-sessions/{id}': { permission: 'testing.read', ofTown: true, make: async (at) => { const s = await sessionAt(at); return { params: { id: s.session.id }, records: [s] }; } },
  'GET /api/test-sessions/{id}/export': { permission: 'testing.read', ofTown: true, make: async (at) => { const s = await sessionAt(at); return { params: { id: s.session.id }, records: [s] }; } },
  'POST /api/test-sessions/{id}/entries': {
    permission: 'testing.write', sees: 'testing.read', ofTown: true,
    make: async (at) => {
      const s = await sessionAt(at);
      return { params: { id: s.session.id }, body: { entries: [{ personId: s.person.id, attended: true, sampledAt: anHourAgo() }] }, records: [s] };
    },
  },
  'DELETE /api/test-sessions/{id}/people/{personId}': {
    permission: 'testing.organize', sees: 'testing.read', ofTown: true,
    make: async (at) => { const s = await sessionAt(at); return { params: { id: s.session.id, personId: s.person.id }, records: [s] }; },
    mixed: (own, foreign) => ({ ...own, params: { id: own.params.id ?? '', personId: foreign.params.personId ?? '' }, records: foreign.records }),
  },
  'GET /api/tests/imports/{id}': {
    permission: 'testing.write', owned: true,
    make: async (at) => {
      const p = await person(at, { name: '化验对象' });
      const imp = await newLabImport(env, at.officer, [{ name: p.name, sampledAt: localMinute(new Date(Date.now() - 3_600_000), 'Asia/Shanghai'), result: '阴性' }]);
      return { params: { id: imp.id }, records: [p, imp] };
    },
    control: 'officer',
  },
  'POST /api/tests/imports/{id}/commit': {
    permission: 'testing.write', owned: true,
    make: async (at) => {
      const p = await person(at, { name: '化验对象' });
      const imp = await newLabImport(env, at.officer, [{ name: p.name, sampledAt: localMinute(new Date(Date.now() - 3_600_000), 'Asia/Shanghai'), result: '阴性' }]);
      return { params: { id: imp.id }, body: { onlyValid: true }, records: [p, imp] };
    },
    control: 'officer',
  },

  'PATCH /api/supplies/items/{id}': {
    permission: 'supplies.catalogue', sees: 'supplies.read', cityWide: true,
    make: async () => { const item = await newSupplyItem(env); return { params: { id: item.id }, body: { unit: '盒' }, records: [item] }; },
  },

  'GET /api/incidents/{id}': { permission: 'incidents.read', make: async (at) => { const i = await incidentAt(at); return { params: { id: i.id }, records: [i] }; } },
  'GET /api/incidents/{id}/timeline': { permission: 'incidents.read', make: async (at) => { const i = await incidentAt(at); return { params: { id: i.id }, records: [i] }; } },
  'GET /api/incidents/{id}/notices': { permission: 'incidents.read', make: async (at) => { const i = await incidentAt(at); return { params: { id: i.id }, records: [i] }; } },
  'GET /api/incidents/{id}/attachments': {
    permission: 'incidents.read',
    make: async (at) => { const i = await incidentAt(at); const a = await newAttachment(env, i.id); return { params: { id: i.id }, records: [i, a] }; },
  },
  'GET /api/incidents/{id}/attachments/{attachmentId}': {
    permission: 'incidents.read',
    make: async (at) => { const i = await incidentAt(at); const a = await newAttachment(env, i.id); return { params: { id: i.id, attachmentId: a.id }, records: [i, a] }; },
    mixed: (own, foreign) => ({ ...own, params: { id: own.params.id ?? '', attachmentId: foreign.params.attachmentId ?? '' }, records: foreign.records }),
  },
  'POST /api/incidents/{id}/attachments': {
    permission: 'incidents.act', sees: 'incidents.read',
    make: async (at) => { const i = await incidentAt(at); return { params: { id: i.id }, file: { bytes: PNG, type: 'image/png', name: '现场.png' }, records: [i] }; },
  },
  'POST /api/incidents/{id}/actions': {
    permission: 'incidents.act', sees: 'incidents.read',
    make: async (at) => { const i = await incidentAt(at); return { params: { id: i.id }, body: { action: 'disinfected', note: '全面消杀' }, records: [i] }; },
  },
  'POST /api/incidents/{id}/close': {
    permission: 'incidents.act', sees: 'incidents.read',
    make: async (at) => { const i = await incidentAt(at); return { params: { id: i.id }, body: { outcome: '排除疑似' }, records: [i] }; },
  },
  'POST /api/incidents/{id}/steps/{stepId}/ack': {
    permission: 'incidents.ack', sees: 'incidents.read',
    make: async (at) => {
      const i = await incidentAt(at);
      const step = i.steps.find((s) => s.to === 'town');
      return { params: { id: i.id, stepId: step?.id ?? '' }, body: { note: '已收到' }, records: [i] };
    },
    mixed: (own, foreign) => ({ ...own, params: { id: own.params.id ?? '', stepId: foreign.params.stepId ?? '' }, records: foreign.records }),
    // Only the receiving level acknowledges a step: the town's own officer.
    control: 'officer',
  },
  'POST /api/incidents/{id}/steps/{stepId}/notified': {
    permission: 'incidents.act', sees: 'incidents.read',
    make: async (at) => {
      const i = await incidentAt(at);
      const step = i.steps.find((s) => s.to === 'health_department');
      return { params: { id: i.id, stepId: step?.id ?? '' }, body: { how: 'phone', contact: '疾控值班室' }, records: [i] };
    },
    mixed: (own, foreign) => ({ ...own, params: { id: own.params.id ?? '', stepId: foreign.params.stepId ?? '' }, records: foreign.records }),
  },

  'POST /api/notifications/{id}/read': {
    // A message of the town's officer: everyone may read their own messages, nobody another's.
    permission: 'org.read', owned: true,
    make: async (at) => ({ params: { id: await newNotification(env, at.officer.id, `${at.town.name}发热通知`) }, records: [] }),
    control: 'officer',
  },
  'PATCH /api/notification-rules/{id}': {
    permission: 'notifications.manage',
    make: async (at) => { const r = await newRule(env, at.site); return { params: { id: r.id }, body: { enabled: false }, records: [r] }; },
  },
  'DELETE /api/notification-rules/{id}': {
    permission: 'notifications.manage',
    make: async (at) => { const r = await newRule(env, at.site); return { params: { id: r.id }, records: [r] }; },
  },
  'POST /api/notification-rules/{id}/test': {
    permission: 'notifications.manage',
    make: async (at) => { const r = await newRule(env, at.site); return { params: { id: r.id }, records: [r] }; },
  },
  'GET /api/accounts/{id}': { permission: 'users.read', make: async (at) => accountAt(at) },
  'PATCH /api/accounts/{id}': { permission: 'users.manage', sees: 'users.read', make: async (at) => accountAt(at, { displayName: '改名' }) },
  'POST /api/accounts/{id}/reset-password': { permission: 'users.manage', sees: 'users.read', make: async (at) => accountAt(at) },
  'POST /api/accounts/{id}/end-sessions': { permission: 'users.manage', sees: 'users.read', make: async (at) => accountAt(at) },
  'POST /api/accounts/{id}/unlock': { permission: 'users.manage', sees: 'users.read', make: async (at) => accountAt(at) },
  'POST /api/accounts/{id}/reset-two-factor': { permission: 'users.manage', sees: 'users.read', make: async (at) => accountAt(at) },
  'POST /api/outbox/{id}/retry': {
    permission: 'notifications.manage',
    make: async (at) => ({ params: { id: await newDeadLetter(env, at.site.path) }, records: [] }),
  },
  ...funeralFactories(() => env),
};

beforeAll(async () => {
  env = await startTestApp({ TIME_ZONE: 'Asia/Shanghai', PUBLIC_RATE_PER_MINUTE: '1000', PUBLIC_SITE_RATE_PER_MINUTE: '1000' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  officer1 = { ...env.as('officer1'), id: await createUser(env.database, 'officer1', [['town_officer', tree.town1]]) };
  officer2 = { ...env.as('officer2'), id: await createUser(env.database, 'officer2', [['town_officer', tree.town2]]) };
  for (const c of CALLERS) {
    await createUser(env.database, c.role, [[c.role, tree[c.at]]]);
    clients.set(c.role, env.as(c.role));
  }
  // Every sign-in before the counter: a refused request is the only thing measured.
  await env.signIn('admin', 'officer1', 'officer2', ...CALLERS.map((c) => c.role));
  for (const r of await apiRoutes(env.app)) routes.set(r.key, r);
  writes = await countWrites(env.database);
}, 120_000);
afterAll(async () => {
  console.log(`authorization: ${[...routes.values()].filter(hasId).length} routes with ids, ${Object.keys(FACTORIES).length} covered, ` +
    `${Object.keys(EXCEPTIONS).length} exceptions; ${requests} requests; refusals by what was owed: ` +
    [...answered].map(([owed, got]) => `${owed}: ${got.length} (${[403, 404].map((c) => `${got.filter((g) => g === c).length}×${c}`).join(', ')})`).join('; ') +
    `; 404 in the own town for a role that reads no such record: ${hiddenAtHome.length}`);
  if (process.env.AUTHZ_DETAIL) console.log(hiddenAtHome.join('\n'));
  await env.close();
});

function hasId(r: ApiRoute): boolean {
  return r.pathParams.some((p) => !NOT_IDS.has(p.name));
}

async function send(client: Client, key: string, made: Made): Promise<InjectResponse> {
  const route = routes.get(key);
  if (!route) throw new Error(`${key} is not a route of the API description: remove its factory`);
  const url = fillPath(route.path, Object.fromEntries(Object.entries(made.params).map(([k, v]) => [k, encodeURIComponent(v)])));
  requests++;
  if (made.file) return client.upload(url, made.file.bytes, made.file.type, made.file.name);
  return client.request({ method: route.method, url, ...(made.body === undefined ? {} : { payload: made.body }) });
}

/** The names and ids of what was made, which a refused caller must not be shown (the ids of the path aside). */
function secretsOf(made: Made, place: Place): string[] {
  const out = new Set<string>([place.site.name, place.site.id, place.town.id]);
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(v) || /name|summary|title|text|note|reason/i.test(key)) out.add(v);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(made.records, '');
  for (const id of Object.values(made.params)) out.delete(id);
  return [...out].filter((s) => s.length >= 2);
}

/** Whether a role bound at `node` holds its permissions where the record lies (a user's own record: never, here). */
function covers(f: Factory, node: TreeNode, place: Place): boolean {
  return f.cityWide ? true : f.owned ? false : (f.ofTown ? place.town : place.site).path.startsWith(node.path);
}

/** What a caller bound at `node` with `role` is owed for a record at `place`. */
function owed(f: Factory, role: Role, node: TreeNode, place: Place): 'allowed' | 403 | 404 | '403 or 404' {
  const here = covers(f, node, place);
  if (here && roleGrants(role, f.permission)) return 'allowed';
  if (here && roleGrants(role, f.sees ?? f.permission)) return 403;
  if (!roleGrants(role, f.permission)) return '403 or 404';
  return 404;
}

interface Problem { who: string; what: string }

/** Sends a request that must be refused; answers what is wrong with the answer. */
async function refused(who: string, client: Client, key: string, made: Made, expected: 403 | 404 | '403 or 404', secrets: string[]): Promise<Problem[]> {
  const before = await writes();
  const res = await send(client, key, made);
  answered.set(`${expected}`, [...(answered.get(`${expected}`) ?? []), res.statusCode]);
  if (expected === '403 or 404' && res.statusCode === 404 && who.endsWith('(own town)')) hiddenAtHome.push(`${key} ${who}`);
  const problems: Problem[] = [];
  const ok = expected === '403 or 404' ? res.statusCode === 403 || res.statusCode === 404 : res.statusCode === expected;
  if (!ok) problems.push({ who, what: `answered ${res.statusCode} (owed ${expected}): ${res.body.slice(0, 200)}` });
  const shown = secrets.filter((s) => res.body.includes(s));
  if (shown.length > 0) problems.push({ who, what: `shown ${shown.join(', ')}` });
  if ((await writes()) !== before) problems.push({ who, what: `wrote rows (answered ${res.statusCode})` });
  return problems;
}

const FOREIGN = (): Place => ({ town: tree.town2, site: tree.elder2, officer: officer2 });
const OWN = (at: TreeNode): Place => ({ town: tree.town1, site: at, officer: officer1 });

describe('a record of another town, asked for by each role of town1', () => {
  for (const [key, f] of Object.entries(FACTORIES)) {
    it(key, async () => {
      const problems: Problem[] = [];
      const foreign = await f.make(FOREIGN());
      const secrets = secretsOf(foreign, FOREIGN());

      for (const { role, at } of CALLERS) {
        const client = clients.get(role);
        if (!client) throw new Error(role);
        const duty = owed(f, role, tree[at], FOREIGN());
        if (duty === 'allowed') {
          // The bureau's officer sees the whole city: it reads what its role reads.
          if (routes.get(key)?.method === 'GET') {
            const res = await send(client, key, foreign);
            if (res.statusCode !== 200) problems.push({ who: role, what: `may read it, answered ${res.statusCode}: ${res.body.slice(0, 200)}` });
          }
          continue;
        }
        problems.push(...(await refused(role, client, key, foreign, duty, secrets)));
      }

      // In the caller's own town, at the site its role is bound to: refused only for the permission.
      if (!f.owned && !f.cityWide) {
        const own = new Map<string, Made>();
        for (const { role, at } of CALLERS) {
          const node = tree[at];
          const place = OWN(at === 'comm1' ? tree.comm1 : tree.elder1);
          const duty = owed(f, role, node, place);
          if (duty === 'allowed' || role === 'bureau_officer') continue;
          const made = own.get(place.site.id) ?? await f.make(place);
          own.set(place.site.id, made);
          // Where the record lies above the role's node (a town's session or rule), the role is outside it.
          const where = covers(f, node, place) ? 'own town' : 'own town, above its node';
          problems.push(...(await refused(`${role} (${where})`, clients.get(role) as Client, key, made, duty, [])));
        }
      }

      // A sub-record of town2 through a parent of town1, by a role that may act on the parent.
      if (f.mixed) {
        const mine = await f.make(OWN(tree.elder1));
        const actor = CALLERS.find((c) => c.role !== 'bureau_officer' && owed(f, c.role, tree[c.at], OWN(tree.elder1)) === 'allowed');
        if (!actor) throw new Error(`${key}: no role of town1 may act on its own record`);
        const mixed = f.mixed(mine, foreign);
        problems.push(...(await refused(`${actor.role} (own parent, foreign sub-record)`, clients.get(actor.role) as Client, key, mixed, 404, secretsOf(mixed, FOREIGN()))));
      }

      // The same request by someone who may make it goes through: the refusals were about the caller.
      const controller = f.control === 'officer' ? officer2 : env.as('admin');
      const res = await send(controller, key, foreign);
      if (f.controlStatus ? res.statusCode !== f.controlStatus : res.statusCode < 200 || res.statusCode >= 300) problems.push({ who: `${controller.username} (control)`, what: `answered ${res.statusCode}: ${res.body.slice(0, 300)}` });

      expect(problems.map((p) => `${p.who}: ${p.what}`)).toEqual([]);
    });
  }
});

describe('the routes with ids are all known', () => {
  it('every route of the API description whose path names a record has a factory or an exception', () => {
    const unknown = [...routes.values()].filter((r) => hasId(r) && !FACTORIES[r.key] && !EXCEPTIONS[r.key]).map((r) => r.key);
    expect(unknown.map((k) => `${k}: add a factory or an exception`)).toEqual([]);
    const gone = [...Object.keys(FACTORIES), ...Object.keys(EXCEPTIONS)].filter((k) => !routes.has(k));
    expect(gone.map((k) => `${k}: no such route any more, remove it`)).toEqual([]);
  });
});

describe('the public visitor routes, whose link is the credential', () => {
  const visitor = { name: '外镇访客', phone: '13812345678', visiting: '看望母亲', healthCode: 'green', riskAreaTravel: false, consent: true };

  it('a wrong link is a 404 and registers nobody', async () => {
    const wrong = `W${randomUUID().replace(/-/g, '')}`;
    const before = await writes();
    requests += 2;
    expect((await env.app.inject({ url: `/api/public/sites/${wrong}` })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'POST', url: `/api/public/sites/${wrong}/visits`, payload: visitor })).statusCode).toBe(404);
    expect(await writes()).toBe(before);
  });

  it("another site's code through this site's link is a 404 and shows nothing of the visit", async () => {
    const link = (s: TreeNode) => env.as('admin').get(`/api/sites/${s.id}/visitor-link`).then((r) => r.json<{ token: string }>().token);
    const [mine, theirs] = [await link(tree.elder1), await link(tree.elder2)];
    const registered = await env.app.inject({ method: 'POST', url: `/api/public/sites/${theirs}/visits`, payload: visitor });
    expect(registered.statusCode).toBe(201);
    const { code } = registered.json<{ code: string }>();
    requests += 3;
    const across = await env.app.inject({ url: `/api/public/sites/${mine}/visits/${code}` });
    expect(across.statusCode).toBe(404);
    expect(across.body).not.toContain('外镇访客');
    expect((await env.app.inject({ url: `/api/public/sites/${theirs}/visits/${code}` })).statusCode).toBe(200);
  });
});
