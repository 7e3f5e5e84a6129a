// Writes docs/openapi.json, the committed description of the HTTP API, from the app's own routes
// (run as `npm run api:doc`). packages/server/test/api-description.test.ts fails when the two differ.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../packages/server/src/config/config.ts';
import { openDatabase } from '../packages/server/src/db/engine.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { Keyring } from '../packages/server/src/pii/keyring.ts';
import { API_DOC_PATH, apiDescription } from '../packages/server/test/api-description.ts';

// The same app as the tests start: an empty database in memory, no web app (its files are not API).
const config = loadConfig({ WEB_DIST: '/nonexistent' });
const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
await migrateDatabase(database);
const app = await buildApp(config, database, new Keyring('doc', new Map([['doc', randomBytes(32)]])), { logger: false });
await app.ready();
try {
  await writeFile(API_DOC_PATH, await apiDescription(app));
  console.log(`wrote ${API_DOC_PATH}`);
} finally {
  await app.close();
  await database.close();
}
