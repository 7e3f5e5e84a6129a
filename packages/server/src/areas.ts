import type { Config } from './config/config.js';
import type { Database } from './db/engine.js';
import type { Keyring } from './pii/keyring.js';
import type { Area, Services } from './core/area.js';
import { Clock } from './core/clock.js';
import type { BaseDeps, Deps } from './core/deps.js';
import { OrgService } from './org/service.js';
import { PolicyService } from './policy/service.js';
import { Summaries } from './overview/summaries.js';
import { authArea } from './auth/index.js';
import { orgArea } from './org/index.js';
import { policyArea } from './policy/index.js';
import { auditArea } from './audit/index.js';
import { accountsArea } from './accounts/index.js';
import { peopleArea } from './people/index.js';
import { monitoringArea } from './monitoring/index.js';
import { visitsArea } from './visits/index.js';
import { testingArea } from './testing/index.js';
import { suppliesArea } from './supplies/index.js';
import { incidentsArea } from './incidents/index.js';
import { funeralArea } from './funeral/index.js';
import { notificationsArea } from './notifications/index.js';
import { overviewArea } from './overview/index.js';

/**
 * Every area of the app, in the order their services are built (an area may use the services
 * of those above it) and their routes registered. Adding an area is a folder and a line here.
 */
export const AREAS: readonly Area[] = [
  authArea,
  orgArea,
  policyArea,
  auditArea,
  accountsArea,
  peopleArea,
  monitoringArea,
  visitsArea,
  testingArea,
  suppliesArea,
  incidentsArea,
  funeralArea,
  notificationsArea,
  overviewArea,
];

/** The one dependencies object, with the services every area reads through. */
export function createDeps(config: Config, database: Database, keyring: Keyring, clock = new Clock(config.timeZone)): Deps {
  const base: BaseDeps = { config, database, db: database.db, clock, timeZone: config.timeZone, keyring };
  const org = new OrgService(base);
  const policy = new PolicyService(base, org);
  return { ...base, org, policy, summaries: new Summaries(base.db, policy) };
}

/** The services of every area, built in the list's order. */
export function buildServices(deps: Deps, areas: readonly Area[] = AREAS): Services {
  const services: Services = { config: deps.config, database: deps.database, clock: deps.clock } as Services;
  for (const area of areas) Object.assign(services, area.services?.(deps, services));
  return services;
}
