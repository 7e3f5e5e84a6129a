import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { idCheckCharacter } from '@fangkong/domain';
import { loadConfig } from '../packages/server/src/config/config.js';
import { openDatabase, type Database } from '../packages/server/src/db/engine.js';
import { migrateDatabase } from '../packages/server/src/db/migrate.js';
import { buildApp, type App } from '../packages/server/src/http/app.js';
import { Keyring } from '../packages/server/src/pii/keyring.js';
import { hashPassword } from '../packages/server/src/auth/passwords.js';
import { insertRole, insertUser } from '../packages/server/src/auth/repository.js';
import { orgNodes } from '../packages/server/src/db/schema.js';
import { ensureDefaultPolicies } from '../packages/server/src/policy/service.js';

/** A valid synthetic ID number, distinct for each i. */
export function syntheticId(i: number): string {
  const year = 1930 + (i % 60);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0');
  const first17 = `${350102 + Math.floor(i / 300_000)}${year}${month}${day}${String(Math.floor(i / 336) % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export interface BenchEnv {
  app: App;
  database: Database;
  keyring: Keyring;
  bureau: string;
  town: string;
  /** Two elderly-care sites: the API writes to the first, the raw baseline to the second. */
  site: string;
  site2: string;
  path: (site: string) => string;
  cookie: string;
  close(): Promise<void>;
}

export type Engine = 'pglite' | 'postgres';

/**
 * A fresh migrated database on the engine under test: embedded PGlite (in memory), or a new
 * database on the PostgreSQL server of BENCH_DATABASE_URL; `drop` closes it and drops it.
 */
export async function benchDatabase(engine: Engine): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (engine === 'postgres') {
    const { url, drop } = await benchPgDatabase();
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
    await migrateDatabase(database);
    await ensureDefaultPolicies(database.db);
    return { database, drop: async () => {
      await database.close();
      await drop();
    } };
  }
  const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
  await migrateDatabase(database);
  await ensureDefaultPolicies(database.db);
  return { database, drop: () => database.close() };
}

/** An empty database on the PostgreSQL server of BENCH_DATABASE_URL: its URL, and how to drop it. */
export async function benchPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) throw new Error('BENCH_DATABASE_URL is not set');
  const name = `fangkong_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

export const BENCH_KEYRING = () => new Keyring('bench', new Map([['bench', randomBytes(32)]]));

/** The real app on a database (no logger: the benchmark measures the work, not the log). */
export async function benchApp(database: Database, keyring: Keyring): Promise<App> {
  return buildApp(loadConfig({ WEB_DIST: '/none', IMPORT_MAX_MB: '50', LOGIN_RATE_PER_MINUTE: '10000', TWO_FACTOR_ROLES: 'none' }), database, keyring, { logger: false });
}

/** Signs in through the API; the session cookie. */
export async function signIn(app: App, username: string, password: string): Promise<string> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${login.body}`);
  return `fk_session=${login.cookies[0]?.value ?? ''}`;
}

/** A migrated database on the engine under test with a bureau, a town, two care homes and their manager, and the real app on it. */
export async function benchEnv(engine: Engine = process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite'): Promise<BenchEnv> {
  const { database, drop } = await benchDatabase(engine);
  const keyring = BENCH_KEYRING();
  const app = await benchApp(database, keyring);
  const [bureau, town, site, site2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const path = (s: string) => `/${bureau}/${town}/${s}/`;
  await database.db.insert(orgNodes).values([
    { id: bureau, kind: 'bureau', name: '局', path: `/${bureau}/`, depth: 0 },
    { id: town, parentId: bureau, kind: 'town', name: '镇', path: `/${bureau}/${town}/`, depth: 1 },
    { id: site, parentId: town, kind: 'site', siteType: 'elderly_care', name: '院', path: path(site), depth: 2 },
    { id: site2, parentId: town, kind: 'site', siteType: 'elderly_care', name: '院二', path: path(site2), depth: 2 },
  ]);
  const user = await insertUser(database.db, { username: 'bench', displayName: 'bench', passwordHash: await hashPassword('Bench#2020') });
  await insertRole(database.db, user.id, 'site_manager', site);
  await insertRole(database.db, user.id, 'site_manager', site2);
  return {
    app, database, keyring, bureau, town, site, site2, path,
    cookie: await signIn(app, 'bench', 'Bench#2020'),
    async close() {
      await app.close();
      await drop();
    },
  };
}

export async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}
