import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CreatePerson, UpdatePerson } from '@fangkong/domain';
import { endpoints, type PeopleFilter } from '../../api/endpoints';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { keys } from '../../api/keys';
import { useOrgNodes } from '../org/useOrg';
import { siteRows, type SiteRow } from '../sites/siteRows';

/** One page of the people list (the previous page stays shown while the next loads). */
export function usePeopleList(filter: PeopleFilter, limit: number, offset: number, enabled = true) {
  return useQuery({
    queryKey: keys.peopleList(filter, limit, offset),
    queryFn: ({ signal }) => endpoints.people(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A person with their site history; every read is audited, so it is not refetched on focus. */
export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: keys.person(id ?? ''),
    queryFn: ({ signal }) => endpoints.person(id ?? '', signal),
    enabled: id !== undefined,
  });
}

export function useCreatePerson() {
  return useInvalidatingMutation(keys.people, (input: CreatePerson) => endpoints.createPerson(input));
}

export function useUpdatePerson(id: string) {
  return useInvalidatingMutation(keys.people, (patch: UpdatePerson) => endpoints.updatePerson(id, patch));
}

/** Whole ID number and phones; kept by the caller only while shown (gcTime 0: not cached). */
export function useRevealPerson(id: string) {
  return useMutation({ mutationFn: () => endpoints.revealPerson(id), gcTime: 0 });
}

export function useRosterPreview() {
  return useMutation({ mutationFn: ({ siteId, file }: { siteId: string; file: File }) => endpoints.previewRoster(siteId, file) });
}

export function useRosterCommit() {
  return useInvalidatingMutation(
    keys.people,
    ({ siteId, file, onlyValid }: { siteId: string; file: File; onlyValid: boolean }) => endpoints.commitRoster(siteId, file, onlyValid),
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
