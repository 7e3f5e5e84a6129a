import { useCallback, useState } from 'react';
import type { Locale } from '@fangkong/domain';
import { currentLocale, rememberLocale } from '../../i18n/locale';
import visitorMessages, { type VisitorMessageKey } from './messages';

export type VisitorTranslate = (key: VisitorMessageKey, vars?: Readonly<Record<string, string | number>>) => string;

export function translateVisitor(locale: Locale, key: VisitorMessageKey, vars?: Readonly<Record<string, string | number>>): string {
  const text = visitorMessages[locale][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/** The visitor page's language (zh-CN unless chosen otherwise on this phone), shared with the app's choice. */
export function useVisitorI18n() {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);
  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const t = useCallback<VisitorTranslate>((key, vars) => translateVisitor(locale, key, vars), [locale]);
  return { locale, setLocale, t };
}
