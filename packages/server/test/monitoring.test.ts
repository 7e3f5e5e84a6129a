import { randomUUID } from 'node:crypto';
import { localDay, type CreatePerson, type PersonKind } from '@fangkong/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, createUser, newAlert, newPerson, newPlacement, newRoom, newSite, startTestApp, type TestEnv, type Tree, type TreeNode } from './harness.js';

let env: TestEnv;
let tree: Tree;
let rescue: TreeNode;

/** A resident (unless `kind` says otherwise) with an ID number, registered by the admin; answers the id. */
const person = async (site: TreeNode, name: string, kind: PersonKind = 'resident', extra: Partial<CreatePerson> = {}) => (await newPerson(env, site, { name, kind, ...extra })).id;

const ids: Record<string, string> = {};

beforeAll(async () => {
  env = await startTestApp({ TIME_ZONE: 'Asia/Shanghai' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await env.signIn('admin');
  rescue = await newSite(env, tree.town1, 'rescue_station', { name: '一号镇救助站' });
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'manager1', [['site_manager', tree.elder1]]);
  await createUser(env.database, 'staff1', [['site_staff', tree.elder1]]);
  await createUser(env.database, 'staffR', [['site_staff', rescue]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await env.signIn('officer1', 'manager1', 'staff1', 'staffR', 'officer2');
  ids.a = await person(tree.elder1, '甲');
  ids.b = await person(tree.elder1, '乙');
  ids.c = await person(tree.elder1, '丙');
  ids.nurse = await person(tree.elder1, '护士', 'staff', { post: '护理员' });
  ids.away = await person(tree.elder1, '请假者', 'resident', { status: 'on_leave' });
  ids.gone = await person(tree.elder1, '已离开', 'resident', { status: 'left' });
  ids.client = await person(rescue, '受助者', 'client');
  ids.other = await person(tree.elder2, '他镇老人');
});
afterAll(async () => env.close());

describe('readings', () => {
  it('a normal reading opens nothing', async () => {
    const res = await env.as('staff1').post('/api/readings', { personId: ids.a, temperature: 36.5 });
    expect(res.statusCode).toBe(201);
    expect(res.json().reading).toMatchObject({ temperature: 36.5, band: 'normal', abnormal: false });
    expect(res.json().alert).toBeNull();
  });

  it('a fever opens an alert for the manager with the policy\'s steps', async () => {
    const res = await env.as('staff1').post('/api/readings', { personId: ids.b, temperature: 38.6 });
    expect(res.json().reading.band).toBe('moderate_fever');
    const alert = res.json().alert;
    expect(alert).toMatchObject({ personName: '乙', status: 'open', temperature: 38.6 });
    expect(alert.steps.map((s: { step: string }) => s.step)).toEqual(['isolate', 'refer_fever_clinic', 'report_superiors']);
    const seen = await env.as('manager1').get('/api/alerts?status=open');
    expect((seen.json().alerts as { id: string }[]).map((a) => a.id)).toContain(alert.id);
    ids.alertB = alert.id;
  });

  it('a listed symptom at a normal temperature is abnormal too', async () => {
    const res = await env.as('staff1').post('/api/readings', { personId: ids.c, temperature: 36.8, symptoms: ['dry_cough'] });
    expect(res.json().reading.abnormal).toBe(true);
    expect(res.json().alert.symptoms).toEqual(['dry_cough']);
    ids.alertC = res.json().alert.id;
  });

  it('a second fever raises the open alert instead of opening another', async () => {
    const res = await env.as('staff1').post('/api/readings', { personId: ids.b, temperature: 39.4 });
    expect(res.json().alert.id).toBe(ids.alertB);
    expect(res.json().alert.temperature).toBe(39.4);
    expect(res.json().alert.band).toBe('high_fever');
  });

  it('the rescue station\'s alert reports to the station leader and calls 120', async () => {
    const res = await env.as('staffR').post('/api/readings', { personId: ids.client, temperature: 38.2 });
    expect(res.json().alert.steps.map((s: { step: string }) => s.step)).toEqual(['report_station_leader', 'isolate', 'call_120', 'report_superiors']);
  });

  it.each([
    ['below 35 ℃ without confirmation', { temperature: 34.2 }, 'body.temperature', '测量错误'],
    ['above 43 ℃ without confirmation', { temperature: 43.5 }, 'body.temperature', '测量错误'],
    ['two decimals', { temperature: 36.55 }, 'body.temperature', ''],
    ['a time in the future', { temperature: 36.5, measuredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'body.measuredAt', '晚于当前'],
    ['an unknown symptom', { temperature: 36.5, symptoms: ['sneeze'] }, 'body.symptoms.0', ''],
  ])('%s → 400, nothing written', async (_l, extra, field, words) => {
    const before = (await env.database.pool.query('select count(*)::int as n from readings')).rows[0].n;
    const res = await env.as('staff1').post('/api/readings', { personId: ids.a, ...extra });
    expect(res.statusCode).toBe(400);
    const f = (res.json().error.fields as { path: string; message: string }[]).find((x) => x.path === field);
    expect(f?.message).toContain(words);
    expect((await env.database.pool.query('select count(*)::int as n from readings')).rows[0].n).toBe(before);
  });

  it('a confirmed implausible reading is kept', async () => {
    const res = await env.as('staff1').post('/api/readings', { personId: ids.a, temperature: 34.6, confirmed: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().reading.band).toBe('below_normal');
  });

  it('someone who left cannot be checked', async () => {
    const res = await env.as('staff1').post('/api/readings', { personId: ids.gone, temperature: 36.5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('已离开');
  });

  it('someone outside the caller\'s scope is 404', async () => {
    expect((await env.as('staff1').post('/api/readings', { personId: ids.other, temperature: 36.5 })).statusCode).toBe(404);
  });

  it('a batch with bad readings is refused whole, naming every bad one', async () => {
    const before = (await env.database.pool.query('select count(*)::int as n from readings')).rows[0].n;
    const res = await env.as('staff1').post('/api/readings/batch', {
      siteId: tree.elder1.id,
      readings: [
        { personId: ids.a, temperature: 36.6 },
        { personId: ids.client, temperature: 36.6 },
        { personId: ids.c, temperature: 44.0 },
        { personId: ids.other, temperature: 36.6 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect((res.json().error.fields as { path: string }[]).map((f) => f.path)).toEqual([
      'readings.1.personId', 'readings.2.temperature', 'readings.3.personId',
    ]);
    expect((await env.database.pool.query('select count(*)::int as n from readings')).rows[0].n).toBe(before);
  });

  it('a retried batch (same client ids) is not recorded twice', async () => {
    const batch = { siteId: tree.elder1.id, readings: [{ personId: ids.nurse, temperature: 36.4, clientId: randomUUID() }, { personId: ids.a, temperature: 36.7, clientId: randomUUID() }] };
    const audited = async () => (await env.database.pool.query(`select actor_name, target_id, node_path, detail from audit_log where action = 'reading.record' order by id desc`)).rows;
    const before = (await audited()).length;
    const first = await env.as('staff1').post('/api/readings/batch', batch);
    // Audited with what it stored, by whom and where.
    expect((await audited())[0]).toMatchObject({ actor_name: 'staff1', target_id: tree.elder1.id, node_path: tree.elder1.path, detail: { readings: 2, abnormal: 0 } });
    const again = await env.as('staff1').post('/api/readings/batch', batch);
    // The retry stored nothing, and is not audited as if it had.
    expect((await audited()).length).toBe(before + 1);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect((again.json().readings as { id: string }[]).map((r) => r.id).sort()).toEqual((first.json().readings as { id: string }[]).map((r) => r.id).sort());
    const n = await env.database.pool.query(`select count(*)::int as n from readings where person_id = $1`, [ids.nurse]);
    expect(n.rows[0].n).toBe(1);
  });

  it('a batch of 1,001 readings is refused', async () => {
    const res = await env.as('staff1').post('/api/readings/batch', { readings: Array.from({ length: 1001 }, () => ({ personId: ids.a, temperature: 36.5 })) });
    expect(res.statusCode).toBe(400);
  });
});

describe('the day\'s round and coverage', () => {
  it('lists the present residents and staff, not those on leave or gone, with their readings', async () => {
    const res = await env.as('staff1').get(`/api/sites/${tree.elder1.id}/rounds/today`);
    expect(res.statusCode).toBe(200);
    const round = res.json();
    const names = (round.people as { name: string }[]).map((p) => p.name).sort();
    expect(names).toEqual(['丙', '乙', '护士', '甲'].sort());
    expect(round.coverage).toEqual({ expected: 4, checked: 4, complete: 4, missing: 0, abnormal: 2 });
    const b = (round.people as { name: string; readings: unknown[]; openAlertId: string | null }[]).find((p) => p.name === '乙');
    expect(b?.readings).toHaveLength(2);
    expect(b?.openAlertId).toBe(ids.alertB);
  });

  it('counts a day in the deployment\'s time zone (16:00 UTC is the next day in Shanghai)', async () => {
    const at = new Date();
    at.setUTCDate(at.getUTCDate() - 3);
    at.setUTCHours(16, 30, 0, 0);
    const res = await env.as('staff1').post('/api/readings', { personId: ids.a, temperature: 36.6, measuredAt: at.toISOString() });
    const shanghai = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(res.json().reading.day).toBe(shanghai);
    expect(shanghai).not.toBe(at.toISOString().slice(0, 10));
  });

  it('the rescue station asks two readings a day: one makes "checked", not "complete"', async () => {
    const res = await env.as('staffR').get(`/api/sites/${rescue.id}/rounds/today`);
    expect(res.json().readingsPerDay).toBe(2);
    expect(res.json().coverage).toMatchObject({ expected: 1, checked: 1, complete: 0 });
  });

  it('a town officer sees coverage of the own town only; the bureau sees all, per town and type', async () => {
    const mine = await env.as('officer1').get('/api/coverage?date=today');
    expect(mine.statusCode).toBe(200);
    const siteIds = (mine.json().sites as { siteId: string }[]).map((s) => s.siteId);
    expect(siteIds).toContain(tree.elder1.id);
    expect(siteIds).not.toContain(tree.elder2.id);
    const elder1 = (mine.json().sites as { siteId: string; expected: number; checked: number; openAlerts: number }[]).find((s) => s.siteId === tree.elder1.id);
    expect(elder1).toMatchObject({ expected: 4, checked: 4, openAlerts: 2 });
    const all = await env.as('admin').get('/api/coverage');
    const elder2 = (all.json().sites as { siteId: string; expected: number; missing: number }[]).find((s) => s.siteId === tree.elder2.id);
    expect(elder2).toMatchObject({ expected: 1, missing: 1 });
    expect((all.json().byTown as { townId: string }[]).map((t) => t.townId).sort()).toEqual([tree.town1.id, tree.town2.id].sort());
    expect(all.json().totals.expected).toBe(6);
  });

  it('a site with nobody expected has nothing to check: not 100 %, and counted apart (issue 15, §15)', async () => {
    type Row = { siteId: string; status: string; rate: number | null; expected: number; complete: number };
    type Group = { sites: number; sitesComplete: number; sitesNothingToCheck: number; rate: number | null };
    const all = (await env.as('admin').get('/api/coverage?date=today')).json<{ sites: Row[]; byTown: (Group & { townId: string })[]; bySiteType: (Group & { siteType: string })[]; totals: Group }>();
    expect(all.sites.find((s) => s.siteId === tree.comm1.id)).toMatchObject({ expected: 0, status: 'nothing_to_check', rate: null });
    for (const s of all.sites.filter((r) => r.expected > 0)) expect(s.status).toBe(s.complete === s.expected ? 'complete' : 'incomplete');
    const count = (rows: Row[], status: string) => rows.filter((r) => r.status === status).length;
    expect(all.totals).toMatchObject({ sites: all.sites.length, sitesComplete: count(all.sites, 'complete'), sitesNothingToCheck: count(all.sites, 'nothing_to_check') });
    expect(all.bySiteType.find((g) => g.siteType === 'community')).toMatchObject({ sites: 1, sitesComplete: 0, sitesNothingToCheck: 1, rate: null });
    expect(all.byTown.find((g) => g.townId === tree.town1.id)?.sitesNothingToCheck).toBeGreaterThanOrEqual(1);
  });

  it('the trend of one person', async () => {
    const res = await env.as('manager1').get(`/api/people/${ids.b}/readings?days=30`);
    expect((res.json().readings as { temperature: number }[]).map((r) => r.temperature)).toEqual([38.6, 39.4]);
    expect((await env.as('officer2').get(`/api/people/${ids.b}/readings`)).statusCode).toBe(404);
  });
});

describe('alerts, rooms and placements', () => {
  it('sets up rooms; a duplicate name is 409; staff may not set up rooms', async () => {
    ids.room1 = (await newRoom(env, tree.elder1, { name: '观察室1', capacity: 1, ventilated: true, ownToilet: true, awayFromCrowds: true })).id;
    ids.room2 = (await newRoom(env, tree.elder1, { name: '观察室2', capacity: 2 })).id;
    const dup = await env.as('manager1').post('/api/rooms', { siteId: tree.elder1.id, name: '观察室1', kind: 'observation', capacity: 1 });
    expect(dup.statusCode).toBe(409);
    const staff = await env.as('staff1').post('/api/rooms', { siteId: tree.elder1.id, name: '观察室9', kind: 'observation', capacity: 1 });
    expect(staff.statusCode).toBe(403);
  });

  it('a placement naming another person\'s alert, or no alert at all, is refused and ticks nothing', async () => {
    const other = await env.as('manager1').post('/api/placements', { personId: ids.b, roomId: ids.room1, reason: 'symptom', alertId: ids.alertC });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['body.alertId']);
    const none = await env.as('manager1').post('/api/placements', { personId: ids.b, roomId: ids.room1, reason: 'symptom', alertId: randomUUID() });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['body.alertId']);
    const alertC = (await env.as('manager1').get(`/api/alerts/${ids.alertC}`)).json().alert;
    expect(alertC.steps.every((s: { doneAt: string | null }) => s.doneAt === null)).toBe(true);
    expect((await env.as('manager1').get(`/api/placements?personId=${ids.b}&active=true`)).json().placements).toEqual([]);
  });

  it('placing the feverish person from the alert marks its "isolate" step', async () => {
    const res = await env.as('manager1').post('/api/placements', { personId: ids.b, roomId: ids.room1, reason: 'symptom', alertId: ids.alertB });
    expect(res.statusCode).toBe(201);
    ids.placementB = res.json().placement.id;
    const alert = (await env.as('manager1').get(`/api/alerts/${ids.alertB}`)).json().alert;
    expect(alert.steps[0]).toMatchObject({ step: 'isolate', doneBy: 'manager1' });
    expect(alert.status).toBe('open');
    // The planned end is the policy's 14 days after the start's local day (not its UTC date: from
    // 16:00 UTC on it is already the next day in Shanghai).
    const start = new Date(`${localDay(new Date(res.json().placement.startAt as string), 'Asia/Shanghai')}T00:00:00Z`);
    const planned = new Date(`${res.json().placement.plannedEnd}T00:00:00Z`);
    expect(Math.round((planned.getTime() - start.getTime()) / 86_400_000)).toBe(14);
  });

  it('the checklist names who did a step by their name, beside the username', async () => {
    await env.database.pool.query(`update users set display_name = '王院长' where username = 'manager1'`);
    try {
      const alert = (await env.as('manager1').get(`/api/alerts/${ids.alertB}`)).json().alert;
      expect(alert.steps[0]).toMatchObject({ step: 'isolate', doneBy: 'manager1', doneByName: '王院长' });
      expect(alert.steps.filter((s: { doneAt: string | null }) => s.doneAt === null).every((s: { doneByName: unknown }) => s.doneByName === null)).toBe(true);
    } finally {
      await env.database.pool.query(`update users set display_name = 'manager1' where username = 'manager1'`);
    }
  });

  it('a full room is refused with the reason; so is a second placement of the same person', async () => {
    const full = await env.as('manager1').post('/api/placements', { personId: ids.c, roomId: ids.room1, reason: 'symptom' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.message).toContain('已满');
    const twice = await env.as('manager1').post('/api/placements', { personId: ids.b, roomId: ids.room2, reason: 'symptom' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('观察室1');
  });

  it('a suspected case needs a room to itself (policy), and then nobody joins it', async () => {
    const first = await env.as('manager1').post('/api/placements', { personId: ids.c, roomId: ids.room2, reason: 'suspected_case' });
    expect(first.statusCode).toBe(201);
    const second = await env.as('manager1').post('/api/placements', { personId: ids.a, roomId: ids.room2, reason: 'symptom' });
    expect(second.statusCode).toBe(409);
    const rooms = (await env.as('staff1').get(`/api/sites/${tree.elder1.id}/rooms`)).json().rooms as { name: string; free: number; occupants: unknown[] }[];
    expect(rooms.find((r) => r.name === '观察室2')).toMatchObject({ free: 0 });
    expect(rooms.find((r) => r.name === '观察室2')?.occupants).toHaveLength(1);
  });

  it('an early release needs a negative test recorded after the start (R5.3)', async () => {
    const [placement] = (await env.as('staff1').get(`/api/placements?active=true`)).json().placements.filter((p: { id: string }) => p.id === ids.placementB);
    const none = await env.as('staff1').post(`/api/placements/${ids.placementB}/end`, { outcome: 'released' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].path).toBe('body.outcome');
    // A negative sampled before the placement began does not count.
    const before = new Date(Date.parse(placement.startAt) - 3_600_000).toISOString();
    expect((await env.as('staff1').post('/api/tests', { personId: placement.personId, sampledAt: before, result: 'negative' })).statusCode).toBe(201);
    expect((await env.as('staff1').post(`/api/placements/${ids.placementB}/end`, { outcome: 'released' })).statusCode).toBe(400);
    const after = new Date(Date.parse(placement.startAt) + 10).toISOString();
    const test = await env.as('staff1').post('/api/tests', { personId: placement.personId, sampledAt: after, result: 'negative' });
    expect(test.statusCode).toBe(201);
    const listed = (await env.as('staff1').get(`/api/placements?personId=${placement.personId as string}&active=true`)).json().placements[0];
    expect(listed.negativeTest).toEqual({ id: test.json().test.id, sampledAt: test.json().test.sampledAt });
    const ok = await env.as('staff1').post(`/api/placements/${ids.placementB}/end`, { outcome: 'released' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().placement.outcome).toBe('released');
    const again = await env.as('staff1').post(`/api/placements/${ids.placementB}/end`, { outcome: 'released' });
    expect(again.statusCode).toBe(409);
  });

  it('sending to hospital needs no test', async () => {
    const [p] = (await env.as('staff1').get(`/api/placements?personId=${ids.c}&active=true`)).json().placements;
    const res = await env.as('staff1').post(`/api/placements/${p.id}/end`, { outcome: 'sent_to_hospital' });
    expect(res.statusCode).toBe(200);
  });

  it('the alert closes by itself when the last step is done', async () => {
    const a = await env.as('staff1').post(`/api/alerts/${ids.alertB}/steps/refer_fever_clinic`, { note: '送市第一医院发热门诊' });
    expect(a.json().alert.status).toBe('open');
    // R2.4: the report is not a tick; it is made through the system, by the manager.
    const tick = await env.as('staff1').post(`/api/alerts/${ids.alertB}/steps/report_superiors`);
    expect(tick.statusCode).toBe(400);
    expect(tick.json().error.fields[0].path).toBe('params.step');
    expect((await env.as('staff1').post(`/api/alerts/${ids.alertB}/report`)).statusCode).toBe(403);
    const b = await env.as('manager1').post(`/api/alerts/${ids.alertB}/report`);
    expect(b.json().alert.status).toBe('closed');
    expect(b.json().alert.closedBy).toBe('manager1');
    const twice = await env.as('manager1').post(`/api/alerts/${ids.alertB}/report`);
    expect(twice.statusCode).toBe(409);
  });

  it('only a manager closes an alert early, with a reason', async () => {
    const open = (await env.as('manager1').get('/api/alerts?status=open')).json().alerts as { id: string; personName: string }[];
    const c = open.find((a) => a.personName === '丙');
    expect(c).toBeDefined();
    const staff = await env.as('staff1').post(`/api/alerts/${c?.id}/close`, { reason: '复测正常' });
    expect(staff.statusCode).toBe(403);
    const noReason = await env.as('manager1').post(`/api/alerts/${c?.id}/close`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    // Even a false reading closes only after its report has gone up (R2.4).
    const unreported = await env.as('manager1').post(`/api/alerts/${c?.id}/close`, { reason: '复测正常，误报' });
    expect(unreported.statusCode).toBe(409);
    expect((await env.as('manager1').post(`/api/alerts/${c?.id}/report`)).json().alert.status).toBe('open');
    const ok = await env.as('manager1').post(`/api/alerts/${c?.id}/close`, { reason: '复测正常，误报' });
    expect(ok.json().alert).toMatchObject({ status: 'closed', closeReason: '复测正常，误报' });
  });
});

describe('scope of the monitoring endpoints (another town\'s officer)', () => {
  // Records of town 1 of these tests' own, whatever the tests above did with theirs.
  const own: Record<string, string> = {};
  beforeAll(async () => {
    own.person = await person(tree.elder1, '越权对象');
    own.alert = (await newAlert(env, own.person)).id;
    own.room = (await newRoom(env, tree.elder1, { name: '越权测试室', capacity: 2 })).id;
    own.placement = (await newPlacement(env, await person(tree.elder1, '越权安置'), own.room)).id;
  });

  it.each([
    ['GET round', () => env.as('officer2').get(`/api/sites/${tree.elder1.id}/rounds/today`)],
    ['GET rooms', () => env.as('officer2').get(`/api/sites/${tree.elder1.id}/rooms`)],
    ['GET alert', () => env.as('officer2').get(`/api/alerts/${own.alert}`)],
    ['POST step', () => env.as('officer2').post(`/api/alerts/${own.alert}/steps/isolate`)],
    ['POST close', () => env.as('officer2').post(`/api/alerts/${own.alert}/close`, { reason: '越权测试' })],
    ['PATCH room', () => env.as('officer2').patch(`/api/rooms/${own.room}`, { capacity: 3 })],
    ['POST placement end', () => env.as('officer2').post(`/api/placements/${own.placement}/end`, { outcome: 'transferred' })],
    ['GET readings', () => env.as('officer2').get(`/api/people/${own.person}/readings`)],
  ])('%s → 404', async (_l, call) => {
    expect((await call()).statusCode).toBe(404);
  });

  it('lists carry nothing of another town', async () => {
    expect((await env.as('officer2').get('/api/alerts')).json().alerts).toEqual([]);
    expect((await env.as('officer2').get(`/api/placements?siteId=${tree.elder1.id}`)).json().placements).toEqual([]);
    const cov = (await env.as('officer2').get('/api/coverage')).json().sites as { siteId: string }[];
    expect(cov.map((s) => s.siteId)).toEqual([tree.elder2.id]);
  });

  it('placing into another town\'s room or creating one there is refused', async () => {
    const place = await env.as('officer2').post('/api/placements', { personId: own.person, roomId: own.room, reason: 'symptom' });
    expect(place.statusCode).toBe(400);
    const create = await env.as('officer2').post('/api/rooms', { siteId: tree.elder1.id, name: 'x', kind: 'isolation', capacity: 1 });
    expect(create.statusCode).toBe(404);
  });

  it('the own town\'s officer reads but does not act', async () => {
    expect((await env.as('officer1').get(`/api/sites/${tree.elder1.id}/rounds/today`)).statusCode).toBe(200);
    expect((await env.as('officer1').post('/api/readings', { personId: own.person, temperature: 36.5 })).statusCode).toBe(404);
    expect((await env.as('officer1').get(`/api/alerts/${own.alert}`)).statusCode).toBe(200);
    expect((await env.as('officer1').post('/api/placements', { personId: own.person, roomId: own.room, reason: 'symptom' })).statusCode).toBe(403);
  });
});

describe('concurrency', () => {
  it('five people placed into a one-bed room at the same moment: exactly one gets in', async () => {
    const r = (await newRoom(env, tree.elder1, { name: '隔离室-并发', capacity: 1 })).id;
    const who = await Promise.all(['戊1', '戊2', '戊3', '戊4', '戊5'].map((n) => person(tree.elder1, n)));
    const results = await Promise.all(who.map((personId) => env.as('manager1').post('/api/placements', { personId, roomId: r, reason: 'symptom' })));
    expect(results.map((x) => x.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    const active = await env.database.pool.query(`select count(*)::int as n from placements where room_id = $1 and ended_at is null`, [r]);
    expect(active.rows[0].n).toBe(1);
  });
});
