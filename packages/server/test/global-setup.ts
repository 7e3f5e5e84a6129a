import type { TestProject } from 'vitest/node';
import { createPgDatabase } from './pg-admin.js';
import { migrateDatabase } from '../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of the migrated template database on TEST_DATABASE_URL, when set. */
    pgTemplate: string | null;
  }
}

/**
 * On PostgreSQL, the schema is migrated once into a template database; every test file then
 * gets its own clone (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    project.provide('pgTemplate', null);
    return async () => undefined;
  }
  const template = `fangkong_tpl_${process.pid}`;
  const { database, drop } = await createPgDatabase(url, template, { poolSize: 1 });
  await migrateDatabase(database);
  await database.close();
  project.provide('pgTemplate', template);
  return drop;
}
