import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '@fangkong/domain';
import { claimSummaries, dropOldChanges, storeSummaries, summariesOf } from '../src/overview/repository.js';
import { buildTree, createUser, newPerson, newRoom, startTestApp, type TestEnv, type Tree } from './harness.js';

/*
 * The city overviews read per-site summaries and recompute only those a write, a new day, a new
 * policy version or a catalogue change made invalid. These tests change the data by every such
 * way and check that the next answer is the fresh one, that an unchanged site is really served
 * from its summary, and that a recompute overtaken by another cannot store its older body.
 */

let env: TestEnv;
let tree: Tree;
const today = () => localDay(new Date(), 'Asia/Shanghai');
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

type SiteCounts = { siteId: string; required: number; tested: number; due: number; overdue: number };
const compliance = async (user = 'admin') => (await env.as(user).get('/api/tests/compliance')).json<{ sites: SiteCounts[]; total: SiteCounts }>();
const siteCounts = async (siteId: string) => (await compliance()).sites.find((s) => s.siteId === siteId);
const rows = async (part: string) => (await env.database.pool.query<{ site_id: string; day: string; body: unknown }>(
  'select site_id, day::text as day, body from site_summaries where part = $1', [part])).rows;
const waiting = async (part: string) => Number((await env.database.pool.query('select count(*) from summary_changes where part = $1', [part])).rows[0].count);

/** Staff who joined in 2024 (and so must be tested), registered by the admin; answers the id. */
const staff = async (siteId: string, name: string) => (await newPerson(env, { id: siteId }, { name, kind: 'staff', joinedOn: '2024-01-01' })).id;

beforeAll(async () => {
  env = await startTestApp({ TIME_ZONE: 'Asia/Shanghai' });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await createUser(env.database, 'officer2', [['town_officer', tree.town2]]);
  await createUser(env.database, 'staff1', [['site_staff', tree.elder1]]);
  await env.signIn('admin', 'officer2', 'staff1');
});
afterAll(async () => env.close());

