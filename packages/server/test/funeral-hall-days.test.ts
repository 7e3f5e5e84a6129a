import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, FUNERAL_FIELD_TEXTS, localInstant, type HallDays } from '@fangkong/domain';
import { funeralHttp } from './support/funeral-http.js';
import { buildTree, createUser, newSite, startTestApp, type TestEnv, type Tree, type TreeNode } from './harness.js';

/*
 * The halls' disinfection register (GET /api/funeral/hall-days) through the HTTP app: each local
 * day × hall of a period, a past day short of its routine disinfections missed, a day without an
 * event asking nothing, today judged at the clock's hour, final disinfections counted on their
 * day, the period checked, and each caller seeing only the funeral sites of their jurisdiction.
 */

let env: TestEnv;
let tree: Tree;
let funeral2: TreeNode;

const ZONE = 'Asia/Shanghai';
const { clock, setClock, newHall, book } = funeralHttp(() => env, ZONE);
const iso = (day: string, time: string) => localInstant(day, time, ZONE).toISOString();
let sites = 0;

beforeAll(async () => {
  env = await startTestApp({ TIME_ZONE: ZONE });
  tree = await buildTree(env.database);
  await createUser(env.database, 'admin', [['bureau_admin', tree.bureau]]);
  await env.signIn('admin');
  funeral2 = await newSite(env, tree.town2, 'funeral', { name: '二号镇殡仪馆' });
  await createUser(env.database, 'officer1', [['town_officer', tree.town1]]);
  await createUser(env.database, 'bureau', [['bureau_officer', tree.bureau]]);
  await createUser(env.database, 'volunteer1', [['volunteer', tree.town1]]);
  await env.signIn('officer1', 'bureau', 'volunteer1');
}, 60_000);
afterEach(() => clock().reset());
afterAll(async () => env.close());

/** A funeral site of its own per test: the register shows every hall of the site. */
const freshSite = () => newSite(env, tree.town1, 'funeral', { name: `一号镇殡仪馆${++sites}` });

