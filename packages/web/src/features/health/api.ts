import type {
  Alert, AlertStatus, CoverageOverview, CreatePlacement, CreateRoom, EarlyStep, EndPlacement, Placement, Reading, ReadingBatch,
  ReadingInput, ReportOutsideInput, Room, Round, SiteType, UpdateRoom,
} from '@fangkong/domain';
import { api } from '../../api/client';
import { boolParam, personPath, sitePath } from '../../api/paths';

export interface AlertFilter {
  siteId?: string | undefined;
  status?: AlertStatus | undefined;
  limit?: number | undefined;
}

export interface PlacementFilter {
  siteId?: string | undefined;
  active?: boolean | undefined;
  personId?: string | undefined;
}

export interface CoverageFilter {
  /** YYYY-MM-DD or `today`. */
  date: string;
  siteType?: SiteType | undefined;
  townId?: string | undefined;
}

const alertPath = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;

export const healthApi = {
  /** Everyone expected at a site on a day (YYYY-MM-DD or `today`) with their readings. */
  round: (siteId: string, date: string, signal?: AbortSignal) =>
    api<Round>(`${sitePath(siteId)}/rounds/${encodeURIComponent(date)}`, { signal }),
  recordReading: (input: ReadingInput) => api<{ reading: Reading; alert: Alert | null }>('/api/readings', { method: 'POST', body: input }),
  /** Atomic: one bad reading refuses the whole batch, with every bad one listed (`readings.<index>.<field>`). */
  recordReadings: (batch: ReadingBatch) =>
    api<{ readings: Reading[]; alerts: Alert[] }>('/api/readings/batch', { method: 'POST', body: batch }),
  personReadings: (id: string, days: number, signal?: AbortSignal) =>
    api<{ readings: Reading[] }>(`${personPath(id)}/readings`, { signal, query: { days } }),

  alerts: (filter: AlertFilter, signal?: AbortSignal) => api<{ alerts: Alert[] }>('/api/alerts', { signal, query: { ...filter } }),
  alert: (id: string, signal?: AbortSignal) => api<{ alert: Alert }>(alertPath(id), { signal }),
  completeAlertStep: (id: string, step: EarlyStep, note: string | undefined) =>
    api<{ alert: Alert }>(`${alertPath(id)}/steps/${step}`, { method: 'POST', body: note ? { note } : {} }),
  closeAlert: (id: string, reason: string) => api<{ alert: Alert }>(`${alertPath(id)}/close`, { method: 'POST', body: { reason } }),
  /** R2.4: tells the town office and the bureau through the notification rules. */
  reportAlert: (id: string, note: string | undefined) => api<{ alert: Alert }>(`${alertPath(id)}/report`, { method: 'POST', body: note ? { note } : {} }),
  reportAlertOutside: (id: string, input: ReportOutsideInput) => api<{ alert: Alert }>(`${alertPath(id)}/report/outside`, { method: 'POST', body: input }),

  rooms: (siteId: string, signal?: AbortSignal) => api<{ rooms: Room[] }>(`${sitePath(siteId)}/rooms`, { signal }),
  createRoom: (input: CreateRoom) => api<{ room: Room }>('/api/rooms', { method: 'POST', body: input }),
  updateRoom: (id: string, patch: UpdateRoom) => api<{ room: Room }>(`/api/rooms/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  placements: (filter: PlacementFilter, signal?: AbortSignal) =>
    api<{ placements: Placement[] }>('/api/placements', { signal, query: { ...filter, active: boolParam(filter.active) } }),
  createPlacement: (input: CreatePlacement) => api<{ placement: Placement }>('/api/placements', { method: 'POST', body: input }),
  endPlacement: (id: string, input: EndPlacement) =>
    api<{ placement: Placement }>(`/api/placements/${encodeURIComponent(id)}/end`, { method: 'POST', body: input }),

  coverage: (filter: CoverageFilter, signal?: AbortSignal) => api<CoverageOverview>('/api/coverage', { signal, query: { ...filter } }),
};

export const healthKeys = {
  /** Everything of health monitoring and isolation: invalidated together after a change. */
  all: ['health'] as const,
  round: (siteId: string, date: string) => ['health', 'round', siteId, date] as const,
  personReadings: (id: string, days: number) => ['health', 'personReadings', id, days] as const,
  alerts: ['health', 'alerts'] as const,
  alertList: (filter: AlertFilter) => ['health', 'alerts', 'list', filter] as const,
  alert: (id: string) => ['health', 'alerts', 'one', id] as const,
  rooms: (siteId: string) => ['health', 'rooms', siteId] as const,
  placements: (filter: PlacementFilter) => ['health', 'placements', filter] as const,
  coverage: (filter: CoverageFilter) => ['health', 'coverage', filter] as const,
};