describe('compliance summaries', () => {
  it('a new person and a new test each show in the next answer, and the changes they left are consumed', async () => {
    const before = await siteCounts(tree.elder1.id);
    expect(await waiting('compliance')).toBe(0);
    const id = await staff(tree.elder1.id, '张护工');
    expect(await waiting('compliance')).toBeGreaterThan(0);
    const added = await siteCounts(tree.elder1.id);
    expect(added).toMatchObject({ required: (before?.required ?? 0) + 1, tested: before?.tested ?? 0 });
    expect(await waiting('compliance')).toBe(0);
    expect((await env.as('staff1').post('/api/tests', { personId: id, sampledAt: hoursAgo(2), result: 'negative' })).statusCode).toBe(201);
    expect(await siteCounts(tree.elder1.id)).toMatchObject({ required: added?.required, tested: (added?.tested ?? 0) + 1 });
  });

  it('an unchanged site is answered from its summary (a planted body shows), a changed one is recomputed', async () => {
    await compliance();
    const planted = { required: 99, tested: 98, due: 1, overdue: 0, positive: 0 };
    await env.database.pool.query(`update site_summaries set body = $1 where part = 'compliance' and site_id = $2`, [JSON.stringify({ format: 1, data: planted }), tree.elder2.id]);
    expect(await siteCounts(tree.elder2.id)).toMatchObject(planted);
    // A body of another shape (older code) is not served but recomputed.
    await env.database.pool.query(`update site_summaries set body = $1 where part = 'compliance' and site_id = $2`, [JSON.stringify(planted), tree.elder2.id]);
    expect((await siteCounts(tree.elder2.id))?.required).not.toBe(99);
    await env.database.pool.query(`update site_summaries set body = $1 where part = 'compliance' and site_id = $2`, [JSON.stringify({ format: 1, data: planted }), tree.elder2.id]);
    // Another town's officer reads the same summary: the jurisdiction limits the sites, not the bodies.
    expect((await compliance('officer2')).sites.map((s) => s.siteId)).toEqual([tree.elder2.id]);
    await staff(tree.elder2.id, '李护工');
    const fresh = await siteCounts(tree.elder2.id);
    expect(fresh?.required).not.toBe(99);
  });

  it('a summary of another day is not served', async () => {
    await compliance();
    await env.database.pool.query(`update site_summaries set body = $1, day = current_date - 1 where part = 'compliance' and site_id = $2`,
      [JSON.stringify({ format: 1, data: { required: 77, tested: 0, due: 0, overdue: 77, positive: 0 } }), tree.elder1.id]);
    expect((await siteCounts(tree.elder1.id))?.required).not.toBe(77);
    expect((await rows('compliance')).find((r) => r.site_id === tree.elder1.id)?.day).toBe(today());
  });

  it('a new policy version invalidates every site at once', async () => {
    const id = await staff(tree.elder1.id, '王护工');
    expect((await env.as('staff1').post('/api/tests', { personId: id, sampledAt: hoursAgo(24 * 10), result: 'negative' })).statusCode).toBe(201);
    const before = await siteCounts(tree.elder1.id);
    const current = (await env.as('admin').get(`/api/sites/${tree.elder1.id}/policy`)).json().version.body;
    const created = await env.as('admin').post('/api/policies/elderly_care', {
      effectiveFrom: today(), body: { ...current, testing: { ...current.testing, staffIntervalDays: 7 } }, note: '员工每周检测',
    });
    expect(created.statusCode).toBe(201);
    // Tested 10 days ago: covered under 28 days, not within 7.
    const after = await siteCounts(tree.elder1.id);
    expect(after?.tested).toBe((before?.tested ?? 0) - 1);
  });

  it('a recompute overtaken by a later one cannot store its older body', async () => {
    const site = [{ id: tree.elder1.id, path: tree.elder1.path }];
    const first = await claimSummaries(env.database.db, 'compliance', site);
    const second = await claimSummaries(env.database.db, 'compliance', site);
    await storeSummaries(env.database.db, 'compliance', today(), second.epoch, [{ siteId: tree.elder1.id, generation: second.generations.get(tree.elder1.id) ?? -1, body: { newer: true } }]);
    await storeSummaries(env.database.db, 'compliance', today(), first.epoch, [{ siteId: tree.elder1.id, generation: first.generations.get(tree.elder1.id) ?? -1, body: { older: true } }]);
    expect((await summariesOf(env.database.db, 'compliance', [tree.elder1.id], today()))[0]?.body).toEqual({ newer: true });
    // A write after a claim leaves its change behind, so what that recompute stores is not valid.
    await claimSummaries(env.database.db, 'compliance', site);
    await staff(tree.elder1.id, '赵护工');
    expect((await summariesOf(env.database.db, 'compliance', [tree.elder1.id], today()))[0]?.body).toBeNull();
    await env.database.pool.query(`delete from site_summaries`);
  });

  it('a recompute that fails after its claim leaves the site invalid, not its old figures valid', async () => {
    await compliance();
    expect((await summariesOf(env.database.db, 'compliance', [tree.elder1.id], today()))[0]?.body).not.toBeNull();
    await staff(tree.elder1.id, '吴护工');
    // The claim drops the waiting change; the computation then fails and stores nothing.
    await claimSummaries(env.database.db, 'compliance', [{ id: tree.elder1.id, path: tree.elder1.path }]);
    expect((await summariesOf(env.database.db, 'compliance', [tree.elder1.id], today()))[0]?.body).toBeNull();
  });

  it('changes nobody looked at for two days are dropped; younger ones stay', async () => {
    await env.database.pool.query('delete from summary_changes');
    await staff(tree.elder2.id, '孙护工');
    await env.database.pool.query(`update summary_changes set at = now() - interval '3 days' where site_id = $1`, [tree.elder2.id]);
    await staff(tree.elder1.id, '周护工');
    expect(await dropOldChanges(env.database.db)).toBeGreaterThan(0);
    const left = (await env.database.pool.query<{ site_id: string }>('select distinct site_id from summary_changes')).rows.map((r) => r.site_id);
    expect(left).toEqual([tree.elder1.id]);
  });
});

