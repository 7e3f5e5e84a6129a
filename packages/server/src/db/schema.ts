import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, check, customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import type { AlertStepState, PolicyBody } from '@fangkong/domain';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * The jurisdiction tree. `path` is the materialized path of ids ('/a/b/c/'), so "at or below a
 * node" is a prefix match that an index serves; every scoped table carries the path of the node
 * it belongs to for the same reason.
 */
export const orgNodes = pgTable('org_nodes', {
  id: id(),
  parentId: uuid('parent_id').references((): never => orgNodes.id as never),
  kind: text('kind').notNull(),
  siteType: text('site_type'),
  name: text('name').notNull(),
  code: text('code'),
  address: text('address'),
  path: text('path').notNull(),
  depth: integer('depth').notNull(),
  /** Places (beds) of a site: the rescue station's supplies are sized at full load (R6.2). */
  capacity: integer('capacity'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('org_nodes_path_uq').on(t.path),
  index('org_nodes_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
  index('org_nodes_parent_idx').on(t.parentId),
  check('org_nodes_kind_ck', sql`${t.kind} in ('bureau','town','site','compound','building')`),
  check('org_nodes_site_type_ck', sql`(${t.kind} = 'site') = (${t.siteType} is not null)`),
]);

export const riskAreas = pgTable('risk_areas', {
  id: id(),
  nodeId: uuid('node_id').references(() => orgNodes.id),
  /** Path of the node when the area is one of ours; null for an area elsewhere (e.g. another province). */
  nodePath: text('node_path'),
  regionName: text('region_name').notNull(),
  level: text('level').notNull(),
  effectiveFrom: date('effective_from').notNull(),
  effectiveTo: date('effective_to'),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
}, (t) => [
  check('risk_areas_level_ck', sql`${t.level} in ('low','medium','high')`),
  index('risk_areas_node_idx').on(t.nodeId),
]);

export const users = pgTable('users', {
  id: id(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  locale: text('locale').notNull().default('zh-CN'),
  disabled: boolean('disabled').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  /** A work mailbox for e-mail notifications (a staff member's, not a resident's personal data). */
  email: text('email'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`)]);

export const userRoles = pgTable('user_roles', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role').notNull(),
  nodeId: uuid('node_id').notNull().references(() => orgNodes.id),
}, (t) => [uniqueIndex('user_roles_uq').on(t.userId, t.role, t.nodeId)]);

/** Sessions live in the database so that any app instance can serve any request. */
export const sessions = pgTable('sessions', {
  id: id(),
  /** SHA-256 of the cookie token; the token itself is never stored. */
  tokenHash: text('token_hash').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)]);

export const policies = pgTable('policies', {
  id: id(),
  siteType: text('site_type').notNull(),
  version: integer('version').notNull(),
  effectiveFrom: date('effective_from').notNull(),
  body: jsonb('body').$type<PolicyBody>().notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('policies_version_uq').on(t.siteType, t.version)]);

/** Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  /** Path of the node the target belongs to, so that a town officer reads only their town's entries. */
  nodePath: text('node_path'),
  outcome: text('outcome').notNull(),
  requestId: text('request_id'),
  ip: text('ip'),
  detail: jsonb('detail').$type<Record<string, unknown>>(),
}, (t) => [
  index('audit_log_at_idx').on(t.at),
  index('audit_log_actor_idx').on(t.actorId),
  index('audit_log_node_path_idx').using('btree', sql`${t.nodePath} text_pattern_ops`),
  check('audit_log_outcome_ck', sql`${t.outcome} in ('ok','denied','failed')`),
]);

/**
 * People at sites. ID numbers and phones are stored only encrypted (`*_enc`, AES-256-GCM), with
 * a keyed hash of the ID number for look-up and duplicate detection, and its last four
 * characters, which every masked answer shows anyway, for search.
 */
export const people = pgTable('people', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  gridNodeId: uuid('grid_node_id').references(() => orgNodes.id),
  /** Path of the grid cell when set, else of the site: the scope filter reads this. */
  orgPath: text('org_path').notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  nameInitials: text('name_initials').notNull(),
  sex: text('sex'),
  birthDate: date('birth_date'),
  idEnc: text('id_enc'),
  idHash: text('id_hash'),
  idLast4: text('id_last4'),
  idUnknown: boolean('id_unknown').notNull().default(false),
  phoneEnc: text('phone_enc'),
  post: text('post'),
  room: text('room'),
  bed: text('bed'),
  status: text('status').notNull().default('present'),
  joinedOn: date('joined_on'),
  leftOn: date('left_on'),
  /** In intake (a negative test and observation before joining, R4.2) since this day; null once joined. */
  intakeSince: date('intake_since'),
  /** The day the current status began: a return from leave restarts the testing clock (R4.1). */
  statusSince: date('status_since'),
  emergencyContactName: text('emergency_contact_name'),
  emergencyPhoneEnc: text('emergency_phone_enc'),
  notes: text('notes'),
  sexMismatch: boolean('sex_mismatch').notNull().default(false),
  birthDateMismatch: boolean('birth_date_mismatch').notNull().default(false),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // One active registration per ID number, whoever tries at the same moment.
  uniqueIndex('people_active_id_uq').on(t.idHash).where(sql`${t.status} <> 'left' and ${t.idHash} is not null`),
  // The scope prefix first, then what the overviews count (coverage, compliance, heads): they are
  // answered from this index alone, without reading the wide rows (names, sealed numbers).
  index('people_overview_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.siteId, t.kind, t.status, t.id, t.statusSince, t.joinedOn, t.intakeSince, t.createdAt),
  index('people_site_idx').on(t.siteId, t.name),
  index('people_id_last4_idx').on(t.idLast4),
  index('people_initials_idx').using('btree', sql`${t.nameInitials} text_pattern_ops`),
  check('people_kind_ck', sql`${t.kind} in ('resident','child','client','staff','community_resident')`),
  check('people_status_ck', sql`${t.status} in ('present','on_leave','left')`),
  check('people_sex_ck', sql`${t.sex} is null or ${t.sex} in ('male','female')`),
]);

/** Where a person has been: every move between sites, kept when they leave a town's scope. */
export const personMoves = pgTable('person_moves', {
  id: id(),
  personId: uuid('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
  fromSiteId: uuid('from_site_id').references(() => orgNodes.id),
  toSiteId: uuid('to_site_id').notNull().references(() => orgNodes.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  byUser: uuid('by_user').references(() => users.id),
  reason: text('reason'),
}, (t) => [index('person_moves_person_idx').on(t.personId, t.at)]);

/**
 * Temperature readings. Temperatures are kept in tenths of a degree (366 = 36.6 ℃): exact, and
 * what a thermometer shows. `day` is the deployment's calendar day of `measured_at`.
 */
export const readings = pgTable('readings', {
  id: id(),
  personId: uuid('person_id').notNull().references(() => people.id),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  day: date('day').notNull(),
  measuredAt: timestamp('measured_at', { withTimezone: true }).notNull(),
  tempTenths: smallint('temp_tenths').notNull(),
  band: text('band').notNull(),
  symptoms: text('symptoms').array().notNull().default(sql`'{}'::text[]`),
  abnormal: boolean('abnormal').notNull(),
  recordedBy: uuid('recorded_by').references(() => users.id),
  note: text('note'),
  clientId: uuid('client_id'),
  createdAt: createdAt(),
}, (t) => [
  index('readings_site_day_idx').on(t.siteId, t.day),
  index('readings_person_day_idx').on(t.personId, t.day),
  uniqueIndex('readings_client_uq').on(t.clientId),
]);

/**
 * One row per person and day with a reading, kept in the same transaction as the readings: the
 * day's coverage is a join on this small table, not a scan of a year of readings.
 */
export const readingDays = pgTable('reading_days', {
  personId: uuid('person_id').notNull().references(() => people.id),
  day: date('day').notNull(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  checks: smallint('checks').notNull(),
  maxTenths: smallint('max_tenths').notNull(),
  abnormal: boolean('abnormal').notNull(),
  // Only the primary key: coverage reaches these rows from people (person, day); every extra index is
  // one more write per reading.
}, (t) => [primaryKey({ columns: [t.personId, t.day] })]);

/** The "four earlies" of an abnormal reading: one open alert per person, with its steps. */
export const alerts = pgTable('alerts', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  personId: uuid('person_id').notNull().references(() => people.id),
  /** What opened the alert: an abnormal reading, or a positive test (then no reading, temperature or band). */
  source: text('source').notNull().default('reading'),
  readingId: uuid('reading_id').references(() => readings.id),
  testId: uuid('test_id'),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
  tempTenths: smallint('temp_tenths'),
  band: text('band'),
  symptoms: text('symptoms').array().notNull().default(sql`'{}'::text[]`),
  status: text('status').notNull().default('open'),
  steps: jsonb('steps').$type<AlertStepState[]>().notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: uuid('closed_by').references(() => users.id),
  closeReason: text('close_reason'),
}, (t) => [
  uniqueIndex('alerts_open_person_uq').on(t.personId).where(sql`${t.status} = 'open'`),
  index('alerts_site_status_idx').on(t.siteId, t.status, t.openedAt),
  index('alerts_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('alerts_status_ck', sql`${t.status} in ('open','closed')`),
  check('alerts_source_ck', sql`${t.source} in ('reading','test')`),
]);

/**
 * A step up the levels with a deadline: an incident's escalation step (R7.3) or a fever alert's
 * report (R2.4). The same columns in both, so one late-step job flags both alike.
 */
function stepColumns() {
  return {
    receiver: text('receiver').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
    /** For an outside party: how it was told, and whom. */
    how: text('how'),
    contact: text('contact'),
    note: text('note'),
    /** When the lateness was flagged to the level above (once). */
    lateFlaggedAt: timestamp('late_flagged_at', { withTimezone: true }),
  };
}

/**
 * The report of a fever up the levels (R2.4): one row per receiver, with its deadline from the
 * policy at opening. The town office and the bureau are told through the notification rules (how
 * 'system'); an outside party is recorded as told by whom and how. A row past its deadline is
 * flagged once to the level above by the escalation job, as an incident's steps are.
 */
export const alertReports = pgTable('alert_reports', {
  id: id(),
  alertId: uuid('alert_id').notNull().references(() => alerts.id, { onDelete: 'cascade' }),
  ...stepColumns(),
}, (t) => [
  uniqueIndex('alert_reports_receiver_uq').on(t.alertId, t.receiver),
  index('alert_reports_due_idx').on(t.dueAt).where(sql`${t.doneAt} is null and ${t.lateFlaggedAt} is null`),
  check('alert_reports_receiver_ck', sql`${t.receiver} in ('site_manager','town','bureau','health_department')`),
]);

export const rooms = pgTable('rooms', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  capacity: smallint('capacity').notNull(),
  singleRoom: boolean('single_room').notNull().default(false),
  awayFromCrowds: boolean('away_from_crowds').notNull().default(false),
  ventilated: boolean('ventilated').notNull().default(false),
  ownToilet: boolean('own_toilet').notNull().default(false),
  note: text('note'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('rooms_site_name_uq').on(t.siteId, t.name),
  check('rooms_kind_ck', sql`${t.kind} in ('observation','isolation')`),
  check('rooms_capacity_ck', sql`${t.capacity} between 1 and 50`),
]);

export const placements = pgTable('placements', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  personId: uuid('person_id').notNull().references(() => people.id),
  roomId: uuid('room_id').notNull().references(() => rooms.id),
  reason: text('reason').notNull(),
  startAt: timestamp('start_at', { withTimezone: true }).notNull(),
  startDay: date('start_day').notNull(),
  plannedEnd: date('planned_end').notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  outcome: text('outcome'),
  negativeTestOn: date('negative_test_on'),
  note: text('note'),
  alertId: uuid('alert_id').references(() => alerts.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  // One room at a time per person.
  uniqueIndex('placements_active_person_uq').on(t.personId).where(sql`${t.endedAt} is null`),
  index('placements_room_active_idx').on(t.roomId).where(sql`${t.endedAt} is null`),
  index('placements_site_idx').on(t.siteId, t.startAt),
]);

/** The capability in a site's QR code: whoever holds it may register a visit there, nothing else. */
export const siteTokens = pgTable('site_tokens', {
  siteId: uuid('site_id').primaryKey().references(() => orgNodes.id),
  token: text('token').notNull(),
  createdAt: createdAt(),
  createdBy: uuid('created_by').references(() => users.id),
}, (t) => [uniqueIndex('site_tokens_token_uq').on(t.token)]);

/** Counted events for rate limits shared by every app instance (key: what is limited, e.g. an address). */
export const rateEvents = pgTable('rate_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  key: text('key').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('rate_events_key_at_idx').on(t.key, t.at)]);

/** Visits and rescue-station intakes at the gate (§3): registration, screening, the reception room. */
export const visits = pgTable('visits', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  kind: text('kind').notNull().default('visitor'),
  code: text('code').notNull(),
  status: text('status').notNull().default('pending'),
  name: text('name').notNull(),
  phoneEnc: text('phone_enc'),
  phoneLast4: text('phone_last4'),
  idEnc: text('id_enc'),
  idLast4: text('id_last4'),
  idUnknown: boolean('id_unknown').notNull().default(false),
  visiting: text('visiting').notNull(),
  healthCodeDeclared: text('health_code_declared'),
  healthCodeSeen: text('health_code_seen'),
  symptoms: text('symptoms').array().notNull().default(sql`'{}'::text[]`),
  riskAreaTravel: boolean('risk_area_travel').notNull().default(false),
  travelRecord: text('travel_record'),
  source: text('source').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  tempTenths: smallint('temp_tenths'),
  mask: boolean('mask'),
  refusalReasons: text('refusal_reasons').array().notNull().default(sql`'{}'::text[]`),
  screenedAt: timestamp('screened_at', { withTimezone: true }),
  screenedBy: uuid('screened_by').references(() => users.id),
  admittedAt: timestamp('admitted_at', { withTimezone: true }),
  stayEndsAt: timestamp('stay_ends_at', { withTimezone: true }),
  leftAt: timestamp('left_at', { withTimezone: true }),
  isolationReason: text('isolation_reason'),
}, (t) => [
  // A code names one live visit at its site; once it is over, the code may come round again.
  uniqueIndex('visits_live_code_uq').on(t.siteId, t.code).where(sql`${t.status} in ('pending', 'admitted')`),
  index('visits_site_registered_idx').on(t.siteId, t.registeredAt),
  index('visits_site_status_idx').on(t.siteId, t.status),
  index('visits_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('visits_status_ck', sql`${t.status} in ('pending','admitted','refused','left','expired')`),
  check('visits_kind_ck', sql`${t.kind} in ('visitor','intake')`),
]);

/**
 * Nucleic-acid samples and their results (§4). One row per person and sampling time: a lab file
 * imported twice, or a result that arrives after the sample, updates the row instead of doubling it.
 */
export const testRecords = pgTable('test_records', {
  id: id(),
  personId: uuid('person_id').notNull().references(() => people.id),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  sampledAt: timestamp('sampled_at', { withTimezone: true }).notNull(),
  sampleDay: date('sample_day').notNull(),
  sampleType: text('sample_type').notNull(),
  collectionPoint: text('collection_point'),
  lab: text('lab'),
  result: text('result').notNull(),
  resultAt: timestamp('result_at', { withTimezone: true }),
  labRef: text('lab_ref'),
  sessionId: uuid('session_id'),
  importId: uuid('import_id'),
  source: text('source').notNull(),
  note: text('note'),
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('test_records_person_sample_uq').on(t.personId, t.sampledAt),
  // A person's last sample that counts, with its result, from the index alone (compliance).
  index('test_records_last_idx').on(t.personId, t.sampledAt, t.result).where(sql`${t.result} <> 'invalid'`),
  index('test_records_site_day_idx').on(t.siteId, t.sampleDay),
  index('test_records_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  index('test_records_pending_idx').on(t.sampledAt).where(sql`${t.result} = 'pending'`),
  index('test_records_session_idx').on(t.sessionId),
  check('test_records_result_ck', sql`${t.result} in ('pending','negative','positive','invalid')`),
  check('test_records_source_ck', sql`${t.source} in ('manual','batch','session','import')`),
  check('test_records_result_time_ck', sql`${t.resultAt} is null or ${t.resultAt} >= ${t.sampledAt}`),
]);

/** A sampling session a town organises at a collection point (R4.3). */
export const testSessions = pgTable('test_sessions', {
  id: id(),
  townId: uuid('town_id').notNull().references(() => orgNodes.id),
  /** The town's path: the scope filter reads this. */
  orgPath: text('org_path').notNull(),
  date: date('date').notNull(),
  startTime: text('start_time'),
  collectionPoint: text('collection_point').notNull(),
  lab: text('lab'),
  sampleType: text('sample_type').notNull(),
  selection: text('selection').notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('test_sessions_town_date_idx').on(t.townId, t.date),
  index('test_sessions_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
]);

export const testSessionSites = pgTable('test_session_sites', {
  sessionId: uuid('session_id').notNull().references(() => testSessions.id, { onDelete: 'cascade' }),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
}, (t) => [primaryKey({ columns: [t.sessionId, t.siteId] })]);

/** Who a session lists, made once when it is organised; `attended` and `test_id` are filled in afterwards. */
export const testSessionPeople = pgTable('test_session_people', {
  sessionId: uuid('session_id').notNull().references(() => testSessions.id, { onDelete: 'cascade' }),
  personId: uuid('person_id').notNull().references(() => people.id),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  dueStatus: text('due_status').notNull(),
  daysOverdue: integer('days_overdue').notNull().default(0),
  attended: boolean('attended'),
  testId: uuid('test_id').references(() => testRecords.id),
}, (t) => [primaryKey({ columns: [t.sessionId, t.personId] })]);

/**
 * A lab's result file, parsed and matched (no ID number or phone kept in clear: masked text and the
 * keyed hash only). A file committed once is recognised by its hash and not imported again.
 */
export const labImports = pgTable('lab_imports', {
  id: id(),
  fileHash: text('file_hash').notNull(),
  filename: text('filename'),
  status: text('status').notNull().default('preview'),
  rows: jsonb('rows').notNull(),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: createdAt(),
  committedAt: timestamp('committed_at', { withTimezone: true }),
  summary: jsonb('summary'),
}, (t) => [
  uniqueIndex('lab_imports_committed_hash_uq').on(t.fileHash).where(sql`${t.status} = 'committed'`),
  index('lab_imports_creator_idx').on(t.createdBy, t.createdAt),
  check('lab_imports_status_ck', sql`${t.status} in ('preview','committed')`),
]);

/** The bureau's catalogue of protective supplies (R6.1). */
export const supplyItems = pgTable('supply_items', {
  id: id(),
  name: text('name').notNull(),
  category: text('category').notNull(),
  unit: text('unit').notNull(),
  packSize: integer('pack_size'),
  /** Use per person and day, for sites without a peak on record. */
  perHeadDaily: doublePrecision('per_head_daily'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('supply_items_name_uq').on(t.name)]);

/**
 * A batch of an item at a site, with what is left of it. The quantity is the sum of the batch's
 * ledger entries, kept in the same transaction; the check makes "more than is left" impossible
 * even for two issues of the last units at the same moment.
 */
export const supplyBatches = pgTable('supply_batches', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  itemId: uuid('item_id').notNull().references(() => supplyItems.id),
  batch: text('batch'),
  expiresOn: date('expires_on'),
  supplier: text('supplier'),
  quantity: integer('quantity').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  index('supply_batches_site_item_idx').on(t.siteId, t.itemId),
  index('supply_batches_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('supply_batches_quantity_ck', sql`${t.quantity} >= 0`),
]);

/** Every movement of stock (R6.3). Never updated or deleted: a mistake is answered by an adjustment. */
export const supplyLedger = pgTable('supply_ledger', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  itemId: uuid('item_id').notNull().references(() => supplyItems.id),
  batchId: uuid('batch_id').notNull().references(() => supplyBatches.id),
  kind: text('kind').notNull(),
  /** As entered: positive for receipts, issues and transfers; signed for adjustments and stocktakes. */
  quantity: integer('quantity').notNull(),
  /** The other site of a transfer; both sides carry the same transfer id. */
  counterpartSiteId: uuid('counterpart_site_id').references(() => orgNodes.id),
  transferId: uuid('transfer_id'),
  issuedTo: text('issued_to'),
  reason: text('reason'),
  note: text('note'),
  day: date('day').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('supply_ledger_site_item_day_idx').on(t.siteId, t.itemId, t.day),
  // What the overview sums per site over a window: issues (demand) and the last receipt.
  index('supply_ledger_issues_idx').on(t.siteId, t.day, t.itemId, t.quantity).where(sql`${t.kind} = 'issue'`),
  index('supply_ledger_receipts_idx').on(t.siteId, t.day).where(sql`${t.kind} in ('receipt', 'transfer_in')`),
  index('supply_ledger_batch_idx').on(t.batchId),
  index('supply_ledger_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('supply_ledger_kind_ck', sql`${t.kind} in ('receipt','issue','transfer_out','transfer_in','adjustment','stocktake')`),
]);

/** The previous peak's consumption of an item over the policy's basis period, as a site entered it (R6.2). */
export const supplyPeaks = pgTable('supply_peaks', {
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  itemId: uuid('item_id').notNull().references(() => supplyItems.id),
  consumption: integer('consumption').notNull(),
  note: text('note'),
  enteredBy: uuid('entered_by').references(() => users.id),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.siteId, t.itemId] })]);

/** Incidents (§7): a suspected case, a fever cluster… at a site, with people, a timeline and a closure. */
export const incidents = pgTable('incidents', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  type: text('type').notNull(),
  summary: text('summary').notNull(),
  status: text('status').notNull().default('open'),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  openedBy: uuid('opened_by').references(() => users.id),
  alertId: uuid('alert_id').references(() => alerts.id),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: uuid('closed_by').references(() => users.id),
  outcome: text('outcome'),
}, (t) => [
  index('incidents_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  index('incidents_site_opened_idx').on(t.siteId, t.openedAt),
  // An alert is promoted once.
  uniqueIndex('incidents_alert_uq').on(t.alertId),
  check('incidents_status_ck', sql`${t.status} in ('open','closed')`),
  check('incidents_type_ck', sql`${t.type} in ('fever_cluster','suspected_case','confirmed_case','close_contact','death','other')`),
]);

export const incidentPeople = pgTable('incident_people', {
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  personId: uuid('person_id').notNull().references(() => people.id),
}, (t) => [primaryKey({ columns: [t.incidentId, t.personId] })]);

/** The escalation steps of an incident (R7.1, R7.3), with their deadlines from the policy at opening. */
export const incidentSteps = pgTable('incident_steps', {
  id: id(),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  ...stepColumns(),
}, (t) => [
  index('incident_steps_incident_idx').on(t.incidentId),
  index('incident_steps_due_idx').on(t.dueAt).where(sql`${t.doneAt} is null and ${t.lateFlaggedAt} is null`),
]);

/** The timeline of an incident: actions taken, steps done or late, outside parties told, closure. */
export const incidentEvents = pgTable('incident_events', {
  id: id(),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  action: text('action'),
  at: timestamp('at', { withTimezone: true }).notNull(),
  byUser: uuid('by_user').references(() => users.id),
  note: text('note'),
  /** The level or party a step event is about (step done, late, outside party told). */
  receiver: text('receiver'),
  /** For a late step: the level it was raised to. */
  escalatedTo: text('escalated_to'),
  /** For an outside party: how it was told. */
  how: text('how'),
}, (t) => [index('incident_events_incident_idx').on(t.incidentId, t.at)]);

/**
 * The durable outbox of notifications (§7): written in the same transaction as what it tells of,
 * delivered by a worker that leases a few rows at a time (`skip locked`), retried with back-off,
 * and kept as dead letters after the last attempt. A worker killed mid-delivery loses nothing: its
 * lease runs out and the row is taken again (delivery is at least once; the key lets a receiver
 * drop a repeat).
 */
export const outbox = pgTable('outbox', {
  id: id(),
  channel: text('channel').notNull(),
  /** A user id (in-app), an e-mail address or a webhook URL. */
  target: text('target').notNull(),
  payload: jsonb('payload').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  leasedUntil: timestamp('leased_until', { withTimezone: true }),
  lastError: text('last_error'),
  createdAt: createdAt(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  /** The jurisdiction of the event: who may see and resend the message. */
  orgPath: text('org_path').notNull().default('/'),
}, (t) => [
  uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
  index('outbox_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  check('outbox_status_ck', sql`${t.status} in ('pending','delivered','dead')`),
  check('outbox_channel_ck', sql`${t.channel} in ('in_app','email','wecom','dingtalk','webhook')`),
]);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Documents of an incident (PDF, photos): kept in the database, with the rest of the incident. */
export const incidentAttachments = pgTable('incident_attachments', {
  id: id(),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  orgPath: text('org_path').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('incident_attachments_incident_idx').on(t.incidentId),
  check('incident_attachments_type_ck', sql`${t.contentType} in ('application/pdf','image/png','image/jpeg')`),
]);

/**
 * Who is told of what: an event at or under a node (the whole city when `node_path` is '/') goes on
 * a channel to every holder of `role` covering the site, or to one fixed `target`.
 */
export const notificationRules = pgTable('notification_rules', {
  id: id(),
  nodeId: uuid('node_id').references(() => orgNodes.id, { onDelete: 'cascade' }),
  nodePath: text('node_path').notNull(),
  event: text('event').notNull(),
  channel: text('channel').notNull(),
  role: text('role'),
  target: text('target'),
  incidentTypes: text('incident_types').array().notNull().default(sql`'{}'::text[]`),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('notification_rules_event_idx').on(t.event),
  check('notification_rules_channel_ck', sql`${t.channel} in ('in_app','email','wecom','dingtalk','webhook')`),
  check('notification_rules_recipient_ck', sql`${t.role} is not null or ${t.target} is not null`),
]);

/** The bell: in-app messages of a user, written in the transaction of the event they tell of. */
export const userNotifications = pgTable('user_notifications', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  titleEn: text('title_en').notNull(),
  textEn: text('text_en').notNull(),
  url: text('url'),
  /** One event tells a user once, however often it is raised. */
  dedupeKey: text('dedupe_key').notNull(),
  createdAt: createdAt(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('user_notifications_dedupe_uq').on(t.userId, t.dedupeKey),
  index('user_notifications_user_idx').on(t.userId, t.createdAt),
  index('user_notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
]);

/**
 * Per-site summaries behind the city overviews (test compliance, supply cover), so that the
 * bureau's page reads a few hundred small rows instead of recomputing 20,000 people and the
 * ledger on every look. A summary is valid for its day and its epoch while no change of its site
 * is waiting in `summary_changes`; the overview recomputes what is not valid before answering
 * (`overview/summaries.ts`), so an answer is never older than the data it was asked about.
 */
export const siteSummaries = pgTable('site_summaries', {
  siteId: uuid('site_id').notNull().references(() => orgNodes.id, { onDelete: 'cascade' }),
  part: text('part').notNull(),
  orgPath: text('org_path').notNull(),
  /** The local day the body was computed for (due states and cover change with the day). */
  day: date('day'),
  /** The part's epoch the body was computed under (policies and the catalogue bump it). */
  epoch: integer('epoch'),
  /** Raised by every recompute that claims the row: only the latest claim may store its body. */
  generation: integer('generation').notNull().default(0),
  body: jsonb('body'),
  computedAt: timestamp('computed_at', { withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.siteId, t.part] }),
  index('site_summaries_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
]);

/**
 * Sites whose summaries a write has made out of date, appended by triggers in the writer's own
 * transaction (migration 0016). Appending never waits on another writer, so no write can
 * deadlock on it; a recompute deletes a site's rows before it reads the data.
 */
export const summaryChanges = pgTable('summary_changes', {
  siteId: uuid('site_id').notNull(),
  part: text('part').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('summary_changes_part_site_idx').on(t.part, t.siteId)]);

/** Changes that concern every site of a part (a policy version, the supplies catalogue). */
export const summaryEpochs = pgTable('summary_epochs', {
  part: text('part').primaryKey(),
  epoch: integer('epoch').notNull().default(0),
});
