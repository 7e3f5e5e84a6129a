import { defineArea } from '../core/area.js';
import { LabImportService } from './lab-import.js';
import { testingRoutes } from './routes.js';
import { TestingService } from './service.js';
import { SessionService } from './sessions.js';

declare module '../core/area.js' {
  interface Services {
    testing: TestingService;
    sessions: SessionService;
    labImports: LabImportService;
  }
}

/** Test schedules and records, sampling sessions, lab result imports and compliance. */
export const testingArea = defineArea({
  name: 'testing',
  services: (deps, built) => {
    const testing = new TestingService(deps, built.people);
    return { testing, sessions: new SessionService(deps, testing), labImports: new LabImportService(deps, testing) };
  },
  routes: testingRoutes,
});
