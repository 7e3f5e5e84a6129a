import { useQuery } from '@tanstack/react-query';
import { sitesApi, sitesKeys } from './api';

/** The policy version in force today for a site. */
export function useSitePolicy(siteId: string | undefined) {
  return useQuery({
    queryKey: sitesKeys.sitePolicy(siteId ?? ''),
    queryFn: async ({ signal }) => (await sitesApi.sitePolicy(siteId ?? '', signal)).version,
    enabled: siteId !== undefined,
  });
}
