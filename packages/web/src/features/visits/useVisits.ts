import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GuardRegistration, ScreeningInput } from '@fangkong/domain';
import { visitsApi, visitsKeys, type VisitFilter } from './api';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';

/** How often the gate's pending list and board are asked for again. */
export const GATE_POLL_MS = 5000;

export function useGate(siteId: string | undefined) {
  return useQuery({
    queryKey: visitsKeys.gate(siteId ?? ''),
    queryFn: ({ signal }) => visitsApi.gate(siteId ?? '', signal),
    enabled: siteId !== undefined,
    refetchInterval: GATE_POLL_MS,
    staleTime: 0,
  });
}

function useInvalidateVisits() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: visitsKeys.all });
}

export function useRegisterVisit() {
  return useInvalidatingMutation(visitsKeys.all, (input: GuardRegistration) => visitsApi.registerVisit(input));
}

export function useScreenVisit() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ScreeningInput }) => visitsApi.screenVisit(id, input),
    // A 409 (already screened elsewhere, expired) also means the list is out of date.
    onSettled: () => invalidate(),
  });
}

export function useCheckout() {
  const invalidate = useInvalidateVisits();
  return useMutation({ mutationFn: (id: string) => visitsApi.checkoutVisit(id), onSettled: () => invalidate() });
}

export function useCheckoutByCode() {
  return useInvalidatingMutation(
    visitsKeys.all,
    ({ siteId, code }: { siteId: string; code: string }) => visitsApi.checkoutByCode(siteId, code),
  );
}

export function useVisitList(filter: VisitFilter, limit: number, offset: number, enabled = true) {
  return useQuery({
    queryKey: visitsKeys.list(filter, limit, offset),
    queryFn: ({ signal }) => visitsApi.visits(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useVisitStats(date: string) {
  return useQuery({
    queryKey: visitsKeys.stats(date),
    queryFn: async ({ signal }) => (await visitsApi.visitStats(date, signal)).sites,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useVisitorLink(siteId: string | undefined) {
  return useQuery({
    queryKey: visitsKeys.visitorLink(siteId ?? ''),
    queryFn: ({ signal }) => visitsApi.visitorLink(siteId ?? '', signal),
    enabled: siteId !== undefined,
  });
}

export function useRotateVisitorLink(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => visitsApi.rotateVisitorLink(siteId),
    onSuccess: (link) => queryClient.setQueryData(visitsKeys.visitorLink(siteId), link),
  });
}
