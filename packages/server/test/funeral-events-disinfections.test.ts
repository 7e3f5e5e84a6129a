import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localInstant, type Disinfection, type Hall, type MourningEvent } from '@fangkong/domain';
import type { RequestContext } from '../src/core/context.js';
import { funeralHttp, startFuneralApp } from './support/funeral-http.js';
import { countWrites, createUser, newSite, type TestEnv, type Tree, type TreeNode } from './harness.js';

/*
 * The halls' disinfections (R8.2) through the HTTP app: routine ones and the final one that closes
 * an event, the flag of a hall in use left short by the policy's hour (told once per hall and
 * day), and a site's day and the funeral sites' day as the day pages read them.
 */

let env: TestEnv;
let tree: Tree;
let funeral1: TreeNode;
let funeral2: TreeNode;
let writes: () => Promise<string>;

const HOUR = 3_600_000;
const ZONE = 'Asia/Shanghai';
const { clock, setClock, newHall: hallAt, book } = funeralHttp(() => env, 'Asia/Shanghai');
const at = (ms: number) => new Date(clock().now().getTime() + ms).toISOString();

beforeAll(async () => {
  ({ env, tree, funeral1, funeral2 } = await startFuneralApp(ZONE, [
    ['manager1', 'site_manager', (t) => t.funeral1], ['staff1', 'site_staff', (t) => t.funeral1],
    ['inspector1', 'inspector', (t) => t.tree.town1], ['officer2', 'town_officer', (t) => t.tree.town2],
  ]));
  writes = await countWrites(env.database);
}, 60_000);
afterEach(() => clock().reset());
afterAll(async () => env.close());

const newHall = (site: TreeNode, by = 'admin') => hallAt(site, { by });

const disinfect = (body: object, by = 'staff1') =>
  env.as(by).post('/api/funeral/disinfections', { agent: '含氯消毒剂 500mg/L', place: '厅内地面及座椅', ...body });

/** An event that started a minute ago and was ended by the site just now. */
async function endedEvent(site: TreeNode, hall: Hall): Promise<MourningEvent> {
  const event = await book(site, hall, at(-60_000), at(4 * HOUR));
  const ended = await env.as('staff1').post(`/api/funeral/events/${event.id}/end`, {});
  expect(ended.statusCode, ended.body).toBe(200);
  return ended.json().event;
}

