import type { FastifyRequest } from 'fastify';
import type { Locale } from '@fangkong/domain';
import type { Caller } from '../auth/caller.js';
import { AppError } from './errors.js';

/** What a service needs to know about the request it serves, without depending on Fastify. */
export interface RequestContext {
  requestId: string;
  ip: string;
  userAgent: string | undefined;
  locale: Locale;
  caller: Caller | undefined;
}

export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'zh-CN';
}

export function contextOf(request: FastifyRequest): RequestContext {
  return {
    requestId: request.id,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    locale: localeOf(request),
    caller: request.caller,
  };
}

/** The caller of an authenticated route (the auth hook has run). */
export function callerOf(ctx: RequestContext): Caller {
  if (!ctx.caller) throw new AppError('unauthenticated');
  return ctx.caller;
}
