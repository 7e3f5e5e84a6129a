import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatePlacement, CreateRoom, EarlyStep, EndPlacement, ReadingBatch, ReportOutsideInput, UpdateRoom } from '@fangkong/domain';
import { endpoints, type AlertFilter, type CoverageFilter, type PlacementFilter } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { useCan } from '../auth/currentUser';
import { rememberSeenAlerts } from './seenAlerts';

/** How often the open alerts (menu badge, notifications) are asked for again. */
export const ALERT_POLL_MS = 10_000;
/** Enough for every open alert of a town; the badge counts what comes back. */
const OPEN_ALERTS_LIMIT = 500;

export function useRound(siteId: string | undefined, date: string) {
  return useQuery({
    queryKey: keys.round(siteId ?? '', date),
    queryFn: ({ signal }) => endpoints.round(siteId ?? '', date, signal),
    enabled: siteId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** After readings, steps, placements or rooms change, everything derived from them may have. */
function useInvalidateHealth() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.health });
}

export function useRecordReadings() {
  const invalidate = useInvalidateHealth();
  return useMutation({
    mutationFn: (batch: ReadingBatch) => endpoints.recordReadings(batch),
    onSuccess: ({ alerts }) => {
      // The round shows these itself: no notification for them.
      rememberSeenAlerts(alerts.map((a) => a.id));
      return invalidate();
    },
  });
}

export function usePersonReadings(personId: string, days: number, enabled = true) {
  return useQuery({
    queryKey: keys.personReadings(personId, days),
    queryFn: async ({ signal }) => (await endpoints.personReadings(personId, days, signal)).readings,
    enabled,
  });
}

export function useAlerts(filter: AlertFilter) {
  return useQuery({
    queryKey: keys.alertList(filter),
    queryFn: async ({ signal }) => (await endpoints.alerts(filter, signal)).alerts,
    placeholderData: keepPreviousData,
    refetchInterval: ALERT_POLL_MS,
  });
}

/** The open alerts of the user's sites, polled: the menu badge, the home page and the notifier share it. */
export function useOpenAlerts() {
  const canRead = useCan('health.read');
  return useQuery({
    queryKey: keys.alertList({ status: 'open', limit: OPEN_ALERTS_LIMIT }),
    queryFn: async ({ signal }) => (await endpoints.alerts({ status: 'open', limit: OPEN_ALERTS_LIMIT }, signal)).alerts,
    enabled: canRead,
    refetchInterval: ALERT_POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 10_000,
  });
}

export function useAlert(id: string | undefined) {
  return useQuery({
    queryKey: keys.alert(id ?? ''),
    queryFn: async ({ signal }) => (await endpoints.alert(id ?? '', signal)).alert,
    enabled: id !== undefined,
  });
}

export function useCompleteStep(alertId: string) {
  return useInvalidatingMutation(
    keys.health,
    ({ step, note }: { step: EarlyStep; note?: string | undefined }) => endpoints.completeAlertStep(alertId, step, note),
  );
}

export function useCloseAlert(alertId: string) {
  return useInvalidatingMutation(keys.health, (reason: string) => endpoints.closeAlert(alertId, reason));
}

export function useReportAlert(alertId: string) {
  return useInvalidatingMutation(keys.health, (note: string | undefined) => endpoints.reportAlert(alertId, note));
}

export function useReportOutside(alertId: string) {
  return useInvalidatingMutation(keys.health, (input: ReportOutsideInput) => endpoints.reportAlertOutside(alertId, input));
}

export function useRooms(siteId: string | undefined) {
  return useQuery({
    queryKey: keys.rooms(siteId ?? ''),
    queryFn: async ({ signal }) => (await endpoints.rooms(siteId ?? '', signal)).rooms,
    enabled: siteId !== undefined,
  });
}

export function useCreateRoom() {
  return useInvalidatingMutation(keys.health, (input: CreateRoom) => endpoints.createRoom(input));
}

export function useUpdateRoom(id: string) {
  return useInvalidatingMutation(keys.health, (patch: UpdateRoom) => endpoints.updateRoom(id, patch));
}

export function usePlacements(filter: PlacementFilter, enabled = true) {
  return useQuery({
    queryKey: keys.placements(filter),
    queryFn: async ({ signal }) => (await endpoints.placements(filter, signal)).placements,
    enabled,
  });
}

export function useCreatePlacement() {
  return useInvalidatingMutation(keys.health, (input: CreatePlacement) => endpoints.createPlacement(input));
}

export function useEndPlacement(id: string) {
  return useInvalidatingMutation(keys.health, (input: EndPlacement) => endpoints.endPlacement(id, input));
}

export function useCoverage(filter: CoverageFilter, enabled = true) {
  return useQuery({
    queryKey: keys.coverage(filter),
    queryFn: ({ signal }) => endpoints.coverage(filter, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
