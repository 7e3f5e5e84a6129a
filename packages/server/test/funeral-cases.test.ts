import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COVID_FORBIDDEN_ACTIONS, COVID_FORBIDDEN_RULE, COVID_RULE_TEXTS, DEFAULT_POLICIES, PROTECTIVE_EQUIPMENT_TEXT, localDay, localInstant, maskIdNumber,
  type CovidCase, type CovidCaseStep, type CovidStepFacts, type Incident, type IncidentEvent, type Role,
} from '@fangkong/domain';
import { buildTree, createUser, freshIdNumber, newSite, startTestApp, type Client, type TestEnv, type Tree, type TreeNode } from './harness.js';

/*
 * A COVID-19 deceased (R9.3, R9.4, R7.4) through the HTTP app: the case opened with its incident,
 * its chain walked to the archive, each refusal of the plan with the field and the rule's words,
 * the requests the plan forbids, and who may see and act.
 */

let env: TestEnv;
let tree: Tree;
/** A funeral site in a low-risk area (town1), one in a mid-risk area (town1), one of town2. */
let fun1: TreeNode;
let funMid: TreeNode;
let fun2: TreeNode;

const HOUR = 3_600_000;
const now = () => env.app.services.clock.now();
const ago = (hours: number) => new Date(now().getTime() - hours * HOUR).toISOString();
const policy = DEFAULT_POLICIES.funeral.funeral;

/** Facts that satisfy each step anywhere (suit and goggles worn). */
const VALID: Readonly<Record<CovidCaseStep, CovidStepFacts>> = {
  notified: {},
  handover: { sanitaryTreatment: true, deathCertificate: true, cremateAtOnceOnForm: true },
  collected: { dedicatedStaffAndVehicle: true, protectiveSuit: true, goggles: true },
  cremated: { protectiveSuit: true, goggles: true },
  certified: {},
  ashes_released: { ashesTo: 'family' },
  disinfected: {},
  archived: {},
};
const ORDER = Object.keys(VALID) as CovidCaseStep[];

interface ErrorAnswer { error: { code: string; message: string; fields?: { path: string; message: string }[] } }

beforeAll(async () => {
  env = await startTestApp({ TIME_ZONE: 'Asia/Shanghai' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  fun1 = await newSite(env, tree.town1, 'funeral', { name: '一号镇殡仪馆' });
  funMid = await newSite(env, tree.town1, 'funeral', { name: '一号镇中风险殡仪馆' });
  fun2 = await newSite(env, tree.town2, 'funeral', { name: '二号镇殡仪馆' });
  await createUser(env.database, 'manager1', [['site_manager', fun1], ['site_manager', funMid]]);
  await createUser(env.database, 'staff1', [['site_staff', fun1]]);
  await createUser(env.database, 'manager2', [['site_manager', fun2]]);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'elderManager', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'grid1', [['grid_worker', tree.comm1]]);
  await env.database.pool.query(`update users set display_name = '值班员小李' where username = 'staff1'`);
}, 60_000);
afterAll(async () => env.close());

async function openCase(who: string, site: TreeNode, overrides: Record<string, unknown> = {}): Promise<CovidCase> {
  const at = typeof overrides.at === 'string' ? new Date(overrides.at) : now();
  const res = await env.as(who).post('/api/funeral/cases', {
    siteId: site.id, deceasedName: '王某某', deceasedIdNumber: freshIdNumber(), cause: 'covid_confirmed', dateOfDeath: localDay(at, 'Asia/Shanghai'),
    hospital: '市第一人民医院', notifiedBy: '市民政局 张科长', ...overrides });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ case: CovidCase }>().case;
}

function step(who: string, id: string, body: Record<string, unknown>, lang = 'zh-CN') {
  return env.as(who).post(`/api/funeral/cases/${id}/steps`, body, { 'accept-language': lang });
}

