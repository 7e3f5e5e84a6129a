import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Session } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { SessionFormModal } from './SessionFormModal';
import { DayRangeFilter, TownFilter } from './testingFilters';
import { isoDate } from './testingParams';
import { useSessions, useTownsAndSites } from './useTesting';

/** The sampling sessions (集中采样) of the user's towns, newest first; organisers create new ones here. */
export function SessionsPage() {
  const t = useT();
  const navigate = useNavigate();
  const canOrganize = useCan('testing.organize');
  const { params, update } = useUrlFilters();
  const townId = params.get('townId') || undefined;
  const from = isoDate(params.get('from'));
  const to = isoDate(params.get('to'));
  const { towns } = useTownsAndSites();
  const list = useSessions({ townId, from, to });
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Session> = [
    {
      title: t('testing.field.date'),
      dataIndex: 'date',
      width: 130,
      fixed: 'left',
      render: (_: unknown, s) => <Link to={`/testing/sessions/${s.id}`}>{[s.date, s.startTime].filter(Boolean).join(' ')}</Link>,
    },
    { title: t('testing.field.collectionPoint'), dataIndex: 'collectionPoint', width: 180, ellipsis: true },
    { title: t('testing.field.town'), dataIndex: 'townName', width: 110 },
    {
      title: t('testing.session.sites'),
      key: 'sites',
      width: 240,
      render: (_: unknown, s) => <Flex gap={4} wrap>{s.sites.map((x) => <Tag key={x.id} style={{ marginInlineEnd: 0 }}>{x.name}</Tag>)}</Flex>,
    },
    {
      title: t('testing.session.progress'),
      key: 'progress',
      width: 200,
      render: (_: unknown, s) => (
        <Flex gap={6} wrap align="center">
          <span>{t('testing.session.sampledOf', { sampled: s.counts.sampled, listed: s.counts.listed })}</span>
          {s.counts.positive > 0 && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('testing.session.positiveCount', { count: s.counts.positive })}</Tag>}
          {s.counts.pending > 0 && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('testing.session.pendingCount', { count: s.counts.pending })}</Tag>}
        </Flex>
      ),
    },
    { title: t('testing.field.lab'), dataIndex: 'lab', width: 150, ellipsis: true, render: (_: unknown, s) => s.lab ?? '' },
    { title: t('testing.col.createdBy'), dataIndex: 'createdBy', width: 120, render: (_: unknown, s) => s.createdBy ?? '' },
  ];

  return (
    <>
      <PageHeader
        title={t('testing.sessions.title')}
        extra={canOrganize && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="session-create">
            {t('testing.session.createTitle')}
          </Button>
        )}
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <TownFilter towns={towns} value={townId} onChange={(v) => update({ townId: v })} />
          <DayRangeFilter from={from} to={to} onChange={(start, end) => update({ from: start, to: end })} />
          {list.data && <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('alerts.count', { count: list.data.length })}</Typography.Text>}
        </Flex>
        {list.isError && !list.data
          ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          : (
            <Table<Session>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data ?? []}
              loading={list.isPending}
              scroll={{ x: 1150 }}
              pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
              onRow={(s) => ({ onClick: () => void navigate(`/testing/sessions/${s.id}`), style: { cursor: 'pointer' } })}
              locale={{
                emptyText: (
                  <Empty description={t('testing.sessions.empty')}>
                    {canOrganize && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('testing.session.createTitle')}</Button>}
                  </Empty>
                ),
              }}
              data-testid="sessions-table"
            />
          )}
      </Card>
      {creating && <SessionFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
