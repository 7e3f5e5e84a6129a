import type { TestEnv } from '../harness.js';
import type { Factory, Made, Place } from './route-factory.js';
import { funeralEventIn } from './funeral-register-fixtures.js';

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

/** The mourners' register: an event of a funeral site made in the place's town (rows written directly). */
function registerFactories(envOf: () => TestEnv): Factories {
  const eventAt = async (at: Place, body?: object): Promise<Made> => {
    const { site, hall, event } = await funeralEventIn(envOf(), at.town);
    return { params: { id: event.id }, ...(body ? { body } : {}), records: [site, { id: hall.id, name: hall.name }, { id: event.id, name: event.deceasedName }] };
  };
  return {
    'GET /api/funeral/events/{id}/register-link': { permission: 'funeral.read', make: (at) => eventAt(at) },
    'POST /api/funeral/events/{id}/register-link/rotate': { permission: 'funeral.write', sees: 'funeral.read', make: (at) => eventAt(at) },
    'GET /api/funeral/events/{id}/mourners': { permission: 'funeral.read', make: (at) => eventAt(at) },
    'POST /api/funeral/events/{id}/mourners': {
      permission: 'funeral.write', sees: 'funeral.read', make: (at) => eventAt(at, { name: '代登记吊唁人', phone: '13700001111', temperature: 36.5 }),
    },
    'GET /api/funeral/events/{id}/mourners/export': { permission: 'funeral.read', make: (at) => eventAt(at) },
  };
}

// ---------------------------------------------------------------------------------------------

/** COVID-19 cases. */
function caseFactories(_envOf: () => TestEnv): Factories {
  return {};
}

export function funeralFactories(envOf: () => TestEnv): Factories {
  return { ...eventFactories(envOf), ...registerFactories(envOf), ...caseFactories(envOf) };
}
