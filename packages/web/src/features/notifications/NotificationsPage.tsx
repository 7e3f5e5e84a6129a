import { useMemo, type HTMLAttributes } from 'react';
import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Segmented, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { UserNotification } from '@fangkong/domain';
import type { NotificationFilter } from './api';
import { errorLine } from '../../components/shared/errorText';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryTable } from '../../components/shared/ServerTable';
import { pageParams, useUrlParams } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { KindTag, linkPath, NotificationText, shortTime, useOpenNotification } from './notificationsUi';
import { useMarkAllRead, useMarkRead, useNotifications } from './useNotifications';
import { formatAt } from '../../components/shared/time';

const PAGE_SIZES = [20, 50, 100] as const;
const UNREAD = 'unread';
const ALL = 'all';

/** `/notifications`: the user's own notifications, newest first, all or only the unread; open, mark read. */
export function NotificationsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { params, update, onPage } = useUrlParams(PAGE_SIZES[0]);
  const unreadOnly = params.get('unread') === 'true';
  const { page, pageSize } = pageParams(params, PAGE_SIZES);
  const filter = useMemo<NotificationFilter>(() => ({ unread: unreadOnly || undefined }), [unreadOnly]);
  const list = useNotifications(filter, pageSize, (page - 1) * pageSize);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const open = useOpenNotification();
  const unread = list.data?.unread ?? 0;

  const failed = (e: unknown) => void message.error(errorLine(e, t));

  const columns: TableColumnsType<UserNotification> = [
    {
      title: t('notifications.col.time'),
      dataIndex: 'createdAt',
      width: 130,
      render: (_: unknown, n) => (
        <Tooltip title={formatAt(n.createdAt, 'YYYY-MM-DD HH:mm:ss')}>
          <span>{shortTime(n.createdAt)}</span>
        </Tooltip>
      ),
    },
    { title: t('notifications.col.kind'), dataIndex: 'kind', width: 130, render: (_: unknown, n) => <KindTag kind={n.kind} /> },
    { title: t('notifications.col.message'), key: 'message', render: (_: unknown, n) => <NotificationText n={n} lines={3} time={false} /> },
    {
      title: t('notifications.col.status'),
      dataIndex: 'readAt',
      width: 90,
      render: (_: unknown, n) => (n.readAt === null
        ? <Tag color="blue">{t('notifications.unread')}</Tag>
        : <Tooltip title={formatAt(n.readAt, 'YYYY-MM-DD HH:mm')}><Tag>{t('notifications.read')}</Tag></Tooltip>),
    },
    {
      title: '',
      key: 'actions',
      width: 170,
      render: (_: unknown, n) => (
        <Flex gap={4} onClick={(e) => e.stopPropagation()}>
          {linkPath(n.url) && <Button size="small" type="link" onClick={() => open(n)}>{t('notifications.open')}</Button>}
          {n.readAt === null && (
            <Button
              size="small"
              type="link"
              loading={markRead.isPending && markRead.variables === n.id}
              onClick={() => markRead.mutate(n.id, { onError: failed })}
              data-testid="notification-mark-read"
            >
              {t('notifications.markRead')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={(
          <Button
            icon={<CheckOutlined />}
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate(undefined, { onSuccess: () => void message.success(t('notifications.allRead')), onError: failed })}
            data-testid="notifications-read-all"
          >
            {t('notifications.markAllRead')}
          </Button>
        )}
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented<string>
            value={unreadOnly ? UNREAD : ALL}
            onChange={(v) => update({ unread: v === UNREAD ? 'true' : undefined })}
            options={[{ value: ALL, label: t('common.all') }, { value: UNREAD, label: t('notifications.filterUnread') }]}
            data-testid="notifications-filter"
          />
          {list.data && (
            <Typography.Text type="secondary" data-testid="notifications-unread-count">{t('notifications.unreadCount', { count: unread })}</Typography.Text>
          )}
        </Flex>
        <QueryTable
          query={list}
          rows={(d) => d.notifications}
          page={page}
          pageSize={pageSize}
          onPage={onPage}
          columns={columns}
          pageSizes={PAGE_SIZES}
          scrollX={760}
          totalText={(count) => t('notifications.total', { count })}
          emptyText={unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}
          onRow={(n) => ({
            onClick: () => open(n),
            style: { cursor: linkPath(n.url) || n.readAt === null ? 'pointer' : undefined },
            'data-testid': 'notification-row',
            'data-read': n.readAt === null ? 'false' : 'true',
          }) as HTMLAttributes<HTMLElement>}
          data-testid="notifications-table"
        />
      </Card>
    </>
  );
}
