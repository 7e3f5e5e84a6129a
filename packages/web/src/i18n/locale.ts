import { LOCALES, type Locale } from '@fangkong/domain';

const STORAGE_KEY = 'fangkong.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language chosen on this browser, if any. */
export function storedLocale(): Locale | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

let current: Locale = storedLocale() ?? 'zh-CN';

/** The language in use now; the API client sends it as Accept-Language. */
export function currentLocale(): Locale {
  return current;
}

export function rememberLocale(locale: Locale): void {
  current = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}
