/*
 * Spreadsheet columns as people head them: each field has the Chinese and English headers it may
 * go by, matched ignoring case, spaces, "_", ":" and "*" (a required column's mark).
 */

export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[\s*＊:：_]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Which field each header names (null when none). A field is taken by its first column only. */
export function mapColumns<F extends string>(fields: readonly F[], names: Readonly<Record<F, readonly string[]>>, headers: readonly string[]): (F | null)[] {
  const taken = new Set<F>();
  return headers.map((h) => {
    const n = normalizeHeader(h);
    const field = fields.find((f) => !taken.has(f) && names[f].some((c) => normalizeHeader(c) === n));
    if (!field) return null;
    taken.add(field);
    return field;
  });
}
