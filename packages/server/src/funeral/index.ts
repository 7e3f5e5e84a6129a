import { defineArea } from '../core/area.js';
import { EventsService } from './events-service.js';
import { eventRoutes } from './events-routes.js';
import { RegisterService } from './register-service.js';
import { registerRoutes } from './register-routes.js';
import { CasesService } from './cases-service.js';
import { caseRoutes } from './cases-routes.js';
import { DayService } from './day-service.js';
import { dayRoutes } from './day-routes.js';

declare module '../core/area.js' {
  interface Services {
    /** Halls, mourning events, hall disinfections; a site's day and the funeral sites' day. */
    funeral: EventsService;
    /** The mourners' registers: the public page, the family's helper, tracing, retention. */
    funeralRegister: RegisterService;
    /** COVID-19 deceased: the chain of steps and its incident. */
    funeralCases: CasesService;
    /** A funeral site's day, and the funeral sites' day for the town and the bureau. */
    funeralDay: DayService;
  }
}

/** Funeral services (§9, R8.2, R7.4): the work of a funeral home, and the bureau's view of it. */
export const funeralArea = defineArea({
  name: 'funeral',
  services: (deps, built) => {
    const funeral = new EventsService(deps);
    const funeralCases = new CasesService(deps, built.incidents);
    return { funeral, funeralRegister: new RegisterService(deps, funeral), funeralCases, funeralDay: new DayService(deps, funeral, funeralCases) };
  },
  routes: (app) => {
    eventRoutes(app);
    registerRoutes(app);
    caseRoutes(app);
    dayRoutes(app);
  },
  jobs: (services) => [
    ...services.funeral.jobs(),
    ...services.funeralRegister.jobs(),
  ],
});
