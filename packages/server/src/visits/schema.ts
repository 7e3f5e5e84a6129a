import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from '../db/columns.js';
import { orgNodes } from '../org/schema.js';
import { users } from '../auth/schema.js';

/** The capability in a site's QR code: whoever holds it may register a visit there, nothing else. */
export const siteTokens = pgTable('site_tokens', {
  siteId: uuid('site_id').primaryKey().references(() => orgNodes.id),
  token: text('token').notNull(),
  createdAt: createdAt(),
  createdBy: uuid('created_by').references(() => users.id),
}, (t) => [uniqueIndex('site_tokens_token_uq').on(t.token)]);

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
