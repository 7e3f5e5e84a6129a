import type {
  ChangePasswordInput, LoginInput, Me, RecoveryCodesAnswer, TwoFactorCodeInput, TwoFactorDisableInput, TwoFactorSetupAnswer, UpdateMe,
} from '@fangkong/domain';
import { api } from './client';

/** The session and the signed-in user's own account: every part of the app reads these. */
export const authApi = {
  login: (input: LoginInput) => api<{ user: Me }>('/api/auth/login', { method: 'POST', body: input, skipAuthRedirect: true }),
  logout: () => api<undefined>('/api/auth/logout', { method: 'POST', skipAuthRedirect: true }),
  me: (signal?: AbortSignal) => api<{ user: Me }>('/api/auth/me', { signal, skipAuthRedirect: true }),
  changePassword: (input: ChangePasswordInput) => api<undefined>('/api/auth/password', { method: 'POST', body: input }),
  /** `email: null` clears the address. */
  updateMe: (patch: UpdateMe) => api<{ user: Me }>('/api/auth/me', { method: 'PATCH', body: patch }),
  /** A pending secret (and its QR code) for an authenticator app; on only once confirmed with a code. */
  twoFactorSetup: () => api<TwoFactorSetupAnswer>('/api/auth/two-factor/setup', { method: 'POST' }),
  /** Turns two-factor sign-in on; the answer's recovery codes are shown this once. */
  twoFactorConfirm: (input: TwoFactorCodeInput) => api<RecoveryCodesAnswer>('/api/auth/two-factor/confirm', { method: 'POST', body: input }),
  /** A new set of recovery codes (the old ones stop working). */
  recoveryCodes: (input: TwoFactorCodeInput) => api<RecoveryCodesAnswer>('/api/auth/two-factor/recovery-codes', { method: 'POST', body: input }),
  twoFactorDisable: (input: TwoFactorDisableInput) => api<undefined>('/api/auth/two-factor/disable', { method: 'POST', body: input }),
};

/** The query of the signed-in user. */
export const meKey = ['me'] as const;
