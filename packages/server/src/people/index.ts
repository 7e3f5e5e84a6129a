import { defineArea } from '../core/area.js';
import { RosterService } from './roster.js';
import { peopleRoutes } from './routes.js';
import { PeopleService } from './service.js';

declare module '../core/area.js' {
  interface Services {
    people: PeopleService;
    roster: RosterService;
  }
}

/** The register of residents, children, clients and staff, and its spreadsheet import. */
export const peopleArea = defineArea({
  name: 'people',
  services: (deps, built) => {
    const people = new PeopleService(deps, built.accounts);
    return { people, roster: new RosterService(deps, people) };
  },
  routes: peopleRoutes,
});
