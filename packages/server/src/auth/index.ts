import { defineArea } from '../core/area.js';
import { authRoutes } from './routes.js';
import { AuthService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    auth: AuthService;
  }
}

/** Sign-in, sessions and the caller's own account. */
export const authArea = defineArea({
  name: 'auth',
  services: (deps) => ({ auth: new AuthService(deps) }),
  routes: authRoutes,
});
