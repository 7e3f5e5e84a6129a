import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgNodes } from '../org/schema.js';

/**
 * Per-site summaries behind the city overviews (test compliance, supply cover), so that the
 * bureau's page reads a few hundred small rows instead of recomputing 20,000 people and the
 * ledger on every look. A summary is valid for its day and its epoch while no change of its site
 * is waiting in `summary_changes`; the overview recomputes what is not valid before answering
 * (`overview/summaries.ts`), so an answer is never older than the data it was asked about.
 */
export const siteSummaries = pgTable('site_summaries', {
  siteId: uuid('site_id').notNull().references(() => orgNodes.id, { onDelete: 'cascade' }),
  part: text('part').notNull(),
  orgPath: text('org_path').notNull(),
  /** The local day the body was computed for (due states and cover change with the day). */
  day: date('day'),
  /** The part's epoch the body was computed under (policies and the catalogue bump it). */
  epoch: integer('epoch'),
  /** Raised by every recompute that claims the row: only the latest claim may store its body. */
  generation: integer('generation').notNull().default(0),
  body: jsonb('body'),
  computedAt: timestamp('computed_at', { withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.siteId, t.part] }),
  index('site_summaries_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
]);

/**
 * Sites whose summaries a write has made out of date, appended by triggers in the writer's own
 * transaction (migration 0016). Appending never waits on another writer, so no write can
 * deadlock on it; a recompute deletes a site's rows before it reads the data.
 */
export const summaryChanges = pgTable('summary_changes', {
  siteId: uuid('site_id').notNull(),
  part: text('part').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('summary_changes_part_site_idx').on(t.part, t.siteId)]);

/** Changes that concern every site of a part (a policy version, the supplies catalogue). */
export const summaryEpochs = pgTable('summary_epochs', {
  part: text('part').primaryKey(),
  epoch: integer('epoch').notNull().default(0),
});
