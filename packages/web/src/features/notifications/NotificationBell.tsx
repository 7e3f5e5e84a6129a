import { useEffect, useRef, useState } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Divider, Empty, Flex, Popover, Skeleton } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { UserNotification } from '@fangkong/domain';
import { healthKeys } from '../health/api';
import { incidentsKeys } from '../incidents/api';
import { notificationsKeys } from './api';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { errorLine } from '../../components/shared/errorText';
import { useT } from '../../i18n/useT';
import { NotificationText, useOpenNotification } from './notificationsUi';
import { useMarkAllRead, useNotifications } from './useNotifications';
import { useUnreadStream } from './useUnreadStream';

const LATEST_LIMIT = 10;
const TOAST_KEY = 'fk-notification';
const VISUALLY_HIDDEN = {
  position: 'absolute', width: 1, height: 1, margin: -1, padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0,
} as const;

/** The newest notifications in the bell's popover: open one, mark all read, or go to the full list. */
function LatestNotifications({ unread, onLeave }: { unread: number; onLeave: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const latest = useNotifications({}, LATEST_LIMIT, 0);
  const markAll = useMarkAllRead();
  const open = useOpenNotification();

  const list = latest.data?.notifications ?? [];
  const choose = (n: UserNotification) => {
    open(n);
    onLeave();
  };
  return (
    <div style={{ width: 'min(360px, calc(100vw - 32px))' }} data-testid="notification-popover">
      {latest.isPending
        ? <Skeleton active paragraph={{ rows: 4 }} />
        : latest.isError && !latest.data
          ? <ErrorResult error={latest.error} onRetry={() => void latest.refetch()} />
          : list.length === 0
            ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />
            : (
              <div style={{ maxHeight: 'min(420px, calc(100vh - 200px))', overflowY: 'auto' }}>
                {list.map((n) => (
                  <div
                    key={n.id}
                    role="button"
                    tabIndex={0}
                    className="fk-notification-item"
                    onClick={() => choose(n)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        choose(n);
                      }
                    }}
                    data-testid="notification-item"
                    data-read={n.readAt === null ? 'false' : 'true'}
                  >
                    <NotificationText n={n} />
                  </div>
                ))}
              </div>
            )}
      <Divider style={{ margin: '8px 0' }} />
      <Flex justify="space-between" gap={8}>
        <Button
          size="small"
          type="text"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, {
            onSuccess: () => void message.success(t('notifications.allRead')),
            onError: (e) => void message.error(errorLine(e, t)),
          })}
          data-testid="notification-read-all"
        >
          {t('notifications.markAllRead')}
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            onLeave();
            void navigate('/notifications');
          }}
          data-testid="notification-see-all"
        >
          {t('notifications.seeAll')}
        </Button>
      </Flex>
    </div>
  );
}

/**
 * The header's bell: the unread count, live from the server's event stream, and the newest
 * notifications on a click. A notification that arrives while the app is open also shows as a
 * toast; each change refreshes the lists of notifications and of incidents.
 */
export function NotificationBell() {
  const t = useT();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const [open, setOpen] = useState(false);
  const { state, live } = useUnreadStream();
  const openNotification = useOpenNotification();
  // The newest notification already known; undefined until the first answer, which only sets it.
  const known = useRef<string | null | undefined>(undefined);
  const unread = state?.unread ?? 0;

  useEffect(() => {
    if (!state) return;
    void queryClient.invalidateQueries({ queryKey: notificationsKeys.lists });
    void queryClient.invalidateQueries({ queryKey: incidentsKeys.all });
    // A fever or its report up (R2.4) shows on the alert pages as it arrives, not at the next poll.
    void queryClient.invalidateQueries({ queryKey: healthKeys.all });
    const latest = state.latest;
    const before = known.current;
    known.current = latest?.id ?? null;
    if (before === undefined || !latest || latest.id === before || latest.readAt !== null) return;
    notification.info({
      key: TOAST_KEY,
      title: latest.title,
      description: <div data-testid="notification-toast">{latest.text}</div>,
      icon: <BellOutlined style={{ color: '#1677ff' }} />,
      style: { cursor: 'pointer' },
      onClick: () => {
        notification.destroy(TOAST_KEY);
        openNotification(latest);
      },
    });
  }, [state, queryClient, notification, openNotification]);

  // Signing out (which leaves the layout) takes the toast away with it.
  useEffect(() => () => notification.destroy(TOAST_KEY), [notification]);

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('notifications.latest')}
      content={(
        <>
          {!live && <Alert type="warning" showIcon title={t('notifications.streamDown')} style={{ marginBottom: 8 }} />}
          {open && <LatestNotifications unread={unread} onLeave={() => setOpen(false)} />}
        </>
      )}
    >
      <span data-testid="notification-bell" style={{ position: 'relative', display: 'inline-flex' }}>
        <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]}>
          <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')} />
        </Badge>
        <span data-testid="notification-unread" aria-hidden style={VISUALLY_HIDDEN}>{unread}</span>
      </span>
    </Popover>
  );
}
