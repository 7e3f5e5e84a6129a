import { createContext, useContext } from 'react';
import type { Me, Permission } from '@fangkong/domain';

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user; only inside the authenticated part of the app. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside <RequireAuth>');
  return me;
}

/** Whether the user holds a permission somewhere (the server checks the node itself). */
export function useCan(permission: Permission): boolean {
  return useCurrentUser().permissions.includes(permission);
}
