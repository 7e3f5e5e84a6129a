import type { HTMLAttributes } from 'react';
import { Card, Empty, Flex, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { AlertStatus, type Alert } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { useT } from '../../i18n/useT';
import { filterByLabel, siteOptions } from '../people/peopleUi';
import { useVisibleSites } from '../people/usePeople';
import { AlertDrawer } from './AlertDrawer';
import { ReportTag } from './AlertReportPanel';
import { AlertCauseTag, StepsProgress, SymptomTags } from './healthUi';
import { useAlerts } from './useHealth';
import { formatAt } from '../../components/shared/time';

const ALL = 'all';
const LIST_LIMIT = 500;

/** The alerts of the user's sites, filterable by status and site; `/alerts/:id` opens one in a drawer. */
export function AlertsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const parsed = AlertStatus.safeParse(statusParam);
  // Open alerts by default: those are the ones to act on.
  const status = statusParam === ALL ? undefined : parsed.success ? parsed.data : 'open';
  const siteId = params.get('siteId') || undefined;
  const { sites, query: sitesQuery } = useVisibleSites();
  const list = useAlerts({ status, siteId, limit: LIST_LIMIT });

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const search = params.toString();
  const open = (alertId: string) => void navigate({ pathname: `/alerts/${alertId}`, search });
  const openedSite = list.data?.find((a) => a.id === id)?.siteId;
  const siteType = sites.find((s) => s.id === openedSite)?.siteType;

  const columns: TableColumnsType<Alert> = [
    { title: t('alerts.col.site'), dataIndex: 'siteName', width: 180 },
    {
      title: t('alerts.col.person'),
      dataIndex: 'personName',
      width: 110,
      render: (_: unknown, a) => <Link to={`/people/${a.personId}`} onClick={(e) => e.stopPropagation()}>{a.personName}</Link>,
    },
    {
      title: t('alerts.col.temperature'),
      dataIndex: 'temperature',
      width: 130,
      render: (_: unknown, a) => <AlertCauseTag alert={a} />,
    },
    { title: t('alerts.col.symptoms'), dataIndex: 'symptoms', width: 200, render: (_: unknown, a) => <SymptomTags symptoms={a.symptoms} /> },
    {
      title: t('alerts.col.openedAt'),
      dataIndex: 'openedAt',
      width: 150,
      render: (_: unknown, a) => formatAt(a.openedAt, 'MM-DD HH:mm'),
    },
    { title: t('alerts.col.steps'), key: 'steps', width: 150, render: (_: unknown, a) => <StepsProgress steps={a.steps} /> },
    // R2.4: whether the town and the bureau have been told, and whether a report is late.
    { title: t('alertReport.column'), key: 'report', width: 120, render: (_: unknown, a) => <ReportTag alert={a} /> },
    {
      title: t('alerts.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (_: unknown, a) => <Tag color={a.status === 'open' ? 'red' : 'default'}>{t(`alertStatus.${a.status}`)}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader title={t('alerts.title')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<string>
            value={statusParam === ALL ? ALL : status ?? 'open'}
            onChange={(v) => setParam('status', v === 'open' ? undefined : v)}
            options={[
              { value: 'open', label: t('alertStatus.open') },
              { value: 'closed', label: t('alertStatus.closed') },
              { value: ALL, label: t('common.all') },
            ]}
            data-testid="alerts-status"
          />
          <Select<string>
            allowClear
            showSearch={{ filterOption: filterByLabel }}
            placeholder={t('alerts.allSites')}
            aria-label={t('people.field.site')}
            loading={sitesQuery.isPending}
            value={siteId}
            onChange={(v) => setParam('siteId', v)}
            options={siteOptions(sites)}
            style={{ minWidth: 220, maxWidth: '100%' }}
          />
          {list.data && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('alerts.count', { count: list.data.length })}</Typography.Text>
          )}
        </Flex>
        {list.isError && !list.data
          ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          : (
            <Table<Alert>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data ?? []}
              loading={list.isPending}
              scroll={{ x: 1000 }}
              pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
              locale={{ emptyText: <Empty description={status === 'open' ? t('alerts.noneOpen') : t('alerts.none')} /> }}
              onRow={(a) => ({
                onClick: () => open(a.id),
                style: { cursor: 'pointer' },
                'data-testid': 'alert-row',
                'data-person-name': a.personName,
              }) as HTMLAttributes<HTMLElement>}
              rowClassName={(a) => (a.id === id ? 'ant-table-row-selected' : '')}
            />
          )}
      </Card>
      {id !== undefined && (
        <AlertDrawer key={id} id={id} siteType={siteType} onClose={() => void navigate({ pathname: '/alerts', search })} />
      )}
    </>
  );
}
