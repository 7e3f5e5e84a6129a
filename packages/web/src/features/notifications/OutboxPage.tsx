import type { HTMLAttributes } from 'react';
import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Row, Segmented, Statistic, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { OutboxMessage } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import type { OutboxStatus } from '@fangkong/domain';
import { errorLine } from '../../components/shared/errorText';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryTable } from '../../components/shared/ServerTable';
import { pageParams, useUrlParams } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { kindLabel } from './notificationsUi';
import { useOutbox, useRetryOutboxMessage } from './useNotifications';
import { formatAt } from '../../components/shared/time';

const PAGE_SIZES = [50, 100, 200] as const;
const STATUSES: readonly OutboxStatus[] = ['dead', 'pending', 'delivered'];
const ALL = 'all';
const STATUS_COLOR: Readonly<Record<OutboxStatus, string>> = { pending: '#1677ff', delivered: '#389e0d', dead: '#cf1322' };

function statusOf(v: string | null): OutboxStatus | undefined | typeof ALL {
  if (v === ALL) return ALL;
  return STATUSES.find((s) => s === v);
}

const time = (iso: string | null) => (iso === null ? '' : formatAt(iso, 'MM-DD HH:mm:ss'));

/**
 * `/admin/outbox`: the messages sent through the durable queue (e-mail, robots, webhooks): how many
 * wait, went out or failed for good; the failed ones first, each can be sent again.
 */
export function OutboxPage() {
  const t = useT();
  const { message } = App.useApp();
  const { params, update, onPage } = useUrlParams(PAGE_SIZES[0]);
  // The failures by default: those are the ones to look at.
  const chosen = statusOf(params.get('status')) ?? 'dead';
  const status = chosen === ALL ? undefined : chosen;
  const { page, pageSize } = pageParams(params, PAGE_SIZES);
  const outbox = useOutbox(status, pageSize, (page - 1) * pageSize);
  const retry = useRetryOutboxMessage();
  const summary = outbox.data?.summary;

  const resend = (m: OutboxMessage) => retry.mutate(m.id, {
    onSuccess: () => void message.success(t('notifications.outbox.retried')),
    onError: (e) => {
      // No longer dead (sent again from another window): the refreshed list shows where it stands.
      if (isApiError(e) && e.status === 409) void outbox.refetch();
      void message.error(errorLine(e, t));
    },
  });

  const columns: TableColumnsType<OutboxMessage> = [
    {
      title: t('notifications.outbox.col.createdAt'),
      dataIndex: 'createdAt',
      width: 130,
      fixed: 'left',
      render: (_: unknown, m) => <Tooltip title={formatAt(m.createdAt, 'YYYY-MM-DD HH:mm:ss')}><span>{time(m.createdAt)}</span></Tooltip>,
    },
    {
      title: t('notifications.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (_: unknown, m) => <Tag color={STATUS_COLOR[m.status]}>{t(`notifications.outbox.status.${m.status}`)}</Tag>,
    },
    { title: t('notifications.rules.channel'), dataIndex: 'channel', width: 150, render: (_: unknown, m) => t(`notifications.channel.${m.channel}`) },
    {
      title: t('notifications.outbox.col.target'),
      dataIndex: 'target',
      width: 220,
      render: (_: unknown, m) => <Typography.Text code ellipsis={{ tooltip: m.target }} style={{ maxWidth: 210 }}>{m.target}</Typography.Text>,
    },
    {
      title: t('notifications.outbox.col.title'),
      dataIndex: 'title',
      width: 240,
      render: (_: unknown, m) => (
        <Flex vertical gap={2}>
          <span>{m.title}</span>
          {m.kind && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{kindLabel(m.kind, t)}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('notifications.outbox.col.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    {
      title: t('notifications.outbox.col.lastError'),
      dataIndex: 'lastError',
      width: 240,
      render: (_: unknown, m) => (m.lastError
        ? <Typography.Text type="danger" ellipsis={{ tooltip: m.lastError }} style={{ maxWidth: 230 }}>{m.lastError}</Typography.Text>
        : ''),
    },
    {
      title: t('notifications.outbox.col.nextAttempt'),
      dataIndex: 'nextAttemptAt',
      width: 130,
      render: (_: unknown, m) => (m.status === 'pending' ? time(m.nextAttemptAt) : ''),
    },
    { title: t('notifications.outbox.col.deliveredAt'), dataIndex: 'deliveredAt', width: 130, render: (_: unknown, m) => time(m.deliveredAt) },
    {
      title: '',
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_: unknown, m) => m.status === 'dead' && (
        <Button
          size="small"
          type="link"
          icon={<RedoOutlined />}
          loading={retry.isPending && retry.variables === m.id}
          onClick={() => resend(m)}
          data-testid="outbox-retry"
        >
          {t('notifications.outbox.retry')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('notifications.outbox.title')}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('notifications.outbox.hint')}</Typography.Paragraph>
      </PageHeader>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(['pending', 'delivered', 'dead'] as const).map((s) => (
          <Col key={s} xs={8}>
            <Card
              size="small"
              hoverable
              onClick={() => update({ status: s === 'dead' ? undefined : s })}
              style={chosen === s ? { borderColor: STATUS_COLOR[s] } : undefined}
              data-testid={`outbox-summary-${s}`}
            >
              <Statistic
                title={t(`notifications.outbox.status.${s}`)}
                value={summary?.[s] ?? '—'}
                loading={outbox.isPending}
                styles={{ content: { color: s === 'dead' && (summary?.dead ?? 0) > 0 ? STATUS_COLOR.dead : undefined } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<string>
            value={chosen}
            onChange={(v) => update({ status: v === 'dead' ? undefined : v })}
            options={[
              ...STATUSES.map((s) => ({ value: s, label: t(`notifications.outbox.status.${s}`) })),
              { value: ALL, label: t('common.all') },
            ]}
            data-testid="outbox-status"
          />
        </Flex>
        <QueryTable
          query={outbox}
          rows={(d) => d.messages}
          page={page}
          pageSize={pageSize}
          onPage={onPage}
          columns={columns}
          pageSizes={PAGE_SIZES}
          scrollX={1500}
          totalText={(count) => t('notifications.total', { count })}
          emptyText={status === 'dead' ? t('notifications.outbox.noneFailed') : t('notifications.outbox.empty')}
          onRow={(m) => ({ 'data-testid': 'outbox-row', 'data-status': m.status, 'data-channel': m.channel }) as HTMLAttributes<HTMLElement>}
          data-testid="outbox-table"
        />
      </Card>
    </>
  );
}
