import { and, eq } from 'drizzle-orm';
import { sumCoverage, type Coverage, type CoverageOverview, type SiteCoverage, type SiteType } from '@fangkong/domain';
import type { Db } from '../db/engine.js';
import { orgNodes, people } from '../db/schema.js';
import type { RequestContext } from '../http/context.js';
import { callerOf } from '../http/context.js';
import { inScope, requireSomewhere } from '../auth/scope.js';
import { alias } from 'drizzle-orm/pg-core';
import type { IsolationService } from './isolation.js';
import { PolicyCache } from '../policy/cache.js';
import type { PolicyService } from '../policy/service.js';
import * as repo from './repository.js';
import { groupBy } from '../collections.js';

/**
 * The day's coverage for every site in the caller's scope (R2.5, R13.1): who was expected, who
 * was checked (as often as the policy asks), who had an abnormal reading, open alerts and free
 * observation and isolation places; summed per town and per site type.
 */
export class CoverageService {
  constructor(private readonly db: Db, private readonly policy: PolicyService, private readonly isolation: IsolationService) {}

  async overview(ctx: RequestContext, day: string, f: { siteType?: SiteType; townId?: string }): Promise<CoverageOverview> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'health.read');
    const town = alias(orgNodes, 'town');
    const sites = await this.db.select({ id: orgNodes.id, name: orgNodes.name, siteType: orgNodes.siteType, townId: town.id, townName: town.name })
      .from(orgNodes).leftJoin(town, eq(town.id, orgNodes.parentId))
      .where(and(
        inScope(caller, 'health.read', orgNodes.path), eq(orgNodes.kind, 'site'),
        f.siteType ? eq(orgNodes.siteType, f.siteType) : undefined,
        f.townId ? eq(orgNodes.parentId, f.townId) : undefined,
      ))
      .orderBy(town.createdAt, orgNodes.createdAt);
    const ids = sites.map((s) => s.id);
    const [counts, alertCounts] = await Promise.all([
      repo.coverageCounts(this.db, inScope(caller, 'health.read', people.orgPath), day, f),
      repo.openAlertCounts(this.db, ids),
    ]);
    const types = new Map(sites.map((s) => [s.id, s.siteType as SiteType]));
    const free = await this.isolation.freeBySite(ids, types, day);
    const policies = new PolicyCache(this.policy);
    // Looked up by site: a city is hundreds of sites, and a scan of every count per site was quadratic.
    const countsOf = groupBy(counts, (c) => c.siteId);
    const alertsOf = new Map(alertCounts.map((a) => [a.siteId, a.n]));
    const rows: SiteCoverage[] = [];
    for (const s of sites) {
      const monitoring = (await policies.get(s.siteType as SiteType, day)).monitoring;
      const mine = (countsOf.get(s.id) ?? []).filter((c) => (monitoring.expectedKinds as string[]).includes(c.kind));
      const cov: Coverage = { expected: 0, checked: 0, complete: 0, missing: 0, abnormal: 0 };
      for (const c of mine) {
        cov.expected += c.n;
        if (c.checks > 0) cov.checked += c.n;
        if (c.checks >= monitoring.readingsPerDay) cov.complete += c.n;
        if (c.abnormal) cov.abnormal += c.n;
      }
      cov.missing = cov.expected - cov.checked;
      rows.push({
        ...cov, siteId: s.id, siteName: s.name, siteType: s.siteType ?? '', townId: s.townId, townName: s.townName,
        openAlerts: alertsOf.get(s.id) ?? 0,
        freeObservation: free.get(s.id)?.observation ?? 0,
        freeIsolation: free.get(s.id)?.isolation ?? 0,
      });
    }
    const complete = (r: SiteCoverage) => r.complete === r.expected;
    const groups = <K extends string>(key: (r: SiteCoverage) => K | null) => {
      const m = new Map<K, SiteCoverage[]>();
      for (const r of rows) {
        const k = key(r);
        if (k === null) continue;
        m.set(k, [...(m.get(k) ?? []), r]);
      }
      return m;
    };
    return {
      day,
      sites: rows,
      byTown: [...groups((r) => r.townId).entries()].map(([townId, rs]) => ({
        ...sumCoverage(rs), townId, townName: rs[0]?.townName ?? '', sites: rs.length, sitesComplete: rs.filter(complete).length,
      })),
      bySiteType: [...groups((r) => r.siteType).entries()].map(([siteType, rs]) => ({
        ...sumCoverage(rs), siteType, sites: rs.length, sitesComplete: rs.filter(complete).length,
      })),
      totals: sumCoverage(rows),
    };
  }
}

