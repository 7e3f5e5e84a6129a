import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DevClockChange, NotificationRuleInput, OutboxStatus } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { notificationsApi, notificationsKeys, type NotificationFilter, type UnreadState } from './api';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { useCurrentUser } from '../auth/currentUser';

/** One page of the caller's own notifications, newest first. */
export function useNotifications(filter: NotificationFilter, limit: number, offset: number, enabled = true) {
  return useQuery({
    queryKey: notificationsKeys.list(filter, limit, offset),
    queryFn: ({ signal }) => notificationsApi.notifications(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * The bell's state when the stream is down: the unread count and the newest unread notification,
 * asked for every `pollMs` while `polling`. The stream writes the same key while it is up.
 */
export function useUnreadState(polling: boolean, pollMs: number) {
  return useQuery<UnreadState>({
    queryKey: notificationsKeys.unread,
    queryFn: async ({ signal }) => {
      const page = await notificationsApi.notifications({ unread: true }, { limit: 1, offset: 0 }, signal);
      return { unread: page.unread, latest: page.notifications[0] ?? null };
    },
    enabled: polling,
    refetchInterval: polling ? pollMs : false,
    refetchIntervalInBackground: true,
  });
}

// Reading changes the count and every list: all of the caller's notifications are asked for again
// (the stream also announces the new count).

export function useMarkRead() {
  return useInvalidatingMutation(notificationsKeys.all, (id: string) => notificationsApi.markNotificationRead(id));
}

export function useMarkAllRead() {
  return useInvalidatingMutation(notificationsKeys.all, () => notificationsApi.markAllNotificationsRead());
}

export function useNotificationRules() {
  return useQuery({
    queryKey: notificationsKeys.rules,
    queryFn: async ({ signal }) => (await notificationsApi.notificationRules(signal)).rules,
  });
}

export function useCreateNotificationRule() {
  return useInvalidatingMutation(notificationsKeys.rules, (input: NotificationRuleInput) => notificationsApi.createNotificationRule(input));
}

export function useSetNotificationRuleEnabled() {
  return useInvalidatingMutation(
    notificationsKeys.rules,
    ({ id, enabled }: { id: string; enabled: boolean }) => notificationsApi.setNotificationRuleEnabled(id, enabled),
  );
}

export function useDeleteNotificationRule() {
  return useInvalidatingMutation(notificationsKeys.rules, (id: string) => notificationsApi.deleteNotificationRule(id));
}

/** A test message goes through the queue: the delivery queue's figures change. */
export function useTestNotificationRule() {
  return useInvalidatingMutation(notificationsKeys.outbox, (id: string) => notificationsApi.testNotificationRule(id));
}

export function useOutbox(status: OutboxStatus | undefined, limit: number, offset: number) {
  return useQuery({
    queryKey: notificationsKeys.outboxList(status, limit, offset),
    queryFn: ({ signal }) => notificationsApi.outbox(status, { limit, offset }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRetryOutboxMessage() {
  return useInvalidatingMutation(notificationsKeys.outbox, (id: string) => notificationsApi.retryOutboxMessage(id));
}

/**
 * The demo clock, asked for only where the server says this user may move it (`clockControl` in
 * the user's answer): elsewhere the route answers 404, which the browser would log on every page.
 */
export function useDevClock() {
  const { clockControl } = useCurrentUser();
  return useQuery({
    queryKey: notificationsKeys.devClock,
    queryFn: ({ signal }) => notificationsApi.devClock(signal),
    enabled: clockControl,
    retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    // A 404 stays a 404 for the session: not asked again each time a page shows the panel.
    retryOnMount: false,
    staleTime: 10_000,
    refetchInterval: (query) => (query.state.error ? false : 30_000),
  });
}

/** Moves the demo clock, then asks for everything again: deadlines, late steps and counts all depend on it. */
export function useSetDevClock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: DevClockChange) => notificationsApi.setDevClock(change),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
