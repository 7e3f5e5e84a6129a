import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { allows, scopePaths, type Permission } from '@fangkong/domain';
import type { Caller } from './caller.js';
import { AppError } from '../core/errors.js';

/**
 * THE jurisdiction filter. Every query over scoped data goes through here: it restricts rows to
 * those whose materialized path lies under a node where the caller holds `permission`, in SQL,
 * so that lists, counts, exports and searches can never include a row outside the scope.
 * A caller with no such node gets `false`, i.e. nothing.
 */
export function inScope(caller: Caller, permission: Permission, path: SQLWrapper): SQL {
  const prefixes = scopePaths(caller.grants, permission);
  if (prefixes.length === 0) return sql`false`;
  // Paths are uuids and slashes, so they hold no LIKE wildcards; a prefix LIKE uses the
  // text_pattern_ops index on the path.
  const parts = prefixes.map((p) => sql`${path} like ${`${p}%`}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * The scope of a read that filters by jurisdiction on purpose not at all: for rows the caller
 * was already authorised for (re-reading what was just written or checked through `inScope`), or
 * for system jobs that act for the whole tree. Named so that every unscoped read is greppable and
 * says why it is safe; never for what a caller asks to list.
 */
export const UNSCOPED: SQL = sql`true`;

/**
 * For a record the caller can already see: refuse an action their role does not allow there.
 * (What the caller cannot see answers 404 before this is reached.)
 */
export function authorize(caller: Caller, permission: Permission, targetPath: string): void {
  if (!allows(caller.grants, permission, targetPath)) throw new AppError('forbidden');
}

/** Whether the caller holds `permission` at the root of the tree (bureau level). */
export function atRoot(caller: Caller, permission: Permission): boolean {
  return caller.grants.some((g) => isRootPath(g.nodePath) && allows([g], permission, g.nodePath));
}

/** The path of the root (the bureau): `/<id>/`. */
export function isRootPath(nodePath: string): boolean {
  return nodePath.split('/').length === 3;
}

/** Refuse a caller who holds `permission` nowhere (a list they could never see anything in). */
export function requireSomewhere(caller: Caller, permission: Permission): void {
  if (scopePaths(caller.grants, permission).length === 0) throw new AppError('forbidden');
}
