import type { Locale } from '@fangkong/domain';
import { translateWith, usePublicI18n, type PublicTranslate } from '../publicPage/publicI18n';
import visitorMessages, { type VisitorMessageKey } from './messages';

export type VisitorTranslate = PublicTranslate<VisitorMessageKey>;

export function translateVisitor(locale: Locale, key: VisitorMessageKey, vars?: Readonly<Record<string, string | number>>): string {
  return translateWith(visitorMessages, locale, key, vars);
}

/** The visitor page's language (zh-CN unless chosen otherwise on this phone), shared with the app's choice. */
export function useVisitorI18n() {
  return usePublicI18n(visitorMessages);
}
