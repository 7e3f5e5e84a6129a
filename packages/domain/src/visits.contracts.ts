import { z } from 'zod';
import { Visit, VisitDayStats, VisitQuery } from './screening.js';
import { Day } from './contracts.js';

/** A site's public link, as printed in its QR code. */
export const SiteToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not a site link');
/** A visitor's six-character code. */
export const VisitCode = z.string().regex(/^[A-Za-z0-9]{6}$/, 'code.format');
export const PublicSiteParams = z.strictObject({ token: SiteToken });
export const PublicVisitParams = z.strictObject({ token: SiteToken, code: VisitCode });

export const VisitAnswer = z.object({ visit: Visit });
export type VisitAnswer = z.infer<typeof VisitAnswer>;
/** `url` (`/v/<token>`) is the QR code's target on this origin. */
export const VisitorLink = z.object({ token: z.string(), url: z.string() });
export type VisitorLink = z.infer<typeof VisitorLink>;

/** The guard's screen and the "inside now" board of one site. */
export const GateView = z.object({
  pending: z.array(Visit), inside: z.array(Visit), capacity: z.number(), maxStayMinutes: z.number(), insideNow: z.number(), overstays: z.number(),
});
export type GateView = z.infer<typeof GateView>;

export const VisitList = z.object({ visits: z.array(Visit), total: z.number() });
export type VisitList = z.infer<typeof VisitList>;
/** The log's filters without paging. */
export const VisitExportQuery = VisitQuery.omit({ limit: true, offset: true });
export type VisitExportQuery = z.input<typeof VisitExportQuery>;

export const VisitStatsQuery = z.strictObject({ date: Day.default('today') });
export type VisitStatsQuery = z.input<typeof VisitStatsQuery>;
export const VisitStats = z.object({ sites: z.array(VisitDayStats) });
export type VisitStats = z.infer<typeof VisitStats>;
