import { sql } from 'drizzle-orm';
import { messageFor, type Channel, type IncidentType, type MessageText, type NotificationEvent } from '@fangkong/domain';
import { userNotifications } from '../db/schema.js';
import type { Executor } from '../db/tx.js';
import { enqueue, type Message } from './outbox.js';
import { groupBy } from '../collections.js';

/** Something that happened, to be told to whom the rules say. */
export interface RaisedEvent {
  event: NotificationEvent;
  /** The site's path: rules and recipients are matched against it. */
  orgPath: string;
  /** For incident events: rules may be limited to some types. */
  incidentType?: IncidentType | undefined;
  /** The same key raised twice tells nobody twice (a re-raised alert, a job run again). */
  dedupeKey: string;
  message: MessageText;
}

type Recipient = {
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
async function recipients(tx: Executor, events: readonly RaisedEvent[]): Promise<Recipient[]> {
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

/**
 * Tells of events in the caller's transaction: in-app messages are written to the recipients'
 * bells, and the other channels are put in the outbox. Both exist if and only if the event does.
 * Three statements whatever the number of events. Never use the pool inside: the caller's
 * transaction may hold the only connection (embedded mode).
 */
export async function raise(tx: Executor, events: RaisedEvent[]): Promise<{ inApp: number; queued: number }> {
  if (events.length === 0) return { inApp: 0, queued: 0 };
  const byEvent = groupBy(await recipients(tx, events), (r) => String(r.event_no));
  const bells: (typeof userNotifications.$inferInsert)[] = [];
  const messages: Message[] = [];
  events.forEach((e, i) => {
    const users = new Set<string>();
    const out: Message[] = [];
    // A path in the app: the sender makes it a full address with PUBLIC_URL.
    const payload = { title: e.message.title, text: e.message.text, kind: e.message.kind, ...(e.message.url ? { url: e.message.url } : {}) };
    for (const r of byEvent.get(String(i + 1)) ?? []) {
      if (r.channel === 'in_app' && r.user_id) users.add(r.user_id);
      else if (r.channel === 'email' && r.user_id) {
        if (r.email) out.push({ channel: 'email', target: r.email, payload, idempotencyKey: `${e.dedupeKey}:email:${r.user_id}` });
      } else if (r.target) {
        out.push({ channel: r.channel, target: r.target, payload, idempotencyKey: `${e.dedupeKey}:${r.channel}:${r.rule_id}` });
      }
    }
    for (const userId of users) {
      bells.push({
        userId, kind: e.message.kind, title: e.message.title, text: e.message.text, titleEn: e.message.titleEn, textEn: e.message.textEn,
        url: e.message.url ?? null, dedupeKey: e.dedupeKey,
      });
    }
    // One mailbox told once per event even when two rules name it.
    for (const m of new Map(out.map((m) => [`${m.channel}|${m.target}`, m])).values()) messages.push({ ...m, orgPath: e.orgPath });
  });
  const inApp = bells.length === 0 ? 0 : (await tx.insert(userNotifications).values(bells).onConflictDoNothing().returning({ id: userNotifications.id })).length;
  await enqueue(tx, messages);
  return { inApp, queued: messages.length };
}

/**
 * Tells of alerts just opened (or raised again) in the caller's transaction: a fever alert once per
 * alert, a positive test once per test; and of a site's report of an alert (by `by`), once per
 * recipient however often it is made again (a retry reaches only who was added since).
 */
export async function raiseAlerts(tx: Executor, alertIds: string[], event: 'fever_alert' | 'positive_test' | 'fever_reported', by = ''): Promise<void> {
  if (alertIds.length === 0) return;
  const rows = await tx.execute<{ id: string; org_path: string; site_name: string; person_name: string; temp_tenths: number | null; test_id: string | null }>(sql`
    select a.id, a.org_path, s.name as site_name, p.name as person_name, a.temp_tenths, a.test_id
    from alerts a join org_nodes s on s.id = a.site_id join people p on p.id = a.person_id
    where a.id = any(${sql.param([...new Set(alertIds)])}::uuid[])`);
  await raise(tx, rows.rows.map((a) => ({
    event,
    orgPath: a.org_path,
    dedupeKey: event === 'positive_test' ? `positive_test:${a.id}:${a.test_id ?? ''}` : `${event}:${a.id}`,
    message: event === 'positive_test'
      ? messageFor({ event, alertId: a.id, siteName: a.site_name, personName: a.person_name })
      : event === 'fever_alert'
        ? messageFor({ event, alertId: a.id, siteName: a.site_name, personName: a.person_name, temperature: a.temp_tenths === null ? null : a.temp_tenths / 10 })
        : messageFor({ event, alertId: a.id, siteName: a.site_name, personName: a.person_name, temperature: a.temp_tenths === null ? null : a.temp_tenths / 10, by }),
  })));
}
