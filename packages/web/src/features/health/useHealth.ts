import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatePlacement, CreateRoom, EarlyStep, EndPlacement, ReadingBatch, ReportOutsideInput, UpdateRoom } from '@fangkong/domain';
import { healthApi, healthKeys, type AlertFilter, type CoverageFilter, type PlacementFilter } from './api';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { useCan } from '../auth/currentUser';
import { rememberSeenAlerts } from './seenAlerts';

/** How often the open alerts (menu badge, notifications) are asked for again. */
export const ALERT_POLL_MS = 10_000;
/** Enough for every open alert of a town; the badge counts what comes back. */
const OPEN_ALERTS_LIMIT = 500;

export function useRound(siteId: string | undefined, date: string) {
  return useQuery({
    queryKey: healthKeys.round(siteId ?? '', date),
    queryFn: ({ signal }) => healthApi.round(siteId ?? '', date, signal),
    enabled: siteId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** After readings, steps, placements or rooms change, everything derived from them may have. */
function useInvalidateHealth() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: healthKeys.all });
}

export function useRecordReadings() {
  const invalidate = useInvalidateHealth();
  return useMutation({
    mutationFn: (batch: ReadingBatch) => healthApi.recordReadings(batch),
    onSuccess: ({ alerts }) => {
      // The round shows these itself: no notification for them.
      rememberSeenAlerts(alerts.map((a) => a.id));
      return invalidate();
    },
  });
}

export function usePersonReadings(personId: string, days: number, enabled = true) {
  return useQuery({
    queryKey: healthKeys.personReadings(personId, days),
    queryFn: async ({ signal }) => (await healthApi.personReadings(personId, days, signal)).readings,
    enabled,
  });
}

export function useAlerts(filter: AlertFilter) {
  return useQuery({
    queryKey: healthKeys.alertList(filter),
    queryFn: async ({ signal }) => (await healthApi.alerts(filter, signal)).alerts,
    placeholderData: keepPreviousData,
    refetchInterval: ALERT_POLL_MS,
  });
}

/** The open alerts of the user's sites, polled: the menu badge, the home page and the notifier share it. */
export function useOpenAlerts() {
  const canRead = useCan('health.read');
  return useQuery({
    queryKey: healthKeys.alertList({ status: 'open', limit: OPEN_ALERTS_LIMIT }),
    queryFn: async ({ signal }) => (await healthApi.alerts({ status: 'open', limit: OPEN_ALERTS_LIMIT }, signal)).alerts,
    enabled: canRead,
    refetchInterval: ALERT_POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 10_000,
  });
}

export function useAlert(id: string | undefined) {
  return useQuery({
    queryKey: healthKeys.alert(id ?? ''),
    queryFn: async ({ signal }) => (await healthApi.alert(id ?? '', signal)).alert,
    enabled: id !== undefined,
  });
}

export function useCompleteStep(alertId: string) {
  return useInvalidatingMutation(
    healthKeys.all,
    ({ step, note }: { step: EarlyStep; note?: string | undefined }) => healthApi.completeAlertStep(alertId, step, note),
  );
}

export function useCloseAlert(alertId: string) {
  return useInvalidatingMutation(healthKeys.all, (reason: string) => healthApi.closeAlert(alertId, reason));
}

export function useReportAlert(alertId: string) {
  return useInvalidatingMutation(healthKeys.all, (note: string | undefined) => healthApi.reportAlert(alertId, note));
}

export function useReportOutside(alertId: string) {
  return useInvalidatingMutation(healthKeys.all, (input: ReportOutsideInput) => healthApi.reportAlertOutside(alertId, input));
}

export function useRooms(siteId: string | undefined) {
  return useQuery({
    queryKey: healthKeys.rooms(siteId ?? ''),
    queryFn: async ({ signal }) => (await healthApi.rooms(siteId ?? '', signal)).rooms,
    enabled: siteId !== undefined,
  });
}

export function useCreateRoom() {
  return useInvalidatingMutation(healthKeys.all, (input: CreateRoom) => healthApi.createRoom(input));
}

export function useUpdateRoom(id: string) {
  return useInvalidatingMutation(healthKeys.all, (patch: UpdateRoom) => healthApi.updateRoom(id, patch));
}

export function usePlacements(filter: PlacementFilter, enabled = true) {
  return useQuery({
    queryKey: healthKeys.placements(filter),
    queryFn: async ({ signal }) => (await healthApi.placements(filter, signal)).placements,
    enabled,
  });
}

export function useCreatePlacement() {
  return useInvalidatingMutation(healthKeys.all, (input: CreatePlacement) => healthApi.createPlacement(input));
}

export function useEndPlacement(id: string) {
  return useInvalidatingMutation(healthKeys.all, (input: EndPlacement) => healthApi.endPlacement(id, input));
}

export function useCoverage(filter: CoverageFilter, enabled = true) {
  return useQuery({
    queryKey: healthKeys.coverage(filter),
    queryFn: ({ signal }) => healthApi.coverage(filter, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
