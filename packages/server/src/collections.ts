/**
 * Rows grouped by a key, each group in the rows' order (a look-up per site instead of a scan);
 * rows whose key is null are left out.
 */
export function groupBy<T, K extends string = string>(rows: readonly T[], key: (r: T) => K | null): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
