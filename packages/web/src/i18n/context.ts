import { createContext } from 'react';
import type { Locale } from '@fangkong/domain';
import type { MessageKey } from './catalogues';

export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

export const I18nContext = createContext<I18nValue | null>(null);
