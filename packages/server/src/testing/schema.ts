import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from '../db/columns.js';
import { orgNodes } from '../org/schema.js';
import { users } from '../auth/schema.js';
import { people } from '../people/schema.js';

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
