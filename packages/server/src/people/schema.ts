import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from '../db/columns.js';
import { orgNodes } from '../org/schema.js';
import { users } from '../auth/schema.js';

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
