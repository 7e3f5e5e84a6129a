import { useState, type HTMLAttributes } from 'react';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { NotificationRule } from '@fangkong/domain';
import { errorLine } from '../../components/shared/errorText';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { DemoClockPanel } from './DemoClock';
import { INCIDENT_EVENTS, RuleFormModal } from './RuleFormModal';
import {
  useDeleteNotificationRule, useNotificationRules, useSetNotificationRuleEnabled, useTestNotificationRule,
} from './useNotifications';

/** `/admin/notification-rules`: who is told of what, per level and channel; switch rules on and off, test, delete, add. */
export function NotificationRulesPage() {
  const t = useT();
  const { message } = App.useApp();
  const rules = useNotificationRules();
  const setEnabled = useSetNotificationRuleEnabled();
  const test = useTestNotificationRule();
  const remove = useDeleteNotificationRule();
  const [adding, setAdding] = useState(false);

  const failed = (e: unknown) => void message.error(errorLine(e, t));

  const columns: TableColumnsType<NotificationRule> = [
    {
      title: t('notifications.rules.scope'),
      dataIndex: 'nodeName',
      width: 170,
      render: (_: unknown, r) => (r.nodeId === null
        ? <Tag color="geekblue">{t('notifications.rules.wholeCity')}</Tag>
        : r.nodeName ?? '—'),
    },
    { title: t('notifications.rules.event'), dataIndex: 'event', width: 130, render: (_: unknown, r) => t(`notifications.event.${r.event}`) },
    { title: t('notifications.rules.channel'), dataIndex: 'channel', width: 170, render: (_: unknown, r) => t(`notifications.channel.${r.channel}`) },
    {
      title: t('notifications.rules.recipient'),
      key: 'recipient',
      width: 240,
      render: (_: unknown, r) => (
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          {r.role && <span><Tag color="blue" style={{ marginInlineEnd: 0 }}>{t(`role.${r.role}`)}</Tag></span>}
          {r.target && (
            <Typography.Text code ellipsis={{ tooltip: r.target }} style={{ maxWidth: 230 }} data-testid="rule-target-masked">{r.target}</Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('notifications.rules.incidentTypes'),
      dataIndex: 'incidentTypes',
      width: 180,
      render: (_: unknown, r) => {
        if (!INCIDENT_EVENTS.includes(r.event)) return <Typography.Text type="secondary">—</Typography.Text>;
        if (r.incidentTypes.length === 0) return <Typography.Text type="secondary">{t('notifications.rules.allIncidentTypes')}</Typography.Text>;
        return <Flex gap={4} wrap>{r.incidentTypes.map((i) => <Tag key={i} style={{ marginInlineEnd: 0 }}>{t(`notifications.incidentType.${i}`)}</Tag>)}</Flex>;
      },
    },
    {
      title: t('notifications.rules.enabled'),
      dataIndex: 'enabled',
      width: 80,
      render: (_: unknown, r) => (
        <Switch
          size="small"
          checked={r.enabled}
          loading={setEnabled.isPending && setEnabled.variables?.id === r.id}
          aria-label={t('notifications.rules.enabled')}
          onChange={(enabled) => setEnabled.mutate({ id: r.id, enabled }, {
            onSuccess: () => void message.success(enabled ? t('notifications.rules.turnedOn') : t('notifications.rules.turnedOff')),
            onError: failed,
          })}
          data-testid="rule-enabled"
        />
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 190,
      render: (_: unknown, r) => (
        <Flex gap={4}>
          <Button
            size="small"
            type="link"
            icon={<SendOutlined />}
            loading={test.isPending && test.variables === r.id}
            onClick={() => test.mutate(r.id, { onSuccess: () => void message.success(t('notifications.rules.testQueued')), onError: failed })}
            data-testid="rule-test"
          >
            {t('notifications.rules.sendTest')}
          </Button>
          <Popconfirm
            title={t('notifications.rules.deleteConfirm')}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            onConfirm={() => remove.mutate(r.id, { onSuccess: () => void message.success(t('notifications.rules.deleted')), onError: failed })}
          >
            <Button size="small" type="link" danger data-testid="rule-delete">{t('notifications.rules.delete')}</Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notifications.rules.title')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="rule-add">{t('notifications.rules.add')}</Button>}
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('notifications.rules.hint')}</Typography.Paragraph>
      </PageHeader>
      <DemoClockPanel />
      <Card>
        <QueryState query={rules}>
          {(list) => (
            <Table<NotificationRule>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list}
              pagination={list.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 1160 }}
              locale={{ emptyText: <Empty description={t('notifications.rules.empty')} /> }}
              onRow={(r) => ({
                'data-testid': 'rule-row',
                'data-event': r.event,
                'data-channel': r.channel,
                'data-enabled': String(r.enabled),
              }) as HTMLAttributes<HTMLElement>}
            />
          )}
        </QueryState>
      </Card>
      {adding && <RuleFormModal onClose={() => setAdding(false)} />}
    </>
  );
}
