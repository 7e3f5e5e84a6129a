import { useQuery } from '@tanstack/react-query';
import type { CreateOrgNode, UpdateOrgNode } from '@fangkong/domain';
import { orgApi, orgKeys } from './api';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';

/** Every node the user may see, as a flat list ordered by path. */
export function useOrgNodes(enabled = true) {
  return useQuery({
    queryKey: orgKeys.nodes,
    queryFn: async ({ signal }) => (await orgApi.nodes(signal)).nodes,
    enabled,
  });
}

export function useOrgNode(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.node(id ?? ''),
    queryFn: ({ signal }) => orgApi.node(id ?? '', signal),
    enabled: id !== undefined,
  });
}

export function useCreateNode() {
  return useInvalidatingMutation(orgKeys.all, (input: CreateOrgNode) => orgApi.createNode(input));
}

export function useUpdateNode(id: string) {
  return useInvalidatingMutation(orgKeys.all, (patch: UpdateOrgNode) => orgApi.updateNode(id, patch));
}
