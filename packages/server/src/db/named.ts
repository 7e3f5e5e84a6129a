import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './tx.js';

const dialect = new PgDialect();
const names = new Map<string, string>();

/**
 * Runs a hot statement as a named prepared statement: the server parses and plans it once per
 * connection, and each later call sends only its parameters (the session look-up on PostgreSQL:
 * 224 → 44 µs a call, a fifth of the Node time). Only for statements whose text does not depend on
 * the data: the name comes from the text, so a text that varied would pile statements up on every
 * connection. Timestamps come back as text, as with `db.execute`.
 */
export async function executeNamed<T>(db: Executor, query: SQL): Promise<T[]> {
  const q = dialect.sqlToQuery(query);
  let name = names.get(q.sql);
  if (!name) {
    name = `fk_${createHash('sha1').update(q.sql).digest('hex').slice(0, 24)}`;
    // A guard, not a cache policy: the hot statements are a handful of fixed texts.
    if (names.size < 1000) names.set(q.sql, name);
  }
  const result = await db._.session.prepareQuery(q, undefined, name, false).execute();
  return (result as { rows: T[] }).rows;
}
