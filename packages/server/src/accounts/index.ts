import { defineArea } from '../core/area.js';
import { accountsRoutes } from './routes.js';
import { AccountsService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    accounts: AccountsService;
  }
}

/** Accounts run from the app: users and their roles within one's jurisdiction (issue 17). */
export const accountsArea = defineArea({
  name: 'accounts',
  services: (deps, built) => ({ accounts: new AccountsService(deps, built.auth) }),
  routes: accountsRoutes,
});
