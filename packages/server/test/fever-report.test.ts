import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, createUser, newAlert, newPerson, newSite, startTestApp, type TestEnv, type Tree, type TreeNode } from './harness.js';

/*
 * A fever reaches the town (R2.4, R7.1): the town sees the alert from its opening, the report up is
 * made through the system and tells the town office and the bureau by the rules, an outside party
 * is recorded with who and how, no alert closes before its report has gone, and a late report is
 * flagged to the level above by the escalation job.
 */

let env: TestEnv;
let tree: Tree;
let town3: TreeNode;
let elder3: TreeNode;
const ids: Record<string, string> = {};

type Notice = { channel: string; to: string; at: string; status: string };
type Report = { to: string; outside: boolean; dueAt: string; doneAt: string | null; doneBy: string | null; how: string | null; contact: string | null; state: string; escalatedTo: string | null; told: Notice[] };
type AlertView = { id: string; status: string; openedAt: string; steps: { step: string; doneAt: string | null }[]; reports: Report[] };
type Note = { kind: string; title: string; text: string; url: string | null };

const bell = async (user: string) => (await env.as(user).get('/api/notifications?limit=50')).json<{ notifications: Note[] }>().notifications;
const alertOf = async (user: string, id: string) => (await env.as(user).get(`/api/alerts/${id}`)).json<{ alert: AlertView }>().alert;
const reportTo = (a: AlertView, to: string) => a.reports.find((r) => r.to === to);
/** Staff tick every step of an alert but the report up; answers the alert's status after each. */
const tickAllButTheReport = async (id: string) => {
  const statuses: string[] = [];
  for (const step of ['isolate', 'refer_fever_clinic']) statuses.push((await env.as('staff1').post(`/api/alerts/${id}/steps/${step}`)).json().alert.status);
  return statuses;
};

/** A resident registered by the admin; answers the id. */
const person = async (site: TreeNode, name: string) => (await newPerson(env, site, { name, kind: 'resident' })).id;
/** The alert of a fever of 38.9 ℃ that `user` records. */
const fever = async (user: string, personId: string): Promise<AlertView> => newAlert(env, personId, { by: env.as(user) });

