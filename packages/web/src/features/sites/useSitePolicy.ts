import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { keys } from '../../api/keys';

/** The policy version in force today for a site. */
export function useSitePolicy(siteId: string | undefined) {
  return useQuery({
    queryKey: keys.sitePolicy(siteId ?? ''),
    queryFn: async ({ signal }) => (await endpoints.sitePolicy(siteId ?? '', signal)).version,
    enabled: siteId !== undefined,
  });
}
