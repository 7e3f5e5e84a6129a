import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIdNumber, localDay } from '@fangkong/domain';
import type { Database } from '../src/db/engine.js';
import { DEMO_PASSWORD } from '../src/demo/seed.js';
import { Keyring } from '../src/pii/keyring.js';
import { seedSynthetic } from '../src/synthetic/index.js';
import { BIRTH_YEARS, FUJIAN_REGIONS, type GeneratedKind } from '../src/synthetic/identity.js';
import { freshDatabase, login, startTestApp, TEST_PII_KEY_ID, TEST_PII_MASTER, type TestEnv } from './harness.js';

/*
 * The synthetic generator at small scale (one home of about sixty people). A year of days rather
 * than the default month, so that the share of fevers is measured over some 20,000 readings.
 */
const DAYS = 365;
const keyring = () => new Keyring(TEST_PII_KEY_ID, new Map([[TEST_PII_KEY_ID, TEST_PII_MASTER]]));

let env: TestEnv;
let summary: Awaited<ReturnType<typeof seedSynthetic>>;
const stages = new Set<string>();

const regions = new Set(Object.values(FUJIAN_REGIONS).flatMap((m) => Object.keys(m)));

/** What must come out the same from the same seed: people (names, decrypted ID numbers) and their temperatures by day. */
async function content(database: Database, ring: Keyring) {
  const people = (await database.pool.query<{ id: string; name: string; kind: string; id_enc: string; status: string }>(
    'select id, name, kind, id_enc, status from people order by id')).rows.map((p) => ({ ...p, id_enc: ring.open(p.id_enc) }));
  const temps = (await database.pool.query<{ id_enc: string; day: string; temps: string }>(`
    select p.id_enc, r.day::text as day, string_agg(r.temp_tenths::text, ',' order by r.measured_at) as temps
    from readings r join people p on p.id = r.person_id group by 1, 2`)).rows
    .map((r) => `${ring.open(r.id_enc)} ${r.day} ${r.temps}`).sort();
  const counts = (await database.pool.query(`select
    (select count(*)::int from test_records) as tests, (select count(*)::int from visits) as visits,
    (select count(*)::int from supply_ledger) as ledger, (select count(*)::int from alerts) as alerts`)).rows[0];
  return { people, temps, counts };
}

beforeAll(async () => {
  env = await startTestApp();
  summary = await seedSynthetic(env.database, keyring(), { scale: 'small', seed: 1, days: DAYS }, (stage) => stages.add(stage));
}, 120_000);
afterAll(async () => env.close());

const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await env.database.pool.query<T>(text, params)).rows;

