import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './db/engine.js';
import type { PolicyService } from './policy/service.js';
import { purgeExpiredVisits } from './visits/service.js';

const EVERY_MS = 6 * 3_600_000;
// Any fixed number: with several instances, one purges at a time.
const PURGE_LOCK = 727_021;

/**
 * Scheduled work of a running server: the retention purge of visit records, at start and every
 * six hours. Several instances may run this; an advisory lock lets one of them do it.
 */
export function startJobs(database: Database, policy: PolicyService, timeZone: string, log: FastifyBaseLogger): () => void {
  const run = async () => {
    const client = await database.pool.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [PURGE_LOCK]);
      if (!rows[0]?.ok) return;
      try {
        const purged = await purgeExpiredVisits(database.db, policy, timeZone);
        log.info({ purged }, 'visit retention purge done');
      } finally {
        await client.query('select pg_advisory_unlock($1)', [PURGE_LOCK]);
      }
    } catch (err) {
      log.error({ err }, 'visit retention purge failed');
    } finally {
      client.release();
    }
  };
  const first = setTimeout(() => void run(), 5_000);
  const timer = setInterval(() => void run(), EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
