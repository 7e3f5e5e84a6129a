import type { Locale } from '@fangkong/domain';
import en from './en';
import zhCN, { type MessageKey } from './zh-CN';
import type { Vars } from './context';

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** Looks a key up and fills `{name}` placeholders from vars. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = DICTIONARIES[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}