/** Records the valid steps a case still lacks before `until` (each an hour after the one before, from `from`). */
async function advance(who: string, c: CovidCase, until: CovidCaseStep, from: number): Promise<void> {
  const done = c.steps.length;
  const todo = ORDER.slice(done, ORDER.indexOf(until));
  for (const [i, s] of todo.entries()) {
    const res = await step(who, c.id, { step: s, facts: VALID[s], at: ago(from - i) });
    expect(res.statusCode, res.body).toBe(200);
  }
}

async function stepCount(caseId: string): Promise<number> {
  return Number((await env.database.pool.query('select count(*) as n from covid_case_steps where case_id = $1', [caseId])).rows[0].n);
}

describe('a COVID-19 deceased from the notice to the archive (R9.3)', () => {
  it('opens a case with its incident on the funeral chain, walks the steps in order, and archives it', async () => {
    const notifiedAt = ago(100);
    const id = freshIdNumber();
    const c = await openCase('staff1', fun1, { deceasedIdNumber: id, deceasedName: '李某', at: notifiedAt, cause: 'covid_suspected' });
    expect(c).toMatchObject({ siteId: fun1.id, siteName: '一号镇殡仪馆', deceasedName: '李某', cause: 'covid_suspected', archivedAt: null, nextStep: 'handover', late: true });
    expect(c.deceasedIdNumber).toBe(maskIdNumber(id));
    expect(c.steps).toEqual([expect.objectContaining({ step: 'notified', at: notifiedAt, byName: '市民政局 张科长', recordedByName: '值班员小李', dueAt: null, late: false })]);
    expect(c.nextDueAt).toBe(new Date(Date.parse(notifiedAt) + policy.covidCollectionHours * HOUR).toISOString());

    // The ID number is sealed, its hash kept for look-ups, never stored in the clear.
    const stored = (await env.database.pool.query('select * from covid_cases where id = $1', [c.id])).rows[0];
    expect(stored.deceased_id_enc).not.toContain(id);
    expect(stored).toMatchObject({ deceased_id_last4: id.slice(-4), deceased_id_hash: expect.any(String), incident_id: c.incidentId });

    // The incident of the death, opened at the notice, with the funeral site's chain and its deadlines (R7.4).
    const incident = (await env.as('manager1').get(`/api/incidents/${c.incidentId ?? ''}`)).json<{ incident: Incident }>().incident;
    expect(incident).toMatchObject({ type: 'death', siteId: fun1.id, status: 'open', openedAt: notifiedAt, openedBy: 'staff1' });
    expect(incident.summary).toContain('李某');
    expect(incident.summary).toContain('疑似');
    const chain = DEFAULT_POLICIES.funeral.escalation.chains.death;
    expect(chain.map((s) => s.to)).toEqual(['town', 'bureau', 'funeral_affairs_centre', 'prefecture_bureau']);
    expect(Object.fromEntries(incident.steps.map((s) => [s.to, s.dueAt])))
      .toEqual(Object.fromEntries(chain.map((s) => [s.to, new Date(Date.parse(notifiedAt) + s.withinMinutes * 60_000).toISOString()])));

    // The chain, in order; the cremation comes after its deadline (12 h from the collection) and stays marked late.
    const at = { handover: ago(99), collected: ago(98), cremated: ago(80), certified: ago(79), ashes_released: ago(78), disinfected: ago(77), archived: ago(10) };
    let last: CovidCase = c;
    for (const s of ORDER.slice(1)) {
      const res = await step('staff1', c.id, { step: s, facts: VALID[s], at: at[s as keyof typeof at], ...(s === 'collected' ? { byName: '专车司机 赵师傅' } : {}) });
      expect(res.statusCode, `${s}: ${res.body}`).toBe(200);
      last = res.json<{ case: CovidCase }>().case;
      expect(last.steps.map((x) => x.step)).toEqual(ORDER.slice(0, ORDER.indexOf(s) + 1));
    }
    const by = Object.fromEntries(last.steps.map((s) => [s.step, s]));
    expect(by.collected).toMatchObject({ byName: '专车司机 赵师傅', recordedByName: '值班员小李', facts: VALID.collected, late: false,
      dueAt: new Date(Date.parse(notifiedAt) + policy.covidCollectionHours * HOUR).toISOString() });
    expect(by.handover?.byName).toBe('值班员小李');
    expect(by.cremated).toMatchObject({ late: true, dueAt: new Date(Date.parse(at.collected) + policy.covidCremationHours * HOUR).toISOString() });
    expect(by.archived).toMatchObject({ late: false, dueAt: new Date(Date.parse(at.cremated) + policy.covidArchiveHours * HOUR).toISOString() });
    expect(last).toMatchObject({ archivedAt: at.archived, nextStep: null, nextDueAt: null, late: false });
    expect((await env.database.pool.query('select seq from covid_case_steps where case_id = $1 order by seq', [c.id])).rows.map((r) => r.seq))
      .toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    // Each step is on the incident's timeline; closing the incident stays a person's decision.
    const events = (await env.as('manager1').get(`/api/incidents/${c.incidentId ?? ''}/timeline`)).json<{ events: IncidentEvent[] }>().events;
    const steps = events.filter((e) => e.kind === 'action' && e.action === 'funeral_step');
    expect(steps).toHaveLength(8);
    expect(steps.map((e) => e.note?.split(' · ')[0])).toEqual(['接到通知', '遗体交接', '专车接运', '立即火化', '出具火化证明', '骨灰交付', '终末消毒', '登记归档并上报']);
    expect((await env.as('manager1').get(`/api/incidents/${c.incidentId ?? ''}`)).json().incident.status).toBe('open');
    // Nobody records a funeral step on an incident by hand.
    expect((await env.as('manager1').post(`/api/incidents/${c.incidentId ?? ''}/actions`, { action: 'funeral_step' })).statusCode).toBe(400);

    // Archived: no further step.
    const after = await step('staff1', c.id, { step: 'archived' });
    expect(after.statusCode).toBe(409);
    expect(after.json<ErrorAnswer>().error.message).toBe('该遗体处置已归档，不能再记录步骤');

    // Lists: open or archived; a read of the case is kept in the audit trail.
    const open = (await env.as('manager1').get(`/api/funeral/cases?siteId=${fun1.id}&open=true`)).json<{ cases: CovidCase[] }>().cases;
    expect(open.map((x) => x.id)).not.toContain(c.id);
    const archived = (await env.as('manager1').get(`/api/funeral/cases?siteId=${fun1.id}&open=false`)).json<{ cases: CovidCase[] }>().cases;
    expect(archived.map((x) => x.id)).toContain(c.id);
    expect((await env.as('officer1').get(`/api/funeral/cases/${c.id}`)).statusCode).toBe(200);
    const reads = await env.database.pool.query(`select a.outcome, a.node_path from audit_log a join users u on u.id = a.actor_id
      where a.action = 'covid_case.read' and a.target_id = $1 and u.username = 'officer1'`, [c.id]);
    expect(reads.rows).toEqual([{ outcome: 'ok', node_path: fun1.path }]);
  });
});

