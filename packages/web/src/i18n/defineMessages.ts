import type { Locale } from '@fangkong/domain';

/** One catalogue: a feature's strings in every language, under the same keys. */
export type Catalogue<K extends string = string> = { readonly [L in Locale]: Readonly<Record<K, string>> };

/** The keys of a catalogue. */
export type KeyOf<C extends Catalogue> = C extends Catalogue<infer K> ? K : never;

/**
 * Declares a feature's strings in both languages. The keys are those of the zh-CN block (the default
 * language); `NoInfer` keeps the en block from adding to them, so a key that one language has and the other
 * lacks is a compile error either way round.
 */
export function defineMessages<K extends string>(messages: {
  'zh-CN': Record<K, string>;
  en: Record<NoInfer<K>, string>;
}): Catalogue<K> {
  return messages;
}
