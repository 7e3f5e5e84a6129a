import type {
  Alert, AlertStatus, AuditOutcome, ChangePasswordInput, CoverageOverview, CreateOrgNode, CreatePerson, CreatePlacement,
  CreatePolicyVersion, CreateRoom, EarlyStep, EndPlacement, LoginInput, Me, AuditPage, OrgNode, OrgNodeDetail,
  Person, PersonKind, PersonMove, PersonStatus, Placement, PolicySummary, PolicyVersion, Reading, ReadingBatch,
  ReadingInput, RevealedPerson, Room, RosterCommitResult, RosterPreview, Round, SiteType, UpdateOrgNode, UpdatePerson,
  UpdateRoom, GuardRegistration, ScreeningInput, Visit, VisitDayStats, VisitStatus,
  CommitLabImport, ComplianceOverview, CreateSession, CreateTest, DueEntry, JoinInput, LabImport, Session, SessionEntries,
  SessionPerson, SetTestResult, TestBatch, TestRecord, TestResult,
  Adjustment, CreateSupplyItem, Issue as SupplyIssue, LedgerEntry, LedgerKind, OrderLine, PeakInput, Receipt, SiteSupplies, StockPoint,
  Stocktake, SuppliesOverview, SupplyBatch, SupplyItem, Transfer, UpdateSupplyItem,
  CloseIncident, CreateIncident, Incident, IncidentAttachment, IncidentNotice, IncidentEvent, IncidentOverview, IncidentType, NotifyOutside, RecordAction, ReportOutsideInput,
  NotificationRule, NotificationRuleInput, OutboxMessage, OutboxSummary, UpdateMe, UserNotification,
} from '@fangkong/domain';

export type { AuditPage, PolicySummary };
import { api, download, uploadWithProgress } from './client';

/** Typed calls of docs/api.md, one function per endpoint. */

export type NodeDetail = OrgNodeDetail;

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

/** The filters of the people list and export (PeopleQuery without paging). */
export interface PeopleFilter {
  siteId?: string | undefined;
  q?: string | undefined;
  kind?: PersonKind | undefined;
  status?: PersonStatus | undefined;
}

export interface PersonDetail {
  person: Person;
  history: PersonMove[];
}

export type RosterMode = 'preview' | 'commit';

export interface AlertFilter {
  siteId?: string | undefined;
  status?: AlertStatus | undefined;
  limit?: number | undefined;
}

export interface PlacementFilter {
  siteId?: string | undefined;
  active?: boolean | undefined;
  personId?: string | undefined;
}

export interface CoverageFilter {
  /** YYYY-MM-DD or `today`. */
  date: string;
  siteType?: SiteType | undefined;
  townId?: string | undefined;
}

/** The filters of the visit log and its export (VisitQuery without paging). */
export interface VisitFilter {
  siteId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  status?: VisitStatus | undefined;
  /** Who was on site at some point between these instants (ISO with offset). */
  presentFrom?: string | undefined;
  presentTo?: string | undefined;
}

/** The guard's screen and the "inside now" board of one site. */
export interface GateView {
  pending: Visit[];
  inside: Visit[];
  capacity: number;
  maxStayMinutes: number;
  insideNow: number;
  overstays: number;
}

export interface VisitorLink {
  token: string;
  /** `/v/<token>`: the QR code's target on this origin. */
  url: string;
}

