import { defineArea } from '../core/area.js';
import { policyRoutes } from './routes.js';
import type { PolicyService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    policy: PolicyService;
  }
}

/** The versioned rules per site type. Built with the dependencies (every area reads the policy in force). */
export const policyArea = defineArea({
  name: 'policy',
  services: (deps) => ({ policy: deps.policy }),
  routes: policyRoutes,
});