beforeAll(async () => {
  env = await startTestApp({ TIME_ZONE: 'Asia/Shanghai' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await env.signIn('admin');
  // A town without any officer in the system: its report has to be phoned and recorded.
  town3 = { ...(await env.as('admin').post('/api/org/nodes', { parentId: tree.bureau.id, kind: 'town', name: '三号镇' })).json().node, name: '三号镇' };
  elder3 = await newSite(env, town3, 'elderly_care', { name: '三号镇敬老院' });
  await createUser(env.database, 'bureau1', [['bureau_officer', tree.bureau]]);
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'staff1', [['site_staff', tree.elder1]]);
  await createUser(env.database, 'manager3', [['site_manager', elder3]]);
  await env.signIn('bureau1', 'officer1', 'officer2', 'manager1', 'staff1', 'manager3');
  ids.a = await person(tree.elder1, '甲');
  ids.b = await person(tree.elder1, '乙');
  ids.c = await person(tree.elder1, '丙');
  ids.d = await person(elder3, '丁');
});
afterAll(async () => env.close());

describe('the town sees a fever at once', () => {
  it('the town officer has the alert and its message from the moment it opens; another town has neither', async () => {
    const alert = await fever('staff1', ids.a ?? '');
    const open = (await env.as('officer1').get('/api/alerts?status=open')).json().alerts as AlertView[];
    expect(open.map((x) => x.id)).toContain(alert.id);
    expect((await env.as('officer1').get('/api/alerts/count')).json().open).toBeGreaterThan(0);
    expect((await bell('officer1')).filter((n) => n.kind === 'fever_alert' && n.url === `/alerts/${alert.id}`)).toHaveLength(1);
    expect((await env.as('officer2').get('/api/alerts?status=open')).json().alerts).toEqual([]);
    expect((await bell('officer2')).map((n) => n.url)).not.toContain(`/alerts/${alert.id}`);
    expect((await env.as('officer2').get(`/api/alerts/${alert.id}`)).statusCode).toBe(404);
  });

  it('opens with the report to each level due by the policy\'s deadlines; the site manager is told by the alert itself', async () => {
    const a = await alertOf('manager1', (await fever('staff1', await person(tree.elder1, '辛'))).id);
    const opened = Date.parse(a.openedAt);
    const minutes = (to: string) => (Date.parse(reportTo(a, to)?.dueAt ?? '') - opened) / 60_000;
    expect(a.reports.map((r) => r.to)).toEqual(['site_manager', 'town', 'bureau', 'health_department']);
    // The policy's escalation: reportToSiteManagerMinutes 15, reportToTownMinutes 60, reportToBureauMinutes 120.
    expect([minutes('site_manager'), minutes('town'), minutes('bureau'), minutes('health_department')]).toEqual([15, 60, 120, 120]);
    expect(reportTo(a, 'site_manager')).toMatchObject({ state: 'done', how: 'system', told: [expect.objectContaining({ channel: 'in_app', to: 'manager1' })] });
    expect(a.reports.filter((r) => r.to !== 'site_manager').map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
    expect(a.steps.map((s) => s.step)).toContain('report_superiors');
  });
});

describe('who may report', () => {
  // An alert of these tests' own, whatever the tests above did with theirs.
  let alertId = '';
  beforeAll(async () => {
    alertId = (await fever('staff1', await person(tree.elder1, '己'))).id;
  });

  it.each([
    ['another town\'s officer: not in scope', 'officer2', 'report', 404],
    ['another town\'s officer, an outside party', 'officer2', 'report/outside', 404],
    ['the town officer, who receives the report rather than makes it', 'officer1', 'report', 403],
    ['the town officer, an outside party', 'officer1', 'report/outside', 403],
  ])('%s (%s, %s) → %i, nothing recorded', async (_name, user, path, status) => {
    const res = await env.as(user).post(`/api/alerts/${alertId}/${path}`, path === 'report' ? {} : { to: 'health_department', how: 'phone', contact: '区疾控中心' });
    expect(res.statusCode).toBe(status);
    const a = await alertOf('manager1', alertId);
    expect(a.reports.filter((r) => r.to !== 'site_manager').map((r) => r.doneAt)).toEqual([null, null, null]);
  });
});

describe('no alert closes before its report has gone up (R2.4)', () => {
  it('the report step is not a tick, and site staff do not report', async () => {
    const { id } = await fever('staff1', await person(tree.elder1, '壬'));
    const tick = await env.as('staff1').post(`/api/alerts/${id}/steps/report_superiors`);
    expect(tick.statusCode).toBe(400);
    expect(tick.json().error.fields[0]).toMatchObject({ path: 'params.step' });
    expect((await env.as('staff1').post(`/api/alerts/${id}/report`)).statusCode).toBe(403);
    const a = await alertOf('manager1', id);
    expect(a.steps.find((s) => s.step === 'report_superiors')?.doneAt).toBeNull();
    expect((await bell('officer1')).filter((n) => n.kind === 'fever_reported' && n.url === `/alerts/${id}`)).toEqual([]);
  });

  it('ticking every other step leaves the alert open, and the manager cannot close it early', async () => {
    const { id } = await fever('staff1', await person(tree.elder1, '癸'));
    expect((await tickAllButTheReport(id)).every((status) => status === 'open')).toBe(true);
    const early = await env.as('manager1').post(`/api/alerts/${id}/close`, { reason: '复测正常，测量误差' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('R2.4');
    expect((await alertOf('manager1', id)).status).toBe('open');
  });

  it('the report tells the town office and the bureau through the rules and records who was told, when and how', async () => {
    const { id } = await fever('staff1', await person(tree.elder1, '子'));
    await tickAllButTheReport(id);
    const res = await env.as('manager1').post(`/api/alerts/${id}/report`, { note: '已电话联系家属' });
    expect(res.statusCode).toBe(200);
    const a = res.json().alert as AlertView;
    // Its last step done, the alert closes by itself.
    expect(a.status).toBe('closed');
    expect(a.steps.find((s) => s.step === 'report_superiors')).toMatchObject({ doneAt: expect.any(String) });
    expect(reportTo(a, 'town')).toMatchObject({ state: 'done', how: 'system', doneBy: 'manager1', outside: false });
    expect(reportTo(a, 'town')?.told.map((t) => `${t.channel}:${t.to}`)).toEqual(['in_app:officer1']);
    expect(reportTo(a, 'bureau')?.told.map((t) => `${t.channel}:${t.to}`).sort()).toEqual(['in_app:admin', 'in_app:bureau1']);
    expect(Date.parse(reportTo(a, 'town')?.told[0]?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(a.openedAt));
    const town = (await bell('officer1')).find((n) => n.kind === 'fever_reported' && n.url === `/alerts/${a.id}`);
    expect(town?.text).toContain('子');
    expect((await bell('bureau1')).map((n) => n.kind)).toContain('fever_reported');
    expect((await bell('officer2')).map((n) => n.kind)).not.toContain('fever_reported');
    expect((await env.as('manager1').post(`/api/alerts/${id}/report`)).statusCode).toBe(409);
  });

  it('the health department, an outside party, is recorded with who told it, how and when', async () => {
    const alert = await fever('staff1', ids.b ?? '');
    const noContact = await env.as('staff1').post(`/api/alerts/${alert.id}/report/outside`, { to: 'health_department', how: 'phone' });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.contact');
    // The town is told through the system, not by a call the site records instead.
    const town = await env.as('staff1').post(`/api/alerts/${alert.id}/report/outside`, { to: 'town', how: 'phone', contact: '镇社会事务办' });
    expect(town.statusCode).toBe(400);
    expect(town.json().error.fields[0].path).toBe('body.to');
    const res = await env.as('staff1').post(`/api/alerts/${alert.id}/report/outside`, { to: 'health_department', how: 'phone', contact: '区疾控中心 值班室 王医生' });
    expect(res.statusCode).toBe(200);
    expect(reportTo(res.json().alert, 'health_department')).toMatchObject({
      state: 'done', outside: true, how: 'phone', contact: '区疾控中心 值班室 王医生', doneBy: 'staff1', doneAt: expect.any(String),
    });
    // The outside party alone is not the report up: the alert stays unreportable-closed.
    expect((await env.as('manager1').post(`/api/alerts/${alert.id}/close`, { reason: '误报' })).statusCode).toBe(409);
    expect((await env.as('staff1').post(`/api/alerts/${alert.id}/report/outside`, { to: 'health_department', how: 'fax', contact: '区疾控中心' })).statusCode).toBe(409);
  });

  it('a level with nobody in the system to tell stays open until a call to it is recorded', async () => {
    const alert = await fever('admin', ids.d ?? '');
    const res = await env.as('manager3').post(`/api/alerts/${alert.id}/report`);
    expect(res.statusCode).toBe(200);
    const a = res.json().alert as AlertView;
    expect(reportTo(a, 'town')).toMatchObject({ state: 'pending', how: 'unreached', told: [] });
    expect(reportTo(a, 'bureau')).toMatchObject({ state: 'done', how: 'system' });
    expect(a.steps.find((s) => s.step === 'report_superiors')?.doneAt).toBeNull();
    expect((await env.as('manager3').post(`/api/alerts/${alert.id}/close`, { reason: '复测正常' })).statusCode).toBe(409);
    const call = await env.as('manager3').post(`/api/alerts/${alert.id}/report/outside`, { to: 'town', how: 'phone', contact: '三号镇社会事务办 李主任' });
    expect(call.statusCode).toBe(200);
    const after = call.json().alert as AlertView;
    expect(reportTo(after, 'town')).toMatchObject({ state: 'done', how: 'phone', contact: '三号镇社会事务办 李主任', doneBy: 'manager3' });
    expect(after.steps.find((s) => s.step === 'report_superiors')?.doneAt).not.toBeNull();
    expect((await env.as('manager3').post(`/api/alerts/${alert.id}/close`, { reason: '复测正常' })).json().alert.status).toBe('closed');
  });
});

describe('a late report goes up a level (R7.3)', () => {
  it('past its deadline the report is late, flagged once by the escalation job, and the level above is told', async () => {
    const alert = await fever('staff1', ids.c ?? '');
    const clock = env.app.services.clock;
    clock.advance(61 * 60_000);
    try {
      const before = await alertOf('officer1', alert.id);
      expect(reportTo(before, 'town')?.state).toBe('late');
      expect(reportTo(before, 'bureau')?.state).toBe('pending');
      const flagged = (await env.app.services.incidents.flagLateSteps()).filter((f) => f.alertId === alert.id);
      expect(flagged).toEqual([expect.objectContaining({ receiver: 'town', escalatedTo: 'bureau', incidentId: null })]);
      expect((await env.app.services.incidents.flagLateSteps()).filter((f) => f.alertId === alert.id)).toEqual([]);
      const told = (await bell('bureau1')).filter((n) => n.kind === 'step_late' && n.url === `/alerts/${alert.id}`);
      expect(told).toHaveLength(1);
      expect(told[0]?.text).toContain('丙');
      expect(reportTo(await alertOf('officer1', alert.id), 'town')?.escalatedTo).toBe('bureau');
      // Made late, the report is done late.
      const done = await env.as('manager1').post(`/api/alerts/${alert.id}/report`);
      expect(reportTo(done.json().alert, 'town')?.state).toBe('done_late');
      expect(reportTo(done.json().alert, 'bureau')?.state).toBe('done');
    } finally {
      clock.reset();
    }
  });
});

describe('a positive test reports the same way', () => {
  it('the alert a positive test opens carries the report with the policy\'s deadlines', async () => {
    const personId = await person(tree.elder1, '戊');
    const res = await env.as('staff1').post('/api/tests', { personId, sampledAt: new Date(Date.now() - 3_600_000).toISOString(), result: 'positive' });
    expect(res.statusCode).toBe(201);
    const open = (await env.as('officer1').get('/api/alerts?status=open')).json().alerts as (AlertView & { personId: string })[];
    const a = open.find((x) => x.personId === personId);
    expect(a?.reports.map((r) => `${r.to}:${r.state}`)).toEqual(['site_manager:done', 'town:pending', 'bureau:pending', 'health_department:pending']);
    expect(a?.steps.map((s) => s.step)).toContain('report_superiors');
  });
});
