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

/** A migrated database on the engine under test (PGlite, or BENCH_DATABASE_URL) and the real app on it. */
export async function benchEnv(): Promise<BenchEnv> {
  const url = process.env.BENCH_DATABASE_URL;
  let database: Database;
  let drop = async () => undefined as void;
  if (url) {
    const name = `fangkong_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 10 });
    drop = async () => {
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    };
  } else {
    database = await openDatabase({ kind: 'pglite', dataDir: undefined });
  }
  await migrateDatabase(database);
  await ensureDefaultPolicies(database.db);
  const keyring = new Keyring('bench', new Map([['bench', randomBytes(32)]]));
  const app = await buildApp(loadConfig({ WEB_DIST: '/none', IMPORT_MAX_MB: '50', LOGIN_RATE_PER_MINUTE: '1000' }), database, keyring, { logger: false });
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
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: 'Bench#2020' } });
  return {
    app, database, keyring, bureau, town, site, site2, path,
    cookie: `fk_session=${login.cookies[0]?.value ?? ''}`,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

export async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}