describe('the refusals of the plan, each naming its field with the rule\'s words', () => {
  const rule2 = COVID_RULE_TEXTS[2]['zh-CN'];
  const TABLE: readonly { what: string; before: CovidCaseStep; body: Record<string, unknown>; status: number; field?: string; text: string }[] = [
    { what: 'a step skipped', before: 'handover', body: { step: 'collected', facts: VALID.collected }, status: 409, text: '步骤须按顺序记录，不得跳过：下一步应为「遗体交接」' },
    { what: 'the notice again', before: 'handover', body: { step: 'notified' }, status: 409, text: '步骤须按顺序记录，不得跳过：下一步应为「遗体交接」' },
    { what: 'no sanitary treatment', before: 'handover', body: { step: 'handover', facts: { deathCertificate: true, cremateAtOnceOnForm: true } }, status: 400, field: 'body.facts.sanitaryTreatment', text: rule2 },
    { what: 'no death certificate', before: 'handover', body: { step: 'handover', facts: { sanitaryTreatment: true, cremateAtOnceOnForm: true } }, status: 400, field: 'body.facts.deathCertificate', text: rule2 },
    { what: 'no "cremate at once"', before: 'handover', body: { step: 'handover', facts: { sanitaryTreatment: true, deathCertificate: true } }, status: 400, field: 'body.facts.cremateAtOnceOnForm', text: rule2 },
    { what: 'family refused, hospital not signed', before: 'handover', body: { step: 'handover', facts: { ...VALID.handover, familyRefused: true } }, status: 400, field: 'body.facts.hospitalSigned', text: rule2 },
    { what: 'in the future', before: 'handover', body: { step: 'handover', facts: VALID.handover, at: '2099-01-01T00:00:00Z' }, status: 400, field: 'body.at', text: '时间不能晚于现在' },
    { what: 'before the previous step', before: 'handover', body: { step: 'handover', facts: VALID.handover, at: '2020-01-01T00:00:00Z' }, status: 400, field: 'body.at', text: '时间不能早于上一步（接到通知）' },
    { what: 'not the dedicated carriers', before: 'collected', body: { step: 'collected', facts: { protectiveSuit: true, goggles: true } }, status: 400, field: 'body.facts.dedicatedStaffAndVehicle', text: COVID_RULE_TEXTS[3]['zh-CN'] },
    { what: 'ashes going nowhere', before: 'ashes_released', body: { step: 'ashes_released' }, status: 400, field: 'body.facts.ashesTo', text: COVID_RULE_TEXTS[5]['zh-CN'] },
  ];

  it.each(TABLE.map((r) => [r.what, r] as const))('%s', async (_what, row) => {
    const c = await openCase('staff1', fun1, { at: ago(50) });
    await advance('staff1', c, row.before, 49);
    const before = await stepCount(c.id);
    const res = await step('staff1', c.id, row.body);
    expect(res.statusCode, res.body).toBe(row.status);
    const error = res.json<ErrorAnswer>().error;
    if (row.field) expect(error.fields).toEqual([{ path: row.field, message: row.text }]);
    else expect(error.message).toBe(row.text);
    expect(await stepCount(c.id)).toBe(before);
  });

  it('says the next step in the reader\'s language', async () => {
    const c = await openCase('staff1', fun1);
    const res = await step('staff1', c.id, { step: 'cremated' }, 'en');
    expect(res.json<ErrorAnswer>().error.message).toBe('Steps are recorded in order, none skipped: the next is "Handover"');
    const rule = await step('staff1', c.id, { step: 'handover', facts: {} }, 'en');
    expect(rule.json<ErrorAnswer>().error.fields).toEqual([{ path: 'body.facts.sanitaryTreatment', message: COVID_RULE_TEXTS[2].en }]);
  });

  it('opens only at a funeral site, for a COVID-19 death, notified no later than now', async () => {
    const base = { deceasedName: '王某', cause: 'covid_confirmed', dateOfDeath: localDay(now(), 'Asia/Shanghai'), hospital: '市医院', notifiedBy: '张科长' };
    const cases = [
      [{ ...base, siteId: tree.elder1.id }, 'body.siteId'],
      [{ ...base, siteId: fun1.id, cause: 'ordinary' }, 'body.cause'],
      [{ ...base, siteId: fun1.id, at: new Date(now().getTime() + HOUR).toISOString() }, 'body.at'],
      [{ ...base, siteId: fun1.id, dateOfDeath: localDay(new Date(now().getTime() + 48 * HOUR), 'Asia/Shanghai') }, 'body.dateOfDeath'],
    ] as const;
    const before = Number((await env.database.pool.query('select count(*) as n from incidents')).rows[0].n);
    for (const [body, field] of cases) {
      const res = await env.as('admin').post('/api/funeral/cases', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<ErrorAnswer>().error.fields?.map((f) => f.path)).toContain(field);
    }
    expect(Number((await env.database.pool.query('select count(*) as n from incidents')).rows[0].n)).toBe(before);
  });
});

