import {
  hallDisinfectionState, type FuneralOverview, type FuneralPolicy, type FuneralToday, type HallDay, type HallDays,
  type HallDaysQuery,
} from '@fangkong/domain';
import { funeralHalls, orgNodes } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { inScope, requireSomewhere } from '../auth/scope.js';
import { scopedSites } from '../overview/repository.js';
import { AreaService } from '../core/service-base.js';
import { AppError } from '../core/errors.js';
import type { Deps } from '../core/deps.js';
import type { EventsService } from './events-service.js';
import type { CasesService } from './cases-service.js';
import { hallDays } from './hall-days-repository.js';

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

  /**
   * The halls' disinfection register of a site from `from` to `to` (R8.2): each day × hall with
   * its routine disinfections against the policy of that day and its final ones. The days to come
   * are not answered; a past day is judged as over (hour 24), today at the clock's hour.
   */
  async hallDays(ctx: RequestContext, q: HallDaysQuery): Promise<HallDays> {
    const site = await this.events.site(ctx, q.siteId, 'funeral.read');
    const today = this.today();
    const to = q.to < today ? q.to : today;
    const now = this.clock.now();
    const rows = q.from > to ? [] : await hallDays(this.db, inScope(callerOf(ctx), 'funeral.read', funeralHalls.orgPath), {
      siteId: site.id, from: q.from, to, timeZone: this.timeZone, now,
    });
    const policies = new Map<string, FuneralPolicy>();
    for (const day of new Set([to, ...rows.map((r) => r.day)])) policies.set(day, await this.funeralPolicy(day));
    const days = rows.map((r): HallDay => {
      const policy = policies.get(r.day) as FuneralPolicy;
      const localHour = this.events.hourOf(r.day);
      return {
        day: r.day, hallId: r.hallId, hallName: r.hallName, inUse: r.inUse, routine: r.routine,
        required: r.inUse ? policy.minDisinfectionsPerDay : 0, finals: r.finals,
        state: hallDisinfectionState({ inUse: r.inUse, routineToday: r.routine, localHour }, policy),
      };
    });
    return {
      siteId: site.id, siteName: site.name, from: q.from, to,
      required: (policies.get(to) as FuneralPolicy).minDisinfectionsPerDay,
      days, missed: days.filter((d) => d.state === 'missed').length,
    };
  }

  /** The funeral policy of a day; a day before the first version was in force reads today's. */
  private async funeralPolicy(day: string): Promise<FuneralPolicy> {
    try {
      return (await this.policy.inForce('funeral', day)).body.funeral;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'not_found') || day === this.today()) throw err;
      return this.funeralPolicy(this.today());
    }
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
