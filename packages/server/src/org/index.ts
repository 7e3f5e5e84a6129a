import { defineArea } from '../core/area.js';
import { orgRoutes } from './routes.js';
import type { OrgService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    org: OrgService;
  }
}

/** The jurisdiction tree: bureau, towns, sites and what lies below them. Built with the dependencies (every area reads through it). */
export const orgArea = defineArea({
  name: 'org',
  services: (deps) => ({ org: deps.org }),
  routes: orgRoutes,
});