describe('the synthetic city at small scale', () => {
  it('is one bureau, one town, one elderly-care home of about sixty people, and says so in its summary', async () => {
    const [n] = await q<Record<string, number>>(`select
      (select count(*)::int from org_nodes where kind = 'bureau') as bureaus,
      (select count(*)::int from org_nodes where kind = 'town') as towns,
      (select count(*)::int from org_nodes where kind = 'site') as sites,
      (select count(*)::int from org_nodes where kind = 'site' and site_type = 'elderly_care') as homes,
      (select count(*)::int from people) as people,
      (select count(*)::int from people where status <> 'left') as current,
      (select count(*)::int from people where kind = 'staff' and status <> 'left') as staff,
      (select count(*)::int from rooms) as rooms,
      (select count(*)::int from readings) as readings,
      (select count(*)::int from reading_days) as reading_days,
      (select count(*)::int from alerts) as alerts,
      (select count(*)::int from visits) as visits,
      (select count(*)::int from test_records) as tests,
      (select count(*)::int from supply_ledger) as ledger,
      (select count(*)::int from person_moves) as moves`);
    expect(n).toMatchObject({ bureaus: 1, towns: 1, sites: 1, homes: 1, current: 60, staff: 12 });
    expect(n?.people).toBeGreaterThanOrEqual(60);
    expect(n?.people).toBeLessThan(80);
    expect(n?.moves).toBe(n?.people);
    expect(summary).toMatchObject({
      towns: 1, sites: 1, people: n?.people, rooms: n?.rooms, readings: n?.readings, readingDays: n?.reading_days,
      alerts: n?.alerts, visits: n?.visits, tests: n?.tests, ledgerEntries: n?.ledger, adminUsername: 'admin',
    });
    // About one reading per present person and day, less the few missed and the part of today's round not done yet.
    expect(summary.readings).toBeGreaterThan(55 * (DAYS - 1));
    expect(summary.readings).toBeLessThanOrEqual(80 * DAYS);
    expect(summary.rooms).toBeGreaterThanOrEqual(3);
    expect(summary.visits).toBeGreaterThan(0);
    expect(summary.tests).toBeGreaterThan(0);
    expect(summary.ledgerEntries).toBeGreaterThan(0);
    expect([...stages]).toEqual(expect.arrayContaining(['jurisdiction', 'people', 'rooms', 'readings', 'alerts', 'tests', 'visits', 'supplies', 'accounts']));
  });

  it('gives everyone a valid, unique, sealed Fujian ID number whose birth date fits their kind', async () => {
    const ring = keyring();
    const today = localDay(new Date());
    const rows = await q<{ kind: GeneratedKind; id_enc: string; id_hash: string; id_last4: string; birth_date: string; sex: string; phone_enc: string | null; name: string }>(
      'select kind, id_enc, id_hash, id_last4, birth_date, sex, phone_enc, name from people');
    const seen = new Set<string>();
    for (const r of rows) {
      expect(r.id_enc).toMatch(/^v1\./);
      const id = ring.open(r.id_enc);
      const check = checkIdNumber(id, today);
      if (!check.ok) throw new Error(`${id}: ${check.issue}`);
      expect(check.value).toBe(id);
      expect(regions.has(check.region)).toBe(true);
      expect(check.birthDate).toBe(r.birth_date);
      expect(check.sex).toBe(r.sex);
      const year = Number(check.birthDate.slice(0, 4));
      const [lo, hi] = BIRTH_YEARS[r.kind];
      expect(year, `${r.kind} born ${check.birthDate}`).toBeGreaterThanOrEqual(lo);
      expect(year, `${r.kind} born ${check.birthDate}`).toBeLessThanOrEqual(hi);
      expect(r.id_hash).toBe(ring.hash(id));
      expect(r.id_last4).toBe(id.slice(-4));
      if (r.phone_enc) expect(ring.open(r.phone_enc)).toMatch(/^1[3-9]\d{9}$/);
      expect(r.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(rows.length);
    // Staff carry phones; most residents' emergency contacts are written down.
    const [phones] = await q<{ staff: number; with_phone: number; contacts: number; residents: number }>(`select
      count(*) filter (where kind = 'staff')::int as staff, count(*) filter (where kind = 'staff' and phone_enc is not null)::int as with_phone,
      count(*) filter (where kind = 'resident' and emergency_phone_enc is not null)::int as contacts, count(*) filter (where kind = 'resident')::int as residents
      from people`);
    expect(phones?.with_phone).toBe(phones?.staff);
    expect(phones?.contacts).toBeGreaterThan((phones?.residents ?? 0) * 0.7);
  });

  it('keeps readings and their per-day rollup in agreement, for people who were there that day', async () => {
    const [diff] = await q<{ n: number }>(`
      select count(*)::int as n from (
        select person_id, day, site_id, count(*)::int as checks, max(temp_tenths)::int as max_tenths, bool_or(abnormal) as abnormal
        from readings group by 1, 2, 3
      ) r full join reading_days d using (person_id, day)
      where d.person_id is null or r.person_id is null or r.checks <> d.checks or r.max_tenths <> d.max_tenths
        or r.abnormal <> d.abnormal or r.site_id <> d.site_id`);
    expect(diff?.n).toBe(0);
    // The fill skips per-row foreign-key checks where it may: its ids must hold up by construction.
    const [orphans] = await q<{ n: number }>(`select
      (select count(*)::int from readings r where not exists (select 1 from people p where p.id = r.person_id)
        or not exists (select 1 from org_nodes o where o.id = r.site_id)) +
      (select count(*)::int from reading_days d where not exists (select 1 from people p where p.id = d.person_id)) as n`);
    expect(orphans?.n).toBe(0);
    // Nobody is read before joining, after leaving or while away; every reading is of its person's site.
    const [outside] = await q<{ n: number }>(`
      select count(*)::int as n from readings r join people p on p.id = r.person_id
      where r.site_id <> p.site_id or r.org_path <> p.org_path or r.day < p.joined_on or r.day >= p.left_on
        or (p.status = 'on_leave' and r.day >= p.status_since)`);
    expect(outside?.n).toBe(0);
    const [today] = await q<{ n: number; late: number }>(`select count(*)::int as n, count(*) filter (where measured_at > now())::int as late
      from readings where day = $1::date`, [localDay(new Date())]);
    expect(today?.late).toBe(0);
  });

  it('has about 0.2–0.5 % fevers (≥ 37.3 ℃), a few of them 38 ℃ or more, with bands by the policy', async () => {
    const [r] = await q<{ n: number; fevers: number; high: number; mid: number; abnormal: number; wrong_band: number }>(`select count(*)::int as n,
      count(*) filter (where temp_tenths >= 373)::int as fevers, count(*) filter (where temp_tenths >= 380)::int as high,
      count(*) filter (where temp_tenths between 371 and 372)::int as mid, count(*) filter (where abnormal)::int as abnormal,
      count(*) filter (where band <> case when temp_tenths < 360 then 'below_normal' when temp_tenths <= 370 then 'normal'
        when temp_tenths <= 380 then 'low_fever' when temp_tenths <= 390 then 'moderate_fever' else 'high_fever' end)::int as wrong_band
      from readings`);
    const share = (r?.fevers ?? 0) / (r?.n ?? 1);
    expect(share).toBeGreaterThanOrEqual(0.002);
    expect(share).toBeLessThanOrEqual(0.005);
    expect(r?.high).toBeGreaterThan(0);
    expect(r?.mid).toBe(0);
    expect(r?.abnormal).toBe(r?.fevers);
    expect(r?.wrong_band).toBe(0);
    // Every fever is in an alert, and at most one alert per person is open.
    const [a] = await q<{ uncovered: number; open_dup: number }>(`select
      (select count(*)::int from readings r where r.abnormal and not exists (
        select 1 from alerts a where a.person_id = r.person_id and a.opened_at <= r.measured_at and (a.closed_at is null or a.closed_at >= r.measured_at))) as uncovered,
      (select count(*)::int from (select person_id from alerts where status = 'open' group by 1 having count(*) > 1) x) as open_dup`);
    expect(a).toEqual({ uncovered: 0, open_dup: 0 });
  });

  it('records the report of every fever as the system would have (R2.4): a closed alert told the town and the bureau, and the health department by phone', async () => {
    const rows = await q<{ status: string; receiver: string; done: number; total: number; how: string | null }>(`
      select a.status, r.receiver, count(r.done_at)::int as done, count(*)::int as total, min(r.how) as how
      from alerts a join alert_reports r on r.alert_id = a.id group by 1, 2 order by 1, 2`);
    const closed = rows.filter((x) => x.status === 'closed');
    expect(closed.map((x) => x.receiver).sort()).toEqual(['bureau', 'health_department', 'site_manager', 'town']);
    for (const x of closed) expect(x.done).toBe(x.total);
    expect(closed.find((x) => x.receiver === 'health_department')?.how).toBe('phone');
    const [n] = await q<{ unreported: number; without: number }>(`select
      (select count(*)::int from alerts a where a.status = 'closed' and not exists (
        select 1 from jsonb_array_elements(a.steps) s where s->>'step' = 'report_superiors' and s->>'doneAt' is not null)) as unreported,
      (select count(*)::int from alerts a where (select count(*) from alert_reports r where r.alert_id = a.id) <> 4) as without`);
    expect(n).toEqual({ unreported: 0, without: 0 });
  });

  it('tests the staff every four weeks or so, mostly negative, and balances every batch of stock with its ledger', async () => {
    const [t] = await q<{ staff_tested: number; staff: number; max_gap: number; bad: number }>(`
      with g as (select person_id, sample_day - lag(sample_day) over (partition by person_id order by sample_day) as gap from test_records)
      select (select count(distinct person_id)::int from test_records t join people p on p.id = t.person_id where p.kind = 'staff') as staff_tested,
        (select count(*)::int from people where kind = 'staff' and joined_on < current_date - 60 and (left_on is null or left_on > current_date - 300)) as staff,
        (select max(gap)::int from g) as max_gap,
        (select count(*)::int from test_records where result not in ('negative', 'pending', 'positive') or (result = 'pending') <> (result_at is null)) as bad`);
    expect(t?.staff_tested).toBeGreaterThanOrEqual(t?.staff ?? 0);
    expect(t?.max_gap).toBeLessThanOrEqual(28 + 10);
    expect(t?.bad).toBe(0);
    const [s] = await q<{ off: number; batches: number; receipts: number; issues: number }>(`select
      (select count(*)::int from supply_batches b where b.quantity <> (select coalesce(sum(case when kind = 'receipt' then quantity else -quantity end), 0)
        from supply_ledger l where l.batch_id = b.id)) as off,
      (select count(*)::int from supply_batches) as batches,
      (select count(*)::int from supply_ledger where kind = 'receipt') as receipts,
      (select count(*)::int from supply_ledger where kind = 'issue') as issues`);
    expect(s?.off).toBe(0);
    expect(s?.receipts).toBe(s?.batches);
    expect(s?.issues).toBeGreaterThan(s?.receipts ?? 0);
  });

  it('lets the admin sign in and see the generated home in the coverage overview, and the town officer their town', async () => {
    const cookie = await login(env.app, 'admin', DEMO_PASSWORD);
    const yesterday = localDay(new Date(Date.now() - 86_400_000));
    const res = await env.app.inject({ url: `/api/coverage?date=${yesterday}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const overview = res.json();
    const [site] = await q<{ id: string; name: string }>(`select id, name from org_nodes where kind = 'site'`);
    expect(overview.sites.map((s: { siteId: string }) => s.siteId)).toEqual([site?.id]);
    const row = overview.sites[0];
    expect(row.siteName).toBe(site?.name);
    expect(row.expected).toBeGreaterThan(50);
    expect(row.checked / row.expected).toBeGreaterThan(0.95);
    expect(row.freeIsolation).toBeGreaterThan(0);
    const today = await env.app.inject({ url: '/api/coverage', headers: { cookie } });
    expect(today.statusCode).toBe(200);
    expect(today.json().totals.missing).toBeGreaterThan(0);
    const officer = await login(env.app, 'town-officer', DEMO_PASSWORD);
    const people = await env.app.inject({ url: '/api/people?limit=5', headers: { cookie: officer } });
    expect(people.statusCode).toBe(200);
    expect(people.json().total).toBe(summary.people);
  });

  it('refuses a database that already holds a jurisdiction', async () => {
    await expect(seedSynthetic(env.database, keyring(), { scale: 'small', seed: 2 })).rejects.toThrow(/already holds jurisdictions/);
  });

  it('refuses options out of range', async () => {
    const { database, drop } = await freshDatabase();
    try {
      await expect(seedSynthetic(database, keyring(), { scale: 'small', seed: -1 })).rejects.toThrow(/seed/);
      await expect(seedSynthetic(database, keyring(), { scale: 'small', seed: 1, days: 0 })).rejects.toThrow(/days/);
      await expect(seedSynthetic(database, keyring(), { scale: 'city', seed: 1, cities: 2 })).rejects.toThrow(/province/);
    } finally {
      await database.close();
      await drop();
    }
  });

  it('gives the same content for the same seed, and other content for another seed', async () => {
    const ring = keyring();
    const mine = await content(env.database, ring);
    const again = await freshDatabase();
    const other = await freshDatabase();
    try {
      await seedSynthetic(again.database, ring, { scale: 'small', seed: 1, days: DAYS });
      await seedSynthetic(other.database, ring, { scale: 'small', seed: 2, days: DAYS });
      const same = await content(again.database, ring);
      expect(same.people).toEqual(mine.people);
      expect(same.counts).toEqual(mine.counts);
      expect(same.temps).toEqual(mine.temps);
      const different = await content(other.database, ring);
      const names = new Set(mine.people.map((p) => p.name));
      expect(different.people.filter((p) => names.has(p.name)).length).toBeLessThan(mine.people.length / 3);
      expect(different.people.map((p) => p.id_enc)).not.toEqual(mine.people.map((p) => p.id_enc));
      expect(different.temps).not.toEqual(mine.temps);
    } finally {
      await again.database.close();
      await other.database.close();
      await again.drop();
      await other.drop();
    }
  }, 120_000);
});

describe('the synthetic city at city scale (a few days)', () => {
  it('has 8 towns, 60 care and welfare sites of every type, hundreds of villages and communities, and about 20,000 people', async () => {
    const { database, drop } = await freshDatabase();
    try {
      const s = await seedSynthetic(database, keyring(), { scale: 'city', seed: 3, days: 3 });
      const rows = (await database.pool.query<{ site_type: string; sites: number; people: number }>(`
        select o.site_type, count(distinct o.id)::int as sites, count(p.id) filter (where p.status <> 'left')::int as people
        from org_nodes o left join people p on p.site_id = o.id where o.kind = 'site' group by 1`)).rows;
      const by = Object.fromEntries(rows.map((r) => [r.site_type, r]));
      expect(by.elderly_care?.sites).toBe(48);
      expect(by.child_welfare?.sites).toBe(4);
      expect(by.rescue_station?.sites).toBe(3);
      expect(by.funeral?.sites).toBe(5);
      expect(by.community?.sites).toBeGreaterThan(150);
      expect(by.community?.people).toBe(0);
      const current = rows.reduce((n, r) => n + r.people, 0);
      expect(Math.abs(current - 20_000)).toBeLessThan(300);
      expect(by.elderly_care?.people).toBeGreaterThan(current * 0.8);
      expect(s).toMatchObject({ towns: 8, sites: rows.reduce((n, r) => n + r.sites, 0) });
      // Three days of readings for nearly everyone; unique ids however many people share a minute.
      expect(s.readings).toBeGreaterThan(current * 2.5);
      const [ids] = (await database.pool.query<{ n: number; ids: number }>('select count(*)::int as n, count(distinct id)::int as ids from readings')).rows;
      expect(ids?.ids).toBe(ids?.n);
    } finally {
      await database.close();
      await drop();
    }
  }, 180_000);
});
