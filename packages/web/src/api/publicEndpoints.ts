import type { PublicSite, PublicVisitStatus, SelfRegistration } from '@fangkong/domain';
import { api } from './client';

/*
 * The calls of the public visitor page (no session). Kept apart from the features' calls so that
 * the visitor's phone loads only these.
 */
const sitePath = (token: string) => `/api/public/sites/${encodeURIComponent(token)}`;

export const publicEndpoints = {
  site: (token: string, signal?: AbortSignal) => api<PublicSite>(sitePath(token), { signal, skipAuthRedirect: true }),
  register: (token: string, input: SelfRegistration) =>
    api<PublicVisitStatus>(`${sitePath(token)}/visits`, { method: 'POST', body: input, skipAuthRedirect: true }),
  status: (token: string, code: string, signal?: AbortSignal) =>
    api<PublicVisitStatus>(`${sitePath(token)}/visits/${encodeURIComponent(code)}`, { signal, skipAuthRedirect: true }),
};
