import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allows, type CloseIncident, type CreateIncident, type Incident, type NotifyOutside, type RecordAction } from '@fangkong/domain';
import { endpoints, type IncidentFilter } from '../../api/endpoints';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { keys } from '../../api/keys';
import { useCurrentUser } from '../auth/currentUser';
import { useTownsAndSites, type TestingSite } from '../testing/useTesting';

/** How often incidents are asked for again: a deadline may pass, another level may acknowledge. */
const INCIDENT_POLL_MS = 15_000;
const POLLED = { refetchInterval: INCIDENT_POLL_MS, refetchOnWindowFocus: true } as const;
/** The most the board asks for at once (IncidentQuery's maximum): every open incident in scope. */
export const BOARD_LIMIT = 500;

export function useIncidentList(filter: IncidentFilter, limit: number, offset: number) {
  return useQuery({
    queryKey: keys.incidentList(filter, limit, offset),
    queryFn: ({ signal }) => endpoints.incidents(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    ...POLLED,
  });
}

export function useIncidentOverview() {
  return useQuery({
    queryKey: keys.incidentOverview,
    queryFn: ({ signal }) => endpoints.incidentOverview(signal),
    ...POLLED,
  });
}

export function useIncident(id: string | undefined) {
  return useQuery({
    queryKey: keys.incident(id ?? ''),
    queryFn: async ({ signal }) => (await endpoints.incident(id ?? '', signal)).incident,
    enabled: id !== undefined,
    ...POLLED,
  });
}

export function useIncidentTimeline(id: string) {
  return useQuery({
    queryKey: keys.incidentTimeline(id),
    queryFn: async ({ signal }) => (await endpoints.incidentTimeline(id, signal)).events,
    ...POLLED,
  });
}

export function useIncidentNotices(id: string) {
  return useQuery({
    queryKey: keys.incidentNotices(id),
    queryFn: async ({ signal }) => (await endpoints.incidentNotices(id, signal)).notices,
    ...POLLED,
  });
}

export function useIncidentAttachments(id: string) {
  return useQuery({
    queryKey: keys.incidentAttachments(id),
    queryFn: async ({ signal }) => (await endpoints.incidentAttachments(id, signal)).attachments,
  });
}

/** A change answered with the incident as it is now: shown at once, and everything of incidents asked for again. */
function useIncidentChange<V>(id: string, call: (v: V) => Promise<{ incident: Incident }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: ({ incident }) => {
      queryClient.setQueryData(keys.incident(id), incident);
      return queryClient.invalidateQueries({ queryKey: keys.incidents });
    },
  });
}

/** Opens an incident; one promoted from an alert also changes the alert, which names its incident from then on. */
export function useCreateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateIncident) => endpoints.createIncident(input),
    onSuccess: ({ incident }) => {
      // The detail page opens next: it needs no second request.
      queryClient.setQueryData(keys.incident(incident.id), incident);
      return queryClient.invalidateQueries({ queryKey: keys.incidents, predicate: (q) => q.queryKey[1] !== 'one' });
    },
    // Also after a 409 (promoted meanwhile elsewhere): the alert's drawer then links to the incident.
    onSettled: (_answer, _error, input) => (input.alertId ? queryClient.invalidateQueries({ queryKey: keys.alerts }) : undefined),
  });
}

export function useAckStep(id: string) {
  return useIncidentChange(id, ({ stepId, note }: { stepId: string; note?: string | undefined }) => endpoints.ackIncidentStep(id, stepId, note));
}

export function useNotifyOutside(id: string) {
  return useIncidentChange(id, ({ stepId, input }: { stepId: string; input: NotifyOutside }) => endpoints.notifyIncidentStep(id, stepId, input));
}

export function useCloseIncident(id: string) {
  return useIncidentChange(id, (input: CloseIncident) => endpoints.closeIncident(id, input));
}

export function useRecordAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordAction) => endpoints.recordIncidentAction(id, input),
    onSuccess: ({ events }) => {
      queryClient.setQueryData(keys.incidentTimeline(id), events);
      return queryClient.invalidateQueries({ queryKey: keys.incidents });
    },
  });
}

/** The server writes the upload into the timeline too: everything of incidents is asked for again. */
export function useUploadAttachment(id: string) {
  return useInvalidatingMutation(
    keys.incidents,
    ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) => endpoints.uploadIncidentAttachment(id, file, onProgress),
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
