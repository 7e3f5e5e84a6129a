import type { FastifyBaseLogger } from 'fastify';
import type { Database, Db } from './db/engine.js';
import type { PolicyService } from './policy/service.js';
import type { IncidentsService } from './incidents/service.js';
import type { Clock } from './clock.js';
import { deliverDue, type Sender, type WorkerOptions } from './notifications/outbox.js';
import type { SuppliesService } from './supplies/service.js';
import { purgeExpiredVisits } from './visits/service.js';
import { dropOldChanges } from './overview/repository.js';

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
  return every(EVERY_MS, 'visit retention purge', async () => {
    let purged: Record<string, number> | undefined;
    try {
      purged = await purgeExpiredVisits(database.db, policy, timeZone);
      if (purged) log.info({ purged }, 'visit retention purge done');
    } catch (err) {
      log.error({ err }, 'visit retention purge failed');
    }
    try {
      await dropOldChanges(database.db);
    } catch (err) {
      log.error({ err }, 'overview change purge failed');
    }
    options.onDone?.(purged);
  }, log, options.firstAfterMs ?? FIRST_AFTER_MS);
}

const ESCALATION_EVERY_MS = 60_000;

/**
 * Flags escalation steps past their deadline (R7.3), every minute, and tells the level above. One
 * run at a time here; several instances share the work through `skip locked`.
 */
export function startEscalationJob(incidents: IncidentsService, log: FastifyBaseLogger): () => Promise<void> {
  return every(ESCALATION_EVERY_MS, 'flagging late escalation steps', async () => {
    const flagged = await incidents.flagLateSteps();
    if (flagged.length > 0) log.warn({ late: flagged.length }, 'escalation steps past their deadline');
  }, log);
}

/**
 * Runs `work` every `everyMs`, one run at a time, logging failures; returns a function that stops it
 * and waits for a run in progress.
 */
export function every(everyMs: number, name: string, work: () => Promise<unknown>, log: FastifyBaseLogger, firstAfterMs?: number): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    running = (async () => {
      try {
        await work();
      } catch (err) {
        log.error({ err }, `${name} failed`);
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  const first = firstAfterMs === undefined ? undefined : setTimeout(run, firstAfterMs);
  first?.unref();
  return async () => {
    clearInterval(timer);
    if (first) clearTimeout(first);
    await running;
  };
}

/**
 * Delivers the outbox every few seconds (§7): e-mails and robot messages leave within seconds of
 * their event; a receiver that is down is retried with back-off, then dead-lettered.
 */
export function startDeliveryJob(db: Db, clock: Clock, send: Sender, log: FastifyBaseLogger, everyMs = 3_000, options: WorkerOptions = {}): () => Promise<void> {
  return every(everyMs, 'outbox delivery', async () => {
    // Drain what is due in batches; a long backlog does not wait for the next tick.
    for (let i = 0; i < 50; i++) {
      const r = await deliverDue(db, clock, send, options);
      if (r.failed > 0 || r.dead > 0) log.warn(r, 'some notifications failed; they will be retried or dead-lettered');
      if (r.delivered + r.failed + r.dead === 0) break;
    }
  }, log);
}

/** Tells sites of stock below the floor and of replenishment due, every hour (R6.2, R6.3). */
export function startStockJob(supplies: SuppliesService, log: FastifyBaseLogger): () => Promise<void> {
  return every(3_600_000, 'stock notifications', () => supplies.raiseStockEvents(), log, 30_000);
}
