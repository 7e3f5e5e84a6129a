import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from '../db/columns.js';
import { orgNodes } from '../org/schema.js';
// people's schema reads `users` only inside its references' callbacks, so the two may import each other.
import { people } from '../people/schema.js';

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
  /** A staff member's work mobile, sealed with the personal-data keyring (shown masked). */
  phoneEnc: text('phone_enc'),
  /** Set with a one-time password: every route but changing it is closed until it is changed. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** 'manual' or 'person_left' while disabled. */
  disabledReason: text('disabled_reason'),
  /** The staff member in the registry: the account is disabled when they leave the site. */
  personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
  /** The TOTP secret (base32), sealed; set once enrolment is confirmed. */
  totpSecretEnc: text('totp_secret_enc'),
  /** A secret being enrolled, until its first code confirms it. */
  totpPendingEnc: text('totp_pending_enc'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The last 30-second step a code was accepted for: a code is good once. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
  index('users_person_idx').on(t.personId),
]);

/** Hashes of a user's recent passwords: a new one may not repeat the last N (configuration). */
export const passwordHistory = pgTable('password_history', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
}, (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)]);

/** Second-factor recovery codes, each good once; SHA-256 of the code (they are long and random). */
export const recoveryCodes = pgTable('recovery_codes', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  codeHash: text('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('recovery_codes_uq').on(t.userId, t.codeHash)]);

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

/** Counted events for rate limits shared by every app instance (key: what is limited, e.g. an address). */
export const rateEvents = pgTable('rate_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  key: text('key').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('rate_events_key_at_idx').on(t.key, t.at)]);
