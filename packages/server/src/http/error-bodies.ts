// Answers, in the app's error format, to refusals from below the services: Fastify's and the database's.
import type { FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode, Locale } from '@fangkong/domain';
import type { DatabaseInputError } from '../db/errors.js';
import { AppError, messageFor } from '../core/errors.js';

type Words = { 'zh-CN': string; en: string };

/** Fastify's own refusals (router, body parsers), each with the field it concerns and why. */
const FASTIFY: Readonly<Record<string, { code: ErrorCode; path: string; why: Words }>> = {
  FST_ERR_MAX_PARAM_LENGTH: { code: 'uri_too_long', path: 'path', why: { 'zh-CN': '路径参数过长', en: 'a path parameter is too long' } },
  FST_ERR_BAD_URL: { code: 'validation_failed', path: 'path', why: { 'zh-CN': '路径含有无效的字符', en: 'the path has characters that are not valid' } },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type', path: 'headers.content-type',
    why: { 'zh-CN': '此处不接受该内容类型', en: 'this content type is not accepted here' },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', path: 'body', why: { 'zh-CN': '请求内容过大', en: 'the body is too large' } },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'validation_failed', path: 'body', why: { 'zh-CN': '声明为 JSON 的请求内容为空', en: 'the body is declared as JSON but is empty' } },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'validation_failed', path: 'body', why: { 'zh-CN': '请求内容不是有效的 JSON', en: 'the body is not valid JSON' } },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'validation_failed', path: 'body',
    why: { 'zh-CN': '请求内容的长度与 Content-Length 不符', en: 'the body does not have the length its Content-Length says' },
  },
};
/** A JSON parser's SyntaxError (including a `__proto__` key) carries status 400 and no code. */
const BAD_JSON = FASTIFY.FST_ERR_CTP_INVALID_JSON_BODY;
const BY_STATUS: Readonly<Record<number, ErrorCode>> = { 413: 'payload_too_large', 414: 'uri_too_long', 415: 'unsupported_media_type' };

function answer(code: ErrorCode, path: string, why: Words, locale: Locale): ErrorBody {
  return { error: { code, message: messageFor(new AppError(code), locale), fields: [{ path, message: why[locale] }] } };
}

/** A 4xx raised by Fastify itself, in the app's error format (never Fastify's English object). */
export function frameworkErrorBody(error: { code?: unknown; statusCode?: number }, locale: Locale): ErrorBody {
  const known = typeof error.code === 'string' ? FASTIFY[error.code] : undefined;
  if (known) return answer(known.code, known.path, known.why, locale);
  if (error.statusCode === 400 && BAD_JSON) return answer(BAD_JSON.code, BAD_JSON.path, BAD_JSON.why, locale);
  const code = BY_STATUS[error.statusCode ?? 400] ?? 'validation_failed';
  return answer(code, 'request', { 'zh-CN': '请求无效', en: 'the request is not valid' }, locale);
}

/**
 * A value the database refused (see databaseInputError), named by the request field that carried
 * its column when there is one: `alert_id` is `body.alertId` when the body has an `alertId`.
 */
export function databaseInputErrorBody(err: DatabaseInputError, request: FastifyRequest, locale: Locale): ErrorBody {
  const field = err.column?.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const where = field === undefined ? undefined
    : ([['body', request.body], ['query', request.query], ['params', request.params]] as const)
      .find(([, v]) => v !== null && typeof v === 'object' && field in v)?.[0];
  const path = where && field ? `${where}.${field}` : 'request';
  const why: Words = err.sqlState === '23503'
    ? { 'zh-CN': '引用的记录不存在', en: 'refers to a record that does not exist' }
    : { 'zh-CN': '取值超出允许的范围或无法保存', en: 'a value is out of range or cannot be stored' };
  return answer('validation_failed', path, why, locale);
}
