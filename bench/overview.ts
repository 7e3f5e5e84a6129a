/*
 * The bureau's city overview at city scale: what its page asks for at once, coverage of today's
 * checks with abnormal readings and free isolation places (`GET /api/coverage`), nucleic-acid
 * test compliance (`GET /api/tests/compliance`) and the supplies below their floor
 * (`GET /api/supplies/overview`), p50/p95 over repeated calls, against the same answers computed
 * by naive full scans of the base tables (the raw readings, every test record, the whole ledger)
 * in the same run. Issue targets: p95 under 50 ms on PostgreSQL, and at least 20× the naive scans.
 * The answers come from per-site summaries that writes invalidate (overview/summaries.ts): the
 * repeated looks measure the city's steady state, and the first look of a day, which recomputes
 * every site, is measured and reported beside them.
 */
import { localDay } from '@fangkong/domain';
import { DEMO_PASSWORD } from '../packages/server/src/demo/seed.js';
import { seedSynthetic, type Scale } from '../packages/server/src/synthetic/index.js';
import { BENCH_KEYRING, benchApp, benchDatabase, signIn, type Engine } from './setup.js';
import { latencies, round, timed, type Figure } from './lib.js';

export interface OverviewOptions { scale: Scale; days?: number | undefined; calls: number; naiveCalls: number }

const NAIVE = {
  // Today's checks and abnormal readings from the raw readings, not the per-person-day rollup.
  coverage: `select p.site_id, p.kind, count(distinct p.id) as expected, count(distinct r.person_id) as checked, count(distinct r.person_id) filter (where r.abnormal) as abnormal
    from people p left join readings r on r.person_id = p.id and r.day + 0 = $1::date
    where p.status = 'present' group by 1, 2`,
  // Free places: every room against every running placement.
  rooms: `select r.site_id, sum(r.capacity) - count(pl.id) as free from rooms r left join placements pl on pl.room_id = r.id and pl.ended_at is null group by 1`,
  // Compliance: every person's last test from all the records.
  compliance: `with last as (select person_id, max(sampled_at) as at from test_records group by 1)
    select p.site_id, count(*) as required, count(*) filter (where l.at > now() - interval '28 days') as tested
    from people p left join last l on l.person_id = p.id where p.status = 'present' group by 1`,
  // Stock: every batch's quantity replayed from the whole ledger.
  supplies: `select site_id, item_id, sum(case when kind in ('issue', 'transfer_out') then -quantity else quantity end) as stock from supply_ledger group by 1, 2`,
};

export async function overview(engine: Engine, o: OverviewOptions, progress: (line: string) => void): Promise<Figure[]> {
  const { database, drop } = await benchDatabase(engine);
  const keyring = BENCH_KEYRING();
  try {
    const [summary, seedMs] = await timed(() => seedSynthetic(database, keyring, { scale: o.scale, seed: 1, ...(o.days ? { days: o.days } : {}) }, (stage, done, total) => {
      if (done === total) progress(`    seeded ${stage}`);
    }));
    // As autovacuum leaves a table that has settled: statistics, and the visibility map that lets
    // the covering indexes answer without reading the rows.
    await database.pool.query('vacuum analyze');
    const app = await benchApp(database, keyring);
    try {
      const cookie = await signIn(app, summary.adminUsername, DEMO_PASSWORD);
      const get = async (url: string) => {
        const res = await app.inject({ url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      };
      const look = () => Promise.all([get('/api/coverage?date=today'), get('/api/tests/compliance'), get('/api/supplies/overview')]);
      // The first look of a day (or after a policy change) recomputes every site's summaries.
      const cold = await latencies(Math.max(2, Math.round(o.calls / 10)), async () => {
        await database.pool.query('delete from site_summaries');
        await look();
      });
      // Every later look recomputes only the sites changed since: none, here.
      const api = await latencies(o.calls, look);
      const today = localDay(new Date());
      const naive = await latencies(o.naiveCalls, () => Promise.all([
        database.pool.query(NAIVE.coverage, [today]), database.pool.query(NAIVE.rooms), database.pool.query(NAIVE.compliance), database.pool.query(NAIVE.supplies),
      ]));
      const scale = `${summary.sites} sites, ${summary.people} people, ${summary.readings.toLocaleString('en')} readings`;
      return [
        { key: 'overview.seed', label: `synthetic ${o.scale} (${scale}) seeded in`, value: round(seedMs / 1000), unit: 's' },
        { key: 'overview.p50', label: 'city overview (coverage, abnormal, free rooms, tests, supplies): p50', value: api.p50, unit: 'ms' },
        { key: 'overview.p95', label: 'city overview: p95', value: api.p95, unit: 'ms', ...(engine === 'postgres' ? { target: { op: '<', value: 50 } as const } : {}) },
        { key: 'overview.cold_p50', label: 'the first look of a day, every site recomputed: p50', value: cold.p50, unit: 'ms' },
        { key: 'overview.naive_p50', label: 'the same by naive full scans: p50', value: naive.p50, unit: 'ms' },
        { key: 'overview.naive_p95', label: 'naive: p95', value: naive.p95, unit: 'ms' },
        { key: 'overview.speedup', label: 'naive p50 ÷ overview p50', value: round(naive.p50 / api.p50, 1), unit: '×', target: { op: '>=', value: 20 } },
      ];
    } finally {
      await app.close();
    }
  } finally {
    await drop();
  }
}
