import { defineArea } from '../core/area.js';
import { orgRoutes } from './routes.js';
import { RiskImportService } from './risk-import.js';
import type { OrgService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    org: OrgService;
    riskImport: RiskImportService;
  }
}

/** The jurisdiction tree: bureau, towns, sites and what lies below them, and the risk areas over it. Built with the dependencies (every area reads through it). */
export const orgArea = defineArea({
  name: 'org',
  services: (deps) => ({ org: deps.org, riskImport: new RiskImportService(deps) }),
  routes: orgRoutes,
});
