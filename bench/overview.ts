/*
 * The city overview (`GET /api/coverage`) at city scale: 60 care and welfare sites in 6 towns,
 * 20,000 people, a year of daily checks (7.3 M person-days in the rollup, the table the overview
 * reads; the raw readings table is not involved). p50/p95 over repeated calls, against the same
 * answer computed by a naive scan of the year's rollup in the same run.
 *
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/overview.ts   (BENCH_DAYS, BENCH_PEOPLE)
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { localDay } from '@fangkong/domain';
import { orgNodes } from '../packages/server/src/db/schema.js';
import { benchEnv, timed } from './setup.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const SITES = 60;
const CALLS = Number(process.env.BENCH_CALLS ?? 50);

const env = await benchEnv();
const { app, database, bureau } = env;
const db = database.db;

// Towns and sites under the bench's bureau.
const towns = Array.from({ length: 6 }, () => randomUUID());
await db.insert(orgNodes).values(towns.map((id, i) => ({ id, parentId: bureau, kind: 'town', name: `镇${i}`, path: `/${bureau}/${id}/`, depth: 1 })));
const types = ['elderly_care', 'child_welfare', 'rescue_station', 'funeral'] as const;
const sites = Array.from({ length: SITES }, (_, i) => ({ id: randomUUID(), town: towns[i % 6] as string, type: types[i % 4] as string }));
await db.insert(orgNodes).values(sites.map((s, i) => ({ id: s.id, parentId: s.town, kind: 'site', siteType: s.type, name: `机构${i}`, path: `/${bureau}/${s.town}/${s.id}/`, depth: 2 })));
await db.execute(sql`
  insert into people (site_id, org_path, kind, name, name_initials, status)
  select s.id, s.path, case when g % 5 = 0 then 'staff' else
    case s.site_type when 'child_welfare' then 'child' when 'rescue_station' then 'client' when 'funeral' then 'staff' else 'resident' end end,
    '人员' || g, 'ry', 'present'
  from generate_series(1, ${PEOPLE}) g
  join lateral (select id, path, site_type from org_nodes where kind = 'site' and path like ${`/${bureau}/%`} order by id offset (g % ${SITES}) limit 1) s on true`);
const today = localDay(new Date());
const [, fillMs] = await timed(() => db.execute(sql`
  insert into reading_days (person_id, day, site_id, checks, max_tenths, abnormal)
  select p.id, (${today}::date - d), p.site_id, 1, 362 + (abs(hashtext(p.id::text || d)) % 9), (abs(hashtext(p.id::text || d)) % 500 = 0)
  from people p cross join generate_series(0, ${DAYS - 1}) d
  -- Today's round is half done.
  where d > 0 or abs(hashtext(p.id::text)) % 2 = 0`));
await db.execute(sql`analyze`);
await database.pool.query(`insert into user_roles (user_id, role, node_id) select user_id, 'bureau_admin', '${bureau}' from user_roles limit 1`);

async function percentiles(f: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) times.push((await timed(f))[1]);
  times.sort((a, b) => a - b);
  return { p50: Number((times[Math.floor(CALLS * 0.5)] ?? 0).toFixed(1)), p95: Number((times[Math.floor(CALLS * 0.95)] ?? 0).toFixed(1)) };
}

const api = await percentiles(async () => {
  const res = await app.inject({ url: '/api/coverage?date=today', headers: { cookie: env.cookie } });
  if (res.statusCode !== 200) throw new Error(res.body);
});
// Naive: count the day's checks by scanning the whole year of the rollup without the (person, day) key.
const naive = await percentiles(() => database.pool.query(`
  select p.site_id, p.kind, count(*) as expected,
    count(*) filter (where exists (select 1 from reading_days r where r.person_id = p.id and r.day + 0 = $1::date)) as checked
  from people p where p.status = 'present' group by 1, 2`, [today]).catch(() => undefined).then(() => undefined), );

const result = {
  engine: database.kind, people: PEOPLE, days: DAYS, personDays: PEOPLE * DAYS, fillSeconds: Math.round(fillMs / 1000),
  apiP50: api.p50, apiP95: api.p95, naiveP50: naive.p50, naiveP95: naive.p95, speedup: Number((naive.p50 / api.p50).toFixed(1)), targetP95: 50,
};
console.table([result]);
await env.close();
