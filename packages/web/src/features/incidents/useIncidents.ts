import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allows, type CloseIncident, type CreateIncident, type Incident, type NotifyOutside, type RecordAction } from '@fangkong/domain';
import { healthKeys } from '../health/api';
import { incidentsApi, incidentsKeys, type IncidentFilter } from './api';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { useCurrentUser } from '../auth/currentUser';
import { useTownsAndSites, type TestingSite } from '../testing/useTesting';

/** How often incidents are asked for again: a deadline may pass, another level may acknowledge. */
const INCIDENT_POLL_MS = 15_000;
const POLLED = { refetchInterval: INCIDENT_POLL_MS, refetchOnWindowFocus: true } as const;
/** The most the board asks for at once (IncidentQuery's maximum): every open incident in scope. */
export const BOARD_LIMIT = 500;

export function useIncidentList(filter: IncidentFilter, limit: number, offset: number) {
  return useQuery({
    queryKey: incidentsKeys.list(filter, limit, offset),
    queryFn: ({ signal }) => incidentsApi.incidents(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    ...POLLED,
  });
}

export function useIncidentOverview() {
  return useQuery({
    queryKey: incidentsKeys.overview,
    queryFn: ({ signal }) => incidentsApi.incidentOverview(signal),
    ...POLLED,
  });
}

export function useIncident(id: string | undefined) {
  return useQuery({
    queryKey: incidentsKeys.incident(id ?? ''),
    queryFn: async ({ signal }) => (await incidentsApi.incident(id ?? '', signal)).incident,
    enabled: id !== undefined,
    ...POLLED,
  });
}

export function useIncidentTimeline(id: string) {
  return useQuery({
    queryKey: incidentsKeys.timeline(id),
    queryFn: async ({ signal }) => (await incidentsApi.incidentTimeline(id, signal)).events,
    ...POLLED,
  });
}

export function useIncidentNotices(id: string) {
  return useQuery({
    queryKey: incidentsKeys.notices(id),
    queryFn: async ({ signal }) => (await incidentsApi.incidentNotices(id, signal)).notices,
    ...POLLED,
  });
}

export function useIncidentAttachments(id: string) {
  return useQuery({
    queryKey: incidentsKeys.attachments(id),
    queryFn: async ({ signal }) => (await incidentsApi.incidentAttachments(id, signal)).attachments,
  });
}

/** A change answered with the incident as it is now: shown at once, and everything of incidents asked for again. */
function useIncidentChange<V>(id: string, call: (v: V) => Promise<{ incident: Incident }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: ({ incident }) => {
      queryClient.setQueryData(incidentsKeys.incident(id), incident);
      return queryClient.invalidateQueries({ queryKey: incidentsKeys.all });
    },
  });
}

/** Opens an incident; one promoted from an alert also changes the alert, which names its incident from then on. */
export function useCreateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateIncident) => incidentsApi.createIncident(input),
    onSuccess: ({ incident }) => {
      // The detail page opens next: it needs no second request.
      queryClient.setQueryData(incidentsKeys.incident(incident.id), incident);
      return queryClient.invalidateQueries({ queryKey: incidentsKeys.all, predicate: (q) => q.queryKey[1] !== 'one' });
    },
    // Also after a 409 (promoted meanwhile elsewhere): the alert's drawer then links to the incident.
    onSettled: (_answer, _error, input) => (input.alertId ? queryClient.invalidateQueries({ queryKey: healthKeys.alerts }) : undefined),
  });
}

export function useAckStep(id: string) {
  return useIncidentChange(id, ({ stepId, note }: { stepId: string; note?: string | undefined }) => incidentsApi.ackIncidentStep(id, stepId, note));
}

export function useNotifyOutside(id: string) {
  return useIncidentChange(id, ({ stepId, input }: { stepId: string; input: NotifyOutside }) => incidentsApi.notifyIncidentStep(id, stepId, input));
}

export function useCloseIncident(id: string) {
  return useIncidentChange(id, (input: CloseIncident) => incidentsApi.closeIncident(id, input));
}

export function useRecordAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordAction) => incidentsApi.recordIncidentAction(id, input),
    onSuccess: ({ events }) => {
      queryClient.setQueryData(incidentsKeys.timeline(id), events);
      return queryClient.invalidateQueries({ queryKey: incidentsKeys.all });
    },
  });
}

/** The server writes the upload into the timeline too: everything of incidents is asked for again. */
export function useUploadAttachment(id: string) {
  return useInvalidatingMutation(
    incidentsKeys.all,
    ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) => incidentsApi.uploadIncidentAttachment(id, file, onProgress),
  );
}

export interface IncidentSite extends TestingSite {
  /** The user may open incidents here. */
  actable: boolean;
}

/** The towns and sites the user can see, by name (those of the testing filters), with where the user may open incidents. */
export function useIncidentSites() {
  const me = useCurrentUser();
  const { towns, sites, query } = useTownsAndSites();
  const withActable = useMemo(
    () => sites.map((s): IncidentSite => ({ ...s, actable: allows(me.roles, 'incidents.act', s.path) })),
    [sites, me.roles],
  );
  return { towns, sites: withActable, query };
}
