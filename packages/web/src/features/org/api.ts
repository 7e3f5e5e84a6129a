import type { CreateOrgNode, OrgNodeAnswer, OrgNodeDetail, OrgNodeList, UpdateOrgNode } from '@fangkong/domain';
import { api } from '../../api/client';

const nodePath = (id: string) => `/api/org/nodes/${encodeURIComponent(id)}`;

export const orgApi = {
  nodes: (signal?: AbortSignal) => api<OrgNodeList>('/api/org/nodes', { signal }),
  node: (id: string, signal?: AbortSignal) => api<OrgNodeDetail>(nodePath(id), { signal }),
  createNode: (input: CreateOrgNode) => api<OrgNodeAnswer>('/api/org/nodes', { method: 'POST', body: input }),
  updateNode: (id: string, patch: UpdateOrgNode) => api<OrgNodeAnswer>(nodePath(id), { method: 'PATCH', body: patch }),
};

export const orgKeys = {
  /** Everything of the organisation tree: invalidated together after a change. */
  all: ['org'] as const,
  nodes: ['org', 'nodes'] as const,
  node: (id: string) => ['org', 'node', id] as const,
};
