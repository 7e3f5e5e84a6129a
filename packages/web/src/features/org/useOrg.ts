import { useQuery } from '@tanstack/react-query';
import type { CreateOrgNode, UpdateOrgNode } from '@fangkong/domain';
import { endpoints } from '../../api/endpoints';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { keys } from '../../api/keys';

/** Every node the user may see, as a flat list ordered by path. */
export function useOrgNodes(enabled = true) {
  return useQuery({
    queryKey: keys.nodes,
    queryFn: async ({ signal }) => (await endpoints.nodes(signal)).nodes,
    enabled,
  });
}

export function useOrgNode(id: string | undefined) {
  return useQuery({
    queryKey: keys.node(id ?? ''),
    queryFn: ({ signal }) => endpoints.node(id ?? '', signal),
    enabled: id !== undefined,
  });
}

export function useCreateNode() {
  return useInvalidatingMutation(keys.org, (input: CreateOrgNode) => endpoints.createNode(input));
}

export function useUpdateNode(id: string) {
  return useInvalidatingMutation(keys.org, (patch: UpdateOrgNode) => endpoints.updateNode(id, patch));
}
