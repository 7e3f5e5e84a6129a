import type { z } from 'zod';
import type {
  DevClock, DevClockChange, NotificationPage, NotificationQuery, NotificationRuleAnswer, NotificationRuleInput, NotificationRuleList, NotificationRuleTest,
  OutboxMessageAnswer, OutboxPage, OutboxStatus, UserNotification,
} from '@fangkong/domain';
import { api } from '../../api/client';

/** The filter of the caller's own notifications (NotificationQuery without paging), `unread` a yes/no. */
export type NotificationFilter = Omit<z.input<typeof NotificationQuery>, 'limit' | 'offset' | 'unread'> & { unread?: boolean | undefined };

/** What the stream's `unread` event carries (and the bell's state when it polls instead). */
export interface UnreadState {
  unread: number;
  latest: UserNotification | null;
}

/** The server-sent events of the caller's unread notifications (`event: unread`). */
export const NOTIFICATION_STREAM_PATH = '/api/notifications/stream';

const notificationRulePath = (id: string) => `/api/notification-rules/${encodeURIComponent(id)}`;

export const notificationsApi = {
  /** The caller's own, newest first, in the caller's language. */
  notifications: (filter: NotificationFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<NotificationPage>('/api/notifications', { signal, query: { unread: filter.unread ? 'true' : undefined, ...page } }),
  markNotificationRead: (id: string) => api<undefined>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
  markAllNotificationsRead: () => api<undefined>('/api/notifications/read-all', { method: 'POST' }),
  notificationRules: (signal?: AbortSignal) => api<NotificationRuleList>('/api/notification-rules', { signal }),
  createNotificationRule: (input: NotificationRuleInput) =>
    api<NotificationRuleAnswer>('/api/notification-rules', { method: 'POST', body: input }),
  setNotificationRuleEnabled: (id: string, enabled: boolean) =>
    api<NotificationRuleAnswer>(notificationRulePath(id), { method: 'PATCH', body: { enabled } }),
  deleteNotificationRule: (id: string) => api<undefined>(notificationRulePath(id), { method: 'DELETE' }),
  /** Queues a test message to the rule's recipients (202). */
  testNotificationRule: (id: string) => api<NotificationRuleTest>(`${notificationRulePath(id)}/test`, { method: 'POST' }),
  /** Targets masked; the summary counts every status. */
  outbox: (status: OutboxStatus | undefined, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<OutboxPage>('/api/outbox', { signal, query: { status, ...page } }),
  /** A dead letter sent again (409 when it is not dead). */
  retryOutboxMessage: (id: string) => api<OutboxMessageAnswer>(`/api/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST' }),
  /** The server's clock in a demo or browser test (`FANGKONG_CLOCK_CONTROL=1`); 404 otherwise. */
  devClock: (signal?: AbortSignal) => api<DevClock>('/api/dev/clock', { signal }),
  /** Moves the demo clock; the late-step job runs at once (`flagged`: the steps it found late). */
  setDevClock: (change: DevClockChange) => api<DevClock>('/api/dev/clock', { method: 'POST', body: change }),
};

export const notificationsKeys = {
  /** The caller's own notifications: the bell's count and every list of them. */
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  lists: ['notifications', 'list'] as const,
  list: (filter: NotificationFilter, limit: number, offset: number) => ['notifications', 'list', filter, limit, offset] as const,
  rules: ['notificationRules'] as const,
  /** Every page and status of the delivery queue. */
  outbox: ['outbox'] as const,
  outboxList: (status: OutboxStatus | undefined, limit: number, offset: number) => ['outbox', status ?? 'all', limit, offset] as const,
  devClock: ['devClock'] as const,
};
