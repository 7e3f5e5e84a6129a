import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from '../db/columns.js';

/**
 * The jurisdiction tree. `path` is the materialized path of ids ('/a/b/c/'), so "at or below a
 * node" is a prefix match that an index serves; every scoped table carries the path of the node
 * it belongs to for the same reason.
 */
export const orgNodes = pgTable('org_nodes', {
  id: id(),
  parentId: uuid('parent_id').references((): never => orgNodes.id as never),
  kind: text('kind').notNull(),
  siteType: text('site_type'),
  name: text('name').notNull(),
  code: text('code'),
  address: text('address'),
  path: text('path').notNull(),
  depth: integer('depth').notNull(),
  /** Places (beds) of a site: the rescue station's supplies are sized at full load (R6.2). */
  capacity: integer('capacity'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('org_nodes_path_uq').on(t.path),
  index('org_nodes_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
  index('org_nodes_parent_idx').on(t.parentId),
  check('org_nodes_kind_ck', sql`${t.kind} in ('bureau','town','site','compound','building')`),
  check('org_nodes_site_type_ck', sql`(${t.kind} = 'site') = (${t.siteType} is not null)`),
]);

export const riskAreas = pgTable('risk_areas', {
  id: id(),
  nodeId: uuid('node_id').references(() => orgNodes.id),
  /** Path of the node when the area is one of ours; null for an area elsewhere (e.g. another province). */
  nodePath: text('node_path'),
  regionName: text('region_name').notNull(),
  level: text('level').notNull(),
  effectiveFrom: date('effective_from').notNull(),
  effectiveTo: date('effective_to'),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
}, (t) => [
  check('risk_areas_level_ck', sql`${t.level} in ('low','medium','high')`),
  index('risk_areas_node_idx').on(t.nodeId),
]);
