import { defineArea } from '../core/area.js';
import { suppliesRoutes } from './routes.js';
import { SuppliesService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    supplies: SuppliesService;
  }
}

/** Protective-supply stock, the ledger, cover against the policy's floors, replenishment orders. */
export const suppliesArea = defineArea({
  name: 'supplies',
  services: (deps) => ({ supplies: new SuppliesService(deps) }),
  routes: suppliesRoutes,
  jobs: (services) => [{
    // Tells sites of stock below the floor and of replenishment due (R6.2, R6.3).
    name: 'stock notifications',
    everyMs: 3_600_000,
    firstAfterMs: 30_000,
    run: () => services.supplies.raiseStockEvents(),
  }],
});