describe('protective equipment in a mid- or high-risk area (R9.4)', () => {
  it('refuses the collection and the cremation without suit and goggles in a mid-risk area, and accepts them with both', async () => {
    const area = await env.as('admin').post('/api/org/risk-areas', {
      nodeId: funMid.id, regionName: '殡仪馆所在街道', level: 'medium', effectiveFrom: localDay(now(), 'Asia/Shanghai') });
    expect(area.statusCode, area.body).toBe(201);
    const c = await openCase('manager1', funMid, { at: ago(5) });
    expect((await step('manager1', c.id, { step: 'handover', facts: VALID.handover, at: ago(4) })).statusCode).toBe(200);
    for (const [facts, field] of [
      [{ dedicatedStaffAndVehicle: true }, 'body.facts.protectiveSuit'],
      [{ dedicatedStaffAndVehicle: true, protectiveSuit: true }, 'body.facts.goggles'],
      [{ dedicatedStaffAndVehicle: true, goggles: true }, 'body.facts.protectiveSuit'],
    ] as const) {
      const res = await step('manager1', c.id, { step: 'collected', facts });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<ErrorAnswer>().error.fields).toEqual([{ path: field, message: PROTECTIVE_EQUIPMENT_TEXT['zh-CN'] }]);
    }
    expect((await step('manager1', c.id, { step: 'collected', facts: VALID.collected, at: ago(3) })).statusCode).toBe(200);
    expect((await step('manager1', c.id, { step: 'cremated', facts: {} })).json<ErrorAnswer>().error.fields?.[0]?.path).toBe('body.facts.protectiveSuit');
    expect((await step('manager1', c.id, { step: 'cremated', facts: VALID.cremated, at: ago(2) })).statusCode).toBe(200);
  });

  it('asks for neither in a low-risk area', async () => {
    const c = await openCase('manager1', fun1, { at: ago(5) });
    await advance('manager1', c, 'collected', 4);
    expect((await step('manager1', c.id, { step: 'collected', facts: { dedicatedStaffAndVehicle: true }, at: ago(3) })).statusCode).toBe(200);
    expect((await step('manager1', c.id, { step: 'cremated', at: ago(2) })).statusCode).toBe(200);
  });
});

