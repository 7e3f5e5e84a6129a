import { and, count, eq, lt, sql } from 'drizzle-orm';
import { rateEvents } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { AppError } from '../core/errors.js';

/**
 * Counts an event under `key` and refuses with 429 past `limit` events in the last `windowMs`.
 * Kept in the database, so that every app instance counts the same events.
 */
export async function rateLimit(db: Executor, key: string, limit: number, windowMs: number): Promise<void> {
  const since = sql`now() - make_interval(secs => ${windowMs / 1000})`;
  await db.delete(rateEvents).where(and(eq(rateEvents.key, key), lt(rateEvents.at, since)));
  const [row] = await db.select({
    n: count(),
    oldestMs: sql<string | null>`extract(epoch from now() - min(${rateEvents.at})) * 1000`,
  }).from(rateEvents).where(eq(rateEvents.key, key));
  const n = row?.n ?? 0;
  if (n >= limit) {
    const retry = Math.max(1, Math.ceil((windowMs - Number(row?.oldestMs ?? 0)) / 1000));
    throw new AppError('rate_limited', undefined, undefined, retry);
  }
  await db.insert(rateEvents).values({ key });
}
