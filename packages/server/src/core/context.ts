import type { Locale } from '@fangkong/domain';
import type { Caller } from '../auth/caller.js';
import { AppError } from './errors.js';

/** The cookie that carries a session (HttpOnly, SameSite=Strict; the web app never sees the token). */
export const SESSION_COOKIE = 'fk_session';

/** What a service needs to know about the request it serves, without depending on Fastify. */
export interface RequestContext {
  requestId: string;
  ip: string;
  userAgent: string | undefined;
  locale: Locale;
  caller: Caller | undefined;
}

/** The caller of an authenticated route (the auth hook has run). */
export function callerOf(ctx: RequestContext): Caller {
  if (!ctx.caller) throw new AppError('unauthenticated');
  return ctx.caller;
}

/** The context of work no request asked for (a scheduled job): no caller, audited as the system. */
export function systemContext(requestId: string): RequestContext {
  return { requestId, ip: 'localhost', userAgent: undefined, locale: 'en', caller: undefined };
}
