import type { RouteObject } from 'react-router';
import { AppLayout } from './components/layout/AppLayout';
import { NotFound } from './components/shared/NotFound';
import { LoginPage } from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { RequirePermission } from './features/auth/RequirePermission';
import { FEATURES } from './features';
import { HomePage } from './features/home/HomePage';

/** The signed-in app's routes: sign-in, home and "not found" are the app's own; every other page is a feature's. */
export const appRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <RequireAuth><AppLayout /></RequireAuth>,
    children: [
      { index: true, element: <HomePage /> },
      ...FEATURES.flatMap((f) => f.routes).map(({ path, element, permission }) => ({
        path,
        element: permission ? <RequirePermission permission={permission}>{element}</RequirePermission> : element,
      })),
      { path: '*', element: <NotFound /> },
    ],
  },
];
