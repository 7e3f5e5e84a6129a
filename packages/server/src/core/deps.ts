import type { Config } from '../config/config.js';
import type { Database, Db } from '../db/engine.js';
import type { Keyring } from '../pii/keyring.js';
import type { OrgService } from '../org/service.js';
import type { PolicyService } from '../policy/service.js';
import type { Summaries } from '../overview/summaries.js';
import type { Clock } from './clock.js';

/** What every service may need and nobody owns: the database, the clock, the settings, the keys. */
export interface BaseDeps {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  /** The deployment's zone (the clock's): "today" of every rule is the local day there. */
  timeZone: string;
  keyring: Keyring;
}

/**
 * The one dependencies object a service is built from: the base plus the services every area
 * reads through (the jurisdiction tree, the policy in force, the overview's stored summaries).
 * A service that needs another area's service takes it as a second argument, so the order of
 * the area list shows who depends on whom.
 */
export interface Deps extends BaseDeps {
  org: OrgService;
  policy: PolicyService;
  summaries: Summaries;
}
