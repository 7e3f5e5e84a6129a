import type { Database } from '../../src/db/engine.js';

/** Tables whose rows a refused request may legitimately write or that are caches, not data. */
export const NOT_DATA: ReadonlySet<string> = new Set([
  'sessions', // each sign-in of the test itself
  'rate_events', // counting requests is the point of a rate limit, refused or not
  'site_summaries', 'summary_changes', 'summary_epochs', // caches recomputed on read
  '__drizzle_migrations',
]);

/**
 * A row trigger on every data table counts the rows written (inserted, updated, deleted) in a
 * counter that a rolled-back transaction leaves as it was: a refused request must not move it.
 * The audit log counts only entries of what was done ('ok'; a refusal is audited as 'denied' or
 * 'failed'), and a user only outside the lockout counters a failed sign-in moves. Answers a
 * reader of the counter.
 */
export async function countWrites(database: Database, notData: ReadonlySet<string> = NOT_DATA): Promise<() => Promise<string>> {
  const q = (sql: string) => database.pool.query(sql);
  await q('create table probe_writes (n bigint not null)');
  await q('insert into probe_writes values (0)');
  await q('create function probe_count() returns trigger language plpgsql as $$ begin update probe_writes set n = n + 1; return null; end $$');
  const tables = (await database.pool.query<{ t: string }>(
    "select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
  )).rows.map((r) => r.t).filter((t) => !notData.has(t) && t !== 'probe_writes');
  for (const t of tables) {
    if (t === 'audit_log') {
      await q(`create trigger probe_w after insert on audit_log for each row when (new.outcome = 'ok') execute function probe_count()`);
    } else if (t === 'users') {
      await q('create trigger probe_w after insert or delete on users for each row execute function probe_count()');
      await q(`create trigger probe_u after update on users for each row when (old.failed_logins is not distinct from new.failed_logins
        and old.locked_until is not distinct from new.locked_until and row(old.*) is distinct from row(new.*)) execute function probe_count()`);
    } else {
      await q(`create trigger probe_w after insert or update or delete on "${t}" for each row execute function probe_count()`);
    }
  }
  return async () => String((await database.pool.query<{ n: string }>('select n from probe_writes')).rows[0]?.n);
}