async function register(siteId: string, from: string, to: string, who = 'officer1'): Promise<HallDays> {
  const res = await env.as(who).get(`/api/funeral/hall-days?siteId=${siteId}&from=${from}&to=${to}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<HallDays>();
}

async function disinfect(hallId: string, kind: 'routine' | 'final', at: string) {
  const res = await env.as('admin').post('/api/funeral/disinfections', { hallId, kind, at, agent: '含氯消毒液', place: '告别厅' });
  expect(res.statusCode, res.body).toBe(201);
}

describe("the halls' disinfection register", () => {
  const day = '2031-05-12';
  const ago = (n: number) => addDays(day, -n);

  /** A week of two halls: 福寿厅 held from 6 days ago to 4 days ago and again from today 08:00; 安宁厅's booking cancelled. */
  async function week() {
    const site = await freshSite();
    setClock(ago(7), '07:00');
    const held = await newHall(site, { name: '福寿厅' });
    const idle = await newHall(site, { name: '安宁厅' });
    await book(site, held, iso(ago(6), '08:00'), iso(ago(4), '08:00'));
    await book(site, held, iso(day, '08:00'), iso(addDays(day, 1), '08:00'));
    const cancelled = await book(site, idle, iso(ago(2), '08:00'), iso(ago(1), '08:00'));
    expect((await env.as('admin').post(`/api/funeral/events/${cancelled.id}/cancel`)).statusCode).toBe(200);
    setClock(day, '07:00');
    await disinfect(held.id, 'routine', iso(ago(6), '09:00'));
    await disinfect(held.id, 'routine', iso(ago(6), '15:00'));
    await disinfect(held.id, 'routine', iso(ago(5), '09:00'));
    // The night's two before the event ended at 08:00, then its final one.
    await disinfect(held.id, 'routine', iso(ago(4), '01:00'));
    await disinfect(held.id, 'routine', iso(ago(4), '06:00'));
    await disinfect(held.id, 'final', iso(ago(4), '09:00'));
    return { site, held, idle };
  }

  it('marks the past day short of its disinfections missed, and days without an event as asking nothing', async () => {
    const { site, held, idle } = await week();
    setClock(day, '11:00');
    await disinfect(held.id, 'routine', iso(day, '10:00'));
    // Asked until days to come: answered until today.
    const r = await register(site.id, ago(6), addDays(day, 3));
    expect(r).toMatchObject({ siteId: site.id, siteName: site.name, from: ago(6), to: day, required: 2, missed: 1 });
    expect(r.days).toHaveLength(14);
    expect(r.days.map((d) => `${d.day} ${d.hallName}`).slice(0, 4)).toEqual([`${day} 安宁厅`, `${day} 福寿厅`, `${ago(1)} 安宁厅`, `${ago(1)} 福寿厅`]);
    const of = (n: number) => r.days.find((d) => d.day === ago(n) && d.hallId === held.id);
    expect(of(6)).toMatchObject({ inUse: true, routine: 2, required: 2, finals: 0, state: 'ok' });
    expect(of(5)).toMatchObject({ inUse: true, routine: 1, required: 2, finals: 0, state: 'missed' });
    // Held until 08:00: in use that day, and its final one counted there.
    expect(of(4)).toMatchObject({ inUse: true, routine: 2, finals: 1, state: 'ok' });
    for (const n of [3, 2, 1]) expect(of(n)).toMatchObject({ inUse: false, routine: 0, required: 0, state: 'not_in_use' });
    // Today before the policy's hour (16:00): one of two, still due.
    expect(of(0)).toMatchObject({ inUse: true, routine: 1, required: 2, state: 'due' });
    // A cancelled booking holds nothing.
    expect(r.days.filter((d) => d.hallId === idle.id).every((d) => d.state === 'not_in_use' && !d.inUse)).toBe(true);
  });

  it('judges today at the clock\'s hour: not in use before its event starts, missed after the policy\'s hour', async () => {
    const { site, held } = await week();
    const today = async () => (await register(site.id, day, day)).days.find((d) => d.hallId === held.id);
    setClock(day, '07:30');
    expect(await today()).toMatchObject({ inUse: false, required: 0, state: 'not_in_use' });
    setClock(day, '17:00');
    await disinfect(held.id, 'routine', iso(day, '09:00'));
    expect(await today()).toMatchObject({ inUse: true, routine: 1, state: 'missed' });
    expect((await register(site.id, ago(6), day)).missed).toBe(2);
    await disinfect(held.id, 'routine', iso(day, '16:30'));
    expect(await today()).toMatchObject({ routine: 2, state: 'ok' });
  });

  it('answers nothing for a period still to come', async () => {
    const site = await freshSite();
    setClock(day, '12:00');
    await newHall(site);
    expect(await register(site.id, addDays(day, 1), addDays(day, 5))).toMatchObject({ days: [], missed: 0, to: day });
  });

  it.each([
    { q: (s: string) => `siteId=${s}&from=${day}&to=${ago(1)}`, why: 'ends before it starts', code: 'funeral.to_before_from' as const },
    { q: (s: string) => `siteId=${s}&from=${ago(62)}&to=${day}`, why: 'is longer than 62 days', code: 'funeral.period_too_long' as const },
  ])('refuses a period that $why, naming query.to', async ({ q, code }) => {
    const site = await freshSite();
    const res = await env.as('officer1').get(`/api/funeral/hall-days?${q(site.id)}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields[0]).toEqual({ path: 'query.to', message: FUNERAL_FIELD_TEXTS[code]['zh-CN'] });
  });

  it('answers a period of exactly 62 days', async () => {
    const site = await freshSite();
    setClock(day, '12:00');
    await newHall(site);
    expect((await register(site.id, ago(61), day)).days).toHaveLength(62);
  });

  it.each([
    { who: 'officer1', site: () => funeral2, status: 404, why: 'another town\'s funeral site' },
    { who: 'officer1', site: () => tree.elder1, status: 404, why: 'a site of another type' },
    { who: 'volunteer1', site: () => tree.town1, status: 404, why: 'a town, not a site' },
    { who: 'bureau', site: () => funeral2, status: 200, why: 'the bureau, anywhere' },
  ])('the register of $why for $who answers $status', async ({ who, site, status }) => {
    setClock(day, '12:00');
    const res = await env.as(who).get(`/api/funeral/hall-days?siteId=${site().id}&from=${ago(6)}&to=${day}`);
    expect(res.statusCode, res.body).toBe(status);
    if (status !== 200) expect(res.body).not.toContain(site().name);
  });

  it('refuses a role that reads nothing of the area at a site it sees', async () => {
    const site = await freshSite();
    const res = await env.as('volunteer1').get(`/api/funeral/hall-days?siteId=${site.id}&from=${ago(6)}&to=${day}`);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.body).not.toContain(site.name);
  });
});
