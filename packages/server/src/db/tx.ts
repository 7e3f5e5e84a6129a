import { sql } from 'drizzle-orm';
import type { Db } from './engine.js';

/** The database or a transaction on it: repositories take either, so a service decides the unit of work. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** A transaction of `db`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Runs `work` in one transaction holding the transaction-scoped advisory lock `lock`, or answers
 * undefined at once when another instance holds it (a job that one instance at a time runs). The
 * transaction keeps to its one connection: with the embedded engine the pool has a single
 * connection, and asking the pool for another while holding it would wait forever, so read what
 * comes from elsewhere (the policies) before.
 */
export async function underTryLock<T>(db: Db, lock: number, work: (tx: Tx) => Promise<T>): Promise<T | undefined> {
  return db.transaction(async (tx) => {
    const [held] = (await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${lock}) as ok`)).rows;
    return held?.ok ? work(tx) : undefined;
  });
}