describe('coverage summaries', () => {
  type Figures = { siteId: string; expected: number; checked: number; abnormal: number; openAlerts: number };
  const figures = async (siteId: string) => ((await env.as('admin').get('/api/coverage?date=today')).json().sites as Figures[]).find((s) => s.siteId === siteId);

  it('a reading, and a fever with its alert, each show in the next answer', async () => {
    const resident = await newPerson(env, tree.elder1, { name: '陈老人', kind: 'resident', joinedOn: '2024-01-01' });
    const before = await figures(tree.elder1.id);
    expect((await env.as('staff1').post('/api/readings', { personId: resident.id, temperature: 36.5 })).statusCode).toBe(201);
    const checked = await figures(tree.elder1.id);
    expect(checked).toMatchObject({ expected: before?.expected, checked: (before?.checked ?? 0) + 1, abnormal: before?.abnormal, openAlerts: before?.openAlerts });
    const other = await newPerson(env, tree.elder1, { name: '林老人', kind: 'resident', joinedOn: '2024-01-01' });
    expect((await env.as('staff1').post('/api/readings', { personId: other.id, temperature: 38.6 })).statusCode).toBe(201);
    expect(await figures(tree.elder1.id)).toMatchObject({ checked: (checked?.checked ?? 0) + 1, abnormal: (checked?.abnormal ?? 0) + 1, openAlerts: (checked?.openAlerts ?? 0) + 1 });
    // A past day is counted afresh, never from today's summaries.
    const yesterday = (await env.as('admin').get(`/api/coverage?date=${localDay(new Date(Date.now() - 86_400_000), 'Asia/Shanghai')}`)).json().sites as Figures[];
    expect(yesterday.find((s) => s.siteId === tree.elder1.id)?.checked).toBe(0);
  });

  it('a placement and its end each change the free places in the next answer (issue 15 item 3)', async () => {
    const room = await newRoom(env, tree.elder2, { name: '隔离室A', kind: 'isolation', capacity: 2 });
    const free = async () => ((await env.as('admin').get('/api/coverage?date=today')).json().sites as (Figures & { freeIsolation: number })[])
      .find((s) => s.siteId === tree.elder2.id)?.freeIsolation;
    expect(await free()).toBe(2);
    const person = await staff(tree.elder2.id, '郑护工');
    expect(await free()).toBe(2);
    const placed = await env.as('admin').post('/api/placements', { personId: person, roomId: room.id, reason: 'new_intake' });
    expect(placed.statusCode).toBe(201);
    expect(await free()).toBe(1);
    const ended = await env.as('admin').post(`/api/placements/${placed.json().placement.id}/end`, { outcome: 'sent_to_hospital' });
    expect(ended.statusCode).toBe(200);
    expect(await free()).toBe(2);
    // A suspected case takes the room to themselves: no place is left in it.
    const suspected = await env.as('admin').post('/api/placements', { personId: person, roomId: room.id, reason: 'suspected_case' });
    expect(suspected.statusCode).toBe(201);
    expect(await free()).toBe(0);
  });
});

describe('supplies summaries', () => {
  const cell = async (siteId: string, itemId: string) => {
    const o = (await env.as('admin').get('/api/supplies/overview')).json<{ items: { itemId: string }[]; sites: { siteId: string; cells: { usable: number; status: string }[] }[] }>();
    const column = o.items.findIndex((i) => i.itemId === itemId);
    return o.sites.find((s) => s.siteId === siteId)?.cells[column];
  };

  it('a receipt and an issue each show in the next overview', async () => {
    const items = (await env.as('admin').get('/api/supplies/items')).json().items as { id: string; name: string }[];
    const mask = items.find((i) => i.name === '医用外科口罩')?.id ?? '';
    expect(await cell(tree.elder1.id, mask)).toMatchObject({ usable: 0 });
    expect((await env.as('staff1').post('/api/supplies/receipts', { siteId: tree.elder1.id, itemId: mask, quantity: 500 })).statusCode).toBe(201);
    expect(await cell(tree.elder1.id, mask)).toMatchObject({ usable: 500 });
    expect((await env.as('staff1').post('/api/supplies/issues', { siteId: tree.elder1.id, itemId: mask, quantity: 120, issuedTo: '护理区' })).statusCode).toBe(201);
    expect(await cell(tree.elder1.id, mask)).toMatchObject({ usable: 380 });
    expect(await waiting('supplies')).toBe(0);
  });

  it('a change to the catalogue invalidates every site', async () => {
    await env.as('admin').get('/api/supplies/overview');
    const before = (await rows('supplies')).length;
    expect(before).toBeGreaterThan(0);
    const created = await env.as('admin').post('/api/supplies/items', { name: '面屏', category: 'other', unit: '个' });
    expect(created.statusCode).toBe(201);
    const o = (await env.as('admin').get('/api/supplies/overview')).json<{ items: { itemName: string }[]; sites: { cells: unknown[] }[] }>();
    const column = o.items.findIndex((i) => i.itemName === '面屏');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(o.sites.every((s) => s.cells.length === o.items.length)).toBe(true);
  });
});
