import { addDays, type PolicyBody, type PolicyVersion, type SiteType } from '@fangkong/domain';
import { AppError } from '../core/errors.js';
import type { PolicyService } from './service.js';

/**
 * Policy versions looked up once per site type and day within one request (a list of a thousand
 * people asks for the same few). Read before any transaction: the embedded engine has one connection.
 */
export class PolicyCache {
  private readonly cache = new Map<string, Promise<PolicyVersion>>();
  constructor(private readonly policy: PolicyService) {}

  version(siteType: SiteType, day: string): Promise<PolicyVersion> {
    const key = `${siteType}|${day}`;
    let v = this.cache.get(key);
    if (!v) {
      v = this.policy.inForce(siteType, day);
      this.cache.set(key, v);
    }
    return v;
  }

  async get(siteType: SiteType, day: string): Promise<PolicyBody> {
    return (await this.version(siteType, day)).body;
  }

  /** The version in force the day before `version` took effect, if there was one. */
  async before(siteType: SiteType, version: PolicyVersion): Promise<PolicyVersion | null> {
    try {
      return await this.version(siteType, addDays(version.effectiveFrom, -1));
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
  }
}