describe('what the plan forbids, whatever the family asks (rules 4, 8, 9)', () => {
  it('refuses each forbidden action with its rule\'s words, keeps the refusal and writes nothing else', async () => {
    const c = await openCase('staff1', fun1);
    const rows = async () => Number((await env.database.pool.query(`select
      (select count(*) from covid_case_steps) + (select count(*) from incident_events) + (select count(*) from audit_log where outcome = 'ok') as n`)).rows[0].n);
    const before = await rows();
    for (const action of COVID_FORBIDDEN_ACTIONS) {
      const rule = COVID_FORBIDDEN_RULE[action];
      for (const lang of ['zh-CN', 'en'] as const) {
        const res = await env.as('staff1').post(`/api/funeral/cases/${c.id}/requests`, { action, note: '家属要求' }, { 'accept-language': lang });
        expect(res.statusCode, `${action}: ${res.body}`).toBe(409);
        expect(res.json<ErrorAnswer>().error.message).toBe(COVID_RULE_TEXTS[rule][lang]);
      }
    }
    expect(await rows()).toBe(before);
    const denied = await env.database.pool.query(`select detail from audit_log where action = 'covid_case.request' and outcome = 'denied' and target_id = $1`, [c.id]);
    expect(denied.rows.map((r) => r.detail)).toHaveLength(COVID_FORBIDDEN_ACTIONS.length * 2);
    expect(denied.rows[0].detail).toEqual({ action: COVID_FORBIDDEN_ACTIONS[0], rule: COVID_FORBIDDEN_RULE[COVID_FORBIDDEN_ACTIONS[0]] });
  });
});

