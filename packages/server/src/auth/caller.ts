import type { Grant, Locale, Role } from '@fangkong/domain';

/** The signed-in user a request acts for, with every role binding and the path of its node. */
export interface Caller {
  userId: string;
  username: string;
  displayName: string;
  locale: Locale;
  sessionId: string;
  grants: (Grant & { nodeId: string })[];
  /** Signed in with a one-time password that is still to be changed. */
  mustChangePassword: boolean;
  /** Whether two-factor sign-in is on, and whether a role of the user requires it (configuration). */
  twoFactor: { enabled: boolean; required: boolean };
}

/** Why a session may reach only the routes that lift the restriction (changing the password, enrolling). */
export type Restriction = 'password_change_required' | 'two_factor_setup_required';

/** The one-time password comes first: enrolling is the next step once it is changed. */
export function restrictionOf(caller: Caller): Restriction | null {
  if (caller.mustChangePassword) return 'password_change_required';
  if (caller.twoFactor.required && !caller.twoFactor.enabled) return 'two_factor_setup_required';
  return null;
}

/** Whether one of these roles must sign in with two factors (the configuration's TWO_FACTOR_ROLES). */
export function requiresTwoFactor(twoFactorRoles: readonly Role[], roles: readonly string[]): boolean {
  return roles.some((r) => (twoFactorRoles as readonly string[]).includes(r));
}

export function hasRole(caller: Caller, role: Role): boolean {
  return caller.grants.some((g) => g.role === role);
}
