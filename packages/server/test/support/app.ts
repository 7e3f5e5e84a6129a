import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { openDatabase, type Database } from '../../src/db/engine.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { buildApp, type App } from '../../src/http/app.js';
import { ensureDefaultPolicies } from '../../src/policy/service.js';
import { Keyring } from '../../src/pii/keyring.js';
import { createPgDatabase } from '../pg-admin.js';
import { clientFor, type Client } from './client.js';
import { login } from './users.js';

/** The personal-data key of every test app in this process. */
export const TEST_PII_MASTER = randomBytes(32);
export const TEST_PII_KEY_ID = 'test';

export interface TestEnv {
  app: App;
  database: Database;
  config: Config;
  engine: 'pglite' | 'postgres';
  /**
   * A client acting as `username` (made with createUser or newUser). It signs in on its first
   * request, once per app; `signIn` does it up front where the moment of sign-in matters.
   */
  as(username: string): Client;
  /** Signs these users in now: their sessions and sign-in audit entries are made here, not mid-test. */
  signIn(...usernames: string[]): Promise<void>;
  close(): Promise<void>;
}

/** A fresh database of the engine under test: PGlite in memory, or a clone of the migrated template. */
export async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('pgTemplate');
  if (!url || !template) {
    const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
    await migrateDatabase(database);
    return { database, drop: async () => undefined };
  }
  return createPgDatabase(url, `fangkong_t_${randomBytes(6).toString('hex')}`, { template });
}

export async function startTestApp(
  env: Record<string, string> = {},
  beforeReady?: (app: App) => void,
  logger: false | Record<string, unknown> = false,
): Promise<TestEnv> {
  // Two-factor sign-in is off unless a test asks for it: its own tests pass TWO_FACTOR_ROLES.
  const config = loadConfig({ LOGIN_RATE_PER_MINUTE: '10000', WEB_DIST: '/nonexistent', TWO_FACTOR_ROLES: 'none', ...env });
  const { database, drop } = await freshDatabase();
  await ensureDefaultPolicies(database.db);
  const app = await buildApp(config, database, new Keyring(TEST_PII_KEY_ID, new Map([[TEST_PII_KEY_ID, TEST_PII_MASTER]])), { logger });
  beforeReady?.(app);
  await app.ready();
  const sessions = new Map<string, Promise<string>>();
  const cookieOf = (username: string) => {
    let session = sessions.get(username);
    if (!session) {
      session = login(app, username);
      // A failed sign-in (the user not made yet) is tried again on the next request.
      session.catch(() => sessions.delete(username));
      sessions.set(username, session);
    }
    return session;
  };
  const clients = new Map<string, Client>();
  return {
    app,
    database,
    config,
    engine: database.kind,
    as(username) {
      let client = clients.get(username);
      if (!client) {
        client = clientFor(app, username, () => cookieOf(username));
        clients.set(username, client);
      }
      return client;
    },
    async signIn(...usernames) {
      for (const u of usernames) await cookieOf(u);
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/** A trace-level logger that keeps what it writes (pass `logger` to startTestApp): for tests of what is never logged. */
export function keptLog(): { logger: Record<string, unknown>; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { logger: { level: 'trace', stream }, text: () => text };
}
