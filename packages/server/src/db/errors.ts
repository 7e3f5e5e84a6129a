/** Whether a database error is a unique violation (of the named index, when given); drizzle wraps the driver's error. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: c } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return constraint === undefined || c === constraint;
  }
  return false;
}

/**
 * SQLSTATEs that mean a value of the request could not be stored or compared: a reference to a
 * record that does not exist (23503), a value the column's type refuses (22P02, 22007, 22008 the
 * year 0, 22003 out of range, 22001 too long), text the encoding refuses (22021 NUL, 22P05 a lone
 * surrogate in JSON), or a value past a limit of the engine (54000). Validation before the query
 * is the fix for each; this is the safety net that keeps a schema's gap from becoming a 500.
 */
const INPUT_STATES: ReadonlySet<string> = new Set(['23503', '22P02', '22007', '22008', '22003', '22001', '22021', '22P05', '54000']);

export interface DatabaseInputError {
  sqlState: string;
  /** The column of the offending value when the database names it (always for 23503). */
  column?: string;
}

/** Whether a database error was caused by a value of the request (see INPUT_STATES); drizzle wraps the driver's error. */
export function databaseInputError(err: unknown): DatabaseInputError | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, column, detail } = e as { code?: unknown; column?: unknown; detail?: unknown };
    if (typeof code !== 'string' || !INPUT_STATES.has(code)) continue;
    // "Key (alert_id)=(…) is not present in table "alerts"."
    const named = typeof column === 'string' ? column : typeof detail === 'string' ? /^Key \(([a-z_]+)\)=/.exec(detail)?.[1] : undefined;
    return named ? { sqlState: code, column: named } : { sqlState: code };
  }
  return undefined;
}
