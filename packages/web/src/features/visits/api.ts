import type {
  GateView, GuardRegistration, ScreeningInput, VisitAnswer, VisitExportQuery, VisitList, VisitStats, VisitStatsQuery, VisitorLink,
} from '@fangkong/domain';
import { api, download } from '../../api/client';
import { sitePath } from '../../api/paths';

/** The filters of the visit log and its export (VisitQuery without paging). */
export type VisitFilter = VisitExportQuery;

const visitPath = (id: string) => `/api/visits/${encodeURIComponent(id)}`;

export const visitsApi = {
  visitorLink: (siteId: string, signal?: AbortSignal) => api<VisitorLink>(`${sitePath(siteId)}/visitor-link`, { signal }),
  /** A new link for the site's QR code; printed posters of the old one stop working. */
  rotateVisitorLink: (siteId: string) => api<VisitorLink>(`${sitePath(siteId)}/visitor-link/rotate`, { method: 'POST' }),
  gate: (siteId: string, signal?: AbortSignal) => api<GateView>(`${sitePath(siteId)}/gate`, { signal }),
  registerVisit: (input: GuardRegistration) => api<VisitAnswer>('/api/visits', { method: 'POST', body: input }),
  /** Admitted or refused, with `refusalReasons` (409 when no longer pending). */
  screenVisit: (id: string, input: ScreeningInput) => api<VisitAnswer>(`${visitPath(id)}/screen`, { method: 'POST', body: input }),
  checkoutVisit: (id: string) => api<VisitAnswer>(`${visitPath(id)}/checkout`, { method: 'POST' }),
  checkoutByCode: (siteId: string, code: string) =>
    api<VisitAnswer>('/api/visits/checkout-by-code', { method: 'POST', body: { siteId, code } }),
  visits: (filter: VisitFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<VisitList>('/api/visits', { signal, query: { ...filter, ...page } }),
  /** Saves the log with the filters applied as .xlsx. */
  exportVisits: (filter: VisitFilter, fallbackName: string) => download('/api/visits/export', fallbackName, { ...filter }),
  /** Per site in scope, for a day (YYYY-MM-DD or `today`). */
  visitStats: (date: string, signal?: AbortSignal) => api<VisitStats>('/api/visits/stats', { signal, query: { date } satisfies VisitStatsQuery }),
};

export const visitsKeys = {
  /** Everything of visits: invalidated together after a registration, screening or check-out. */
  all: ['visits'] as const,
  gate: (siteId: string) => ['visits', 'gate', siteId] as const,
  list: (filter: VisitFilter, limit: number, offset: number) => ['visits', 'list', filter, limit, offset] as const,
  stats: (date: string) => ['visits', 'stats', date] as const,
  visitorLink: (siteId: string) => ['visitorLink', siteId] as const,
};
