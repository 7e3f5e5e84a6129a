import type { Locale } from '@fangkong/domain';
import { CATALOGUES, type MessageKey } from './catalogues';
import type { Vars } from './context';

/** One language's strings of every catalogue. */
function dictionary(locale: Locale): Readonly<Record<MessageKey, string>> {
  // Every catalogue has all its keys in both languages (defineMessages), so together they have every MessageKey.
  return Object.assign({}, ...CATALOGUES.map((c) => c[locale])) as Record<MessageKey, string>;
}

const DICTIONARIES: Record<Locale, Readonly<Record<MessageKey, string>>> = { 'zh-CN': dictionary('zh-CN'), en: dictionary('en') };

/** Looks a key up and fills `{name}` placeholders from vars. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = DICTIONARIES[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}
