/** Text a person reads, in both languages the product speaks; a missing language does not compile. */
export type Bilingual = Readonly<{ 'zh-CN': string; en: string }>;

/** A catalogue entry: a fixed text, or one built from the values it names (a day, a count, a name). */
export type TextEntry = Bilingual | ((...args: never[]) => Bilingual);

/**
 * A catalogue of texts keyed by code. Code reads `TEXTS['reading.future']` instead of carrying the
 * two languages side by side at the call, and every text of an area is in one place to review.
 * The identity function only checks the shape and keeps each entry's own type (functions keep
 * their parameters).
 */
export function defineTexts<const T extends Readonly<Record<string, TextEntry>>>(texts: T): T {
  return texts;
}

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/**
 * What is wrong with a catalogue's texts: an empty language, or a Chinese text without a Chinese
 * character, or an English one with one (the two languages swapped). Functions are called with a
 * placeholder for each parameter. For the tests of every catalogue.
 */
export function textProblems(catalogue: Readonly<Record<string, TextEntry>>): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(catalogue)) {
    const text: Bilingual = typeof entry === 'function'
      ? (entry as (...args: string[]) => Bilingual)(...Array.from({ length: entry.length }, () => '1'))
      : entry;
    const zh = text['zh-CN'].trim();
    const en = text.en.trim();
    if (!zh) problems.push(`${key}: no zh-CN text`);
    if (!en) problems.push(`${key}: no en text`);
    if (CJK.test(en) && !LATIN_WORD.test(en.replace(/[\u3400-\u9fff]+/g, ''))) problems.push(`${key}: the en text is Chinese`);
    if (LATIN_WORD.test(en) && !CJK.test(zh)) problems.push(`${key}: the zh-CN text has no Chinese character`);
  }
  return problems;
}
