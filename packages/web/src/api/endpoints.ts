import type {
  AuditOutcome, ChangePasswordInput, CreateOrgNode, CreatePolicyVersion, Locale, LoginInput, Me,
  AuditPage, OrgNode, OrgNodeDetail, PolicySummary, PolicyVersion, SiteType, UpdateOrgNode,
} from '@fangkong/domain';

export type { AuditPage, PolicySummary };
import { api } from './client';

/** Typed calls of docs/api.md, one function per endpoint. */

export type NodeDetail = OrgNodeDetail;

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

export const endpoints = {
  login: (input: LoginInput) => api<{ user: Me }>('/api/auth/login', { method: 'POST', body: input, skipAuthRedirect: true }),
  logout: () => api<undefined>('/api/auth/logout', { method: 'POST', skipAuthRedirect: true }),
  me: (signal?: AbortSignal) => api<{ user: Me }>('/api/auth/me', { signal, skipAuthRedirect: true }),
  changePassword: (input: ChangePasswordInput) => api<undefined>('/api/auth/password', { method: 'POST', body: input }),
  updateMe: (patch: { locale: Locale }) => api<{ user: Me }>('/api/auth/me', { method: 'PATCH', body: patch }),

  nodes: (signal?: AbortSignal) => api<{ nodes: OrgNode[] }>('/api/org/nodes', { signal }),
  node: (id: string, signal?: AbortSignal) => api<NodeDetail>(`/api/org/nodes/${encodeURIComponent(id)}`, { signal }),
  createNode: (input: CreateOrgNode) => api<{ node: OrgNode }>('/api/org/nodes', { method: 'POST', body: input }),
  updateNode: (id: string, patch: UpdateOrgNode) =>
    api<{ node: OrgNode }>(`/api/org/nodes/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),

  policies: (signal?: AbortSignal) => api<{ policies: PolicySummary[] }>('/api/policies', { signal }),
  policyVersions: (siteType: SiteType, signal?: AbortSignal) =>
    api<{ versions: PolicyVersion[] }>(`/api/policies/${siteType}`, { signal }),
  createPolicyVersion: (siteType: SiteType, input: CreatePolicyVersion) =>
    api<{ version: PolicyVersion }>(`/api/policies/${siteType}`, { method: 'POST', body: input }),
  sitePolicy: (siteId: string, signal?: AbortSignal) =>
    api<{ version: PolicyVersion }>(`/api/sites/${encodeURIComponent(siteId)}/policy`, { signal }),

  audit: (filter: AuditFilter, before: string | undefined, signal?: AbortSignal) =>
    api<AuditPage>('/api/audit', { signal, query: { ...filter, before, limit: 50 } }),
};
