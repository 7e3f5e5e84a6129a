import type { ReactNode } from 'react';
import { Flex, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { isApiError } from '../../api/client';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { setServerTime } from '../../components/shared/time';
import { useT } from '../../i18n/useT';
import { CurrentUserContext } from './currentUser';
import { ForcedPage } from './ForcedPage';
import { useMe } from './useMe';

/**
 * Renders its children for a signed-in user and sends everyone else to /login; a user who must
 * first change a one-time password or set up two-factor sign-in gets that page instead.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" description={t('common.loading')} />
      </Flex>
    );
  }
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    }
    return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  }
  // Before any page renders a date: every page shows the deployment's zone and the server's day.
  setServerTime(me.data.timeZone, me.data.clockOffsetMs);
  // A session the server restricts (issue 17) sees the one page that lifts the restriction, whatever the address.
  const forced = me.data.mustChangePassword ? 'password' : me.data.twoFactor.required && !me.data.twoFactor.enabled ? 'twoFactor' : null;
  return (
    <CurrentUserContext.Provider value={me.data}>
      {forced ? <ForcedPage what={forced} /> : children}
    </CurrentUserContext.Provider>
  );
}
