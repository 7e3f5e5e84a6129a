import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * A mutation after whose success everything under `queryKey` is asked for again; the mutation
 * settles only when that refetch has been done.
 */
export function useInvalidatingMutation<TData, TVariables = void>(queryKey: QueryKey, mutationFn: (variables: TVariables) => Promise<TData>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey }) });
}
