import type { FastifyRequest } from 'fastify';
import type { Locale } from '@fangkong/domain';
import type { RequestContext } from '../core/context.js';

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
