import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { NOTIFICATION_STREAM_PATH, notificationsKeys, type UnreadState } from './api';
import { useI18n } from '../../i18n/useT';
import { useUnreadState } from './useNotifications';

/** Failures in a row after which the count is asked for by polling until the stream is back. */
const FAILURES_BEFORE_POLLING = 3;
const POLL_MS = 30_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/** The `unread` event's data, or null when it is not what the contract says. */
function parseUnread(data: unknown): UnreadState | null {
  if (typeof data !== 'string') return null;
  try {
    const v: unknown = JSON.parse(data);
    if (typeof v !== 'object' || v === null || !('unread' in v) || typeof v.unread !== 'number') return null;
    const latest = 'latest' in v && typeof v.latest === 'object' ? v.latest : null;
    return { unread: v.unread, latest: latest as UnreadState['latest'] };
  } catch {
    return null;
  }
}

/**
 * The caller's unread count and newest notification, live: server-sent events on
 * `/api/notifications/stream` written into the query cache. A failed connection is tried again
 * with a growing pause (1 s, 2 s, 4 s … 1 min); after a few failures in a row the count is also
 * polled every 30 s until the stream answers again. The connection closes when the layout
 * unmounts (signing out leaves it).
 */
export function useUnreadStream(): { state: UnreadState | undefined; live: boolean } {
  const queryClient = useQueryClient();
  // The stream's texts come in the app's language, not the browser's; a change of language reconnects.
  const { locale } = useI18n();
  const [polling, setPolling] = useState(false);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const connect = () => {
      const es = new EventSource(`${NOTIFICATION_STREAM_PATH}?lang=${encodeURIComponent(locale)}`);
      source = es;
      es.addEventListener('open', () => {
        failures = 0;
        setPolling(false);
      });
      es.addEventListener('unread', (e: MessageEvent) => {
        const state = parseUnread(e.data);
        if (state) queryClient.setQueryData(notificationsKeys.unread, state);
      });
      es.addEventListener('error', () => {
        // Our own back-off rather than the browser's fixed retry, which also gives up on a non-200 answer.
        es.close();
        if (source === es) source = null;
        if (stopped) return;
        failures += 1;
        if (failures >= FAILURES_BEFORE_POLLING) setPolling(true);
        retry = setTimeout(connect, Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1)));
      });
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
      source = null;
    };
  }, [queryClient, locale]);

  const fallback = useUnreadState(polling, POLL_MS);
  return { state: fallback.data, live: !polling };
}
