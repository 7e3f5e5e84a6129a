import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GuardRegistration, ScreeningInput } from '@fangkong/domain';
import { endpoints, type VisitFilter } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';

/** How often the gate's pending list and board are asked for again. */
export const GATE_POLL_MS = 5000;

export function useGate(siteId: string | undefined) {
  return useQuery({
    queryKey: keys.gate(siteId ?? ''),
    queryFn: ({ signal }) => endpoints.gate(siteId ?? '', signal),
    enabled: siteId !== undefined,
    refetchInterval: GATE_POLL_MS,
    staleTime: 0,
  });
}

function useInvalidateVisits() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.visits });
}

export function useRegisterVisit() {
  return useInvalidatingMutation(keys.visits, (input: GuardRegistration) => endpoints.registerVisit(input));
}

export function useScreenVisit() {
  const invalidate = useInvalidateVisits();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ScreeningInput }) => endpoints.screenVisit(id, input),
    // A 409 (already screened elsewhere, expired) also means the list is out of date.
    onSettled: () => invalidate(),
  });
}

export function useCheckout() {
  const invalidate = useInvalidateVisits();
  return useMutation({ mutationFn: (id: string) => endpoints.checkoutVisit(id), onSettled: () => invalidate() });
}

export function useCheckoutByCode() {
  return useInvalidatingMutation(
    keys.visits,
    ({ siteId, code }: { siteId: string; code: string }) => endpoints.checkoutByCode(siteId, code),
  );
}

export function useVisitList(filter: VisitFilter, limit: number, offset: number, enabled = true) {
  return useQuery({
    queryKey: keys.visitList(filter, limit, offset),
    queryFn: ({ signal }) => endpoints.visits(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useVisitStats(date: string) {
  return useQuery({
    queryKey: keys.visitStats(date),
    queryFn: async ({ signal }) => (await endpoints.visitStats(date, signal)).sites,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useVisitorLink(siteId: string | undefined) {
  return useQuery({
    queryKey: keys.visitorLink(siteId ?? ''),
    queryFn: ({ signal }) => endpoints.visitorLink(siteId ?? '', signal),
    enabled: siteId !== undefined,
  });
}

export function useRotateVisitorLink(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => endpoints.rotateVisitorLink(siteId),
    onSuccess: (link) => queryClient.setQueryData(keys.visitorLink(siteId), link),
  });
}
