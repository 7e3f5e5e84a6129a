import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COVID_CASE_STEPS, DEFAULT_POLICIES, covidStepDeadline, hallDisinfectionState, idCheckCharacter, localDay, localInstant, nextCovidStep, type CovidCaseStep,
} from '@fangkong/domain';
import { DEMO_GIVEN_NAMES, DEMO_PASSWORD, isEmpty, seedDemo } from '../src/demo/seed.js';
import { planFuneralWeek } from '../src/demo/funeral.js';
import { login, startTestApp, type TestEnv } from './harness.js';

let env: TestEnv;
let accounts: Awaited<ReturnType<typeof seedDemo>>;
// The instant the demo was seeded at, from the app's clock: the funeral week is placed around it.
let now: Date;

beforeAll(async () => {
  env = await startTestApp();
  expect(await isEmpty(env.database.db)).toBe(true);
  now = env.app.services.clock.now();
  accounts = await seedDemo(env.database.db, env.app.services.people.keyring, now);
});
afterAll(async () => env.close());

describe('the demo city', () => {
  it('has a bureau, at least six towns, every site type in each, and a grid under communities', async () => {
    const r = await env.database.pool.query<{ kind: string; site_type: string | null; n: number }>(
      `select kind, site_type, count(*)::int as n from org_nodes group by 1, 2 order by 1, 2`);
    const count = (kind: string, siteType: string | null = null) => r.rows.find((x) => x.kind === kind && x.site_type === siteType)?.n ?? 0;
    expect(count('bureau')).toBe(1);
    expect(count('town')).toBeGreaterThanOrEqual(6);
    for (const t of ['elderly_care', 'child_welfare', 'funeral', 'rescue_station', 'community']) expect(count('site', t)).toBe(count('town'));
    expect(count('compound')).toBeGreaterThan(0);
    expect(count('building')).toBeGreaterThan(0);
  });

  it('has people to check at the first elderly-care home, with valid, encrypted ID numbers', async () => {
    const cookie = await login(env.app, 'eldercare-staff', DEMO_PASSWORD);
    const round = (await env.app.inject({ url: `/api/sites/${(await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().user.roles[0].nodeId}/rounds/today`, headers: { cookie } })).json();
    expect(round.people).toHaveLength(30);
    const rooms = await env.database.pool.query(`select count(*)::int as n from rooms`);
    expect(rooms.rows[0].n).toBeGreaterThan(0);
    const plain = await env.database.pool.query(`select count(*)::int as n from people where id_enc not like 'v1.%'`);
    expect(plain.rows[0].n).toBe(0);
  });

  it("links the night nurse's account to a member of the home's staff, which the town officer sees on the account", async () => {
    const cookie = await login(env.app, 'town-officer', DEMO_PASSWORD);
    const list = (await env.app.inject({ url: '/api/accounts?q=eldercare-staff', headers: { cookie } })).json();
    const [nurse] = list.accounts;
    expect(nurse.person).toMatchObject({ siteName: nurse.roles[0].nodeName });
    const person = await env.database.pool.query<{ kind: string; site_id: string }>('select kind, site_id from people where id = $1', [nurse.person.id]);
    expect(person.rows[0]).toEqual({ kind: 'staff', site_id: nurse.roles[0].nodeId });
  });

  it('keeps risk areas elsewhere in the country, one in force and one ended, and none over the city', async () => {
    const cookie = await login(env.app, 'eldercare-manager', DEMO_PASSWORD);
    const { areas } = (await env.app.inject({ url: '/api/org/risk-areas', headers: { cookie } })).json();
    expect(areas.map((a: { level: string; status: string }) => [a.level, a.status])).toEqual([['high', 'current'], ['medium', 'ended']]);
    const me = (await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).json();
    const home = (await env.app.inject({ url: `/api/org/nodes/${me.user.roles[0].nodeId}`, headers: { cookie } })).json();
    expect(home.riskLevel).toBe('low');
  });

  it('shows an incident whose bureau report is late, which the town sees on its board', async () => {
    const cookie = await login(env.app, 'town-officer', DEMO_PASSWORD);
    const overview = (await env.app.inject({ url: '/api/incidents/overview', headers: { cookie } })).json();
    expect(overview.lateSteps).toBe(1);
    const [incident] = (await env.app.inject({ url: '/api/incidents?late=true', headers: { cookie } })).json().incidents;
    expect(incident.steps.map((s: { to: string; state: string }) => [s.to, s.state])).toEqual([['town', 'done'], ['bureau', 'late']]);
  });

  it('describes its incident consistently: the feverish are clients, each isolated in a room as the timeline says', async () => {
    const who = await env.database.pool.query<{ kind: string; room_kind: string | null; site_match: boolean }>(
      `select p.kind, r.kind as room_kind, (pl.site_id = i.site_id) as site_match
         from incident_people ip join incidents i on i.id = ip.incident_id join people p on p.id = ip.person_id
         left join placements pl on pl.person_id = p.id and pl.ended_at is null left join rooms r on r.id = pl.room_id`);
    expect(who.rows).toHaveLength(2);
    for (const r of who.rows) expect(r).toEqual({ kind: 'client', room_kind: 'isolation', site_match: true });
    const isolated = await env.database.pool.query(`select count(*)::int as n from incident_events where action = 'isolated'`);
    expect(isolated.rows[0].n).toBe(1);
  });

  it('gives names that agree with the sex of the ID number, and every site a code and an address', async () => {
    const people = await env.database.pool.query<{ name: string; sex: 'male' | 'female' }>('select name, sex from people');
    expect(people.rows.length).toBeGreaterThan(0);
    for (const p of people.rows) expect(DEMO_GIVEN_NAMES[p.sex], `${p.name} (${p.sex})`).toContain(p.name.slice(1));
    const sites = await env.database.pool.query<{ code: string | null; address: string | null }>(`select code, address from org_nodes where kind = 'site'`);
    for (const s of sites.rows) {
      expect(s.code).toMatch(/^T\d{2}-[A-Z]{2}$/);
      expect(s.address).toMatch(/号$/);
    }
    expect(new Set(sites.rows.map((s) => s.code)).size).toBe(sites.rows.length);
  });

  it('names the accounts of the README, with an officer in every town', async () => {
    expect(accounts.map((a) => a.username)).toEqual([
      'admin', 'town-officer', 'eldercare-manager', 'eldercare-staff', 'funeral-manager', 'rescue-manager', 'community-worker',
      'town-officer-2', 'town-officer-3', 'town-officer-4', 'town-officer-5', 'town-officer-6',
    ]);
    // A fever at any site has a town office in the system to report to.
    const officers = await env.database.pool.query<{ path: string }>(
      `select n.path from org_nodes n where n.kind = 'town' and not exists (
         select 1 from user_roles r where r.node_id = n.id and r.role = 'town_officer')`);
    expect(officers.rows).toEqual([]);
  });

  it.each([
    'admin', 'town-officer', 'eldercare-manager', 'eldercare-staff', 'funeral-manager', 'rescue-manager', 'community-worker', 'town-officer-6',
  ])('%s signs in and sees exactly the subtree of their node', async (username) => {
    const cookie = await login(env.app, username, DEMO_PASSWORD);
    const me = (await env.app.inject({ url: '/api/auth/me', headers: { cookie } })).json().user;
    const own = me.roles[0].nodePath as string;
    const seen = (await env.app.inject({ url: '/api/org/nodes', headers: { cookie } })).json().nodes as { path: string }[];
    const all = (await env.database.pool.query<{ path: string }>('select path from org_nodes')).rows;
    const expected = all.filter((n) => n.path.startsWith(own)).map((n) => n.path).sort();
    expect(seen.map((n) => n.path).sort()).toEqual(expected);
    expect(seen.length).toBeGreaterThan(0);
  });

  describe("the funeral-manager's week", () => {
    const policy = DEFAULT_POLICIES.funeral.funeral;
    const q = async <T extends object>(text: string, params: unknown[] = []) => (await env.database.pool.query<T>(text, params)).rows;
    const siteOf = async () => (await q<{ id: string }>(
      `select r.node_id as id from user_roles r join users u on u.id = r.user_id where u.username = 'funeral-manager'`))[0]?.id ?? '';

    it('has three halls at the manager\'s site, and halls and a couple of events at every funeral site', async () => {
      const site = await siteOf();
      const halls = await q<{ name: string; capacity: number }>('select name, capacity from funeral_halls where site_id = $1 order by capacity desc', [site]);
      expect(halls).toEqual([{ name: '福寿厅', capacity: 60 }, { name: '安宁厅', capacity: 40 }, { name: '思源厅', capacity: 30 }]);
      const sites = await q<{ halls: number; events: number }>(
        `select (select count(*)::int from funeral_halls h where h.site_id = n.id) as halls,
                (select count(*)::int from mourning_events e where e.site_id = n.id) as events
           from org_nodes n where n.site_type = 'funeral'`);
      expect(sites.length).toBeGreaterThanOrEqual(6);
      for (const x of sites) expect(x.halls >= 3 && x.events >= 2, JSON.stringify(x)).toBe(true);
    });

    it('has events that ended, one under way with mourners, one tomorrow; caps from the policy and the hall; valid deceased IDs', async () => {
      const events = await q<{ id: string; starts_at: Date; ends_at: Date; cap: number; capacity: number; token: string; died: string; id_enc: string; cause: string; n: number }>(
        `select e.id, e.starts_at, e.ends_at, e.attendee_cap as cap, h.capacity, e.register_token as token, to_char(e.date_of_death, 'YYYY-MM-DD') as died,
                e.deceased_id_enc as id_enc, e.cause, (select count(*)::int from mourners m where m.event_id = e.id) as n
           from mourning_events e join funeral_halls h on h.id = e.hall_id where e.site_id = $1 order by e.starts_at`, [await siteOf()]);
      const ended = events.filter((e) => e.ends_at <= now);
      const ongoing = events.filter((e) => e.starts_at <= now && now < e.ends_at);
      const upcoming = events.filter((e) => now < e.starts_at);
      expect(ended.length).toBeGreaterThanOrEqual(4);
      expect(ongoing).toHaveLength(1);
      expect(ongoing[0]?.n).toBeGreaterThanOrEqual(5);
      expect(upcoming.map((e) => localDay(e.starts_at))).toEqual([localDay(new Date(now.getTime() + 86_400_000))]);
      for (const e of [...ended, ...ongoing]) expect(e.n).toBeGreaterThanOrEqual(5);
      for (const e of events) {
        expect(e.cap).toBe(Math.min(policy.mourningAttendeeCap, e.capacity));
        expect(e.n).toBeLessThanOrEqual(e.cap);
        expect(e.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
        expect(e.cause).toBe('ordinary');
        const days = (localInstant(localDay(e.starts_at), '00:00').getTime() - localInstant(e.died, '00:00').getTime()) / 86_400_000;
        expect([1, 2]).toContain(days);
        const id = env.app.services.people.keyring.open(e.id_enc);
        expect(idCheckCharacter(id.slice(0, 17))).toBe(id[17]);
      }
    });

    it('seals mourners\' phones with their hash, and one phone attended two events', async () => {
      const keyring = env.app.services.people.keyring;
      const rows = await q<{ event_id: string; phone_enc: string | null; phone_last4: string | null; phone_hash: string | null; temp_tenths: number | null; registered_at: Date }>(
        `select m.event_id, m.phone_enc, m.phone_last4, m.phone_hash, m.temp_tenths, m.registered_at from mourners m join mourning_events e on e.id = m.event_id where e.site_id = $1`,
        [await siteOf()]);
      for (const r of rows.filter((x) => x.phone_enc !== null)) {
        const phone = keyring.open(r.phone_enc ?? '');
        expect(phone).toMatch(/^1[3-9]\d{9}$/);
        expect([r.phone_last4, r.phone_hash]).toEqual([phone.slice(-4), keyring.hash(phone)]);
      }
      expect(rows.filter((r) => r.temp_tenths !== null).length).toBeGreaterThan(0);
      expect(rows.every((r) => r.registered_at <= now)).toBe(true);
      const events = new Map<string, Set<string>>();
      for (const r of rows) if (r.phone_hash) events.set(r.phone_hash, (events.get(r.phone_hash) ?? new Set()).add(r.event_id));
      expect([...events.values()].filter((e) => e.size >= 2)).toHaveLength(1);
    });

    it('disinfected each hall in use twice a day but once, closed every ended event with a final one, and has one of today\'s two done', async () => {
      const site = await siteOf();
      const events = await q<{ id: string; hall_id: string; starts_at: Date; ends_at: Date }>('select id, hall_id, starts_at, ends_at from mourning_events where site_id = $1', [site]);
      const done = await q<{ hall_id: string; event_id: string | null; kind: string; at: Date }>('select hall_id, event_id, kind, at from hall_disinfections where site_id = $1', [site]);
      const today = localDay(now);
      const short: string[] = [];
      for (let back = 7; back >= 0; back--) {
        const day = localDay(new Date(now.getTime() - back * 86_400_000));
        const from = localInstant(day, '00:00');
        const to = new Date(from.getTime() + 86_400_000);
        for (const hall of new Set(events.filter((e) => e.starts_at < to && e.ends_at > from).map((e) => e.hall_id))) {
          const routine = done.filter((d) => d.hall_id === hall && d.kind === 'routine' && localDay(d.at) === day).length;
          // The end of the day for the days past; today, as the manager sees it at 09:00 and at 17:00.
          const hours = day === today ? [9, 17] : [24];
          const states = hours.map((localHour) => hallDisinfectionState({ inUse: true, routineToday: routine, localHour }, policy));
          if (day === today) expect([routine, ...states]).toEqual([1, 'due', 'missed']);
          else if (states[0] !== 'ok') short.push(`${day} ${hall} ${routine}`);
        }
      }
      expect(short).toHaveLength(1);
      for (const e of events.filter((x) => x.ends_at <= now)) {
        const finals = done.filter((d) => d.kind === 'final' && d.event_id === e.id);
        expect(finals).toHaveLength(1);
        expect(finals[0]?.at.getTime()).toBeGreaterThanOrEqual(e.ends_at.getTime());
      }
      expect(done.every((d) => d.at <= now)).toBe(true);
    });

    it('has one open COVID-19 case cremated today, its certificate next, each step within the policy\'s deadline', async () => {
      const cases = await q<{ id: string; cause: string; incident_id: string; archived_at: Date | null }>(
        `select id, cause, incident_id, archived_at from covid_cases where site_id = $1`, [await siteOf()]);
      expect(cases).toHaveLength(1);
      const [c] = cases;
      expect(c?.archived_at).toBeNull();
      expect(['covid_suspected', 'covid_confirmed']).toContain(c?.cause);
      const steps = await q<{ step: CovidCaseStep; seq: number; at: Date; due_at: Date | null; facts: Record<string, boolean> }>(
        'select step, seq, at, due_at, facts from covid_case_steps where case_id = $1 order by seq', [c?.id]);
      expect(steps.map((s) => [s.step, s.seq])).toEqual(COVID_CASE_STEPS.slice(0, 4).map((s, i) => [s, i + 1]));
      expect(nextCovidStep(steps.map((s) => s.step))).toBe('certified');
      const doneAt: Partial<Record<CovidCaseStep, Date>> = {};
      for (const s of steps) {
        expect(s.due_at).toEqual(covidStepDeadline(s.step, doneAt, policy));
        if (s.due_at) expect(s.at.getTime()).toBeLessThanOrEqual(s.due_at.getTime());
        expect(s.at.getTime()).toBeLessThanOrEqual(now.getTime());
        doneAt[s.step] = s.at;
      }
      expect(steps[1]?.facts).toMatchObject({ sanitaryTreatment: true, deathCertificate: true, cremateAtOnceOnForm: true });
      expect(steps[2]?.facts).toMatchObject({ dedicatedStaffAndVehicle: true, protectiveSuit: true, goggles: true });
      const incident = await q<{ type: string; status: string }>('select type, status from incidents where id = $1', [c?.incident_id]);
      expect(incident).toEqual([{ type: 'death', status: 'open' }]);
      const receivers = await q<{ receiver: string; late: boolean }>(
        'select receiver, (done_at is null or done_at > due_at) as late from incident_steps where incident_id = $1', [c?.incident_id]);
      expect(receivers.map((r) => r.receiver).sort()).toEqual(DEFAULT_POLICIES.funeral.escalation.chains.death.map((s) => s.to).sort());
      expect(receivers.map((r) => r.receiver)).toContain('funeral_affairs_centre');
      expect(receivers.filter((r) => r.late)).toEqual([]);
      const timeline = await q<{ kind: string }>('select kind from incident_events where incident_id = $1 order by at', [c?.incident_id]);
      expect(timeline[0]?.kind).toBe('opened');
      expect(timeline.length).toBe(receivers.length + 1);
    });

    it.each(['00:05', '09:00', '15:59', '23:55'])('places the week consistently whatever the hour the demo starts (%s local)', (time) => {
      const at = localInstant('2021-01-20', time);
      const plan = planFuneralWeek(at, 'full');
      const ongoing = plan.events.filter((e) => e.startsAt <= at && at < e.endsAt);
      expect(ongoing).toHaveLength(1);
      for (const d of plan.routine) expect(d.at.getTime()).toBeLessThanOrEqual(at.getTime());
      expect(plan.routine.filter((d) => localDay(d.at) === '2021-01-20').map((d) => d.hall)).toEqual([ongoing[0]?.hall]);
      expect(plan.covidSteps.every((s) => s.at < at)).toBe(true);
    });
  });
});
