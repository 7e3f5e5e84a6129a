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

/** The messages our schemas set themselves, in Chinese. */
const CUSTOM_ZH: Readonly<Record<string, string>> = {
  required: '必填',
  'letters, digits, - and _ only': '只能包含字母、数字、- 和 _',
  'letters, digits, ".", "_" and "-" only': '只能包含字母、数字、"."、"_" 和 "-"',
  'needs three of: lower case, upper case, digit, symbol': '需包含小写字母、大写字母、数字、符号中的至少三类',
  'expected a date as YYYY-MM-DD': '日期格式应为 YYYY-MM-DD',
  'not a calendar date': '不是有效日期',
  'siteType is required for a site and not allowed otherwise': '机构必须选择类型，其他节点不能填写类型',
  'must not be before effectiveFrom': '不能早于生效日期',
  'floorDays must not exceed targetDays': '最低储备天数不能超过目标储备天数',
  'expected an entry id': '应为日志编号',
  'must not be before joinedOn': '不能早于入住/入职日期',
  'too large': '数值过大',
  'whole units': '应为整数',
  'must be more than 0': '应大于 0',
  'must not be 0': '不能为 0',
};

function messageOf(r: ReturnType<typeof en>): string | undefined {
  return typeof r === 'string' ? r : r?.message;
}

export function localizeIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  const keyed = FIELD_MESSAGES[issue.message];
  if (keyed) return keyed[locale];
  if (locale === 'en') return issue.message;
  const custom = CUSTOM_ZH[issue.message];
  if (custom) return custom;
  // The length messages of the domain's `Text(max)`, whatever the bound.
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