/** The filters of the test records and their export (TestQuery without paging). */
export interface TestFilter {
  siteId?: string | undefined;
  townId?: string | undefined;
  personId?: string | undefined;
  sessionId?: string | undefined;
  result?: TestResult | undefined;
  /** Only pending results older than the policy's follow-up hours. */
  stalePending?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export type DueStatusFilter = 'due' | 'overdue' | 'due_or_overdue' | 'covered' | 'all';

/** The filters of the due list and its export (DueQuery without paging). */
export interface DueFilter {
  siteId?: string | undefined;
  townId?: string | undefined;
  siteType?: SiteType | undefined;
  status?: DueStatusFilter | undefined;
  /** YYYY-MM-DD; today when absent. */
  on?: string | undefined;
}

export interface DueList {
  entries: DueEntry[];
  total: number;
  day: string;
}

export interface ComplianceFilter {
  on?: string | undefined;
  siteType?: SiteType | undefined;
  townId?: string | undefined;
}

export interface SessionFilter {
  townId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A sampling session with its list of people, by site then name. */
export interface SessionDetail {
  session: Session;
  people: SessionPerson[];
}

/** The filters of the supplies ledger (LedgerQuery without paging). */
export interface LedgerFilter {
  siteId?: string | undefined;
  itemId?: string | undefined;
  kind?: LedgerKind | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface SuppliesOverviewFilter {
  townId?: string | undefined;
  siteType?: SiteType | undefined;
  itemId?: string | undefined;
}

/** One site's order, or a town's (both absent: every site in scope). */
export interface OrderFilter {
  siteId?: string | undefined;
  townId?: string | undefined;
}

export interface SupplyOrders {
  day: string;
  lines: OrderLine[];
}

export interface PeakAnswer {
  siteId: string;
  itemId: string;
  consumption: number;
}

/** The filters of the incident list and its export (IncidentQuery without paging). */
export interface IncidentFilter {
  siteId?: string | undefined;
  townId?: string | undefined;
  type?: IncidentType | undefined;
  status?: 'open' | 'closed' | undefined;
  /** Only incidents with a late step. */
  late?: boolean | undefined;
}

const incidentPath = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;
const incidentQuery = (filter: IncidentFilter) => ({ ...filter, late: filter.late ? 'true' : undefined });

// Notifications

/** The filter of the caller's own notifications. */
export interface NotificationFilter {
  unread?: boolean | undefined;
}

export interface NotificationPage {
  notifications: UserNotification[];
  /** The caller's unread notifications, whatever the filter. */
  unread: number;
  total: number;
}

/** What the stream's `unread` event carries (and the bell's state when it polls instead). */
export interface UnreadState {
  unread: number;
  latest: UserNotification | null;
}

/** The server-sent events of the caller's unread notifications (`event: unread`). */
export const NOTIFICATION_STREAM_PATH = '/api/notifications/stream';

export type OutboxStatus = OutboxMessage['status'];

export interface OutboxPage {
  messages: OutboxMessage[];
  total: number;
  summary: OutboxSummary;
}

/** The server's clock in a demo or browser test (`FANGKONG_CLOCK_CONTROL=1`); 404 otherwise. */
export interface DevClock {
  now: string;
  offsetMinutes: number;
}

export type DevClockChange = { advanceMinutes: number } | { reset: true };

const notificationRulePath = (id: string) => `/api/notification-rules/${encodeURIComponent(id)}`;

const personPath = (id: string) => `/api/people/${encodeURIComponent(id)}`;
const alertPath = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;
const sitePath = (id: string) => `/api/sites/${encodeURIComponent(id)}`;
const visitPath = (id: string) => `/api/visits/${encodeURIComponent(id)}`;
const testPath = (id: string) => `/api/tests/${encodeURIComponent(id)}`;
const sessionPath = (id: string) => `/api/test-sessions/${encodeURIComponent(id)}`;
const importPath = (id: string) => `/api/tests/imports/${encodeURIComponent(id)}`;
const bool = (v: boolean | undefined) => (v === undefined ? undefined : String(v));

export const endpoints = {
  login: (input: LoginInput) => api<{ user: Me }>('/api/auth/login', { method: 'POST', body: input, skipAuthRedirect: true }),
  logout: () => api<undefined>('/api/auth/logout', { method: 'POST', skipAuthRedirect: true }),
  me: (signal?: AbortSignal) => api<{ user: Me }>('/api/auth/me', { signal, skipAuthRedirect: true }),
  changePassword: (input: ChangePasswordInput) => api<undefined>('/api/auth/password', { method: 'POST', body: input }),
  /** `email: null` clears the address. */
  updateMe: (patch: UpdateMe) => api<{ user: Me }>('/api/auth/me', { method: 'PATCH', body: patch }),

  nodes: (signal?: AbortSignal) => api<{ nodes: OrgNode[] }>('/api/org/nodes', { signal }),
  node: (id: string, signal?: AbortSignal) => api<NodeDetail>(`/api/org/nodes/${encodeURIComponent(id)}`, { signal }),
  createNode: (input: CreateOrgNode) => api<{ node: OrgNode }>('/api/org/nodes', { method: 'POST', body: input }),
  updateNode: (id: string, patch: UpdateOrgNode) =>
    api<{ node: OrgNode }>(`/api/org/nodes/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),

  policies: (signal?: AbortSignal) => api<{ policies: PolicySummary[] }>('/api/policies', { signal }),
  policyVersions: (siteType: SiteType, signal?: AbortSignal) =>
    api<{ versions: PolicyVersion[] }>(`/api/policies/${siteType}`, { signal }),
  createPolicyVersion: (siteType: SiteType, input: CreatePolicyVersion) =>
    api<{ version: PolicyVersion }>(`/api/policies/${siteType}`, { method: 'POST', body: input }),
  sitePolicy: (siteId: string, signal?: AbortSignal) =>
    api<{ version: PolicyVersion }>(`/api/sites/${encodeURIComponent(siteId)}/policy`, { signal }),

  audit: (filter: AuditFilter, before: string | undefined, signal?: AbortSignal) =>
    api<AuditPage>('/api/audit', { signal, query: { ...filter, before, limit: 50 } }),

  people: (filter: PeopleFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<{ people: Person[]; total: number }>('/api/people', { signal, query: { ...filter, ...page } }),
  createPerson: (input: CreatePerson) => api<{ person: Person }>('/api/people', { method: 'POST', body: input }),
  person: (id: string, signal?: AbortSignal) => api<PersonDetail>(personPath(id), { signal }),
  updatePerson: (id: string, patch: UpdatePerson) => api<{ person: Person }>(personPath(id), { method: 'PATCH', body: patch }),
  revealPerson: (id: string) => api<RevealedPerson>(`${personPath(id)}/reveal`, { method: 'POST' }),
  previewRoster: (siteId: string, file: File, signal?: AbortSignal) =>
    api<RosterPreview>('/api/people/import', {
      method: 'POST', raw: file, signal, query: { siteId, mode: 'preview' satisfies RosterMode, filename: file.name },
    }),
  commitRoster: (siteId: string, file: File, onlyValid: boolean) =>
    api<RosterCommitResult>('/api/people/import', {
      method: 'POST', raw: file, query: { siteId, mode: 'commit' satisfies RosterMode, onlyValid: String(onlyValid), filename: file.name },
    }),
  /** Saves the roster template; `fallbackName` when the server names no file. */
  downloadRosterTemplate: (fallbackName: string) => download('/api/people/import/template', fallbackName),
  /** Saves the list with the filters applied as .xlsx; `reveal` gives whole ID numbers (audited). */
  exportPeople: (filter: PeopleFilter, reveal: boolean, fallbackName: string) =>
    download('/api/people/export', fallbackName, { ...filter, reveal: reveal ? 'true' : undefined }),

  /** Everyone expected at a site on a day (YYYY-MM-DD or `today`) with their readings. */
  round: (siteId: string, date: string, signal?: AbortSignal) =>
    api<Round>(`/api/sites/${encodeURIComponent(siteId)}/rounds/${encodeURIComponent(date)}`, { signal }),
  recordReading: (input: ReadingInput) => api<{ reading: Reading; alert: Alert | null }>('/api/readings', { method: 'POST', body: input }),
  /** Atomic: one bad reading refuses the whole batch, with every bad one listed (`readings.<index>.<field>`). */
  recordReadings: (batch: ReadingBatch) =>
    api<{ readings: Reading[]; alerts: Alert[] }>('/api/readings/batch', { method: 'POST', body: batch }),
  personReadings: (id: string, days: number, signal?: AbortSignal) =>
    api<{ readings: Reading[] }>(`${personPath(id)}/readings`, { signal, query: { days } }),

  alerts: (filter: AlertFilter, signal?: AbortSignal) => api<{ alerts: Alert[] }>('/api/alerts', { signal, query: { ...filter } }),
  alert: (id: string, signal?: AbortSignal) => api<{ alert: Alert }>(alertPath(id), { signal }),
  completeAlertStep: (id: string, step: EarlyStep, note: string | undefined) =>
    api<{ alert: Alert }>(`${alertPath(id)}/steps/${step}`, { method: 'POST', body: note ? { note } : {} }),
  closeAlert: (id: string, reason: string) => api<{ alert: Alert }>(`${alertPath(id)}/close`, { method: 'POST', body: { reason } }),
  /** R2.4: tells the town office and the bureau through the notification rules. */
  reportAlert: (id: string, note: string | undefined) => api<{ alert: Alert }>(`${alertPath(id)}/report`, { method: 'POST', body: note ? { note } : {} }),
  reportAlertOutside: (id: string, input: ReportOutsideInput) => api<{ alert: Alert }>(`${alertPath(id)}/report/outside`, { method: 'POST', body: input }),

  rooms: (siteId: string, signal?: AbortSignal) => api<{ rooms: Room[] }>(`/api/sites/${encodeURIComponent(siteId)}/rooms`, { signal }),
  createRoom: (input: CreateRoom) => api<{ room: Room }>('/api/rooms', { method: 'POST', body: input }),
  updateRoom: (id: string, patch: UpdateRoom) => api<{ room: Room }>(`/api/rooms/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  placements: (filter: PlacementFilter, signal?: AbortSignal) =>
    api<{ placements: Placement[] }>('/api/placements', { signal, query: { ...filter, active: bool(filter.active) } }),
  createPlacement: (input: CreatePlacement) => api<{ placement: Placement }>('/api/placements', { method: 'POST', body: input }),
  endPlacement: (id: string, input: EndPlacement) =>
    api<{ placement: Placement }>(`/api/placements/${encodeURIComponent(id)}/end`, { method: 'POST', body: input }),

  coverage: (filter: CoverageFilter, signal?: AbortSignal) => api<CoverageOverview>('/api/coverage', { signal, query: { ...filter } }),

  visitorLink: (siteId: string, signal?: AbortSignal) => api<VisitorLink>(`${sitePath(siteId)}/visitor-link`, { signal }),
  /** A new link for the site's QR code; printed posters of the old one stop working. */
  rotateVisitorLink: (siteId: string) => api<VisitorLink>(`${sitePath(siteId)}/visitor-link/rotate`, { method: 'POST' }),
  gate: (siteId: string, signal?: AbortSignal) => api<GateView>(`${sitePath(siteId)}/gate`, { signal }),
  registerVisit: (input: GuardRegistration) => api<{ visit: Visit }>('/api/visits', { method: 'POST', body: input }),
  /** Admitted or refused, with `refusalReasons` (409 when no longer pending). */
  screenVisit: (id: string, input: ScreeningInput) => api<{ visit: Visit }>(`${visitPath(id)}/screen`, { method: 'POST', body: input }),
  checkoutVisit: (id: string) => api<{ visit: Visit }>(`${visitPath(id)}/checkout`, { method: 'POST' }),
  checkoutByCode: (siteId: string, code: string) =>
    api<{ visit: Visit }>('/api/visits/checkout-by-code', { method: 'POST', body: { siteId, code } }),
  visits: (filter: VisitFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<{ visits: Visit[]; total: number }>('/api/visits', { signal, query: { ...filter, ...page } }),
  /** Saves the log with the filters applied as .xlsx. */
  exportVisits: (filter: VisitFilter, fallbackName: string) => download('/api/visits/export', fallbackName, { ...filter }),
  /** Per site in scope, for a day (YYYY-MM-DD or `today`). */
  visitStats: (date: string, signal?: AbortSignal) => api<{ sites: VisitDayStats[] }>('/api/visits/stats', { signal, query: { date } }),

  /** Ends a person's intake (R4.2): 409 without a recent negative test, unless overridden with a reason (intake.override). */
  joinPerson: (id: string, input: JoinInput) => api<{ person: Person }>(`${personPath(id)}/join`, { method: 'POST', body: input }),

  tests: (filter: TestFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<{ tests: TestRecord[]; total: number }>('/api/tests', { signal, query: { ...filter, stalePending: bool(filter.stalePending), ...page } }),
  createTest: (input: CreateTest) => api<{ test: TestRecord; alert: Alert | null }>('/api/tests', { method: 'POST', body: input }),
  /** Atomic: one bad row refuses the whole batch, with every bad one listed (`body.tests.<index>.<field>`). */
  recordTests: (batch: TestBatch) => api<{ tests: TestRecord[]; alerts: Alert[] }>('/api/tests/batch', { method: 'POST', body: batch }),
  setTestResult: (id: string, input: SetTestResult) =>
    api<{ test: TestRecord; alert: Alert | null }>(`${testPath(id)}/result`, { method: 'POST', body: input }),
  /** Saves the records with the filters applied as .xlsx (masked). */
  exportTests: (filter: TestFilter, fallbackName: string) =>
    download('/api/tests/export', fallbackName, { ...filter, stalePending: bool(filter.stalePending) }),
  /** Who must be tested and by when, most overdue first. */
  dueList: (filter: DueFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<DueList>('/api/tests/due', { signal, query: { ...filter, ...page } }),
  exportDue: (filter: DueFilter, fallbackName: string) => download('/api/tests/due/export', fallbackName, { ...filter }),
  compliance: (filter: ComplianceFilter, signal?: AbortSignal) => api<ComplianceOverview>('/api/tests/compliance', { signal, query: { ...filter } }),

  testSessions: (filter: SessionFilter, signal?: AbortSignal) => api<{ sessions: Session[] }>('/api/test-sessions', { signal, query: { ...filter } }),
  createTestSession: (input: CreateSession) => api<SessionDetail>('/api/test-sessions', { method: 'POST', body: input }),
  testSession: (id: string, signal?: AbortSignal) => api<SessionDetail>(sessionPath(id), { signal }),
  /** Atomic: every row of the list at once (attended or not, result, tube number). */
  saveSessionEntries: (id: string, input: SessionEntries) =>
    api<SessionDetail>(`${sessionPath(id)}/entries`, { method: 'POST', body: input }),
  removeSessionPerson: (id: string, personId: string) =>
    api<SessionDetail>(`${sessionPath(id)}/people/${encodeURIComponent(personId)}`, { method: 'DELETE' }),
  /** Saves the sign-in sheet (.xlsx) to print and take to the collection point. */
  exportSessionSheet: (id: string, fallbackName: string) => download(`${sessionPath(id)}/export`, fallbackName),

  /** Uploads a lab's file for a preview (nothing is recorded yet), reporting the upload's progress. */
  previewLabImport: (file: File, onProgress?: (fraction: number) => void) =>
    uploadWithProgress<LabImport>('/api/tests/imports', file, { query: { filename: file.name }, onProgress }),
  labImport: (id: string, signal?: AbortSignal) => api<LabImport>(importPath(id), { signal }),
  commitLabImport: (id: string, input: CommitLabImport) => api<LabImport>(`${importPath(id)}/commit`, { method: 'POST', body: input }),
  downloadLabTemplate: (fallbackName: string) => download('/api/tests/imports/template', fallbackName),

  /** The catalogue; `all` adds the items no longer in use. */
  supplyItems: (all: boolean, signal?: AbortSignal) =>
    api<{ items: SupplyItem[] }>('/api/supplies/items', { signal, query: { all: all ? 'true' : undefined } }),
  createSupplyItem: (input: CreateSupplyItem) => api<{ item: SupplyItem }>('/api/supplies/items', { method: 'POST', body: input }),
  updateSupplyItem: (id: string, patch: UpdateSupplyItem) =>
    api<{ item: SupplyItem }>(`/api/supplies/items/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  /** Every active item's stock and cover at a site, and its batches in stock (first expiring first). */
  siteSupplies: (siteId: string, signal?: AbortSignal) => api<SiteSupplies>(`${sitePath(siteId)}/supplies`, { signal }),
  receiveSupplies: (input: Receipt) =>
    api<{ entry: LedgerEntry; batch: SupplyBatch }>('/api/supplies/receipts', { method: 'POST', body: input }),
  /** Without a batch, taken from the first-expiring usable batches (possibly several entries). */
  issueSupplies: (input: SupplyIssue) => api<{ entries: LedgerEntry[] }>('/api/supplies/issues', { method: 'POST', body: input }),
  transferSupplies: (input: Transfer) => api<{ entries: LedgerEntry[] }>('/api/supplies/transfers', { method: 'POST', body: input }),
  adjustSupplies: (input: Adjustment) => api<{ entry: LedgerEntry }>('/api/supplies/adjustments', { method: 'POST', body: input }),
  /** One `stocktake` entry per batch whose count differs from the book. */
  stocktake: (input: Stocktake) => api<{ entries: LedgerEntry[] }>('/api/supplies/stocktakes', { method: 'POST', body: input }),
  setSupplyPeak: (input: PeakInput) => api<PeakAnswer>('/api/supplies/peaks', { method: 'PUT', body: input }),
  /** Newest first. */
  supplyLedger: (filter: LedgerFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<{ entries: LedgerEntry[]; total: number }>('/api/supplies/ledger', { signal, query: { ...filter, ...page } }),
  suppliesOverview: (filter: SuppliesOverviewFilter, signal?: AbortSignal) =>
    api<SuppliesOverview>('/api/supplies/overview', { signal, query: { ...filter } }),
  /** Only the lines with something to order. */
  supplyOrders: (filter: OrderFilter, signal?: AbortSignal) => api<SupplyOrders>('/api/supplies/orders', { signal, query: { ...filter } }),
  exportSupplyOrders: (filter: OrderFilter, fallbackName: string) => download('/api/supplies/orders/export', fallbackName, { ...filter }),
  /** End-of-day stock of an item at a site, replayed from the ledger, with the cover against today's demand. */
  supplyHistory: (siteId: string, itemId: string, days: number, signal?: AbortSignal) =>
    api<{ points: StockPoint[] }>('/api/supplies/history', { signal, query: { siteId, itemId, days } }),

  // Incidents and escalation
  /** Newest first. */
  incidents: (filter: IncidentFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<{ incidents: Incident[]; total: number }>('/api/incidents', { signal, query: { ...incidentQuery(filter), ...page } }),
  incidentOverview: (signal?: AbortSignal) => api<IncidentOverview>('/api/incidents/overview', { signal }),
  /** With `alertId`: promoted from that alert (409 when it already was). */
  createIncident: (input: CreateIncident) => api<{ incident: Incident }>('/api/incidents', { method: 'POST', body: input }),
  incident: (id: string, signal?: AbortSignal) => api<{ incident: Incident }>(incidentPath(id), { signal }),
  /** Oldest first. */
  incidentTimeline: (id: string, signal?: AbortSignal) => api<{ events: IncidentEvent[] }>(`${incidentPath(id)}/timeline`, { signal }),
  recordIncidentAction: (id: string, input: RecordAction) =>
    api<{ events: IncidentEvent[] }>(`${incidentPath(id)}/actions`, { method: 'POST', body: input }),
  /** 403 unless the caller is the step's receiving level. */
  ackIncidentStep: (id: string, stepId: string, note: string | undefined) =>
    api<{ incident: Incident }>(`${incidentPath(id)}/steps/${encodeURIComponent(stepId)}/ack`, { method: 'POST', body: note ? { note } : {} }),
  /** An outside party (health department, prefecture bureau) told: how, to whom. */
  notifyIncidentStep: (id: string, stepId: string, input: NotifyOutside) =>
    api<{ incident: Incident }>(`${incidentPath(id)}/steps/${encodeURIComponent(stepId)}/notified`, { method: 'POST', body: input }),
  closeIncident: (id: string, input: CloseIncident) => api<{ incident: Incident }>(`${incidentPath(id)}/close`, { method: 'POST', body: input }),
  /** Saves the list with the filters applied as .xlsx. */
  exportIncidents: (filter: IncidentFilter, fallbackName: string) => download('/api/incidents/export', fallbackName, incidentQuery(filter)),
  /** Every message sent about the incident: when, how, to whom, and whether it arrived or was read (R7.2). */
  incidentNotices: (id: string, signal?: AbortSignal) => api<{ notices: IncidentNotice[] }>(`${incidentPath(id)}/notices`, { signal }),
  incidentAttachments: (id: string, signal?: AbortSignal) =>
    api<{ attachments: IncidentAttachment[] }>(`${incidentPath(id)}/attachments`, { signal }),
  /** The file's bytes with its own type (checked again by the server), its name URI-encoded in a header. */
  uploadIncidentAttachment: (id: string, file: File, onProgress?: (fraction: number) => void) =>
    uploadWithProgress<{ attachment: IncidentAttachment }>(`${incidentPath(id)}/attachments`, file, {
      contentType: file.type, headers: { 'x-file-name': encodeURIComponent(file.name) }, onProgress,
    }),
  /** Where the browser opens an attachment (inline for images and PDF), with the session cookie. */
  incidentAttachmentUrl: (id: string, attachmentId: string) => `${incidentPath(id)}/attachments/${encodeURIComponent(attachmentId)}`,

  // Notifications
  /** The caller's own, newest first, in the caller's language. */
  notifications: (filter: NotificationFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<NotificationPage>('/api/notifications', { signal, query: { unread: filter.unread ? 'true' : undefined, ...page } }),
  markNotificationRead: (id: string) => api<undefined>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
  markAllNotificationsRead: () => api<undefined>('/api/notifications/read-all', { method: 'POST' }),
  notificationRules: (signal?: AbortSignal) => api<{ rules: NotificationRule[] }>('/api/notification-rules', { signal }),
  createNotificationRule: (input: NotificationRuleInput) =>
    api<{ rule: NotificationRule }>('/api/notification-rules', { method: 'POST', body: input }),
  setNotificationRuleEnabled: (id: string, enabled: boolean) =>
    api<{ rule: NotificationRule }>(notificationRulePath(id), { method: 'PATCH', body: { enabled } }),
  deleteNotificationRule: (id: string) => api<undefined>(notificationRulePath(id), { method: 'DELETE' }),
  /** Queues a test message to the rule's recipients (202). */
  testNotificationRule: (id: string) => api<{ queued: unknown }>(`${notificationRulePath(id)}/test`, { method: 'POST' }),
  /** Targets masked; the summary counts every status. */
  outbox: (status: OutboxStatus | undefined, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<OutboxPage>('/api/outbox', { signal, query: { status, ...page } }),
  /** A dead letter sent again (409 when it is not dead). */
  retryOutboxMessage: (id: string) => api<{ message: OutboxMessage }>(`/api/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST' }),
  devClock: (signal?: AbortSignal) => api<DevClock>('/api/dev/clock', { signal }),
  /** Moves the demo clock; the late-step job runs at once. */
  setDevClock: (change: DevClockChange) => api<DevClock & { flagged: unknown }>('/api/dev/clock', { method: 'POST', body: change }),
};
