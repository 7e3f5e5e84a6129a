import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import fc from 'fast-check';
import { Instant, Text, findUnstorableText, nonEmptyUpdate, textIssue } from './input.js';
import { IsoDate } from './org.js';
import { FIELD_MESSAGES } from './messages.js';

const messages = (r: { success: boolean; error?: z.ZodError }) => r.error?.issues.map((i) => i.message) ?? [];

describe('text a database can store (issue 15 item 5)', () => {
  it.each([
    ['A\u0000B', 'text.nul'],
    ['A\ud800B', 'text.surrogate'],
    ['\udc00', 'text.surrogate'],
    ['A\ud800', 'text.surrogate'],
  ])('%j is refused everywhere as %s', (s, issue) => {
    expect(textIssue(s)).toBe(issue);
    expect(messages(Text(100).safeParse(s))).toContain(issue);
    expect(messages(Text(100, { multiline: true }).safeParse(s))).toContain(issue);
  });

  it('a surrogate pair (an emoji, a rare character) is text', () => {
    expect(textIssue('𠀋😀')).toBeUndefined();
    expect(Text(10).parse(' 𠀋😀 ')).toBe('𠀋😀');
  });

  it('control characters are refused; multi-line text keeps tabs and line breaks', () => {
    expect(messages(Text(100).safeParse('A\u001bB'))).toContain('text.control');
    expect(messages(Text(100).safeParse('A\nB'))).toContain('text.control');
    expect(Text(100, { multiline: true }).parse('first\r\n\tsecond')).toBe('first\r\n\tsecond');
    expect(messages(Text(100, { multiline: true }).safeParse('A\u0007B'))).toContain('text.control');
    // Trimmed first: a line break at the end of a spreadsheet cell is not an issue.
    expect(Text(100).parse('name\n')).toBe('name');
  });

  it('any well-formed string without NUL passes the check before the schemas', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      fc.pre(!s.includes('\u0000'));
      expect(textIssue(s)).toBeUndefined();
    }));
  });

  it('finds the first unstorable string of a request with its path, keys included, and skips files', () => {
    expect(findUnstorableText({ a: [1, { b: 'x\ud800' }] })).toEqual({ path: ['a', 1, 'b'], issue: 'text.surrogate' });
    expect(findUnstorableText({ 'k\u0000': 1 })).toEqual({ path: ['k\u0000'], issue: 'text.nul' });
    expect(findUnstorableText(Object.assign(Object.create(null) as object, { q: 'a\u0000' }))).toEqual({ path: ['q'], issue: 'text.nul' });
    // An uploaded file arrives as bytes, not text.
    expect(findUnstorableText(new Uint8Array([0, 0xed, 0xa0, 0x80]))).toBeUndefined();
    expect(findUnstorableText({ a: 'fine', b: [null, 1, true] })).toBeUndefined();
  });

  it('a body nested 100,000 deep is walked in linear time', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100_000)}"\\u0000"${'}'.repeat(100_000)}`) as unknown;
    const found = findUnstorableText(deep);
    expect(found?.path).toHaveLength(100_000);
  });
});

describe('dates the database accepts', () => {
  it.each(['0000-01-01', '1899-12-31', '2200-01-01', '9999-12-31'])('the day %s is out of range', (d) => {
    expect(messages(IsoDate.safeParse(d))).toEqual(['date.out_of_range']);
  });

  it.each(['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '9999-12-31T23:59:59.999Z'])('the instant %s is out of range', (d) => {
    expect(messages(Instant.safeParse(d))).toEqual(['date.out_of_range']);
  });

  it('the years of residents and plans are in range', () => {
    expect(IsoDate.parse('1900-01-01')).toBe('1900-01-01');
    expect(IsoDate.parse('2199-12-31')).toBe('2199-12-31');
    expect(Instant.parse('2026-03-01T08:00:00+08:00')).toBe('2026-03-01T08:00:00+08:00');
    expect(messages(IsoDate.safeParse('2026-02-30'))).toEqual(['date.calendar']);
  });
});

describe('updates', () => {
  const Patch = nonEmptyUpdate(z.strictObject({ a: z.string().optional(), b: z.number().nullable().optional() }));
  it('an update that changes nothing is refused, naming the body', () => {
    const r = Patch.safeParse({});
    expect(r.error?.issues).toMatchObject([{ message: 'update.empty', path: [] }]);
    expect(Patch.safeParse({ a: undefined }).success).toBe(false);
  });
  it('one field, even set to null, is a change', () => {
    expect(Patch.parse({ b: null })).toEqual({ b: null });
  });
});

it('every message key of the input rules has both languages', () => {
  for (const k of ['text.nul', 'text.surrogate', 'text.control', 'date.out_of_range', 'update.empty']) {
    expect(FIELD_MESSAGES[k]?.['zh-CN'], k).toMatch(/\p{Script=Han}/u);
    expect(FIELD_MESSAGES[k]?.en, k).toMatch(/[a-z]/);
  }
});
