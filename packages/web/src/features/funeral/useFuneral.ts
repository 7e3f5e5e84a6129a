import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CovidCaseQuery, CovidRequest, CreateHall, CreateMourningEvent, DisinfectionQuery, HallDaysQuery, HelperMournerRegistration, OpenCovidCase, RecordCovidStep,
  RecordDisinfection, TraceQuery, UpdateHall,
} from '@fangkong/domain';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { useVisibleSites } from '../people/usePeople';
import { funeralApi, funeralKeys, type EventFilter } from './api';

/** How often the live figures (the register's count, the day's board) are asked for again. */
export const LIVE_POLL_MS = 5000;

/** The funeral sites the user can see, by name. */
export function useFuneralSites() {
  const { sites, query } = useVisibleSites();
  const funeral = useMemo(() => sites.filter((s) => s.siteType === 'funeral'), [sites]);
  return { sites: funeral, query };
}

export function useFuneralToday(siteId: string | undefined) {
  return useQuery({
    queryKey: funeralKeys.today(siteId ?? ''),
    queryFn: ({ signal }) => funeralApi.today(siteId ?? '', signal),
    enabled: siteId !== undefined,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_POLL_MS * 6,
  });
}

export function useFuneralOverview(enabled = true) {
  return useQuery({ queryKey: funeralKeys.overview, queryFn: ({ signal }) => funeralApi.overview(signal), enabled });
}

export function useHalls(siteId: string | undefined) {
  return useQuery({
    queryKey: funeralKeys.halls(siteId ?? ''),
    queryFn: async ({ signal }) => (await funeralApi.halls(siteId ?? '', signal)).halls,
    enabled: siteId !== undefined,
  });
}

export function useEvents(filter: EventFilter, enabled = true, limit = 500, offset = 0) {
  return useQuery({
    queryKey: funeralKeys.events(filter, limit, offset),
    queryFn: ({ signal }) => funeralApi.events(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: funeralKeys.event(id ?? ''),
    queryFn: async ({ signal }) => (await funeralApi.event(id ?? '', signal)).event,
    enabled: id !== undefined,
    refetchInterval: LIVE_POLL_MS,
  });
}

export function useDisinfections(query: DisinfectionQuery | undefined) {
  return useQuery({
    queryKey: funeralKeys.disinfections(query ?? { siteId: '' }),
    queryFn: async ({ signal }) => (await funeralApi.disinfections(query ?? { siteId: '' }, signal)).disinfections,
    enabled: query !== undefined,
  });
}

export function useHallDays(query: HallDaysQuery | undefined) {
  return useQuery({
    queryKey: funeralKeys.hallDays(query ?? { siteId: '', from: '', to: '' }),
    queryFn: ({ signal }) => funeralApi.hallDays(query ?? { siteId: '', from: '', to: '' }, signal),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRegisterLink(eventId: string) {
  return useQuery({ queryKey: funeralKeys.registerLink(eventId), queryFn: ({ signal }) => funeralApi.registerLink(eventId, signal) });
}

/** The register, live: mourners arrive from their phones while the page is open. */
export function useMourners(eventId: string) {
  return useQuery({
    queryKey: funeralKeys.mourners(eventId),
    queryFn: ({ signal }) => funeralApi.mourners(eventId, signal),
    refetchInterval: LIVE_POLL_MS,
  });
}

export function useTrace(query: TraceQuery | undefined) {
  return useQuery({
    queryKey: funeralKeys.trace(query ?? { phone: '', from: '', to: '' }),
    queryFn: async ({ signal }) => (await funeralApi.trace(query ?? { phone: '', from: '', to: '' }, signal)).hits,
    enabled: query !== undefined,
    // A trace is asked on purpose, and each read of phones is audited: not again on focus.
    refetchOnWindowFocus: false,
  });
}

export function useCovidCases(query: CovidCaseQuery) {
  return useQuery({
    queryKey: funeralKeys.cases(query),
    queryFn: async ({ signal }) => (await funeralApi.cases(query, signal)).cases,
    placeholderData: keepPreviousData,
  });
}

export function useCovidCase(id: string | undefined) {
  return useQuery({
    queryKey: funeralKeys.covidCase(id ?? ''),
    queryFn: async ({ signal }) => (await funeralApi.covidCase(id ?? '', signal)).case,
    enabled: id !== undefined,
  });
}

// Any change may move the day's figures, the calendar and the overview: the whole area is asked for again.

export function useCreateHall() {
  return useInvalidatingMutation(funeralKeys.all, (input: CreateHall) => funeralApi.createHall(input));
}

export function useUpdateHall() {
  return useInvalidatingMutation(funeralKeys.all, ({ id, patch }: { id: string; patch: UpdateHall }) => funeralApi.updateHall(id, patch));
}

export function useCreateEvent() {
  return useInvalidatingMutation(funeralKeys.all, (input: CreateMourningEvent) => funeralApi.createEvent(input));
}

export function useEndEvent() {
  return useInvalidatingMutation(funeralKeys.all, (id: string) => funeralApi.endEvent(id));
}

export function useCancelEvent() {
  return useInvalidatingMutation(funeralKeys.all, (id: string) => funeralApi.cancelEvent(id));
}

export function useRecordDisinfection() {
  return useInvalidatingMutation(funeralKeys.all, (input: RecordDisinfection) => funeralApi.recordDisinfection(input));
}

export function useRotateRegisterLink(eventId: string) {
  return useInvalidatingMutation(funeralKeys.registerLink(eventId), () => funeralApi.rotateRegisterLink(eventId));
}

export function useRegisterMourner(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: HelperMournerRegistration) => funeralApi.registerMourner(eventId, input),
    // A refusal (full, over) also means the count on screen may be out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: funeralKeys.all }),
  });
}

export function useOpenCase() {
  return useInvalidatingMutation(funeralKeys.all, (input: OpenCovidCase) => funeralApi.openCase(input));
}

export function useRecordStep(caseId: string) {
  return useInvalidatingMutation(funeralKeys.all, (input: RecordCovidStep) => funeralApi.recordStep(caseId, input));
}

/** Not invalidating: the request is always refused, and nothing changes. */
export function useCovidRequest(caseId: string) {
  return useMutation({ mutationFn: (input: CovidRequest) => funeralApi.request(caseId, input) });
}
