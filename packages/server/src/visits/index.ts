import { defineArea } from '../core/area.js';
import type { Deps } from '../core/deps.js';
import { visitRoutes } from './routes.js';
import { purgeExpiredVisits, VisitsService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    visits: VisitsService;
  }
}

/** The retention purge as of the clock's now (the job's and the CLI's). */
function purgeNow(deps: Deps): ReturnType<typeof purgeExpiredVisits> {
  return purgeExpiredVisits(deps.db, deps.policy, deps.timeZone, deps.clock.now());
}

/** The gate: visitor self-registration, screening, the visit log and its retention. */
export const visitsArea = defineArea({
  name: 'visits',
  services: (deps) => ({ visits: new VisitsService(deps) }),
  routes: visitRoutes,
  jobs: (_services, deps) => [{
    // Shortly after start and every six hours; with several instances one purges at a time.
    name: 'visit retention purge',
    everyMs: 6 * 3_600_000,
    firstAfterMs: 5_000,
    run: async (log) => {
      const purged = await purgeNow(deps);
      if (purged) log.info({ purged }, 'visit retention purge done');
      return purged;
    },
  }],
  commands: [{
    name: 'purge',
    usage: 'purge                   delete visit records past the policy\'s retention period (the server also does this every 6 h)',
    run: async (deps) => {
      const purged = await purgeNow(deps);
      console.log(purged
        ? `Purged visit records past retention: ${JSON.stringify(purged)}`
        : 'Another instance is purging right now; nothing done.');
    },
  }],
});
