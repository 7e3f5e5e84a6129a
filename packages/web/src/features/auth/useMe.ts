import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { keys } from '../../api/keys';

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async ({ signal }) => (await endpoints.me(signal)).user,
    staleTime: 5 * 60_000,
  });
}
