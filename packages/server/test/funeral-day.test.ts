import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localInstant, type FuneralOverview, type FuneralToday } from '@fangkong/domain';
import { funeralHttp, startFuneralApp } from './support/funeral-http.js';
import type { TestEnv, Tree, TreeNode } from './harness.js';

/*
 * A funeral site's day (GET /api/funeral/today) and the funeral sites' day
 * (GET /api/funeral/overview) through the HTTP app: today's events and halls with the open
 * COVID-19 cases, a hall short of its disinfections counted once the policy's hour has passed,
 * and each caller seeing only the funeral sites of their jurisdiction.
 */

let env: TestEnv;
let tree: Tree;
let funeral1: TreeNode;
let funeral2: TreeNode;

const HOUR = 3_600_000;
const ZONE = 'Asia/Shanghai';
const { clock, setClock, newHall, book } = funeralHttp(() => env, ZONE);
const iso = (day: string, time: string) => localInstant(day, time, ZONE).toISOString();

beforeAll(async () => {
  ({ env, tree, funeral1, funeral2 } = await startFuneralApp(ZONE, [
    ['manager1', 'site_manager', (t) => t.funeral1], ['officer1', 'town_officer', (t) => t.tree.town1],
    ['bureau', 'bureau_officer', (t) => t.tree.bureau], ['volunteer1', 'volunteer', (t) => t.tree.town1],
  ]));
}, 60_000);
afterEach(() => clock().reset());
afterAll(async () => env.close());

describe("a funeral site's day and the funeral sites' day", () => {
  it('counts today\'s event, its hall short of disinfections after the hour, and the open case', async () => {
    const day = '2031-05-12';
    setClock(day, '07:00');
    const hall = await newHall(funeral1, { name: '福寿厅' });
    await newHall(funeral1, { name: '安宁厅' });
    const event = await book(funeral1, hall, iso(day, '08:00'), iso(addDays(day, 1), '08:00'));
    const opened = await env.as('manager1').post('/api/funeral/cases', {
      siteId: funeral1.id, deceasedName: '李某', cause: 'covid_suspected', dateOfDeath: day, hospital: '市第一人民医院', notifiedBy: '市民政局殡葬科' });
    expect(opened.statusCode, opened.body).toBe(201);
    setClock(day, '10:00');
    const one = await env.as('manager1').post('/api/funeral/disinfections', { hallId: hall.id, kind: 'routine', agent: '含氯消毒液', place: '福寿厅' });
    expect(one.statusCode, one.body).toBe(201);

    // Before the policy's hour: one of two is still due, nothing is missed.
    setClock(day, '11:00');
    const morning = (await env.as('manager1').get(`/api/funeral/today?siteId=${funeral1.id}`)).json<FuneralToday>();
    expect(morning).toMatchObject({ siteId: funeral1.id, day, riskLevel: 'low', limits: { eventsAllowed: true, maxDays: 3 } });
    expect(morning.events.map((e) => e.id)).toEqual([event.id]);
    expect(morning.halls.find((h) => h.id === hall.id)).toMatchObject({ inUseToday: true, disinfectionsToday: 1, requiredToday: 2, disinfectionState: 'due' });
    expect(morning.halls.find((h) => h.name === '安宁厅')).toMatchObject({ inUseToday: false, disinfectionState: 'not_in_use' });
    expect(morning.openCases.map((c) => c.id)).toEqual([opened.json().case.id]);
    expect(morning.openCases[0]).toMatchObject({ nextStep: 'handover', late: false });

    // After it: missed, in the site's day and in the bureau's; the case's collection is late after 6 hours.
    setClock(day, '17:00');
    const evening = (await env.as('manager1').get(`/api/funeral/today?siteId=${funeral1.id}`)).json<FuneralToday>();
    expect(evening.halls.find((h) => h.id === hall.id)?.disinfectionState).toBe('missed');
    expect(evening.openCases[0]?.late).toBe(true);
    const overview = (await env.as('bureau').get('/api/funeral/overview')).json<FuneralOverview>();
    expect(overview.day).toBe(day);
    expect(overview.sites.find((s) => s.siteId === funeral1.id)).toMatchObject({
      siteName: '一号镇殡仪馆', events: 1, hallsInUse: 1, missedDisinfections: 1, openCases: 1, lateSteps: 1 });
    expect(overview.sites.find((s) => s.siteId === funeral2.id)).toMatchObject({ events: 0, missedDisinfections: 0, openCases: 0 });

    // A second disinfection puts it right.
    await env.as('manager1').post('/api/funeral/disinfections', { hallId: hall.id, kind: 'routine', agent: '含氯消毒液', place: '福寿厅' });
    const after = (await env.as('officer1').get('/api/funeral/overview')).json<FuneralOverview>();
    expect(after.sites.find((s) => s.siteId === funeral1.id)?.missedDisinfections).toBe(0);
  });

  it('shows each caller the funeral sites of their jurisdiction only', async () => {
    const bureau = (await env.as('bureau').get('/api/funeral/overview')).json<FuneralOverview>();
    expect(bureau.sites.map((s) => s.siteId)).toEqual(expect.arrayContaining([funeral1.id, funeral2.id]));
    const town = (await env.as('officer1').get('/api/funeral/overview')).json<FuneralOverview>();
    expect(town.sites.map((s) => s.siteId)).toEqual([funeral1.id]);
    expect(town.sites[0]?.townName).toBe(tree.town1.name);
    const manager = (await env.as('manager1').get('/api/funeral/overview')).json<FuneralOverview>();
    expect(manager.sites.map((s) => s.siteId)).toEqual([funeral1.id]);
  });

  it.each([
    { who: 'manager1', site: () => funeral2, status: 404, why: 'another town\'s funeral site' },
    { who: 'officer1', site: () => funeral2, status: 404, why: 'another town\'s funeral site' },
    { who: 'officer1', site: () => tree.elder1, status: 404, why: 'a site of another type' },
    // It sees the site in the tree, so it is told it may not (as everywhere), and shown nothing.
    { who: 'volunteer1', site: () => funeral1, status: 403, why: 'a role that reads nothing of the area' },
    { who: 'bureau', site: () => funeral2, status: 200, why: 'the bureau, anywhere' },
  ])('the day of $why for $who answers $status', async ({ who, site, status }) => {
    const res = await env.as(who).get(`/api/funeral/today?siteId=${site().id}`);
    expect(res.statusCode, res.body).toBe(status);
    if (status !== 200) expect(res.body).not.toContain(site().name);
  });

  it('refuses the overview to a role that reads nothing of the area', async () => {
    expect((await env.as('volunteer1').get('/api/funeral/overview')).statusCode).toBe(403);
  });

  it('lists no hall as in use a day the hall has no event', async () => {
    const day = '2031-06-01';
    setClock(day, '18:00');
    const today = (await env.as('manager1').get(`/api/funeral/today?siteId=${funeral1.id}`)).json<FuneralToday>();
    expect(today.events).toEqual([]);
    expect(today.halls.every((h) => h.disinfectionState === 'not_in_use')).toBe(true);
    expect(clock().now().getTime() - localInstant(day, '18:00', ZONE).getTime()).toBeLessThan(HOUR);
  });
});
