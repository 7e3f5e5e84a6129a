import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVID_RULE_TEXTS, type Hall, type MourningEvent } from '@fangkong/domain';
import { countWrites, createUser, freshIdNumber, newSite, type Client, type TestEnv, type Tree, type TreeNode } from './harness.js';
import { startFuneralApp } from './support/funeral-http.js';

/*
 * Halls and mourning events (R9.1) through the HTTP app: a booking's refusals by the policy and the
 * site's risk level, one event at a time in a hall (and the race of two bookings on PostgreSQL),
 * ending and cancelling, the deceased's and the family's data sealed and masked, and scope.
 */

let env: TestEnv;
let tree: Tree;
let funeral1: TreeNode;
let funeral2: TreeNode;
let writes: () => Promise<string>;

const HOUR = 3_600_000;
const now = () => env.app.services.clock.now();
const at = (ms: number) => new Date(now().getTime() + ms).toISOString();

beforeAll(async () => {
  ({ env, tree, funeral1, funeral2 } = await startFuneralApp('Asia/Shanghai', [
    ['manager1', 'site_manager', (t) => t.funeral1], ['staff1', 'site_staff', (t) => t.funeral1],
    ['officer1', 'town_officer', (t) => t.tree.town1], ['inspector1', 'inspector', (t) => t.tree.town1],
    ['officer2', 'town_officer', (t) => t.tree.town2], ['manager2', 'site_manager', (t) => t.funeral2],
  ]));
  writes = await countWrites(env.database);
}, 60_000);
afterAll(async () => env.close());

let halls = 0;
async function newHall(site: TreeNode, capacity = 30, by = 'manager1'): Promise<Hall> {
  const res = await env.as(by).post('/api/funeral/halls', { siteId: site.id, name: `守灵厅${++halls}`, capacity });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().hall;
}

function booking(site: TreeNode, hall: Hall, overrides: object = {}) {
  return {
    siteId: site.id, hallId: hall.id, deceasedName: '王某', dateOfDeath: env.app.services.clock.today(), cause: 'ordinary',
    familyContactName: '王家属', familyPhone: '13800138000', startsAt: at(HOUR), endsAt: at(25 * HOUR), ...overrides,
  };
}

