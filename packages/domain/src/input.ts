import { z } from 'zod';

/**
 * The input rules every schema shares for text, dates and updates. A value the database cannot
 * store (a NUL character, a lone UTF-16 surrogate, the year 0) must be refused here, naming the
 * field, rather than reach SQL and come back as a 500. The keys are messages of FIELD_MESSAGES.
 */

export type TextIssue = 'text.nul' | 'text.surrogate' | 'text.control';

/** Half of a surrogate pair without its other half: not a character, and no UTF-8 can encode it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** C0 controls and DEL; tab, line feed and carriage return are allowed where text may span lines. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0001-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_MULTILINE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * What is wrong with a string as stored text: NUL (PostgreSQL's text cannot hold it), a lone
 * surrogate (not encodable, and breaks the JSON of the audit record), or with `controls` a control
 * character (invisible, never typed by a person; multi-line text keeps its tabs and line breaks).
 */
export function textIssue(s: string, controls?: 'single-line' | 'multi-line'): TextIssue | undefined {
  if (s.includes('\u0000')) return 'text.nul';
  if (LONE_SURROGATE.test(s)) return 'text.surrogate';
  if (controls && (controls === 'multi-line' ? CONTROL_MULTILINE : CONTROL).test(s)) return 'text.control';
  return undefined;
}

/**
 * The first string anywhere in a parsed request (body, query or path parameters) that no text
 * field may hold, with its path; `undefined` when there is none. Iterative, so that a deeply
 * nested body cannot exhaust the stack. A check before every schema, so that a schema which does
 * not use `Text` is still safe.
 */
export function findUnstorableText(value: unknown): { path: (string | number)[]; issue: TextIssue } | undefined {
  // Each entry links to its parent rather than copying the path: a body nested 100,000 deep costs
  // linear time, not quadratic.
  interface Entry { v: unknown; key: string | number; parent: Entry | undefined }
  const pathOf = (e: Entry | undefined, last?: string): (string | number)[] => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let x = e; x?.parent; x = x.parent) path.push(x.key);
    return path.reverse();
  };
  const stack: Entry[] = [{ v: value, key: '', parent: undefined }];
  for (let e = stack.pop(); e; e = stack.pop()) {
    const v = e.v;
    if (typeof v === 'string') {
      const issue = textIssue(v);
      if (issue) return { path: pathOf(e), issue };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: e });
    } else if (v !== null && typeof v === 'object') {
      const proto: unknown = Object.getPrototypeOf(v);
      // A Buffer (an uploaded file) or another non-plain value: its content is not text.
      if (proto !== null && proto !== Object.prototype) continue;
      for (const [k, child] of Object.entries(v)) {
        const keyIssue = textIssue(k);
        if (keyIssue) return { path: pathOf(e, k), issue: keyIssue };
        stack.push({ v: child, key: k, parent: e });
      }
    }
  }
  return undefined;
}

/** The years a date or instant of this domain may fall in (birth dates of the oldest residents to far plans). */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2199;
export function yearInRange(year: number): boolean {
  return year >= YEAR_MIN && year <= YEAR_MAX;
}

/**
 * Text as typed by a person: trimmed, at most `max` characters, refusing NUL, lone surrogates and
 * control characters; multi-line text (notes, reasons, summaries) keeps tabs and line breaks. Chain
 * `.min(1, 'field.required')` for a field that must not be empty.
 */
export function Text(max: number, opts: { multiline?: boolean } = {}) {
  const controls = opts.multiline ? 'multi-line' : 'single-line';
  return z.string().trim().max(max, `at most ${max} characters`).superRefine((s, ctx) => {
    const issue = textIssue(s, controls);
    if (issue) ctx.addIssue({ code: 'custom', message: issue });
  });
}

/** An instant with its offset (`2026-03-01T08:00:00+08:00`), in the years the database and the domain accept. */
export const Instant = z.iso.datetime({ offset: true }).refine(
  (s) => yearInRange(new Date(s).getUTCFullYear()),
  { message: 'date.out_of_range' },
);

/**
 * An update: refuses one that changes nothing (`{}`), which would otherwise reach the database as
 * an UPDATE without columns. The issue has no path, so it names the body.
 */
export function nonEmptyUpdate<T extends z.ZodObject>(schema: T) {
  return schema.refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'update.empty' });
}
