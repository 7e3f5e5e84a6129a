import { useCallback, useState } from 'react';
import type { Locale } from '@fangkong/domain';
import type { Catalogue, KeyOf } from '../../i18n/defineMessages';
import { currentLocale, rememberLocale } from '../../i18n/locale';

export type PublicTranslate<K extends string> = (key: K, vars?: Readonly<Record<string, string | number>>) => string;

/** A key of a public page's own catalogue, with `{name}` placeholders filled from vars. */
export function translateWith<C extends Catalogue>(catalogue: C, locale: Locale, key: KeyOf<C>, vars?: Readonly<Record<string, string | number>>): string {
  const text = catalogue[locale][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/**
 * A public page's language (zh-CN unless chosen otherwise on this phone, shared with the app's
 * choice) over its own small catalogue: the page's bundle loads that catalogue only, never the app's list.
 */
export function usePublicI18n<C extends Catalogue>(catalogue: C) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);
  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const t = useCallback<PublicTranslate<KeyOf<C>>>((key, vars) => translateWith(catalogue, locale, key, vars), [catalogue, locale]);
  return { locale, setLocale, t };
}
