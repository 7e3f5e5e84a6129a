import type { AuditOutcome, AuditPage } from '@fangkong/domain';
import { api } from '../../api/client';

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

export const auditApi = {
  audit: (filter: AuditFilter, before: string | undefined, signal?: AbortSignal) =>
    api<AuditPage>('/api/audit', { signal, query: { ...filter, before, limit: 50 } }),
};

export const auditKeys = {
  list: (filter: AuditFilter) => ['audit', filter] as const,
};
