import { localDay } from '@fangkong/domain';
import type { Db } from './db/engine.js';
import type { OrgService } from './org/service.js';
import type { PolicyService } from './policy/service.js';

/** A service over a site's day-to-day records: the tree for scope, the policy in force, the local day. */
export abstract class SiteDayService {
  constructor(
    protected readonly db: Db,
    protected readonly org: OrgService,
    protected readonly policy: PolicyService,
    protected readonly timeZone: string,
  ) {}

  /** Today in the deployment's time zone. */
  today(): string {
    return localDay(new Date(), this.timeZone);
  }
}
