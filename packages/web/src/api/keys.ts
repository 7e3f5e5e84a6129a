import type { SiteType } from '@fangkong/domain';
import type { AuditFilter, PeopleFilter } from './endpoints';

/** Query keys in one place, so invalidations match what the hooks read. */
export const keys = {
  me: ['me'] as const,
  nodes: ['org', 'nodes'] as const,
  node: (id: string) => ['org', 'node', id] as const,
  org: ['org'] as const,
  policies: ['policies'] as const,
  policyVersions: (siteType: SiteType) => ['policies', siteType] as const,
  sitePolicy: (id: string) => ['sites', id, 'policy'] as const,
  audit: (filter: AuditFilter) => ['audit', filter] as const,
  people: ['people'] as const,
  peopleList: (filter: PeopleFilter, limit: number, offset: number) => ['people', 'list', filter, limit, offset] as const,
  person: (id: string) => ['people', 'person', id] as const,
};
