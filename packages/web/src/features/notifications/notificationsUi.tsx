import { useCallback } from 'react';
import { Badge, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { NOTIFICATION_EVENTS, type NotificationEvent, type UserNotification } from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { useMarkRead } from './useNotifications';

function isEvent(kind: string): kind is NotificationEvent {
  return (NOTIFICATION_EVENTS as readonly string[]).includes(kind);
}

/** What a notification is about, in words (a kind this version does not know: as it is). */
export function kindLabel(kind: string | null, t: Translate): string {
  if (kind === null) return '';
  if (kind === 'test') return t('notifications.event.test');
  return isEvent(kind) ? t(`notifications.event.${kind}`) : kind;
}

const KIND_COLOR: Readonly<Record<NotificationEvent, string>> = {
  incident_opened: 'red',
  step_late: 'volcano',
  fever_alert: 'orange',
  fever_reported: 'orange',
  positive_test: 'magenta',
  supply_below_floor: 'gold',
  replenishment_due: 'blue',
  id_probe_stopped: 'purple',
  hall_disinfection_missed: 'cyan',
};

export function KindTag({ kind }: { kind: string | null }) {
  const t = useT();
  if (kind === null) return null;
  return <Tag color={isEvent(kind) ? KIND_COLOR[kind] : 'default'} style={{ marginInlineEnd: 0 }}>{kindLabel(kind, t)}</Tag>;
}

/** Where a notification leads in this app (the server links app paths: `/alerts/:id`, `/incidents/:id`…); null for none or anything else. */
export function linkPath(url: string | null): string | null {
  return url?.startsWith('/') && !url.startsWith('//') ? url : null;
}

/** `MM-DD HH:mm` this year, `YYYY-MM-DD HH:mm` before. */
export function shortTime(iso: string): string {
  const d = dayjs(iso);
  return d.format(d.year() === dayjs().year() ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm');
}

/** Opening a notification: marks it read (when it is not yet) and goes to its page, if any. */
export function useOpenNotification() {
  const navigate = useNavigate();
  const { mutate: markRead } = useMarkRead();
  // Stable, so that an effect may use it.
  return useCallback((n: Pick<UserNotification, 'id' | 'url' | 'readAt'>) => {
    if (n.readAt === null) markRead(n.id);
    const path = linkPath(n.url);
    if (path) void navigate(path);
  }, [navigate, markRead]);
}

/** A notification's title (bold while unread, with a dot), time (unless shown elsewhere) and text. */
export function NotificationText({ n, lines = 2, time = true }: { n: UserNotification; lines?: number; time?: boolean }) {
  const unread = n.readAt === null;
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Flex gap={8} align="center" justify="space-between">
        <Typography.Text strong={unread} ellipsis style={{ minWidth: 0 }}>
          {unread && <Badge status="processing" style={{ marginInlineEnd: 6 }} />}
          {n.title}
        </Typography.Text>
        {time && <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{shortTime(n.createdAt)}</Typography.Text>}
      </Flex>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: lines }} style={{ marginBottom: 0, fontSize: 13 }}>
        {n.text}
      </Typography.Paragraph>
    </Flex>
  );
}
