import type { MournerRegistration, PublicEvent, PublicMournerAnswer, PublicSite, PublicVisitStatus, SelfRegistration } from '@fangkong/domain';
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

/** The calls of the public mourners' register page (no session), loaded by that page alone. */
const mourningPath = (token: string) => `/api/public/mourning/${encodeURIComponent(token)}`;

export const publicMourning = {
  event: (token: string, signal?: AbortSignal) => api<PublicEvent>(mourningPath(token), { signal, skipAuthRedirect: true }),
  register: (token: string, input: MournerRegistration) =>
    api<PublicMournerAnswer>(`${mourningPath(token)}/mourners`, { method: 'POST', body: input, skipAuthRedirect: true }),
};
