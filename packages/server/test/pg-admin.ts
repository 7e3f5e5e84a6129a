import pg from 'pg';
import { openDatabase, type Database } from '../src/db/engine.js';

/**
 * Creates a database on the test server (empty, or cloned from a template) and opens it; `drop`
 * removes it again. Names are ours (letters, digits, _), never user input.
 */
export async function createPgDatabase(
  serverUrl: string,
  name: string,
  opts: { template?: string; poolSize?: number } = {},
): Promise<{ database: Database; drop: () => Promise<void> }> {
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  await adminQuery(serverUrl, `create database ${name}${opts.template ? ` template ${opts.template}` : ''}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: opts.poolSize ?? 5 });
  return { database, drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`) };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}
