import {
  DEFAULT_POLICIES, DEFAULT_POLICY_NOTE, SITE_TYPES, normalizePolicyBody, policyInForce,
  type CreatePolicyVersion, type PolicySummary, type PolicyVersion, type SiteType } from '@fangkong/domain';
import type { Db } from '../db/engine.js';
import type { Executor } from '../db/tx.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict } from '../core/errors.js';
import { atRoot, requireSomewhere } from '../auth/scope.js';
import { audit } from '../audit/service.js';
import type { OrgService } from '../org/service.js';
import { isUniqueViolation } from '../db/errors.js';
import * as repo from './repository.js';
import type { BaseDeps } from '../core/deps.js';
import type { Clock } from '../core/clock.js';
import { POLICY_TEXTS } from './texts.js';

/** The date of the source notice: the defaults have been in force since it was issued. */
export const DEFAULTS_EFFECTIVE_FROM = '2020-11-04';

function toVersion(r: repo.PolicyRow): PolicyVersion {
  return {
    id: r.id,
    siteType: r.siteType as SiteType,
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    body: normalizePolicyBody(r.body, r.siteType as SiteType),
    note: r.note,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString() };
}

/** Gives every site type its first version, from the source notice, where it has none. Idempotent. */
export async function ensureDefaultPolicies(db: Executor): Promise<void> {
  const have = new Set((await repo.countVersions(db)).map((r) => r.siteType));
  for (const siteType of SITE_TYPES) {
    if (have.has(siteType)) continue;
    await repo.insertVersion(db, {
      siteType,
      effectiveFrom: DEFAULTS_EFFECTIVE_FROM,
      body: DEFAULT_POLICIES[siteType],
      note: DEFAULT_POLICY_NOTE,
      createdBy: null });
  }
}

/**
 * How long an instance keeps a site type's versions in memory. Versions change a few times a year
 * and usually take effect from a later date; a version issued on another instance reaches this
 * one within this time (this instance's own are seen at once).
 */
const VERSIONS_TTL_MS = 30_000;

export class PolicyService {
  private readonly cached = new Map<SiteType, { at: number; versions: PolicyVersion[] }>();

  private readonly db: Db;
  private readonly clock: Clock;

  constructor(deps: BaseDeps, private readonly org: OrgService) {
    this.db = deps.db;
    this.clock = deps.clock;
  }

  /** Every version of a site type, oldest first, from memory when read within the last 30 s. */
  private async versionsOf(siteType: SiteType): Promise<PolicyVersion[]> {
    const hit = this.cached.get(siteType);
    // eslint-disable-next-line no-restricted-syntax -- a cache's age is real time
    if (hit && Date.now() - hit.at < VERSIONS_TTL_MS) return hit.versions;
    const versions = (await repo.versionsOf(this.db, siteType)).map(toVersion);
    // eslint-disable-next-line no-restricted-syntax -- a cache's age is real time
    this.cached.set(siteType, { at: Date.now(), versions });
    return versions;
  }

  /**
   * Forgets the versions kept in memory: what is computed next to be stored (the overview's
   * summaries) must not use a version another instance replaced within the last 30 s.
   */
  forget(): void {
    this.cached.clear();
  }

  today(): string {
    return this.clock.today();
  }

  /** THE way to read a policy: the version in force for a site type on a day. */
  async inForce(siteType: SiteType, day: string): Promise<PolicyVersion> {
    const found = policyInForce(await this.versionsOf(siteType), day);
    if (!found) {
      throw new AppError('not_found', POLICY_TEXTS.none_in_force(day));
    }
    return found;
  }

  async inForceForSite(ctx: RequestContext, siteId: string, day: string | undefined): Promise<PolicyVersion> {
    requireSomewhere(callerOf(ctx), 'policy.read');
    const site = await this.org.getVisible(ctx, siteId);
    if (!site.siteType) throw new AppError('not_found', POLICY_TEXTS.node_not_site);
    return this.inForce(site.siteType as SiteType, day ?? this.today());
  }

  async overview(ctx: RequestContext): Promise<PolicySummary[]> {
    requireSomewhere(callerOf(ctx), 'policy.read');
    const day = this.today();
    return Promise.all(SITE_TYPES.map(async (siteType) => {
      const versions = (await repo.versionsOf(this.db, siteType)).map(toVersion);
      const current = policyInForce(versions, day) ?? versions[versions.length - 1];
      if (!current) throw new Error(`no policy for ${siteType}`);
      return { siteType, current, versions: versions.length };
    }));
  }

  async versions(ctx: RequestContext, siteType: SiteType): Promise<PolicyVersion[]> {
    requireSomewhere(callerOf(ctx), 'policy.read');
    return (await repo.versionsOf(this.db, siteType)).map(toVersion);
  }

  /** Policy is city-wide: only a bureau-level editor may issue a version. */
  async create(ctx: RequestContext, siteType: SiteType, input: CreatePolicyVersion): Promise<PolicyVersion> {
    const caller = callerOf(ctx);
    if (!atRoot(caller, 'policy.edit')) {
      await audit(this.db, ctx, { action: 'policy.create', outcome: 'denied', targetType: 'policy', targetId: siteType });
      throw new AppError('forbidden');
    }
    try {
      const id = await this.db.transaction(async (tx) => {
        const newId = await repo.insertVersion(tx, {
          siteType,
          effectiveFrom: input.effectiveFrom,
          body: input.body,
          note: input.note ?? null,
          createdBy: caller.userId });
        await audit(tx, ctx, {
          action: 'policy.create', outcome: 'ok', targetType: 'policy', targetId: newId,
          detail: { siteType, effectiveFrom: input.effectiveFrom, body: input.body } });
        return newId;
      });
      this.cached.delete(siteType);
      const created = (await this.versions(ctx, siteType)).find((v) => v.id === id);
      if (!created) throw new Error('created version not found');
      return created;
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw conflict(POLICY_TEXTS.version_raced);
      }
      throw err;
    }
  }
}
