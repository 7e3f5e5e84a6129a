/** Whether a database error is a unique violation (of the named index, when given); drizzle wraps the driver's error. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: c } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return constraint === undefined || c === constraint;
  }
  return false;
}
