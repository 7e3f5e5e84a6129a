import type { TestEnv } from '../harness.js';
import type { Factory } from './route-factory.js';

/*
 * The authorization test's factories for the funeral area's routes (test/authorization.test.ts
 * spreads them into its table). `envOf` answers the test's running app once it has started.
 */

type Factories = Record<string, Factory>;

/** Halls, mourning events, disinfections. */
function eventFactories(_envOf: () => TestEnv): Factories {
  return {};
}

// ---------------------------------------------------------------------------------------------

/** The mourners' register. */
function registerFactories(_envOf: () => TestEnv): Factories {
  return {};
}

// ---------------------------------------------------------------------------------------------

/** COVID-19 cases. */
function caseFactories(_envOf: () => TestEnv): Factories {
  return {};
}

export function funeralFactories(envOf: () => TestEnv): Factories {
  return { ...eventFactories(envOf), ...registerFactories(envOf), ...caseFactories(envOf) };
}
