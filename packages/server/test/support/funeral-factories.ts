import type { Hall, MourningEvent } from '@fangkong/domain';
import { freshIdNumber, newSite, type TestEnv, type TreeNode } from '../harness.js';
import type { Factory, Made, Place } from './route-factory.js';
import { funeralEventIn } from './funeral-register-fixtures.js';

/*
 * The authorization test's factories for the funeral area's routes (test/authorization.test.ts
 * spreads them into its table). `envOf` answers the test's running app once it has started.
 */

type Factories = Record<string, Factory>;

/** Halls, mourning events, disinfections: each in a funeral site of the place's town (its site is of another type). */
function eventFactories(envOf: () => TestEnv): Factories {
  const hallAt = async (at: Place) => {
    const env = envOf();
    const site = await newSite(env, at.town, 'funeral');
    const res = await env.as('admin').post('/api/funeral/halls', { siteId: site.id, name: `${site.name}守灵厅`, capacity: 20 });
    if (res.statusCode !== 201) throw new Error(`hall: ${res.statusCode} ${res.body}`);
    return { site, hall: res.json<{ hall: Hall }>().hall };
  };
  /** An event starting `inMs` from now: an ongoing one when negative. */
  const eventAt = async (at: Place, inMs: number): Promise<Made> => {
    const env = envOf();
    const { site, hall } = await hallAt(at);
    const now = env.app.services.clock.now().getTime();
    const res = await env.as('admin').post('/api/funeral/events', {
      siteId: site.id, hallId: hall.id, deceasedName: `${at.town.name}逝者`, dateOfDeath: env.app.services.clock.today(), cause: 'ordinary',
      familyContactName: `${at.town.name}家属`, familyPhone: '13800138000',
      startsAt: new Date(now + inMs).toISOString(), endsAt: new Date(now + 6 * 3_600_000).toISOString() });
    if (res.statusCode !== 201) throw new Error(`event: ${res.statusCode} ${res.body}`);
    const event = res.json<{ event: MourningEvent }>().event;
    return { params: { id: event.id }, records: [site, hall, event] };
  };
  return {
    'PATCH /api/funeral/halls/{id}': {
      permission: 'funeral.halls', sees: 'funeral.read', ofTown: true,
      make: async (at) => { const { site, hall } = await hallAt(at); return { params: { id: hall.id }, body: { capacity: 25 }, records: [site, hall] }; },
    },
    'GET /api/funeral/events/{id}': { permission: 'funeral.read', ofTown: true, make: (at) => eventAt(at, 3_600_000) },
    'POST /api/funeral/events/{id}/end': { permission: 'funeral.write', sees: 'funeral.read', ofTown: true, make: (at) => eventAt(at, -60_000) },
    'POST /api/funeral/events/{id}/cancel': { permission: 'funeral.write', sees: 'funeral.read', ofTown: true, make: (at) => eventAt(at, 3_600_000) },
  };
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
