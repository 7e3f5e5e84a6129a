import type { Grant, Locale, Role } from '@fangkong/domain';

/** The signed-in user a request acts for, with every role binding and the path of its node. */
export interface Caller {
  userId: string;
  username: string;
  displayName: string;
  locale: Locale;
  sessionId: string;
  grants: (Grant & { nodeId: string })[];
}

export function hasRole(caller: Caller, role: Role): boolean {
  return caller.grants.some((g) => g.role === role);
}
