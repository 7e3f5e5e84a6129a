import { defineArea } from '../core/area.js';
import { CoverageService } from './coverage.js';
import { IsolationService } from './isolation.js';
import { monitoringRoutes } from './routes.js';
import { MonitoringService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    monitoring: MonitoringService;
    isolation: IsolationService;
    coverage: CoverageService;
  }
}

/** Daily temperature rounds, fever alerts and their reports, observation and isolation rooms, coverage. */
export const monitoringArea = defineArea({
  name: 'monitoring',
  services: (deps) => {
    const monitoring = new MonitoringService(deps);
    const isolation = new IsolationService(deps, monitoring);
    return { monitoring, isolation, coverage: new CoverageService(deps, isolation) };
  },
  routes: monitoringRoutes,
});
