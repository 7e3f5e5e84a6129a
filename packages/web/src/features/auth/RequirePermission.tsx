import type { ReactNode } from 'react';
import type { Permission } from '@fangkong/domain';
import { Forbidden } from '../../components/shared/NotFound';
import { useCan } from './currentUser';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan(permission) ? <>{children}</> : <Forbidden />;
}
