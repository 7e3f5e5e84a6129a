import { z } from 'zod';
import type { FastifySchemaCompiler } from 'fastify';
import { FIELD_MESSAGES, findUnstorableText, type FieldIssue, type Locale } from '@fangkong/domain';

/** A request that does not match its schema; keeps zod's issues so the answer can name each field. */
export class RequestValidationError extends Error {
  validationContext?: string;
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('request validation failed');
  }
}

/**
 * Every body, query and path parameter is parsed by its zod schema; unknown fields fail strict
 * objects. Before any schema, a string no text column can hold (NUL, a lone surrogate) is refused
 * wherever it is, naming its path: the schemas use the domain's `Text` for the same rule, and this
 * keeps a schema that forgets it from passing such a string on to the database.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => (data) => {
  const bad = findUnstorableText(data);
  if (bad) return { error: new RequestValidationError([{ code: 'custom', path: bad.path, message: bad.issue, input: undefined }]) };
  const result = schema.safeParse(data);
  return result.success ? { value: result.data } : { error: new RequestValidationError(result.error.issues) };
};

const en = z.locales.en().localeError;
const zh = z.locales.zhCN().localeError;

function messageOf(r: ReturnType<typeof en>): string | undefined {
  return typeof r === 'string' ? r : r?.message;
}

/**
 * An issue in the caller's language: our schemas give codes of FIELD_MESSAGES; zod's own messages
 * go through zod's locales. The length messages of `Text(max)` (`at most N characters`) are
 * generated from the bound, so they are read here by their pattern rather than given a code per bound.
 */
export function localizeIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  const keyed = FIELD_MESSAGES[issue.message];
  if (keyed) return keyed[locale];
  if (locale === 'en') return issue.message;
  const length = /^at (most|least) (\d+) characters$/.exec(issue.message);
  if (length) return `${length[1] === 'most' ? '最多' : '至少'} ${length[2] ?? ''} 个字符`;
  const raw = issue as unknown as z.core.$ZodRawIssue;
  if (messageOf(en(raw)) === issue.message) return messageOf(zh(raw)) ?? issue.message;
  return issue.message;
}

export function fieldIssues(err: RequestValidationError, locale: Locale): FieldIssue[] {
  const prefix = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body');
  return err.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? i.keys : [];
    const path = [prefix, ...i.path.map(String)].join('.');
    if (keys.length > 0) {
      return { path: `${path}.${keys.join(',')}`, message: locale === 'en' ? `unknown field: ${keys.join(', ')}` : `不允许的字段：${keys.join('、')}` };
    }
    return { path, message: localizeIssue(i, locale) };
  });
}

/**
 * Route options for the large aggregate answers of the overviews (counts per site, cover per site
 * and item): their response schema still documents them, but they are written without being
 * re-validated cell by cell, which at city scale cost as much as computing them. Only for answers
 * built field by field by our own typed code that carry no personal data: a schema's other job,
 * dropping fields it does not name, is not done here.
 */
export const aggregateAnswer = {
  serializerCompiler: () => (data: unknown) => JSON.stringify(data),
} as const;
