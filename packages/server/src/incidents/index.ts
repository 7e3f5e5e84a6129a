import { defineArea } from '../core/area.js';
import { incidentRoutes } from './routes.js';
import { IncidentsService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    incidents: IncidentsService;
  }
}

/** Incidents, their timelines and the escalation of each to the levels above. */
export const incidentsArea = defineArea({
  name: 'incidents',
  services: (deps) => ({ incidents: new IncidentsService(deps) }),
  routes: incidentRoutes,
  jobs: (services) => [{
    // Flags escalation steps past their deadline (R7.3) and tells the level above; several
    // instances share the work through `skip locked`.
    name: 'flagging late escalation steps',
    everyMs: 60_000,
    run: async (log) => {
      const flagged = await services.incidents.flagLateSteps();
      if (flagged.length > 0) log.warn({ late: flagged.length }, 'escalation steps past their deadline');
    },
  }],
});
