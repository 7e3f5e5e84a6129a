import type { PolicyVersionAnswer } from '@fangkong/domain';
import { api } from '../../api/client';
import { sitePath } from '../../api/paths';

export const sitesApi = {
  sitePolicy: (siteId: string, signal?: AbortSignal) => api<PolicyVersionAnswer>(`${sitePath(siteId)}/policy`, { signal }),
};

export const sitesKeys = {
  sitePolicy: (id: string) => ['sites', id, 'policy'] as const,
};
