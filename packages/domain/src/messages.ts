import { ID_ISSUE_MESSAGES, ID_ISSUES } from './id-number.js';
import { YEAR_MAX, YEAR_MIN } from './input.js';
import { defineTexts, type Bilingual } from './texts.js';
import { AUDIT_FIELD_TEXTS } from './audit.js';
import { AUTH_FIELD_TEXTS } from './auth.js';
import { MONITORING_FIELD_TEXTS } from './monitoring.js';
import { NOTIFICATIONS_FIELD_TEXTS } from './notifications.js';
import { USERS_FIELD_TEXTS } from './users.js';
import { ORG_FIELD_TEXTS } from './org.js';
import { PEOPLE_FIELD_TEXTS } from './people.js';
import { SCREENING_FIELD_TEXTS } from './screening.js';
import { SUPPLIES_FIELD_TEXTS } from './supplies.js';
import { TESTING_FIELD_TEXTS } from './testing.js';
import { FUNERAL_FIELD_TEXTS } from './funeral.js';

/** Field messages every area's schemas use (text, dates, numbers, updates), by code. */
export const COMMON_FIELD_TEXTS = defineTexts({
  'text.nul': { 'zh-CN': '不能包含空字符（\\u0000）', en: 'must not contain the NUL character (\\u0000)' },
  'text.surrogate': { 'zh-CN': '包含无法编码的字符（不成对的代理项）', en: 'contains a character that cannot be encoded (a lone surrogate)' },
  'text.control': { 'zh-CN': '不能包含控制字符', en: 'must not contain control characters' },
  'date.out_of_range': { 'zh-CN': `年份应在 ${YEAR_MIN} 至 ${YEAR_MAX} 之间`, en: `the year must be between ${YEAR_MIN} and ${YEAR_MAX}` },
  'update.empty': { 'zh-CN': '没有要修改的内容，请至少填写一个字段', en: 'nothing to change: give at least one field' },
  'date.unreadable': { 'zh-CN': '无法识别的日期，请使用 YYYY-MM-DD', en: 'unreadable date; use YYYY-MM-DD' },
  'field.required': { 'zh-CN': '必填', en: 'required' },
  'date.format': { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'expected a date as YYYY-MM-DD' },
  'date.calendar': { 'zh-CN': '不是有效日期', en: 'not a calendar date' },
  'number.too_large': { 'zh-CN': '数值过大', en: 'too large' },
  'number.whole': { 'zh-CN': '应为整数', en: 'whole units' },
  'number.positive': { 'zh-CN': '应大于 0', en: 'must be more than 0' },
  'number.not_zero': { 'zh-CN': '不能为 0', en: 'must not be 0' },
});

/**
 * Every area's field messages, one catalogue a line: a new area adds its own here. A code in two
 * catalogues would let the later text win silently, so it stops the module from loading.
 */
const CATALOGUES = [
  COMMON_FIELD_TEXTS,
  PEOPLE_FIELD_TEXTS,
  SCREENING_FIELD_TEXTS,
  TESTING_FIELD_TEXTS,
  FUNERAL_FIELD_TEXTS,
  AUTH_FIELD_TEXTS,
  ORG_FIELD_TEXTS,
  SUPPLIES_FIELD_TEXTS,
  AUDIT_FIELD_TEXTS,
  MONITORING_FIELD_TEXTS,
  NOTIFICATIONS_FIELD_TEXTS,
  USERS_FIELD_TEXTS,
] as const;

type Merged<Cs extends readonly object[]> = Cs extends readonly [infer F, ...infer R extends readonly object[]] ? F & Merged<R> : unknown;

function merge<const Cs extends readonly object[]>(catalogues: Cs): Merged<Cs> {
  const out: Record<string, unknown> = {};
  for (const c of catalogues) {
    for (const [code, text] of Object.entries(c)) {
      if (code in out) throw new Error(`field message ${code} is defined twice`);
      out[code] = text;
    }
  }
  return out as Merged<Cs>;
}

/** Every field message written in the domain, by code, typed (the server reads entries by name). */
export const FIELD_TEXTS = merge(CATALOGUES);

/**
 * Messages that schemas give as codes ("id_number.check_character", "date.calendar") rather than
 * as English text, in both languages; the server answers with the caller's language and the web
 * shows the same. A schema's message is always a code of this table (or zod's own, or the
 * `at most N characters` of `Text`): a table keyed by the English text would turn the Chinese
 * answer English at the first edit of the English.
 */
export const FIELD_MESSAGES: Readonly<Record<string, Bilingual>> = {
  ...Object.fromEntries(ID_ISSUES.map((i) => [`id_number.${i}`, ID_ISSUE_MESSAGES[i]])),
  ...FIELD_TEXTS,
};
