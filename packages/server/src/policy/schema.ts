import { date, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PolicyBody } from '@fangkong/domain';
import { id, createdAt } from '../db/columns.js';
import { users } from '../auth/schema.js';

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
