import { defineArea, type App } from '../core/area.js';
import { SESSION_COOKIE } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { authRoutes } from './routes.js';
import { AuthService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    auth: AuthService;
  }
}

/** Every /api route needs a live session unless its config says it is public. */
function requireSession(app: App): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.public) return;
    const token = request.cookies[SESSION_COOKIE];
    const caller = token ? await app.services.auth.authenticate(token) : undefined;
    if (!caller) throw new AppError('unauthenticated');
    request.caller = caller;
  });
}

/** Sign-in, sessions and the caller's own account. */
export const authArea = defineArea({
  name: 'auth',
  services: (deps) => ({ auth: new AuthService(deps) }),
  hooks: requireSession,
  routes: authRoutes,
});
