import { getTableColumns, is, sql, SQL, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './tx.js';

/**
 * Inserts many rows of a table with an `id` as one statement over one array per column (`unnest`),
 * returning their ids.
 * The query builder's multi-row VALUES makes an object per parameter — a 10,000-row import was
 * 250,000 of them, most of the server's peak memory — where this sends 25 arrays. A column some
 * rows leave out takes its default when that is a plain value, else null; a column whose default
 * is SQL (a generated id, now()) is left to the database only when every row leaves it out.
 */
export async function insertByArrays<T extends PgTable>(db: Executor, table: T, rows: readonly T['$inferInsert'][]): Promise<string[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(columns).filter((k) => rows.some((r) => (r as Record<string, unknown>)[k] !== undefined));
  const arrays = keys.map((k) => {
    const column = columns[k] as Column;
    const fallback = column.default === undefined || is(column.default, SQL) ? null : column.default;
    if (fallback === null && column.notNull && rows.some((r) => (r as Record<string, unknown>)[k] === undefined)) {
      throw new Error(`insertByArrays: ${column.name} is required and some rows leave it out`);
    }
    const values = rows.map((r) => {
      const v = (r as Record<string, unknown>)[k];
      return v === undefined ? fallback : v;
    });
    return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  const names = keys.map((k) => sql.identifier((columns[k] as Column).name));
  const result = await db.execute<{ id: string }>(sql`
    insert into ${table} (${sql.join(names, sql`, `)})
    select * from unnest(${sql.join(arrays, sql`, `)})
    returning id`);
  return result.rows.map((r) => r.id);
}
