import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from './audit.js';
import { ID_ISSUE_MESSAGES } from './id-number.js';
import { FIELD_MESSAGES } from './messages.js';
import { defineTexts, textProblems, type TextEntry } from './texts.js';

/** Every catalogue of the domain; the server's catalogues are checked the same way in its own test. */
const CATALOGUES: [string, Readonly<Record<string, TextEntry>>][] = [
  ['FIELD_MESSAGES', FIELD_MESSAGES],
  ['ID_ISSUE_MESSAGES', ID_ISSUE_MESSAGES],
  ['AUDIT_ACTIONS', AUDIT_ACTIONS],
];

describe('text catalogues', () => {
  it.each(CATALOGUES)('%s has both languages, each in its own language', (_, catalogue) => {
    expect(textProblems(catalogue)).toEqual([]);
  });

  it.each<{ name: string; entry: TextEntry; problem: string }>([
    { name: 'an empty Chinese text', entry: { 'zh-CN': ' ', en: 'not a calendar date' }, problem: 'x: no zh-CN text' },
    { name: 'an empty English text', entry: { 'zh-CN': '不是有效日期', en: '' }, problem: 'x: no en text' },
    { name: 'swapped languages', entry: { 'zh-CN': 'not a calendar date', en: '不是有效日期' }, problem: 'x: the en text is Chinese' },
    { name: 'English twice', entry: { 'zh-CN': 'not a calendar date', en: 'not a calendar date' }, problem: 'x: the zh-CN text has no Chinese character' },
    { name: 'a function giving English twice', entry: (n: string) => ({ 'zh-CN': `only ${n}`, en: `only ${n}` }), problem: 'x: the zh-CN text has no Chinese character' },
  ])('finds $name', ({ entry, problem }) => {
    expect(textProblems({ x: entry })).toContain(problem);
  });

  it('takes English with a Chinese word, and Chinese with a code in it', () => {
    expect(textProblems(defineTexts({
      column: { 'zh-CN': '找不到“姓名”列，请使用导入模板', en: 'no column named 姓名 / name: use the template' },
      format: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'expected a date as YYYY-MM-DD' },
    }))).toEqual([]);
  });
});
