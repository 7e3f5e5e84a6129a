import { z } from 'zod';
import { Locale } from './auth.js';
import { NotificationRule, OutboxMessage, OutboxSummary, UserNotification } from './notifications.js';
import { Paging } from './contracts.js';

export const NotificationPage = z.object({
  notifications: z.array(UserNotification),
  total: z.number().int(),
  /** The caller's unread notifications, whatever the filter. */
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

/** An EventSource cannot send Accept-Language, so the app names its chosen language in the query. */
export const NotificationStreamQuery = z.strictObject({ lang: Locale.optional() });

export const NotificationRuleList = z.object({ rules: z.array(NotificationRule) });
export type NotificationRuleList = z.infer<typeof NotificationRuleList>;
export const NotificationRuleAnswer = z.object({ rule: NotificationRule });
export type NotificationRuleAnswer = z.infer<typeof NotificationRuleAnswer>;
/** How many test messages were queued. */
export const NotificationRuleTest = z.object({ queued: z.number().int() });
export type NotificationRuleTest = z.infer<typeof NotificationRuleTest>;

/** A queued message's state, as the outbox lists it (the filter takes the same values). */
export const OutboxStatus = OutboxMessage.shape.status;
export type OutboxStatus = z.infer<typeof OutboxStatus>;
export const OutboxQuery = z.strictObject({ status: OutboxStatus.optional(), ...Paging(500, 50) });
export type OutboxQuery = z.input<typeof OutboxQuery>;
export const OutboxPage = z.object({ messages: z.array(OutboxMessage), total: z.number().int(), summary: OutboxSummary });
export type OutboxPage = z.infer<typeof OutboxPage>;
export const OutboxMessageAnswer = z.object({ message: OutboxMessage });
export type OutboxMessageAnswer = z.infer<typeof OutboxMessageAnswer>;

/** The server's clock in a demo or browser test; `flagged`: the late steps found after a change. */
export const DevClock = z.object({ now: z.string(), offsetMinutes: z.number(), flagged: z.number().int().optional() });
export type DevClock = z.infer<typeof DevClock>;
export const DevClockChange = z.union([z.strictObject({ advanceMinutes: z.number().int().min(-1440).max(1440) }), z.strictObject({ reset: z.literal(true) })]);
export type DevClockChange = z.input<typeof DevClockChange>;
