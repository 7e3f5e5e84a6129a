import type { z } from 'zod';
import type {
  CloseIncident, CreateIncident, IncidentAnswer, IncidentAttachmentAnswer, IncidentAttachments, IncidentEvents, IncidentList, IncidentNotices,
  IncidentOverview, IncidentQuery, NotifyOutside, RecordAction,
} from '@fangkong/domain';
import { api, download, uploadWithProgress } from '../../api/client';

/** The filters of the incident list and its export (IncidentQuery without paging); `late` (only incidents with a late step) a yes/no. */
export type IncidentFilter = Omit<z.input<typeof IncidentQuery>, 'limit' | 'offset' | 'late'> & { late?: boolean | undefined };

const incidentPath = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;
const incidentQuery = (filter: IncidentFilter) => ({ ...filter, late: filter.late ? 'true' : undefined });

export const incidentsApi = {
  /** Newest first. */
  incidents: (filter: IncidentFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<IncidentList>('/api/incidents', { signal, query: { ...incidentQuery(filter), ...page } }),
  incidentOverview: (signal?: AbortSignal) => api<IncidentOverview>('/api/incidents/overview', { signal }),
  /** With `alertId`: promoted from that alert (409 when it already was). */
  createIncident: (input: CreateIncident) => api<IncidentAnswer>('/api/incidents', { method: 'POST', body: input }),
  incident: (id: string, signal?: AbortSignal) => api<IncidentAnswer>(incidentPath(id), { signal }),
  /** Oldest first. */
  incidentTimeline: (id: string, signal?: AbortSignal) => api<IncidentEvents>(`${incidentPath(id)}/timeline`, { signal }),
  recordIncidentAction: (id: string, input: RecordAction) =>
    api<IncidentEvents>(`${incidentPath(id)}/actions`, { method: 'POST', body: input }),
  /** 403 unless the caller is the step's receiving level. */
  ackIncidentStep: (id: string, stepId: string, note: string | undefined) =>
    api<IncidentAnswer>(`${incidentPath(id)}/steps/${encodeURIComponent(stepId)}/ack`, { method: 'POST', body: note ? { note } : {} }),
  /** An outside party (health department, prefecture bureau) told: how, to whom. */
  notifyIncidentStep: (id: string, stepId: string, input: NotifyOutside) =>
    api<IncidentAnswer>(`${incidentPath(id)}/steps/${encodeURIComponent(stepId)}/notified`, { method: 'POST', body: input }),
  closeIncident: (id: string, input: CloseIncident) => api<IncidentAnswer>(`${incidentPath(id)}/close`, { method: 'POST', body: input }),
  /** Saves the list with the filters applied as .xlsx. */
  exportIncidents: (filter: IncidentFilter, fallbackName: string) => download('/api/incidents/export', fallbackName, incidentQuery(filter)),
  /** Every message sent about the incident: when, how, to whom, and whether it arrived or was read (R7.2). */
  incidentNotices: (id: string, signal?: AbortSignal) => api<IncidentNotices>(`${incidentPath(id)}/notices`, { signal }),
  incidentAttachments: (id: string, signal?: AbortSignal) =>
    api<IncidentAttachments>(`${incidentPath(id)}/attachments`, { signal }),
  /** The file's bytes with its own type (checked again by the server), its name URI-encoded in a header. */
  uploadIncidentAttachment: (id: string, file: File, onProgress?: (fraction: number) => void) =>
    uploadWithProgress<IncidentAttachmentAnswer>(`${incidentPath(id)}/attachments`, file, {
      contentType: file.type, headers: { 'x-file-name': encodeURIComponent(file.name) }, onProgress,
    }),
  /** Where the browser opens an attachment (inline for images and PDF), with the session cookie. */
  incidentAttachmentUrl: (id: string, attachmentId: string) => `${incidentPath(id)}/attachments/${encodeURIComponent(attachmentId)}`,
};

export const incidentsKeys = {
  /** Everything of incidents: invalidated together after an opening, an action, a step, an attachment or a closing. */
  all: ['incidents'] as const,
  list: (filter: IncidentFilter, limit: number, offset: number) => ['incidents', 'list', filter, limit, offset] as const,
  overview: ['incidents', 'overview'] as const,
  incident: (id: string) => ['incidents', 'one', id] as const,
  timeline: (id: string) => ['incidents', 'timeline', id] as const,
  attachments: (id: string) => ['incidents', 'attachments', id] as const,
  notices: (id: string) => ['incidents', 'notices', id] as const,
};