describe('recording disinfections', () => {
  it('a routine one is now by the caller unless said; the day lists it', async () => {
    // Mid-morning, so that the second one, half a minute later, is the same day at any hour the suite runs.
    setClock(addDays(clock().today(), 1), '10:00');
    const hall = await newHall(funeral1);
    const res = await disinfect({ hallId: hall.id, kind: 'routine', note: '上午' });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json().disinfection as Disinfection;
    expect(d).toMatchObject({ hallId: hall.id, hallName: hall.name, kind: 'routine', eventId: null, byName: 'staff1', recordedByName: 'staff1', note: '上午' });
    expect(Math.abs(Date.parse(d.at) - clock().now().getTime())).toBeLessThan(10_000);
    const byOther = await disinfect({ hallId: hall.id, kind: 'routine', byName: '保洁员老周', at: at(30_000) });
    expect(byOther.statusCode, byOther.body).toBe(201);
    expect(byOther.json().disinfection.byName).toBe('保洁员老周');
    const list = (await env.as('inspector1').get(`/api/funeral/disinfections?siteId=${funeral1.id}`)).json().disinfections as Disinfection[];
    expect(list.filter((x) => x.hallId === hall.id)).toHaveLength(2);
    const yesterday = addDays(clock().today(), -1);
    expect((await env.as('inspector1').get(`/api/funeral/disinfections?siteId=${funeral1.id}&from=${yesterday}&to=${yesterday}`)).json().disinfections).toEqual([]);
    expect((await env.as('inspector1').get(`/api/funeral/disinfections?siteId=${funeral1.id}&from=${clock().today()}&to=${yesterday}`)).statusCode).toBe(400);
  });

  it('refuses a time in the future, a final with nothing to close, and a final of an event of another hall', async () => {
    const hall = await newHall(funeral1);
    const other = await newHall(funeral1);
    const event = await endedEvent(funeral1, other);
    const before = await writes();
    const cases: [object, string][] = [
      [{ hallId: hall.id, kind: 'routine', at: at(2 * 60_000) }, 'body.at'],
      [{ hallId: hall.id, kind: 'final' }, 'body.eventId'],
      [{ hallId: hall.id, kind: 'final', eventId: event.id }, 'body.eventId'],
      [{ hallId: hall.id, kind: 'routine', eventId: event.id }, 'body.eventId'],
      [{ hallId: other.id, kind: 'final', at: at(-HOUR) }, 'body.at'],
    ];
    for (const [body, path] of cases) {
      const res = await disinfect(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
    }
    expect(await writes()).toBe(before);
  });

  it('a final one closes the hall\'s last ended event once; an event not ended has none', async () => {
    const hall = await newHall(funeral1);
    const ongoing = await book(funeral1, hall, at(-60_000), at(2 * HOUR));
    const early = await disinfect({ hallId: hall.id, kind: 'final', eventId: ongoing.id });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('治丧活动尚未结束，结束后再进行终末消毒');
    await env.as('staff1').post(`/api/funeral/events/${ongoing.id}/end`, {});
    const final = await disinfect({ hallId: hall.id, kind: 'final', eventId: ongoing.id, place: '全厅及走廊' });
    expect(final.statusCode, final.body).toBe(201);
    const before = await writes();
    const twice = await disinfect({ hallId: hall.id, kind: 'final', eventId: ongoing.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('已于');
    expect((await disinfect({ hallId: hall.id, kind: 'final' })).json().error.fields[0].path).toBe('body.eventId');
    expect(await writes()).toBe(before);
    const [h] = ((await env.as('staff1').get(`/api/funeral/halls?siteId=${funeral1.id}`)).json().halls as Hall[]).filter((x) => x.id === hall.id);
    expect(h?.awaitingFinalFor).toBeNull();
  });

  it('another town cannot record or list; a role without the permission is refused where it sees the hall', async () => {
    const hall = await newHall(funeral1);
    const before = await writes();
    expect((await disinfect({ hallId: hall.id, kind: 'routine' }, 'officer2')).statusCode).toBe(404);
    expect((await disinfect({ hallId: hall.id, kind: 'routine' }, 'inspector1')).statusCode).toBe(403);
    expect((await env.as('officer2').get(`/api/funeral/disinfections?siteId=${funeral1.id}`)).statusCode).toBe(404);
    expect(await writes()).toBe(before);
  });
});

describe('a hall in use short of disinfections (R8.2)', () => {
  it('is due before the policy\'s hour, flagged to the manager once after it, and counted in the day', async () => {
    const site = await newSite(env, tree.town1, 'funeral', { name: '三号殡仪馆' });
    await createUser(env.database, 'manager3', [['site_manager', site]]);
    await env.signIn('manager3');
    const [short, enough, idle] = [await newHall(site), await newHall(site), await newHall(site)];
    const day = addDays(clock().today(), 10);
    setClock(day, '08:00');
    const held = await book(site, short, at(0), localInstant(day, '20:00', ZONE).toISOString());
    // A mourner admitted by the register (the register's part writes these rows).
    await env.database.pool.query(`insert into mourners (event_id, org_path, name, source, registered_at) values ($1, $2, '吊唁者', 'helper', now())`, [held.id, site.path]);
    await book(site, enough, at(0), localInstant(day, '20:00', ZONE).toISOString());
    for (const hall of [short, enough, enough]) expect((await disinfect({ hallId: hall.id, kind: 'routine' }, 'admin')).statusCode).toBe(201);

    setClock(day, '15:30');
    const service = env.app.services.funeral;
    const state = async () => new Map(((await env.as('manager3').get(`/api/funeral/halls?siteId=${site.id}`)).json().halls as Hall[]).map((h) => [h.id, h]));
    expect((await state()).get(short.id)).toMatchObject({ inUseToday: true, disinfectionsToday: 1, requiredToday: 2, disinfectionState: 'due' });
    await service.flagMissedDisinfections();
    const bells = async () => ((await env.as('manager3').get('/api/notifications?limit=50')).json().notifications as { kind: string; text: string; url: string }[])
      .filter((n) => n.kind === 'hall_disinfection_missed');
    expect(await bells()).toEqual([]);

    setClock(day, '16:05');
    const halls = await state();
    expect(halls.get(short.id)).toMatchObject({ disinfectionState: 'missed' });
    expect(halls.get(enough.id)).toMatchObject({ disinfectionsToday: 2, disinfectionState: 'ok' });
    expect(halls.get(idle.id)).toMatchObject({ inUseToday: false, requiredToday: 0, disinfectionState: 'not_in_use' });
    await service.flagMissedDisinfections();
    await service.flagMissedDisinfections();
    const told = await bells();
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain(short.name);
    expect(told[0]?.url).toBe(`/funeral?siteId=${site.id}`);
    expect((await env.as('manager3').get(`/api/funeral/events/${held.id}`)).json().event).toMatchObject({ attendees: 1, refused: 0 });
    expect(await service.sitesDay([{ id: site.id }, { id: funeral2.id }], day)).toEqual(new Map([
      [site.id, { events: 2, attendees: 1, hallsInUse: 2, missedDisinfections: 1, awaitingFinal: 0 }],
      [funeral2.id, { events: 0, attendees: 0, hallsInUse: 0, missedDisinfections: 0, awaitingFinal: 0 }],
    ]));

    // Disinfected late: no longer missed, and no new bell.
    await disinfect({ hallId: short.id, kind: 'routine' }, 'admin');
    expect((await state()).get(short.id)?.disinfectionState).toBe('ok');
    await service.flagMissedDisinfections();
    expect(await bells()).toHaveLength(1);
  });

  it("a site's day: today's events, its halls, the limits of its risk level", async () => {
    const hall = await newHall(funeral1);
    const today = await book(funeral1, hall, at(HOUR), at(2 * HOUR));
    const later = await book(funeral1, hall, at(3 * 24 * HOUR), at(3 * 24 * HOUR + HOUR));
    const ended = await endedEvent(funeral1, await newHall(funeral1));
    const ctx: RequestContext = {
      requestId: 'test', ip: '127.0.0.1', userAgent: undefined, locale: 'zh-CN',
      caller: {
        userId: '00000000-0000-4000-8000-000000000000', username: 'manager1', displayName: 'manager1', locale: 'zh-CN', sessionId: 'test',
        grants: [{ role: 'site_manager', nodePath: funeral1.path, nodeId: funeral1.id }], mustChangePassword: false, twoFactor: { enabled: false, required: false },
      },
    };
    const page = await env.app.services.funeral.siteDay(ctx, funeral1.id);
    expect(page).toMatchObject({ siteId: funeral1.id, siteName: '一号镇殡仪馆', day: clock().today(), riskLevel: 'low', limits: { eventsAllowed: true, attendeeCap: 50, maxDays: 3 } });
    const ids = page.events.map((e) => e.id);
    // The event of today is there unless the test runs in the last two hours of the local day.
    if (localInstant(clock().today(), '22:00', ZONE).getTime() > clock().now().getTime()) expect(ids).toContain(today.id);
    expect(ids).toContain(ended.id);
    expect(ids).not.toContain(later.id);
    expect(page.halls.find((h) => h.awaitingFinalFor === ended.id)).toBeDefined();
    await expect(env.app.services.funeral.siteDay(ctx, funeral2.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
