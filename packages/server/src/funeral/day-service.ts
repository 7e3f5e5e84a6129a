import type { FuneralOverview, FuneralToday } from '@fangkong/domain';
import { orgNodes } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { inScope, requireSomewhere } from '../auth/scope.js';
import { scopedSites } from '../overview/repository.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import type { EventsService } from './events-service.js';
import type { CasesService } from './cases-service.js';

/**
 * A funeral site's day for its manager, and the funeral sites' day for the town and the bureau:
 * the events and halls of the events part with the open cases of the cases part. Computed on each
 * look rather than kept as a stored summary: a hall's disinfection turns "missed" at the policy's
 * hour without any write, and a city has a handful of funeral sites.
 */
export class DayService extends AreaService {
  constructor(deps: Deps, private readonly events: EventsService, private readonly cases: CasesService) {
    super(deps);
  }

  async siteToday(ctx: RequestContext, siteId: string): Promise<FuneralToday> {
    const day = await this.events.siteDay(ctx, siteId);
    return { ...day, openCases: await this.cases.openCases(ctx, siteId) };
  }

  async overview(ctx: RequestContext): Promise<FuneralOverview> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'funeral.read');
    const day = this.today();
    const sites = await scopedSites(this.db, inScope(caller, 'funeral.read', orgNodes.path), { siteType: 'funeral' });
    const [counts, cases] = await Promise.all([
      this.events.sitesDay(sites, day),
      this.cases.siteCounts(sites.map((s) => s.id)),
    ]);
    return {
      day,
      sites: sites.map((s) => {
        const c = counts.get(s.id);
        const k = cases.get(s.id);
        return {
          siteId: s.id, siteName: s.name, townName: s.townName,
          events: c?.events ?? 0, attendees: c?.attendees ?? 0, hallsInUse: c?.hallsInUse ?? 0,
          missedDisinfections: c?.missedDisinfections ?? 0, awaitingFinal: c?.awaitingFinal ?? 0,
          openCases: k?.openCases ?? 0, lateSteps: k?.lateSteps ?? 0,
        };
      }),
    };
  }
}
