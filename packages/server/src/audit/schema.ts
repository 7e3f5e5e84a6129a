import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
