import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.js';
import type { Database } from '../db/engine.js';
import type { Clock } from './clock.js';
import type { Deps } from './deps.js';

/**
 * The services of the running app, by name. Each area adds its own to this interface from its
 * `index.ts` (`declare module '../core/area.js' { interface Services { … } }`), so that no
 * central file lists them and routes still read `app.services.x` with its type.
 */
export interface Services {
  config: Config;
  database: Database;
  clock: Clock;
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider> & {
  services: Services;
  /** The dependencies the services were built from (the jobs and the CLI's area commands use them). */
  deps: Deps;
};

/** Scheduled work of a running server. */
export interface Job {
  name: string;
  everyMs: number;
  /** The first run this long after start; none before the first interval when absent. */
  firstAfterMs?: number;
  run(log: FastifyBaseLogger): Promise<unknown>;
}

/** A command of the `fangkong` CLI that belongs to an area, run on an opened database. */
export interface AreaCommand {
  name: string;
  /** One line for the usage text. */
  usage: string;
  run(deps: Deps): Promise<void>;
}

/**
 * An area of the app (monitoring, testing, supplies…): one object per area folder, and one list
 * of them (src/areas.ts) that the app, the job runner and the CLI loop over. Adding an area is a
 * new folder plus one line in that list.
 */
export interface Area {
  name: string;
  /**
   * Builds the area's services from the dependencies and the services of the areas listed
   * before it (read them from `built`). What it returns is merged into `app.services`.
   */
  services?(deps: Deps, built: Services): Partial<Services>;
  /** Adds the area's app-wide hooks (the session check of auth), before any area's routes. */
  hooks?(app: App): void;
  /** Registers the area's HTTP routes. */
  routes?(app: App): void;
  /** The area's scheduled work, given the built services. */
  jobs?(services: Services, deps: Deps): Job[];
  commands?: readonly AreaCommand[];
}

/** Types an area object (a function only for the editor's sake: it returns what it is given). */
export function defineArea(area: Area): Area {
  return area;
}
