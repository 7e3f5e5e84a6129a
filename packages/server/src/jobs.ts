import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './db/engine.js';
import type { PolicyService } from './policy/service.js';
import type { IncidentsService } from './incidents/service.js';
import { purgeExpiredVisits } from './visits/service.js';

const EVERY_MS = 6 * 3_600_000;
const FIRST_AFTER_MS = 5_000;

/**
 * Scheduled work of a running server: the retention purge of visit records, shortly after start and
 * every six hours. Several instances may run this; the purge itself lets one of them do it at a time.
 * Returns a function that stops the schedule and waits for a run in progress.
 */
export function startJobs(
  database: Database, policy: PolicyService, timeZone: string, log: FastifyBaseLogger,
  options: { firstAfterMs?: number; onDone?: (purged: Record<string, number> | undefined) => void } = {},
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = (async () => {
      let purged: Record<string, number> | undefined;
      try {
        purged = await purgeExpiredVisits(database.db, policy, timeZone);
        if (purged) log.info({ purged }, 'visit retention purge done');
      } catch (err) {
        log.error({ err }, 'visit retention purge failed');
      }
      options.onDone?.(purged);
    })();
  };
  const first = setTimeout(run, options.firstAfterMs ?? FIRST_AFTER_MS);
  const timer = setInterval(run, EVERY_MS);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}

const ESCALATION_EVERY_MS = 60_000;

/**
 * Flags escalation steps past their deadline (R7.3), every minute. One run at a time here; several
 * instances share the work through `skip locked`. Returns a function that stops it and waits.
 */
export function startEscalationJob(incidents: IncidentsService, log: FastifyBaseLogger): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = (async () => {
      try {
        const flagged = await incidents.flagLateSteps();
        if (flagged.length > 0) log.warn({ late: flagged.length }, 'escalation steps past their deadline');
      } catch (err) {
        log.error({ err }, 'flagging late escalation steps failed');
      } finally {
        running = undefined;
      }
    })();
  }, ESCALATION_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
