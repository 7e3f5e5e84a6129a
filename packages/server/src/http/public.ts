import type { Db } from '../db/engine.js';
import { rateLimit } from './rate-limit.js';

/**
 * The options of a route anyone may reach (a QR poster's page): no session, small bodies only.
 */
export const PUBLIC_ROUTE = { config: { public: true }, bodyLimit: 8 * 1024 } as const;

/**
 * The limits of a public page: per client address and per link, in the last minute. The address
 * is counted across every public page, so that one client cannot spread its requests over links.
 */
export async function publicLimits(db: Db, rate: { perAddress: number; perSite: number }, ip: string, link: string): Promise<void> {
  await rateLimit(db, `public:ip:${ip}`, rate.perAddress, 60_000);
  await rateLimit(db, `public:link:${link}`, rate.perSite, 60_000);
}