describe('who sees and acts on a case', () => {
  it('another town: 404 everywhere; a role without the permission: 403 where it sees the case', async () => {
    const c = await openCase('staff1', fun1);
    const as = (who: string): Client => env.as(who);
    const tries = (who: string) => Promise.all([
      as(who).get(`/api/funeral/cases/${c.id}`),
      as(who).post(`/api/funeral/cases/${c.id}/steps`, { step: 'handover', facts: VALID.handover }),
      as(who).post(`/api/funeral/cases/${c.id}/requests`, { action: 'viewing' }),
    ].map(async (p) => (await p).statusCode));
    expect(await tries('officer2')).toEqual([404, 404, 404]);
    expect(await tries('manager2')).toEqual([404, 404, 404]);
    expect(await tries('elderManager')).toEqual([404, 404, 404]);
    // The town office reads the case, and does not record its steps.
    expect(await tries('officer1')).toEqual([200, 403, 403]);
    expect((await as('officer1').post('/api/funeral/cases', { siteId: fun1.id, deceasedName: '王某', cause: 'covid_confirmed', dateOfDeath: '2020-01-01', hospital: '市医院', notifiedBy: '张科长' })).statusCode).toBe(403);
    expect((await as('officer2').get(`/api/funeral/cases?siteId=${fun1.id}`)).statusCode).toBe(404);
    expect((await as('officer2').get('/api/funeral/cases')).json<{ cases: CovidCase[] }>().cases.map((x) => x.siteId)).not.toContain(fun1.id);
    expect((await as('grid1').get('/api/funeral/cases')).statusCode).toBe(403);
    expect((await as('manager2').post('/api/funeral/cases', { siteId: fun1.id, deceasedName: '王某', cause: 'covid_confirmed', dateOfDeath: '2020-01-01', hospital: '市医院', notifiedBy: '张科长' })).statusCode).toBe(404);
    expect(await stepCount(c.id)).toBe(1);
  });
});

describe('the funeral sites\' day: open cases and late steps per site', () => {
  it('counts open cases, those whose next step is past its deadline, and the steps recorded late today', async () => {
    const clock = env.app.services.clock;
    // Noon in the deployment's zone, so that "today" holds every instant below.
    clock.advance(localInstant(localDay(now(), 'Asia/Shanghai'), '12:00', 'Asia/Shanghai').getTime() - now().getTime());
    try {
      const site = await newSite(env, tree.town1, 'funeral');
      await createUser(env.database, 'counter', [['site_manager', site]]);
      // Waiting for its handover since 4 h past the deadline.
      await openCase('counter', site, { at: ago(10) });
      // Handed over late today, and its collection is late now too.
      const b = await openCase('counter', site, { at: ago(9) });
      expect((await step('counter', b.id, { step: 'handover', facts: VALID.handover, at: ago(1) })).json<{ case: CovidCase }>().case.steps[1]?.late).toBe(true);
      // Within its deadlines.
      await openCase('counter', site, { at: ago(1) });
      const counts = await env.app.services.funeralCases.siteCounts([site.id, fun2.id]);
      expect(counts.get(site.id)).toEqual({ openCases: 3, lateSteps: 3 });
      expect(counts.get(fun2.id)).toEqual({ openCases: 0, lateSteps: 0 });
      // The site's day page: its open cases, as the caller's scope allows.
      const ctx = (role: Role, node: TreeNode) => ({ requestId: 'test', ip: '127.0.0.1', userAgent: undefined, locale: 'zh-CN' as const, caller: {
        userId: randomUUID(), username: role, displayName: role, locale: 'zh-CN' as const, sessionId: 'test', mustChangePassword: false,
        twoFactor: { enabled: false, required: false }, grants: [{ role, nodePath: node.path, nodeId: node.id }] } });
      const open = await env.app.services.funeralCases.openCases(ctx('town_officer', tree.town1), site.id);
      expect(open.map((c) => [c.id === b.id, c.nextStep, c.late])).toEqual([[false, 'handover', false], [true, 'collected', true], [false, 'handover', true]]);
      await expect(env.app.services.funeralCases.openCases(ctx('town_officer', tree.town2), site.id)).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      clock.reset();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('at the same moment (PostgreSQL)', () => {
  it('two recordings of the same next step: one succeeds, the other is refused', async () => {
    const c = await openCase('staff1', fun1, { at: ago(2) });
    const answers = await Promise.all(['staff1', 'manager1', 'staff1', 'manager1'].map((who) => step(who, c.id, { step: 'handover', facts: VALID.handover, at: ago(1) })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect(await stepCount(c.id)).toBe(2);
  });
});
