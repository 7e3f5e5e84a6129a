import { useInfiniteQuery } from '@tanstack/react-query';
import { endpoints, type AuditFilter } from '../../api/endpoints';
import { keys } from '../../api/keys';

/** Audit entries newest first, a page at a time (keyset paging on `nextBefore`). */
export function useAudit(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: keys.audit(filter),
    queryFn: ({ pageParam, signal }) => endpoints.audit(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}
