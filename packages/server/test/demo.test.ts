import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GIVEN_NAMES, DEMO_PASSWORD, isEmpty, seedDemo } from '../src/demo/seed.js';
import { login, startTestApp, type TestEnv } from './harness.js';

let env: TestEnv;
let accounts: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  env = await startTestApp();
  expect(await isEmpty(env.database.db)).toBe(true);
  accounts = await seedDemo(env.database.db, env.app.services.people.keyring);
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
});
