import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema.js';
import { lockDataDir } from './lock.js';

export type EngineKind = 'pglite' | 'postgres';
export type Db = NodePgDatabase<typeof schema>;

export interface Database {
  kind: EngineKind;
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

// Dates stay strings (YYYY-MM-DD): a calendar day has no time zone, and Date would invent one.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// bigint ids (audit) stay strings so that no precision is lost.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export type EngineOptions =
  | { kind: 'postgres'; url: string; poolSize: number }
  /** dataDir undefined: an in-memory database (tests). */
  | { kind: 'pglite'; dataDir: string | undefined };

export async function openDatabase(opts: EngineOptions): Promise<Database> {
  if (opts.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize });
    pool.on('error', () => {
      // An idle client lost its connection; the pool drops it and the next query reconnects.
    });
    await pool.query('select 1');
    return { kind: 'postgres', pool, db: drizzle(pool, { schema }), close: () => pool.end() };
  }
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  // A short private folder for the socket: Unix socket paths are limited to ~107 bytes.
  const sockDir = mkdtempSync(join(tmpdir(), 'fangkong-'));
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir: dataDir ? join(dataDir, 'pgdata') : undefined, socketPath: join(sockDir, '.s.PGSQL.5432') },
  });
  const cleanup = () => {
    rmSync(sockDir, { recursive: true, force: true });
    unlock();
  };
  // Not worker.removeAllListeners(): Worker keeps listeners of its own that deliver messages.
  const listeners: [string, (arg: never) => void][] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`The embedded database stopped while starting (exit ${code})`));
      const onMessage = (m: { type: string; message?: string }) =>
        m.type === 'ready' ? resolve() : reject(new Error(`The embedded database failed to start: ${m.message ?? m.type}`));
      listeners.push(['error', reject], ['exit', onExit], ['message', onMessage]);
      for (const [event, fn] of listeners) worker.on(event, fn as (arg: unknown) => void);
    });
  } catch (err) {
    await worker.terminate();
    cleanup();
    throw err;
  } finally {
    for (const [event, fn] of listeners) worker.off(event, fn as (arg: unknown) => void);
  }
  // One connection: PGlite is a single session, so transactions must not interleave.
  const pool = new pg.Pool({ host: sockDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
  pool.on('error', () => undefined);
  // Every connection reaches the same single session, which outlives a connection the pool drops
  // after an error: a new connection first forgets the named statements of the one before it,
  // which its driver does not know of (db/named.ts), so it can prepare them again. The driver
  // runs a client's queries in order, so this runs before anything else on it.
  pool.on('connect', (client) => {
    client.query('deallocate all').catch(() => undefined);
  });
  let closed = false;
  return {
    kind: 'pglite',
    pool,
    db: drizzle(pool, { schema }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      });
      await worker.terminate();
      cleanup();
    },
  };
}
