import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateMe } from '@fangkong/domain';
import { endpoints } from '../../api/endpoints';
import { keys } from '../../api/keys';

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async ({ signal }) => (await endpoints.me(signal)).user,
    staleTime: 5 * 60_000,
  });
}

/** Changes the user's own account (language, e-mail address); the answer becomes the current user. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateMe) => endpoints.updateMe(patch),
    onSuccess: ({ user }) => queryClient.setQueryData(keys.me, user),
  });
}
