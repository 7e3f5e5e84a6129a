import type { ChangePasswordInput, LoginInput, Me, UpdateMe } from '@fangkong/domain';
import { api } from './client';

/** The session and the signed-in user's own account: every part of the app reads these. */
export const authApi = {
  login: (input: LoginInput) => api<{ user: Me }>('/api/auth/login', { method: 'POST', body: input, skipAuthRedirect: true }),
  logout: () => api<undefined>('/api/auth/logout', { method: 'POST', skipAuthRedirect: true }),
  me: (signal?: AbortSignal) => api<{ user: Me }>('/api/auth/me', { signal, skipAuthRedirect: true }),
  changePassword: (input: ChangePasswordInput) => api<undefined>('/api/auth/password', { method: 'POST', body: input }),
  /** `email: null` clears the address. */
  updateMe: (patch: UpdateMe) => api<{ user: Me }>('/api/auth/me', { method: 'PATCH', body: patch }),
};

/** The query of the signed-in user. */
export const meKey = ['me'] as const;
