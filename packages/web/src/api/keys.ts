import type { SiteType } from '@fangkong/domain';
import type {
  AlertFilter, AuditFilter, ComplianceFilter, CoverageFilter, DueFilter, LedgerFilter, OrderFilter, PeopleFilter, PlacementFilter, SessionFilter,
  SuppliesOverviewFilter, TestFilter, VisitFilter, IncidentFilter, NotificationFilter, OutboxStatus,
} from './endpoints';

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
  /** Everything of health monitoring and isolation: invalidated together after a change. */
  health: ['health'] as const,
  round: (siteId: string, date: string) => ['health', 'round', siteId, date] as const,
  personReadings: (id: string, days: number) => ['health', 'personReadings', id, days] as const,
  alerts: ['health', 'alerts'] as const,
  alertList: (filter: AlertFilter) => ['health', 'alerts', 'list', filter] as const,
  alert: (id: string) => ['health', 'alerts', 'one', id] as const,
  rooms: (siteId: string) => ['health', 'rooms', siteId] as const,
  placements: (filter: PlacementFilter) => ['health', 'placements', filter] as const,
  coverage: (filter: CoverageFilter) => ['health', 'coverage', filter] as const,
  /** Everything of visits: invalidated together after a registration, screening or check-out. */
  visits: ['visits'] as const,
  gate: (siteId: string) => ['visits', 'gate', siteId] as const,
  visitList: (filter: VisitFilter, limit: number, offset: number) => ['visits', 'list', filter, limit, offset] as const,
  visitStats: (date: string) => ['visits', 'stats', date] as const,
  visitorLink: (siteId: string) => ['visitorLink', siteId] as const,
  /** Everything of testing: invalidated together after a sample, a result, a session's entries or an import. */
  testing: ['testing'] as const,
  testList: (filter: TestFilter, limit: number, offset: number) => ['testing', 'tests', filter, limit, offset] as const,
  dueList: (filter: DueFilter, limit: number, offset: number) => ['testing', 'due', filter, limit, offset] as const,
  compliance: (filter: ComplianceFilter) => ['testing', 'compliance', filter] as const,
  sessions: (filter: SessionFilter) => ['testing', 'sessions', filter] as const,
  session: (id: string) => ['testing', 'session', id] as const,
  /** Everything of supplies: invalidated together after any movement, peak or catalogue change. */
  supplies: ['supplies'] as const,
  supplyItems: (all: boolean) => ['supplies', 'items', all] as const,
  siteSupplies: (siteId: string) => ['supplies', 'site', siteId] as const,
  supplyLedger: (filter: LedgerFilter, limit: number, offset: number) => ['supplies', 'ledger', filter, limit, offset] as const,
  suppliesOverview: (filter: SuppliesOverviewFilter) => ['supplies', 'overview', filter] as const,
  supplyOrders: (filter: OrderFilter) => ['supplies', 'orders', filter] as const,
  supplyHistory: (siteId: string, itemId: string, days: number) => ['supplies', 'history', siteId, itemId, days] as const,
  /** Everything of incidents: invalidated together after an opening, an action, a step, an attachment or a closing. */
  incidents: ['incidents'] as const,
  incidentList: (filter: IncidentFilter, limit: number, offset: number) => ['incidents', 'list', filter, limit, offset] as const,
  incidentOverview: ['incidents', 'overview'] as const,
  incident: (id: string) => ['incidents', 'one', id] as const,
  incidentTimeline: (id: string) => ['incidents', 'timeline', id] as const,
  incidentAttachments: (id: string) => ['incidents', 'attachments', id] as const,
  incidentNotices: (id: string) => ['incidents', 'notices', id] as const,
  // Notifications
  /** The caller's own notifications: the bell's count and every list of them. */
  notifications: ['notifications'] as const,
  notificationUnread: ['notifications', 'unread'] as const,
  notificationLists: ['notifications', 'list'] as const,
  notificationList: (filter: NotificationFilter, limit: number, offset: number) => ['notifications', 'list', filter, limit, offset] as const,
  notificationRules: ['notificationRules'] as const,
  /** Every page and status of the delivery queue. */
  outbox: ['outbox'] as const,
  outboxList: (status: OutboxStatus | undefined, limit: number, offset: number) => ['outbox', status ?? 'all', limit, offset] as const,
  devClock: ['devClock'] as const,
};
