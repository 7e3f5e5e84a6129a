import { freshIdNumber, newSite, type TestEnv, type TreeNode } from '../harness.js';
import type { Factory, Made, Place } from './route-factory.js';

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

/** COVID-19 cases: one opened at a funeral site of the place's town (the place's own site is not one). */
function caseFactories(envOf: () => TestEnv): Factories {
  const sites = new Map<string, Promise<TreeNode>>();
  const funeralSite = (at: Place) => {
    const found = sites.get(at.town.id) ?? newSite(envOf(), at.town, 'funeral');
    sites.set(at.town.id, found);
    return found;
  };
  const caseAt = async (at: Place, body?: object): Promise<Made> => {
    const site = await funeralSite(at);
    const res = await envOf().as('admin').post('/api/funeral/cases', {
      siteId: site.id, deceasedName: `${at.town.name}逝者`, deceasedIdNumber: freshIdNumber(), cause: 'covid_confirmed', dateOfDeath: '2020-02-01',
      hospital: `${at.town.name}人民医院`, notifiedBy: '市民政局值班员' });
    if (res.statusCode !== 201) throw new Error(`case: ${res.statusCode} ${res.body}`);
    const made = res.json<{ case: { id: string } }>().case;
    return { params: { id: made.id }, ...(body ? { body } : {}), records: [made, site] };
  };
  return {
    'GET /api/funeral/cases/{id}': { permission: 'funeral.read', make: async (at) => caseAt(at) },
    'POST /api/funeral/cases/{id}/steps': {
      permission: 'funeral.cases', sees: 'funeral.read',
      make: async (at) => caseAt(at, { step: 'handover', facts: { sanitaryTreatment: true, deathCertificate: true, cremateAtOnceOnForm: true } }),
    },
    // Refused by design whoever asks: the control's answer is the rule's 409, not a 2xx.
    'POST /api/funeral/cases/{id}/requests': {
      permission: 'funeral.cases', sees: 'funeral.read', controlStatus: 409, make: async (at) => caseAt(at, { action: 'viewing' }),
    },
  };
}

export function funeralFactories(envOf: () => TestEnv): Factories {
  return { ...eventFactories(envOf), ...registerFactories(envOf), ...caseFactories(envOf) };
}
