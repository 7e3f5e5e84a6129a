import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id } from '../db/columns.js';
import { orgNodes } from '../org/schema.js';
import { users } from '../auth/schema.js';
import { people } from '../people/schema.js';
import { alerts, stepColumns } from '../monitoring/schema.js';

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
