import type { SQL } from 'drizzle-orm';
import { coverageRate, coverageStatus, sumSiteCoverage, type Coverage, type CoverageOverview, type SiteCoverage, type SiteType } from '@fangkong/domain';
import { orgNodes, people } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { inScope, requireSomewhere } from '../auth/scope.js';
import type { IsolationService } from './isolation.js';
import { PolicyCache } from '../policy/cache.js';
import * as repo from './repository.js';
import { groupBy } from '../collections.js';
import type { SummaryPart } from '../overview/summaries.js';
import { scopedSites } from '../overview/repository.js';
import { rollUp } from '../overview/rollup.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';

/**
 * The day's coverage for every site in the caller's scope (R2.5, R13.1): who was expected, who
 * was checked (as often as the policy asks), who had an abnormal reading, open alerts and free
 * observation and isolation places; summed per town and per site type.
 */
/** What a site's coverage summary keeps: its figures of the day, without its names. */
type SiteFigures = Omit<SiteCoverage, 'siteId' | 'siteName' | 'siteType' | 'townId' | 'townName' | 'status' | 'rate'>;
const NO_FIGURES: SiteFigures = { expected: 0, checked: 0, complete: 0, missing: 0, abnormal: 0, openAlerts: 0, freeObservation: 0, freeIsolation: 0 };

export class CoverageService extends AreaService {
  private readonly summaries: SummaryPart<SiteFigures>;

  constructor(deps: Deps, private readonly isolation: IsolationService) {
    super(deps);
    this.summaries = deps.summaries.part('coverage', 1);
  }

  async overview(ctx: RequestContext, day: string, f: { siteType?: SiteType; townId?: string }): Promise<CoverageOverview> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'health.read');
    const sites = await scopedSites(this.db, inScope(caller, 'health.read', orgNodes.path), f);
    // Today's figures from the per-site summaries, recomputed for the sites that had readings,
    // alerts, placements or people changes since the last look; another day afresh.
    const types = new Map(sites.map((s) => [s.id, s.siteType as SiteType]));
    const figures = day === this.policy.today()
      ? await this.summaries.get(sites, day, (ids) => this.figuresOf(undefined, ids, types, day))
      : await this.figuresOf(inScope(caller, 'health.read', people.orgPath), sites.map((s) => s.id), types, day);
    const rows: SiteCoverage[] = sites.map((s) => {
      const f = figures.get(s.id) ?? NO_FIGURES;
      return {
        ...f, status: coverageStatus(f), rate: coverageRate(f),
        siteId: s.id, siteName: s.name, siteType: s.siteType ?? '', townId: s.townId, townName: s.townName,
      };
    });
    const { byTown, bySiteType, total } = rollUp(rows, sumSiteCoverage);
    return { day, sites: rows, byTown, bySiteType, totals: total };
  }

  /** Each site's figures on `day`; `scope` limits the people counted (the caller's jurisdiction). */
  private async figuresOf(scope: SQL | undefined, ids: string[], types: Map<string, SiteType>, day: string): Promise<Map<string, SiteFigures>> {
    const [counts, alertCounts, free] = await Promise.all([
      repo.coverageCounts(this.db, scope, day, { siteIds: ids }),
      repo.openAlertCounts(this.db, ids),
      this.isolation.freeBySite(ids, types, day),
    ]);
    const policies = new PolicyCache(this.policy);
    // Looked up by site: a city is hundreds of sites, and a scan of every count per site was quadratic.
    const countsOf = groupBy(counts, (c) => c.siteId);
    const alertsOf = new Map(alertCounts.map((a) => [a.siteId, a.n]));
    const out = new Map<string, SiteFigures>();
    for (const id of ids) {
      const monitoring = (await policies.get(types.get(id) as SiteType, day)).monitoring;
      const mine = (countsOf.get(id) ?? []).filter((c) => (monitoring.expectedKinds as string[]).includes(c.kind));
      const cov: Coverage = { expected: 0, checked: 0, complete: 0, missing: 0, abnormal: 0 };
      for (const c of mine) {
        cov.expected += c.n;
        if (c.checks > 0) cov.checked += c.n;
        if (c.checks >= monitoring.readingsPerDay) cov.complete += c.n;
        if (c.abnormal) cov.abnormal += c.n;
      }
      cov.missing = cov.expected - cov.checked;
      out.set(id, { ...cov, openAlerts: alertsOf.get(id) ?? 0, freeObservation: free.get(id)?.observation ?? 0, freeIsolation: free.get(id)?.isolation ?? 0 });
    }
    return out;
  }
}

