import { messageFor, type IncidentType, type MessageText, type NotificationEvent } from '@fangkong/domain';
import type { Executor } from '../db/tx.js';
import { alertsToTell, insertNotifications, recipients, type NewNotificationRow } from './repository.js';
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

/**
 * Tells of events in the caller's transaction: in-app messages are written to the recipients'
 * bells, and the other channels are put in the outbox. Both exist if and only if the event does.
 * Three statements whatever the number of events. Never use the pool inside: the caller's
 * transaction may hold the only connection (embedded mode).
 */
export async function raise(tx: Executor, events: RaisedEvent[]): Promise<{ inApp: number; queued: number }> {
  if (events.length === 0) return { inApp: 0, queued: 0 };
  const byEvent = groupBy(await recipients(tx, events), (r) => String(r.event_no));
  const bells: NewNotificationRow[] = [];
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
  const inApp = await insertNotifications(tx, bells);
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
  const rows = await alertsToTell(tx, alertIds);
  await raise(tx, rows.map((a) => ({
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
