import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AlertStepState } from '@fangkong/domain';
import { id, createdAt } from '../db/columns.js';
import { orgNodes } from '../org/schema.js';
import { users } from '../auth/schema.js';
import { people } from '../people/schema.js';

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
export function stepColumns() {
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
