import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CreatePerson, UpdatePerson } from '@fangkong/domain';
import { peopleApi, peopleKeys, type PeopleFilter } from './api';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { useOrgNodes } from '../org/useOrg';
import { siteRows, type SiteRow } from '../sites/siteRows';

/** One page of the people list (the previous page stays shown while the next loads). */
export function usePeopleList(filter: PeopleFilter, limit: number, offset: number, enabled = true) {
  return useQuery({
    queryKey: peopleKeys.list(filter, limit, offset),
    queryFn: ({ signal }) => peopleApi.people(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A person with their site history; every read is audited, so it is not refetched on focus. */
export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: peopleKeys.person(id ?? ''),
    queryFn: ({ signal }) => peopleApi.person(id ?? '', signal),
    enabled: id !== undefined,
  });
}

export function useCreatePerson() {
  return useInvalidatingMutation(peopleKeys.all, (input: CreatePerson) => peopleApi.createPerson(input));
}

export function useUpdatePerson(id: string) {
  return useInvalidatingMutation(peopleKeys.all, (patch: UpdatePerson) => peopleApi.updatePerson(id, patch));
}

/** Whole ID number and phones; kept by the caller only while shown (gcTime 0: not cached). */
export function useRevealPerson(id: string) {
  return useMutation({ mutationFn: () => peopleApi.revealPerson(id), gcTime: 0 });
}

export function useRosterPreview() {
  return useMutation({ mutationFn: ({ siteId, file }: { siteId: string; file: File }) => peopleApi.previewRoster(siteId, file) });
}

export function useRosterCommit() {
  return useInvalidatingMutation(
    peopleKeys.all,
    ({ siteId, file, onlyValid }: { siteId: string; file: File; onlyValid: boolean }) => peopleApi.commitRoster(siteId, file, onlyValid),
  );
}

/** The sites the user can see (from the organisation tree), by name. */
export function useVisibleSites() {
  const nodes = useOrgNodes();
  const sites = useMemo<SiteRow[]>(
    () => siteRows(nodes.data ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [nodes.data],
  );
  return { sites, query: nodes };
}
