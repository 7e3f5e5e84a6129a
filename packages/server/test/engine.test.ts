import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../src/db/schema.js';
import { openDatabase } from '../src/db/engine.js';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../src/db/migrate.js';
import { DataDirInUseError } from '../src/db/lock.js';
import { createPgDatabase } from './pg-admin.js';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
/** Every table the schema declares: the migrations must create exactly these. */
const TABLES = Object.values(schema).filter((t) => is(t, PgTable)).map((t) => getTableName(t)).sort();

async function tablesOf(pool: pg.Pool): Promise<string[]> {
  const r = await pool.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = 'public' order by 1`);
  return r.rows.map((x) => x.t);
}

describe('migrations from zero', () => {
  it('on an empty embedded database', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
    try {
      expect(await tablesOf(database.pool)).toEqual([]);
      await migrateDatabase(database);
      expect(await tablesOf(database.pool)).toEqual(TABLES);
      // Applying again changes nothing.
      await migrateDatabase(database);
      const applied = await database.pool.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
      expect(applied.rows[0].n).toBe(journal.entries.length);
    } finally {
      await database.close();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('on an empty PostgreSQL database', async () => {
    const url = process.env.TEST_DATABASE_URL ?? '';
    const { database, drop } = await createPgDatabase(url, `fangkong_mig_${process.pid}`, { poolSize: 2 });
    try {
      await migrateDatabase(database);
      expect(await tablesOf(database.pool)).toEqual(TABLES);
      const version = await database.pool.query<{ v: string }>("select current_setting('server_version_num') as v");
      expect(Number(version.rows[0]?.v)).toBeGreaterThanOrEqual(150000);
    } finally {
      await database.close();
      await drop();
    }
  });
});

describe('the embedded engine', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('persists to its folder and refuses a second process on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-lock-'));
    dirs.push(dir);
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await migrateDatabase(database);
      await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);
      const second = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'migrate'], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('is in use by another Fangkong process');
      await database.pool.query(`insert into org_nodes (kind, name, path, depth) values ('bureau', '持久化测试', '/x/', 0)`);
    } finally {
      await database.close();
    }
    // Once the first has stopped, the folder opens again, with its data.
    const reopened = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const r = await reopened.pool.query(`select name from org_nodes`);
      expect(r.rows).toEqual([{ name: '持久化测试' }]);
    } finally {
      await reopened.close();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-stale-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'fangkong.lock'), '999999999');
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    await database.close();
  });

  it('runs queries off the main thread: the event loop turns while a slow query runs', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
    try {
      let done = false;
      const slow = database.pool.query('select count(*) from generate_series(1, 3000000)').then(() => {
        done = true;
      });
      // Several turns of the event loop while the query is still running: nothing is blocked.
      let turns = 0;
      while (!done && turns < 5) {
        await new Promise((r) => setTimeout(r, 5));
        turns++;
      }
      expect(turns).toBe(5);
      expect(done).toBe(false);
      await slow;
    } finally {
      await database.close();
    }
  });
});
