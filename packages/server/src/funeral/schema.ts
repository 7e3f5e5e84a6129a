import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from '../db/columns.js';
import { orgNodes } from '../org/schema.js';
import { users } from '../auth/schema.js';
import { incidents } from '../incidents/schema.js';

/*
 * Funeral services (§9, R8.2): a site's halls, the mourning events booked in them with their
 * mourners' registers, the halls' disinfections, and the chain of each COVID-19 deceased. Every
 * table carries the site's path, which scope filters on.
 */

/** A mourning hall (灵堂, 守灵厅) of a funeral site. */
export const funeralHalls = pgTable('funeral_halls', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  capacity: integer('capacity').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('funeral_halls_site_name_uq').on(t.siteId, t.name),
  index('funeral_halls_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('funeral_halls_capacity_ck', sql`${t.capacity} > 0`),
]);

/**
 * A mourning event (治丧, R9.1). A hall holds one at a time: bookings lock the hall's row and
 * look for an overlap, so that two bookings at once cannot both succeed.
 */
export const mourningEvents = pgTable('mourning_events', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  hallId: uuid('hall_id').notNull().references(() => funeralHalls.id),
  deceasedName: text('deceased_name').notNull(),
  deceasedIdEnc: text('deceased_id_enc'),
  deceasedIdLast4: text('deceased_id_last4'),
  /** A keyed hash of the ID number: finds a COVID-19 case of the same deceased without opening either. */
  deceasedIdHash: text('deceased_id_hash'),
  dateOfDeath: date('date_of_death').notNull(),
  cause: text('cause').notNull(),
  familyContactName: text('family_contact_name').notNull(),
  familyPhoneEnc: text('family_phone_enc').notNull(),
  familyPhoneLast4: text('family_phone_last4').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  attendeeCap: integer('attendee_cap').notNull(),
  /** The capability in the register's QR code: whoever holds it may register as a mourner of this event. */
  registerToken: text('register_token').notNull(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('mourning_events_token_uq').on(t.registerToken),
  index('mourning_events_hall_time_idx').on(t.hallId, t.startsAt),
  index('mourning_events_site_time_idx').on(t.siteId, t.startsAt),
  index('mourning_events_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('mourning_events_time_ck', sql`${t.endsAt} > ${t.startsAt}`),
  check('mourning_events_cause_ck', sql`${t.cause} in ('ordinary','covid_confirmed','covid_suspected')`),
]);

/**
 * The mourners' register of an event (R9.2): everyone admitted. A mourner with a cold, a cough or a
 * fever is refused and told why, and nothing is written (the register lists who attended).
 */
export const mourners = pgTable('mourners', {
  id: id(),
  eventId: uuid('event_id').notNull().references(() => mourningEvents.id, { onDelete: 'cascade' }),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  phoneEnc: text('phone_enc'),
  phoneLast4: text('phone_last4'),
  /** A keyed hash of the phone: tracing asks "was this phone at any event", never by opening every row. */
  phoneHash: text('phone_hash'),
  symptoms: text('symptoms').array().notNull().default(sql`'{}'::text[]`),
  tempTenths: smallint('temp_tenths'),
  source: text('source').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
  registeredBy: uuid('registered_by').references(() => users.id),
}, (t) => [
  index('mourners_event_idx').on(t.eventId, t.registeredAt),
  index('mourners_phone_idx').on(t.phoneHash, t.registeredAt),
  index('mourners_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('mourners_source_ck', sql`${t.source} in ('qr','helper')`),
]);

/** A hall's disinfection (R8.2): routine (at least the policy's number a day in use) or the final one after an event. */
export const hallDisinfections = pgTable('hall_disinfections', {
  id: id(),
  hallId: uuid('hall_id').notNull().references(() => funeralHalls.id),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  eventId: uuid('event_id').references(() => mourningEvents.id),
  kind: text('kind').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  agent: text('agent').notNull(),
  place: text('place').notNull(),
  byName: text('by_name').notNull(),
  note: text('note'),
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('hall_disinfections_hall_at_idx').on(t.hallId, t.at),
  index('hall_disinfections_site_at_idx').on(t.siteId, t.at),
  index('hall_disinfections_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  // One final disinfection closes one event.
  uniqueIndex('hall_disinfections_final_uq').on(t.eventId).where(sql`${t.kind} = 'final'`),
  check('hall_disinfections_kind_ck', sql`${t.kind} in ('routine','final')`),
  check('hall_disinfections_final_event_ck', sql`${t.kind} <> 'final' or ${t.eventId} is not null`),
]);

/** A COVID-19 deceased (R9.3): the case, and its incident with the funeral escalation chain (R7.4). */
export const covidCases = pgTable('covid_cases', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => orgNodes.id),
  orgPath: text('org_path').notNull(),
  deceasedName: text('deceased_name').notNull(),
  deceasedIdEnc: text('deceased_id_enc'),
  deceasedIdLast4: text('deceased_id_last4'),
  deceasedIdHash: text('deceased_id_hash'),
  cause: text('cause').notNull(),
  dateOfDeath: date('date_of_death').notNull(),
  hospital: text('hospital').notNull(),
  incidentId: uuid('incident_id').references(() => incidents.id),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('covid_cases_site_idx').on(t.siteId, t.openedAt),
  index('covid_cases_id_hash_idx').on(t.deceasedIdHash),
  index('covid_cases_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('covid_cases_cause_ck', sql`${t.cause} in ('covid_confirmed','covid_suspected')`),
]);

/** The steps of a case, each once, in order (the service checks the order under the case's row lock). */
export const covidCaseSteps = pgTable('covid_case_steps', {
  id: id(),
  caseId: uuid('case_id').notNull().references(() => covidCases.id, { onDelete: 'cascade' }),
  step: text('step').notNull(),
  /** 1 for the notice … 8 for the archive: the order, so that a list sorts by it. */
  seq: smallint('seq').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  byName: text('by_name').notNull(),
  facts: jsonb('facts').notNull().default(sql`'{}'::jsonb`),
  note: text('note'),
  dueAt: timestamp('due_at', { withTimezone: true }),
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('covid_case_steps_uq').on(t.caseId, t.step),
  uniqueIndex('covid_case_steps_seq_uq').on(t.caseId, t.seq),
]);
