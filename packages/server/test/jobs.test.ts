import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../src/jobs.js';
import { visitsArea } from '../src/visits/index.js';
import { purgeExpiredVisits } from '../src/visits/service.js';
import { buildTree, startTestApp, type TestEnv } from './harness.js';

let env: TestEnv;
let siteId = '';

beforeAll(async () => {
  env = await startTestApp();
  siteId = (await buildTree(env.database)).elder1.id;
});
afterAll(async () => env.close());

async function oldVisit(): Promise<string> {
  const { rows } = await env.database.pool.query<{ id: string }>(
    `insert into visits (site_id, org_path, code, name, visiting, source, registered_at, expires_at)
     select id, path, upper(substr(md5(random()::text), 1, 6)), '旧访客', '家属', 'guard', now() - interval '60 days', now() - interval '59 days'
     from org_nodes where id = $1 returning id`,
    [siteId],
  );
  return rows[0]?.id ?? '';
}

describe('the scheduled retention purge', () => {
  it('runs on a live server and leaves the database answering (one pooled connection on PGlite)', async () => {
    const id = await oldVisit();
    const done = new Promise<Record<string, number> | undefined>((resolve) => {
      const [purge] = visitsArea.jobs?.(env.app.services, env.app.deps) ?? [];
      if (!purge) throw new Error('the visits area has no purge job');
      const stop = startJobs([{
        ...purge,
        firstAfterMs: 0,
        run: async (log) => {
          const purged = await purge.run(log) as Record<string, number> | undefined;
          void stop().then(() => resolve(purged));
          return purged;
        },
      }], env.app.log);
    });
    // A request while the job runs is answered too.
    const [purged, health] = await Promise.all([done, env.app.inject({ url: '/api/health' })]);
    expect(purged?.elderly_care).toBe(1);
    expect(health.statusCode).toBe(200);
    expect((await env.database.pool.query('select count(*)::int as n from visits where id = $1', [id])).rows[0].n).toBe(0);
    expect((await env.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('does nothing while another instance holds the purge (PostgreSQL)', async () => {
    const id = await oldVisit();
    const { rows: [db] } = await env.database.pool.query<{ name: string }>('select current_database() as name');
    const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL?.replace(/\/[^/]*$/, `/${db?.name ?? ''}`) });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock(727021)');
      expect(await purgeExpiredVisits(env.database.db, env.app.services.policy, 'Asia/Shanghai', env.app.services.clock.now())).toBeUndefined();
      expect((await env.database.pool.query('select count(*)::int as n from visits where id = $1', [id])).rows[0].n).toBe(1);
      await other.query('commit');
    } finally {
      await other.end();
    }
    expect((await purgeExpiredVisits(env.database.db, env.app.services.policy, 'Asia/Shanghai', env.app.services.clock.now()))?.elderly_care).toBe(1);
  });
});
