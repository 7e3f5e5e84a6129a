import { and, desc, eq, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Channel } from '@fangkong/domain';
import { notificationRules, orgNodes, outbox, userNotifications } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

export type NotificationRow = typeof userNotifications.$inferSelect;
export type NewNotificationRow = typeof userNotifications.$inferInsert;
export type RuleRow = typeof notificationRules.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;

// The bell

/** A user's own messages, newest first, and how many there are. */
export async function listNotifications(db: Executor, userId: string, q: { unreadOnly: boolean; limit: number; offset: number }) {
  const where = and(eq(userNotifications.userId, userId), q.unreadOnly ? isNull(userNotifications.readAt) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(userNotifications).where(where).orderBy(desc(userNotifications.createdAt), desc(userNotifications.id)).limit(q.limit).offset(q.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(userNotifications).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(userNotifications)
    .where(and(eq(userNotifications.userId, userId), isNull(userNotifications.readAt)));
  return row?.n ?? 0;
}

/** Per user of `userIds` who has any message: the unread count and the id of the newest one. */
export async function unreadAndLatest(db: Executor, userIds: string[]) {
  const counts = await db.execute<{ user_id: string; unread: number; latest_id: string | null }>(sql`
      select u.user_id, count(*) filter (where u.read_at is null)::int as unread,
        (select id from user_notifications l where l.user_id = u.user_id order by l.created_at desc, l.id desc limit 1) as latest_id
      from user_notifications u where u.user_id = any(${sql.param(userIds)}::uuid[]) group by u.user_id`);
  return counts.rows;
}

export async function notificationsByIds(db: Executor, ids: string[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(userNotifications).where(sql`${userNotifications.id} = any(${sql.param(ids)}::uuid[])`);
}

/** Marks one of the user's messages read; false when the user has no such message. */
export async function markRead(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db.update(userNotifications).set({ readAt: sql`coalesce(${userNotifications.readAt}, now())` })
    .where(and(eq(userNotifications.id, id), eq(userNotifications.userId, userId))).returning({ id: userNotifications.id });
  return rows.length > 0;
}

export async function markAllRead(db: Executor, userId: string): Promise<void> {
  await db.update(userNotifications).set({ readAt: sql`now()` })
    .where(and(eq(userNotifications.userId, userId), isNull(userNotifications.readAt)));
}

/** Writes bell messages; one already written under the same key is skipped. Answers how many were new. */
export async function insertNotifications(tx: Executor, rows: NewNotificationRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  return (await tx.insert(userNotifications).values(rows).onConflictDoNothing().returning({ id: userNotifications.id })).length;
}

// Rules

/** Rules matching `where`, with the name of their node, in the order the admin reads them. */
export async function listRules(db: Executor, where: SQL) {
  return db.select({ rule: notificationRules, nodeName: orgNodes.name }).from(notificationRules)
    .leftJoin(orgNodes, eq(orgNodes.id, notificationRules.nodeId))
    .where(where)
    .orderBy(notificationRules.event, notificationRules.nodePath, notificationRules.channel, notificationRules.role, notificationRules.createdAt);
}

export async function findRule(db: Executor, scope: SQL, id: string): Promise<RuleRow | undefined> {
  const [row] = await db.select().from(notificationRules).where(and(eq(notificationRules.id, id), scope));
  return row;
}

export async function insertRule(tx: Executor, values: typeof notificationRules.$inferInsert): Promise<string> {
  const [row] = await tx.insert(notificationRules).values(values).returning({ id: notificationRules.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function setRuleEnabled(tx: Executor, id: string, enabled: boolean): Promise<void> {
  await tx.update(notificationRules).set({ enabled }).where(eq(notificationRules.id, id));
}

export async function deleteRule(tx: Executor, id: string): Promise<void> {
  await tx.delete(notificationRules).where(eq(notificationRules.id, id));
}

/** Who a rule tells of an event: one row per rule and, for a role, per holder. */
export type Recipient = {
  /** Which of the events (1-based, in the order given). */
  event_no: number;
  rule_id: string;
  channel: Channel;
  target: string | null;
  user_id: string | null;
  email: string | null;
};

/**
 * The recipients of events, all in one query: for each event, each enabled rule at or above the
 * site (a rule at '/' is city-wide), for its event and incident type, expanded to the holders of
 * its role whose grant covers the site (a town officer of another town is not told), or to its
 * fixed target. One query for all: a batch of readings with ten fevers raises ten events at once.
 */
export async function recipients(tx: Executor, events: readonly { event: string; orgPath: string; incidentType?: string | undefined }[]): Promise<Recipient[]> {
  const result = await tx.execute<Recipient>(sql`
    select e.event_no::int as event_no, r.id as rule_id, r.channel, r.target, u.id as user_id, u.email
    from unnest(${sql.param(events.map((e) => e.event))}::text[], ${sql.param(events.map((e) => e.orgPath))}::text[],
      ${sql.param(events.map((e) => e.incidentType ?? ''))}::text[]) with ordinality as e(event, org_path, incident_type, event_no)
    join notification_rules r on r.enabled and r.event = e.event
      and starts_with(e.org_path, r.node_path)
      and (cardinality(r.incident_types) = 0 or e.incident_type = any(r.incident_types))
    left join user_roles ur on r.role is not null and ur.role = r.role
    left join org_nodes n on n.id = ur.node_id and starts_with(e.org_path, n.path)
    left join users u on u.id = ur.user_id and n.id is not null and not u.disabled
    where r.role is null or u.id is not null`);
  return result.rows;
}

/** What a message about each alert names: its site, the person, the temperature or the test. */
export async function alertsToTell(tx: Executor, alertIds: string[]) {
  const rows = await tx.execute<{ id: string; org_path: string; site_name: string; person_name: string; temp_tenths: number | null; test_id: string | null }>(sql`
    select a.id, a.org_path, s.name as site_name, p.name as person_name, a.temp_tenths, a.test_id
    from alerts a join org_nodes s on s.id = a.site_id join people p on p.id = a.person_id
    where a.id = any(${sql.param([...new Set(alertIds)])}::uuid[])`);
  return rows.rows;
}

// The outbox

/** Writes messages; one already queued under the same key is skipped. */
export async function insertMessages(tx: Executor, rows: (typeof outbox.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(outbox).values(rows).onConflictDoNothing({ target: outbox.idempotencyKey });
}

/**
 * Leases up to `batch` due messages until `until` (`skip locked`, so several workers share the
 * work); run in a transaction.
 */
export async function leaseDue(tx: Executor, now: Date, until: Date, batch: number): Promise<OutboxRow[]> {
  const rows = await tx.select().from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now), or(isNull(outbox.leasedUntil), lt(outbox.leasedUntil, now))))
    .orderBy(outbox.nextAttemptAt)
    .limit(batch)
    .for('update', { skipLocked: true });
  for (const r of rows) await tx.update(outbox).set({ leasedUntil: until }).where(eq(outbox.id, r.id));
  return rows;
}

export async function markDelivered(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(outbox).set({ status: 'delivered', deliveredAt: at, leasedUntil: null, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(eq(outbox.id, id));
}

/** A failed attempt: due again at `nextAttemptAt`, or dead. */
export async function markFailed(db: Executor, id: string, f: { attempts: number; lastError: string; dead: boolean; nextAttemptAt: Date }): Promise<void> {
  await db.update(outbox).set({
    attempts: f.attempts, leasedUntil: null, lastError: f.lastError,
    status: f.dead ? 'dead' : 'pending', nextAttemptAt: f.nextAttemptAt,
  }).where(eq(outbox.id, id));
}

/** Messages in the caller's jurisdiction, newest first, with the count of each status. */
export async function listMessages(db: Executor, scope: SQL, f: { status?: string | undefined; limit: number; offset: number }) {
  const where = and(scope, f.status ? eq(outbox.status, f.status) : undefined);
  const [rows, [total], summary] = await Promise.all([
    db.select().from(outbox).where(where).orderBy(sql`${outbox.createdAt} desc`).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(where),
    db.select({ status: outbox.status, n: sql<number>`count(*)::int` }).from(outbox).where(scope).groupBy(outbox.status),
  ]);
  return { rows, total: total?.n ?? 0, summary };
}

export async function findMessage(db: Executor, scope: SQL, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outbox).where(and(eq(outbox.id, id), scope));
  return row;
}

/** A dead letter back to pending with a fresh count, due at `now`; undefined when it is not dead. */
export async function resendDead(db: Executor, id: string, now: Date): Promise<OutboxRow | undefined> {
  const [updated] = await db.update(outbox).set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'dead'))).returning();
  return updated;
}
