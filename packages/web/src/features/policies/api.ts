import type { CreatePolicyVersion, PolicyList, PolicyVersionAnswer, PolicyVersionList, SiteType } from '@fangkong/domain';
import { api } from '../../api/client';

export const policiesApi = {
  policies: (signal?: AbortSignal) => api<PolicyList>('/api/policies', { signal }),
  policyVersions: (siteType: SiteType, signal?: AbortSignal) =>
    api<PolicyVersionList>(`/api/policies/${siteType}`, { signal }),
  createPolicyVersion: (siteType: SiteType, input: CreatePolicyVersion) =>
    api<PolicyVersionAnswer>(`/api/policies/${siteType}`, { method: 'POST', body: input }),
};

export const policiesKeys = {
  /** Every policy list and version history. */
  all: ['policies'] as const,
  versions: (siteType: SiteType) => ['policies', siteType] as const,
};