async function book(site: TreeNode, hall: Hall, overrides: object = {}, by: Client = env.as('staff1')): Promise<MourningEvent> {
  const res = await by.post('/api/funeral/events', booking(site, hall, overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().event;
}

/** A risk area over a site from today, as the bureau declares it. */
async function riskArea(site: TreeNode, level: 'medium' | 'high') {
  const res = await env.as('admin').post('/api/org/risk-areas', {
    nodeId: site.id, regionName: `${site.name}周边`, level, effectiveFrom: env.app.services.clock.today() });
  expect(res.statusCode, res.body).toBe(201);
}

describe('halls', () => {
  it('a manager opens, renames and closes a hall; a name is taken once per site', async () => {
    const hall = await newHall(funeral1, 40);
    expect(hall).toMatchObject({
      siteId: funeral1.id, capacity: 40, active: true, inUseToday: false, disinfectionsToday: 0, requiredToday: 0,
      disinfectionState: 'not_in_use', awaitingFinalFor: null });
    const again = await env.as('manager1').post('/api/funeral/halls', { siteId: funeral1.id, name: hall.name, capacity: 10 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(hall.name);
    // The same name at another site is another hall.
    await env.as('manager2').post('/api/funeral/halls', { siteId: funeral2.id, name: hall.name, capacity: 10 }).then((r) => expect(r.statusCode).toBe(201));
    const renamed = await env.as('manager1').patch(`/api/funeral/halls/${hall.id}`, { name: '福寿厅', active: false });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().hall).toMatchObject({ name: '福寿厅', active: false });
    const list = (await env.as('inspector1').get(`/api/funeral/halls?siteId=${funeral1.id}`)).json().halls as Hall[];
    expect(list.map((h) => h.name)).toContain('福寿厅');
  });

  it('only a funeral site in scope has halls; only the manager opens them', async () => {
    expect((await env.as('admin').get(`/api/funeral/halls?siteId=${tree.elder1.id}`)).statusCode).toBe(404);
    expect((await env.as('officer2').get(`/api/funeral/halls?siteId=${funeral1.id}`)).statusCode).toBe(404);
    const before = await writes();
    expect((await env.as('staff1').post('/api/funeral/halls', { siteId: funeral1.id, name: '无权厅', capacity: 5 })).statusCode).toBe(403);
    expect((await env.as('officer1').post('/api/funeral/halls', { siteId: funeral1.id, name: '无权厅', capacity: 5 })).statusCode).toBe(403);
    expect((await env.as('manager2').post('/api/funeral/halls', { siteId: funeral1.id, name: '无权厅', capacity: 5 })).statusCode).toBe(404);
    expect(await writes()).toBe(before);
  });
});

describe('booking a mourning event (R9.1)', () => {
  it('books with the cap of the policy or the hall, a register token, and the deceased and family sealed and masked', async () => {
    const hall = await newHall(funeral1, 30);
    const idNumber = freshIdNumber();
    const event = await book(funeral1, hall, { deceasedIdNumber: idNumber, familyPhone: '13912345678', note: '家属要求简办' });
    expect(event).toMatchObject({
      siteId: funeral1.id, siteName: '一号镇殡仪馆', hallId: hall.id, hallName: hall.name, attendeeCap: 30, state: 'upcoming',
      attendees: 0, refused: 0, finalDisinfectedAt: null, familyPhone: '139****5678', note: '家属要求简办' });
    expect(event.deceasedIdNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    const row = (await env.database.pool.query('select * from mourning_events where id = $1', [event.id])).rows[0];
    expect(JSON.stringify(row)).not.toContain(idNumber);
    expect(JSON.stringify(row)).not.toContain('13912345678');
    expect(row.deceased_id_last4).toBe(idNumber.slice(-4));
    expect(row.family_phone_last4).toBe('5678');
    expect(row.deceased_id_hash).toBe(env.app.deps.keyring.hash(idNumber));
    expect(row.register_token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // The policy's cap (50) when the hall holds more.
    expect((await book(funeral1, await newHall(funeral1, 200))).attendeeCap).toBe(50);
    expect((await env.as('inspector1').get(`/api/funeral/events/${event.id}`)).json().event).toEqual(event);
  });

  const REFUSALS: { name: string; body: (h: { hall: Hall; big: Hall; closed: Hall; foreign: Hall }) => object; field: string; text?: string }[] = [
    { name: 'longer than 3 days', body: () => ({ endsAt: at(HOUR + 3 * 24 * HOUR + 60_000) }), field: 'body.endsAt', text: '治丧时间不得超过 3 天' },
    { name: 'starting in the past', body: () => ({ startsAt: at(-HOUR) }), field: 'body.startsAt', text: '新预约的开始时间不能早于现在' },
    { name: 'a cap over the policy', body: ({ big }) => ({ hallId: big.id, attendeeCap: 51 }), field: 'body.attendeeCap', text: '吊唁人数不得超过 50 人' },
    { name: 'a cap over the hall', body: () => ({ attendeeCap: 31 }), field: 'body.attendeeCap', text: '超过该厅容量（30 人）' },
    { name: 'ending before it starts', body: () => ({ startsAt: at(5 * HOUR), endsAt: at(4 * HOUR) }), field: 'body.endsAt', text: '结束时间须晚于开始时间' },
    { name: 'a COVID-19 deceased (confirmed)', body: () => ({ cause: 'covid_confirmed' }), field: 'body.cause', text: COVID_RULE_TEXTS[9]['zh-CN'] },
    { name: 'a COVID-19 deceased (suspected)', body: () => ({ cause: 'covid_suspected' }), field: 'body.cause', text: COVID_RULE_TEXTS[9]['zh-CN'] },
    { name: 'a hall out of use', body: ({ closed }) => ({ hallId: closed.id }), field: 'body.hallId' },
    { name: "another site's hall", body: ({ foreign }) => ({ hallId: foreign.id }), field: 'body.hallId' },
  ];

  it.each(REFUSALS)('refuses $name on $field, writing nothing', async ({ body, field, text }) => {
    const hall = await newHall(funeral1, 30);
    const big = await newHall(funeral1, 100);
    const closed = await newHall(funeral1, 30);
    await env.as('manager1').patch(`/api/funeral/halls/${closed.id}`, { active: false });
    const foreign = await newHall(funeral2, 30, 'manager2');
    const before = await writes();
    const res = await env.as('staff1').post('/api/funeral/events', booking(funeral1, hall, body({ hall, big, closed, foreign })));
    expect(res.statusCode, res.body).toBe(400);
    const [problem] = res.json().error.fields;
    expect(problem.path).toBe(field);
    if (text) expect(problem.message).toBe(text);
    expect(await writes()).toBe(before);
  });

  it("refuses the ID number of a COVID-19 case anywhere in the city, whatever the cause given", async () => {
    const hall = await newHall(funeral1);
    const idNumber = freshIdNumber();
    await env.database.pool.query(
      `insert into covid_cases (site_id, org_path, deceased_name, deceased_id_hash, cause, date_of_death, hospital, opened_at)
       values ($1, $2, '李某', $3, 'covid_suspected', current_date, '市第一医院', now())`,
      [funeral2.id, funeral2.path, env.app.deps.keyring.hash(idNumber)]);
    const before = await writes();
    const res = await env.as('staff1').post('/api/funeral/events', booking(funeral1, hall, { deceasedIdNumber: idNumber, cause: 'ordinary' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toEqual({ path: 'body.cause', message: COVID_RULE_TEXTS[9]['zh-CN'] });
    expect(await writes()).toBe(before);
  });

  it('a mid-risk area allows one day and 10 mourners; a high-risk area no gathering', async () => {
    const mid = await newSite(env, tree.town1, 'funeral', { name: '中风险殡仪馆' });
    const high = await newSite(env, tree.town1, 'funeral', { name: '高风险殡仪馆' });
    await createUser(env.database, 'manager-risk', [['site_manager', tree.town1]]);
    const by = env.as('manager-risk');
    const midHall = await newHall(mid, 30, 'manager-risk');
    const highHall = await newHall(high, 30, 'manager-risk');
    await riskArea(mid, 'medium');
    await riskArea(high, 'high');
    const refused = async (site: TreeNode, hall: Hall, body: object) => {
      const res = await by.post('/api/funeral/events', booking(site, hall, body));
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.fields[0];
    };
    expect(await refused(mid, midHall, { attendeeCap: 11 })).toEqual({ path: 'body.attendeeCap', message: '吊唁人数不得超过 10 人' });
    expect(await refused(mid, midHall, { endsAt: at(HOUR + 25 * HOUR) })).toEqual({ path: 'body.endsAt', message: '治丧时间不得超过 1 天' });
    expect((await book(mid, midHall, { endsAt: at(20 * HOUR) }, by)).attendeeCap).toBe(10);
    expect(await refused(high, highHall, {})).toMatchObject({ path: 'body.startsAt', message: expect.stringContaining('高风险地区') });
  });

  it('a hall holds one event at a time: an overlap is a 409 naming the booking, meeting end to start is not', async () => {
    const hall = await newHall(funeral1);
    const first = await book(funeral1, hall, { startsAt: at(2 * HOUR), endsAt: at(10 * HOUR) });
    const before = await writes();
    const res = await env.as('staff1').post('/api/funeral/events', booking(funeral1, hall, { startsAt: at(9 * HOUR), endsAt: at(30 * HOUR) }));
    expect(res.statusCode).toBe(409);
    const local = (iso: string) => env.app.services.funeral.local(new Date(iso));
    expect(res.json().error.message).toContain(`${local(first.startsAt)} 至 ${local(first.endsAt)}`);
    expect(await writes()).toBe(before);
    await book(funeral1, hall, { startsAt: first.endsAt, endsAt: at(30 * HOUR) });
    // A cancelled booking frees its hall.
    const other = await newHall(funeral1);
    const cancelled = await book(funeral1, other);
    expect((await env.as('staff1').post(`/api/funeral/events/${cancelled.id}/cancel`, {})).json().event.state).toBe('cancelled');
    await book(funeral1, other);
  });

  it('a hall whose last event awaits its final disinfection takes no booking until it is done', async () => {
    const hall = await newHall(funeral1);
    const event = await book(funeral1, hall, { startsAt: at(-60_000), endsAt: at(5 * HOUR) });
    expect(event.state).toBe('ongoing');
    const ended = await env.as('staff1').post(`/api/funeral/events/${event.id}/end`, {});
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().event).toMatchObject({ state: 'ended', endedAt: expect.any(String) });
    const hallNow = ((await env.as('staff1').get(`/api/funeral/halls?siteId=${funeral1.id}`)).json().halls as Hall[]).find((h) => h.id === hall.id);
    expect(hallNow?.awaitingFinalFor).toBe(event.id);
    const before = await writes();
    const refused = await env.as('staff1').post('/api/funeral/events', booking(funeral1, hall));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('该厅室上一场治丧活动尚未进行终末消毒，完成终末消毒后方可预约');
    expect(await writes()).toBe(before);
    const final = await env.as('staff1').post('/api/funeral/disinfections', { hallId: hall.id, kind: 'final', agent: '含氯消毒剂 1000mg/L', place: '全厅' });
    expect(final.statusCode, final.body).toBe(201);
    expect(final.json().disinfection).toMatchObject({ eventId: event.id, kind: 'final' });
    expect((await env.as('staff1').get(`/api/funeral/events/${event.id}`)).json().event.finalDisinfectedAt).toBe(final.json().disinfection.at);
    await book(funeral1, hall);
  });

  it('ends only an ongoing event and cancels only an upcoming one', async () => {
    const hall = await newHall(funeral1);
    const upcoming = await book(funeral1, hall);
    const before = await writes();
    const end = await env.as('staff1').post(`/api/funeral/events/${upcoming.id}/end`, {});
    expect(end.statusCode).toBe(409);
    expect(end.json().error.message).toBe('只有正在进行的治丧活动可以结束');
    expect(await writes()).toBe(before);
    expect((await env.as('staff1').post(`/api/funeral/events/${upcoming.id}/cancel`, {})).statusCode).toBe(200);
    expect((await env.as('staff1').post(`/api/funeral/events/${upcoming.id}/cancel`, {})).statusCode).toBe(409);
    expect((await env.as('staff1').post(`/api/funeral/events/${upcoming.id}/end`, {})).statusCode).toBe(409);
  });
});

describe('events in scope', () => {
  it('another town sees neither the event nor the site; a role without the permission is refused where it sees it', async () => {
    const hall = await newHall(funeral1);
    const event = await book(funeral1, hall, { deceasedName: '赵某' });
    for (const user of ['officer2', 'manager2']) {
      const res = await env.as(user).get(`/api/funeral/events/${event.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('赵某');
      expect((await env.as(user).get(`/api/funeral/events?siteId=${funeral1.id}`)).statusCode).toBe(404);
      const all = (await env.as(user).get('/api/funeral/events?limit=500')).json().events as MourningEvent[];
      expect(all.every((e) => e.siteId === funeral2.id)).toBe(true);
    }
    const before = await writes();
    expect((await env.as('manager2').post(`/api/funeral/events/${event.id}/cancel`, {})).statusCode).toBe(404);
    expect((await env.as('manager2').post('/api/funeral/events', booking(funeral1, hall))).statusCode).toBe(404);
    expect((await env.as('inspector1').post(`/api/funeral/events/${event.id}/cancel`, {})).statusCode).toBe(403);
    expect((await env.as('officer1').post('/api/funeral/events', booking(funeral1, hall))).statusCode).toBe(403);
    expect(await writes()).toBe(before);
    const mine = (await env.as('officer1').get(`/api/funeral/events?siteId=${funeral1.id}&state=upcoming&limit=500`)).json();
    expect(mine.events.map((e: MourningEvent) => e.id)).toContain(event.id);
    expect(mine.events.every((e: MourningEvent) => e.state === 'upcoming')).toBe(true);
  });

  it('lists the events of a window, counting them', async () => {
    const hall = await newHall(funeral1);
    const event = await book(funeral1, hall, { startsAt: at(40 * HOUR), endsAt: at(50 * HOUR) });
    const q = (from: string, to: string) => env.as('staff1').get(`/api/funeral/events?hallId=${hall.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect((await q(at(49 * HOUR), at(60 * HOUR))).json()).toMatchObject({ total: 1, events: [{ id: event.id }] });
    expect((await q(at(50 * HOUR), at(60 * HOUR))).json().total).toBe(0);
    expect((await q(at(60 * HOUR), at(50 * HOUR))).json().error.fields[0].path).toBe('query.to');
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('at the same moment (PostgreSQL)', () => {
  it('two bookings of one hall at once: exactly one is made', async () => {
    const hall = await newHall(funeral1);
    const answers = await Promise.all([
      env.as('staff1').post('/api/funeral/events', booking(funeral1, hall, { deceasedName: '甲某' })),
      env.as('manager1').post('/api/funeral/events', booking(funeral1, hall, { deceasedName: '乙某', startsAt: at(2 * HOUR) })),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect((await env.database.pool.query('select count(*)::int as n from mourning_events where hall_id = $1', [hall.id])).rows[0].n).toBe(1);
  });
});
