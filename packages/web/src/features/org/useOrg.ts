import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateOrgNode, UpdateOrgNode } from '@fangkong/domain';
import { endpoints } from '../../api/endpoints';
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOrgNode) => endpoints.createNode(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.org }),
  });
}

export function useUpdateNode(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateOrgNode) => endpoints.updateNode(id, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.org }),
  });
}
