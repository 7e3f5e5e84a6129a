import type { Db } from '../db/engine.js';
import type { OrgService } from '../org/service.js';
import type { PolicyService } from '../policy/service.js';
import type { Clock } from './clock.js';
import type { Deps } from './deps.js';

/**
 * A service of an area: the database, the tree for scope, the policy in force and the clock,
 * taken from the one dependencies object. "Today" is the clock's, so that the demonstration
 * clock moves every area's day together.
 */
export abstract class AreaService {
  protected readonly db: Db;
  protected readonly org: OrgService;
  protected readonly policy: PolicyService;
  protected readonly clock: Clock;
  protected readonly timeZone: string;

  constructor(protected readonly deps: Deps) {
    this.db = deps.db;
    this.org = deps.org;
    this.policy = deps.policy;
    this.clock = deps.clock;
    this.timeZone = deps.timeZone;
  }

  /** Today in the deployment's time zone, by the clock the rules see. */
  today(): string {
    return this.clock.today();
  }
}
