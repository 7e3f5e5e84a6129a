import type { GuardRegistration, ScreeningInput, Visit, VisitDayStats, VisitStatus } from '@fangkong/domain';
import { api, download } from '../../api/client';
import { sitePath } from '../../api/paths';

/** The filters of the visit log and its export (VisitQuery without paging). */
export interface VisitFilter {
  siteId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  status?: VisitStatus | undefined;
  /** Who was on site at some point between these instants (ISO with offset). */
  presentFrom?: string | undefined;
  presentTo?: string | undefined;
}

/** The guard's screen and the "inside now" board of one site. */
export interface GateView {
  pending: Visit[];
  inside: Visit[];
  capacity: number;
  maxStayMinutes: number;
  insideNow: number;
  overstays: number;
}

export interface VisitorLink {
  token: string;
  /** `/v/<token>`: the QR code's target on this origin. */
  url: string;
}

const visitPath = (id: string) => `/api/visits/${encodeURIComponent(id)}`;

export const visitsApi = {
  visitorLink: (siteId: string, signal?: AbortSignal) => api<VisitorLink>(`${sitePath(siteId)}/visitor-link`, { signal }),
  /** A new link for the site's QR code; printed posters of the old one stop working. */
  rotateVisitorLink: (siteId: string) => api<VisitorLink>(`${sitePath(siteId)}/visitor-link/rotate`, { method: 'POST' }),
  gate: (siteId: string, signal?: AbortSignal) => api<GateView>(`${sitePath(siteId)}/gate`, { signal }),
  registerVisit: (input: GuardRegistration) => api<{ visit: Visit }>('/api/visits', { method: 'POST', body: input }),
  /** Admitted or refused, with `refusalReasons` (409 when no longer pending). */
  screenVisit: (id: string, input: ScreeningInput) => api<{ visit: Visit }>(`${visitPath(id)}/screen`, { method: 'POST', body: input }),
  checkoutVisit: (id: string) => api<{ visit: Visit }>(`${visitPath(id)}/checkout`, { method: 'POST' }),
  checkoutByCode: (siteId: string, code: string) =>
    api<{ visit: Visit }>('/api/visits/checkout-by-code', { method: 'POST', body: { siteId, code } }),
  visits: (filter: VisitFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<{ visits: Visit[]; total: number }>('/api/visits', { signal, query: { ...filter, ...page } }),
  /** Saves the log with the filters applied as .xlsx. */
  exportVisits: (filter: VisitFilter, fallbackName: string) => download('/api/visits/export', fallbackName, { ...filter }),
  /** Per site in scope, for a day (YYYY-MM-DD or `today`). */
  visitStats: (date: string, signal?: AbortSignal) => api<{ sites: VisitDayStats[] }>('/api/visits/stats', { signal, query: { date } }),
};

export const visitsKeys = {
  /** Everything of visits: invalidated together after a registration, screening or check-out. */
  all: ['visits'] as const,
  gate: (siteId: string) => ['visits', 'gate', siteId] as const,
  list: (filter: VisitFilter, limit: number, offset: number) => ['visits', 'list', filter, limit, offset] as const,
  stats: (date: string) => ['visits', 'stats', date] as const,
  visitorLink: (siteId: string) => ['visitorLink', siteId] as const,
};
