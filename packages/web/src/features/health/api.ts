import type { z } from 'zod';
import type {
  AlertAnswer, AlertList, AlertListQuery, CoverageOverview, CoverageQuery, CreatePlacement, CreateRoom, EarlyStep, EndPlacement, PersonReadings,
  PlacementAnswer, PlacementList, PlacementListQuery, ReadingAnswer, ReadingBatch, ReadingInput, ReadingsAnswer, ReportOutsideInput, RoomAnswer,
  RoomList, Round, UpdateRoom,
} from '@fangkong/domain';
import { api } from '../../api/client';
import { boolParam, personPath, sitePath } from '../../api/paths';

/** AlertListQuery, its limit a number (the server coerces the query's text). */
export type AlertFilter = Omit<z.input<typeof AlertListQuery>, 'limit'> & { limit?: number | undefined };

/** PlacementListQuery with `active` as a yes/no, turned into the query's text by the call. */
export type PlacementFilter = Omit<z.input<typeof PlacementListQuery>, 'active'> & { active?: boolean | undefined };

/** CoverageQuery; the web always names the day (YYYY-MM-DD or `today`). */
export type CoverageFilter = z.input<typeof CoverageQuery> & { date: string };

const alertPath = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;

export const healthApi = {
  /** Everyone expected at a site on a day (YYYY-MM-DD or `today`) with their readings. */
  round: (siteId: string, date: string, signal?: AbortSignal) =>
    api<Round>(`${sitePath(siteId)}/rounds/${encodeURIComponent(date)}`, { signal }),
  recordReading: (input: ReadingInput) => api<ReadingAnswer>('/api/readings', { method: 'POST', body: input }),
  /** Atomic: one bad reading refuses the whole batch, with every bad one listed (`readings.<index>.<field>`). */
  recordReadings: (batch: ReadingBatch) =>
    api<ReadingsAnswer>('/api/readings/batch', { method: 'POST', body: batch }),
  personReadings: (id: string, days: number, signal?: AbortSignal) =>
    api<PersonReadings>(`${personPath(id)}/readings`, { signal, query: { days } }),

  alerts: (filter: AlertFilter, signal?: AbortSignal) => api<AlertList>('/api/alerts', { signal, query: { ...filter } }),
  alert: (id: string, signal?: AbortSignal) => api<AlertAnswer>(alertPath(id), { signal }),
  completeAlertStep: (id: string, step: EarlyStep, note: string | undefined) =>
    api<AlertAnswer>(`${alertPath(id)}/steps/${step}`, { method: 'POST', body: note ? { note } : {} }),
  closeAlert: (id: string, reason: string) => api<AlertAnswer>(`${alertPath(id)}/close`, { method: 'POST', body: { reason } }),
  /** R2.4: tells the town office and the bureau through the notification rules. */
  reportAlert: (id: string, note: string | undefined) => api<AlertAnswer>(`${alertPath(id)}/report`, { method: 'POST', body: note ? { note } : {} }),
  reportAlertOutside: (id: string, input: ReportOutsideInput) => api<AlertAnswer>(`${alertPath(id)}/report/outside`, { method: 'POST', body: input }),

  rooms: (siteId: string, signal?: AbortSignal) => api<RoomList>(`${sitePath(siteId)}/rooms`, { signal }),
  createRoom: (input: CreateRoom) => api<RoomAnswer>('/api/rooms', { method: 'POST', body: input }),
  updateRoom: (id: string, patch: UpdateRoom) => api<RoomAnswer>(`/api/rooms/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  placements: (filter: PlacementFilter, signal?: AbortSignal) =>
    api<PlacementList>('/api/placements', { signal, query: { ...filter, active: boolParam(filter.active) } }),
  createPlacement: (input: CreatePlacement) => api<PlacementAnswer>('/api/placements', { method: 'POST', body: input }),
  endPlacement: (id: string, input: EndPlacement) =>
    api<PlacementAnswer>(`/api/placements/${encodeURIComponent(id)}/end`, { method: 'POST', body: input }),

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
