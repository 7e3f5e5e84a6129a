import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from '../db/columns.js';
import { orgNodes } from '../org/schema.js';
import { users } from '../auth/schema.js';

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
