import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateMe } from '@fangkong/domain';
import { authApi, meKey } from '../../api/auth';

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => (await authApi.me(signal)).user,
    staleTime: 5 * 60_000,
  });
}

/** Changes the user's own account (language, e-mail address); the answer becomes the current user. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateMe) => authApi.updateMe(patch),
    onSuccess: ({ user }) => queryClient.setQueryData(meKey, user),
  });
}
