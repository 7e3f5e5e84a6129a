// Answers, in the app's error format, to refusals from below the services: Fastify's and the database's.
import type { FastifyRequest } from 'fastify';
import type { Bilingual, ErrorBody, ErrorCode, Locale } from '@fangkong/domain';
import type { DatabaseInputError } from '../db/errors.js';
import { AppError, messageFor } from '../core/errors.js';
import { HTTP_TEXTS } from './texts.js';

/** Fastify's own refusals (router, body parsers), each with the field it concerns and why. */
const FASTIFY: Readonly<Record<string, { code: ErrorCode; path: string; why: Bilingual }>> = {
  FST_ERR_MAX_PARAM_LENGTH: { code: 'uri_too_long', path: 'path', why: HTTP_TEXTS.param_too_long },
  FST_ERR_BAD_URL: { code: 'validation_failed', path: 'path', why: HTTP_TEXTS.bad_url },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type', path: 'headers.content-type',
    why: HTTP_TEXTS.media_type,
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', path: 'body', why: HTTP_TEXTS.body_too_large },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'validation_failed', path: 'body', why: HTTP_TEXTS.empty_json },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'validation_failed', path: 'body', why: HTTP_TEXTS.invalid_json },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'validation_failed', path: 'body',
    why: HTTP_TEXTS.content_length,
  },
};
/** A JSON parser's SyntaxError (including a `__proto__` key) carries status 400 and no code. */
const BAD_JSON = FASTIFY.FST_ERR_CTP_INVALID_JSON_BODY;
const BY_STATUS: Readonly<Record<number, ErrorCode>> = { 413: 'payload_too_large', 414: 'uri_too_long', 415: 'unsupported_media_type' };

function answer(code: ErrorCode, path: string, why: Bilingual, locale: Locale): ErrorBody {
  return { error: { code, message: messageFor(new AppError(code), locale), fields: [{ path, message: why[locale] }] } };
}

/** A 4xx raised by Fastify itself, in the app's error format (never Fastify's English object). */
export function frameworkErrorBody(error: { code?: unknown; statusCode?: number }, locale: Locale): ErrorBody {
  const known = typeof error.code === 'string' ? FASTIFY[error.code] : undefined;
  if (known) return answer(known.code, known.path, known.why, locale);
  if (error.statusCode === 400 && BAD_JSON) return answer(BAD_JSON.code, BAD_JSON.path, BAD_JSON.why, locale);
  const code = BY_STATUS[error.statusCode ?? 400] ?? 'validation_failed';
  return answer(code, 'request', HTTP_TEXTS.request_invalid, locale);
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
  const why = err.sqlState === '23503' ? HTTP_TEXTS.missing_reference : HTTP_TEXTS.unstorable_value;
  return answer('validation_failed', path, why, locale);
}
