import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { RouterProvider } from 'react-router';
import { meKey } from './api/auth';
import { setRestrictedSessionHandler, setUnauthenticatedHandler } from './api/client';
import { queryClient } from './api/queryClient';
import { I18nProvider } from './i18n/I18nProvider';
import { router } from './router';
import './styles.css';

// A 401 from any call means the session is gone: forget cached data and sign in again.
setUnauthenticatedHandler(() => {
  if (router.state.location.pathname === '/login') return;
  const from = router.state.location.pathname + router.state.location.search;
  queryClient.clear();
  void router.navigate('/login', { replace: true, state: { from } });
});

// A session restricted to changing its password or setting up two-factor sign-in: the signed-in
// user's answer says which, and the app shows that page alone (RequireAuth).
setRestrictedSessionHandler(() => void queryClient.invalidateQueries({ queryKey: meKey }));

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        {/* Notifications (new alerts) open below the 64 px header, not over its buttons. */}
        <AntApp notification={{ top: 72 }}>
          <RouterProvider router={router} />
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
