import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import { HTTP_TEXTS } from './texts.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What `Sec-Fetch-Site` may say on a request that changes something. `same-origin`: the app's own
 * pages. `none`: the user's own action (typed address, bookmark). `same-site` is refused too: in a
 * government domain many departments' apps are siblings under one registrable domain
 * (a.example.gov.cn, b.example.gov.cn), and none of them should post to this one.
 */
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Why a request is refused as coming from another site, or null when it is not. */
export function crossSiteReason(request: Pick<FastifyRequest, 'method' | 'url' | 'headers' | 'host'>, publicUrl: string | undefined): string | null {
  if (!STATE_CHANGING.has(request.method) || !request.url.startsWith('/api/')) return null;
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && !ALLOWED_FETCH_SITES.has(fetchSite.toLowerCase())) return `sec-fetch-site: ${fetchSite}`;
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  // Browsers send `null` from sandboxed frames and privacy-sensitive redirects: not this app.
  const from = parsed(origin);
  if (!from) return 'origin: unparsable';
  // The host the browser addressed (read in the origin's scheme, so that a default port written
  // out in Host compares equal), or the public address when a proxy in front rewrites Host.
  const ours = [parsed(`${from.protocol}//${request.host}`)?.host, publicUrl ? parsed(publicUrl)?.host : undefined];
  return ours.includes(from.host) ? null : 'origin: another host';
}

/**
 * Refuses a state-changing API request that a browser says comes from another site. SameSite=Strict
 * cookies already keep the session out of such requests; this is the second wall (and covers the
 * public endpoints, such as sign-in and the visitor form, that need no session). Requests without
 * these headers (curl, other servers, tests) pass: only a browser sends them, and a browser always does.
 */
export function refuseCrossSite(app: FastifyInstance, publicUrl: string | undefined): void {
  app.addHook('onRequest', (request) => {
    const reason = crossSiteReason(request, publicUrl);
    if (!reason) return Promise.resolve();
    request.log.warn({ reason }, 'cross-site request refused');
    return Promise.reject(new AppError('forbidden', HTTP_TEXTS.cross_site));
  });
}
