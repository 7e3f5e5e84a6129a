import { defineArea, type App } from '../core/area.js';
import { SESSION_COOKIE } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { restrictionOf, type Restriction } from './caller.js';
import { authRoutes } from './routes.js';
import { AuthService } from './service.js';
import { TwoFactorService } from './two-factor.js';

declare module '../core/area.js' {
  interface Services {
    auth: AuthService;
    twoFactor: TwoFactorService;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The restrictions of a session under which this route stays open (those that lift them:
     * changing the one-time password, enrolling the second factor). Every other route refuses
     * such a session with the restriction's code.
     */
    pending?: readonly Restriction[];
  }
}

/**
 * Every /api route needs a live session unless its config says it is public; a session that must
 * first change its password or enrol a second factor reaches only the routes that do that.
 */
function requireSession(app: App): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.public) return;
    const token = request.cookies[SESSION_COOKIE];
    const caller = token ? await app.services.auth.authenticate(token) : undefined;
    if (!caller) throw new AppError('unauthenticated');
    const restriction = restrictionOf(caller);
    if (restriction && !request.routeOptions.config.pending?.includes(restriction)) throw new AppError(restriction);
    request.caller = caller;
  });
}

/** Sign-in, sessions, the caller's own account and its second factor. */
export const authArea = defineArea({
  name: 'auth',
  services: (deps) => ({ auth: new AuthService(deps), twoFactor: new TwoFactorService(deps) }),
  hooks: requireSession,
  routes: authRoutes,
});
