import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Role, SiteType } from '@fangkong/domain';
import { loadConfig, type Config } from '../src/config/config.js';
import { openDatabase, type Database } from '../src/db/engine.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { createPgDatabase } from './pg-admin.js';
import { buildApp, type App } from '../src/http/app.js';
import { ensureDefaultPolicies } from '../src/policy/service.js';
import { hashPassword } from '../src/auth/passwords.js';
import { insertRole, insertUser } from '../src/auth/repository.js';
import { orgNodes } from '../src/db/schema.js';
import { Keyring } from '../src/pii/keyring.js';

export const PASSWORD = 'Test#Pass2020';

/** The personal-data key of every test app in this process. */
export const TEST_PII_MASTER = randomBytes(32);
export const TEST_PII_KEY_ID = 'test';

export interface TestEnv {
  app: App;
  database: Database;
  config: Config;
  engine: 'pglite' | 'postgres';
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
  const config = loadConfig({ LOGIN_RATE_PER_MINUTE: '10000', WEB_DIST: '/nonexistent', ...env });
  const { database, drop } = await freshDatabase();
  await ensureDefaultPolicies(database.db);
  const app = await buildApp(config, database, new Keyring(TEST_PII_KEY_ID, new Map([[TEST_PII_KEY_ID, TEST_PII_MASTER]])), { logger });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    engine: database.kind,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

export interface TreeNode {
  id: string;
  path: string;
  depth: number;
  name: string;
}

/**
 * The jurisdiction fixture every scope test uses:
 *   bureau
 *   ├── town1: elder1 (elderly care), comm1 (community) → compound1 → building1
 *   └── town2: elder2 (elderly care)
 */
export async function buildTree(database: Database) {
  const db = database.db;
  async function add(parent: TreeNode | null, kind: string, name: string, siteType: SiteType | null = null): Promise<TreeNode> {
    const id = randomUUID();
    const node = { id, path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1, name };
    await db.insert(orgNodes).values({ ...node, parentId: parent?.id ?? null, kind, siteType });
    return node;
  }
  const bureau = await add(null, 'bureau', '测试市民政局');
  const town1 = await add(bureau, 'town', '一号镇');
  const town2 = await add(bureau, 'town', '二号镇');
  const elder1 = await add(town1, 'site', '一号镇敬老院', 'elderly_care');
  const comm1 = await add(town1, 'site', '一号镇社区', 'community');
  const compound1 = await add(comm1, 'compound', '幸福小区');
  const building1 = await add(compound1, 'building', '1号楼');
  const elder2 = await add(town2, 'site', '二号镇敬老院', 'elderly_care');
  return { bureau, town1, town2, elder1, comm1, compound1, building1, elder2 };
}
export type Tree = Awaited<ReturnType<typeof buildTree>>;

let hashed: Promise<string> | undefined;

export async function createUser(database: Database, username: string, grants: [Role, TreeNode][]): Promise<string> {
  hashed ??= hashPassword(PASSWORD);
  const user = await insertUser(database.db, { username, displayName: username, passwordHash: await hashed });
  for (const [role, node] of grants) await insertRole(database.db, user.id, role, node.id);
  return user.id;
}

/** Signs in and returns the session cookie header. */
export async function login(app: App, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'fk_session');
  if (!cookie) throw new Error('no session cookie');
  return `fk_session=${cookie.value}`;
}
