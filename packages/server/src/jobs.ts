import type { FastifyBaseLogger } from 'fastify';
import type { Job } from './core/area.js';

/**
 * Runs the scheduled work of the areas (each job one run at a time, failures logged); returns a
 * function that stops every schedule and waits for the runs in progress.
 */
export function startJobs(jobs: readonly Job[], log: FastifyBaseLogger): () => Promise<void> {
  const stops = jobs.map((job) => every(job.everyMs, job.name, () => job.run(log), log, job.firstAfterMs));
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
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
