import type { z } from 'zod';
import type { AuditPage, AuditQuery } from '@fangkong/domain';
import { api } from '../../api/client';

/** The filters of the audit log (AuditQuery without its keyset paging, which the call adds). */
export type AuditFilter = Omit<z.input<typeof AuditQuery>, 'before' | 'limit'>;

export const auditApi = {
  audit: (filter: AuditFilter, before: string | undefined, signal?: AbortSignal) =>
    api<AuditPage>('/api/audit', { signal, query: { ...filter, before, limit: 50 } }),
};

export const auditKeys = {
  list: (filter: AuditFilter) => ['audit', filter] as const,
};
