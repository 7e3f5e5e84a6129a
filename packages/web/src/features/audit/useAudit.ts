import { useInfiniteQuery } from '@tanstack/react-query';
import { auditApi, auditKeys, type AuditFilter } from './api';

/** Audit entries newest first, a page at a time (keyset paging on `nextBefore`). */
export function useAudit(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam, signal }) => auditApi.audit(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}
