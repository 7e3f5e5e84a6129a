/*
 * The one test harness of the server: an app on a fresh database (PGlite, or a PostgreSQL clone
 * with TEST_DATABASE_URL), the jurisdiction fixture, users and clients bound to them, factories
 * of the records tests build, the routes of the API description and a counter of writes. The
 * parts live in ./support; test files import them from here.
 */
export { freshDatabase, keptLog, startTestApp, TEST_PII_KEY_ID, TEST_PII_MASTER, type TestEnv } from './support/app.js';
export type { Client, InjectResponse } from './support/client.js';
export { buildTree, type Tree, type TreeNode } from './support/tree.js';
export { createUser, login, PASSWORD } from './support/users.js';
export * from './support/factories.js';
export { apiRoutes, fillPath, sample, type ApiRoute, type Json, type Operation, type Parameter, type Schema } from './support/openapi.js';
export { countWrites, NOT_DATA } from './support/writes.js';
