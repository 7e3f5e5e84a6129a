import { useMemo, type HTMLAttributes } from 'react';
import { DashboardOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Switch } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Incident } from '@fangkong/domain';
import { incidentsApi, type IncidentFilter } from './api';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { queryPaging, ServerTable, type Paging } from '../../components/shared/ServerTable';
import { useUrlParams } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { DownloadButton } from '../testing/DownloadButton';
import { SiteFilter, TownFilter } from '../testing/testingFilters';
import { useNow } from '../visits/visitsUi';
import { hasLateStep, incidentNow } from './incidentRules';
import { readIncidentParams } from './incidentParams';
import { IncidentFormModal } from './IncidentFormModal';
import { IncidentStatusTag, IncidentTypeSelect, IncidentTypeTag, StepChips, StepLegend, time } from './incidentsUi';
import { useIncidentList, useIncidentSites } from './useIncidents';
import { formatAt } from '../../components/shared/time';

const PAGE_SIZES = [20, 50, 100] as const;

function IncidentsTable({ incidents, ...paging }: { incidents: Incident[] } & Paging) {
  const t = useT();
  const navigate = useNavigate();
  const now = useNow(30_000);
  const columns: TableColumnsType<Incident> = [
    { title: t('incidents.field.openedAt'), dataIndex: 'openedAt', width: 140, fixed: 'left', render: (_: unknown, i) => time(i.openedAt) },
    { title: t('people.field.site'), dataIndex: 'siteName', width: 170, ellipsis: true },
    { title: t('testing.field.town'), dataIndex: 'townName', width: 120, ellipsis: true, render: (_: unknown, i) => i.townName ?? '' },
    { title: t('incidents.field.type'), dataIndex: 'type', width: 110, render: (_: unknown, i) => <IncidentTypeTag type={i.type} /> },
    {
      title: t('incidents.field.summary'),
      dataIndex: 'summary',
      width: 260,
      ellipsis: true,
      render: (_: unknown, i) => <Link to={`/incidents/${i.id}`} onClick={(e) => e.stopPropagation()}>{i.summary}</Link>,
    },
    {
      title: t('incidents.field.people'),
      dataIndex: 'people',
      width: 160,
      ellipsis: true,
      render: (_: unknown, i) => i.people.map((p) => p.name).join('、'),
    },
    {
      title: t('incidents.field.steps'),
      dataIndex: 'steps',
      width: 260,
      render: (_: unknown, i) => <StepChips incident={i} now={incidentNow(i, now)} />,
    },
    { title: t('incidents.field.status'), dataIndex: 'status', width: 90, render: (_: unknown, i) => <IncidentStatusTag status={i.status} /> },
  ];
  return (
    <ServerTable<Incident>
      {...paging}
      columns={columns}
      rows={incidents}
      pageSizes={PAGE_SIZES}
      scrollX={1310}
      totalText={(count) => t('visits.total', { count })}
      emptyText={t('incidents.empty')}
      onRow={(i) => ({
        'data-testid': 'incident-row',
        'data-incident-id': i.id,
        'data-late': hasLateStep(i) ? 'true' : 'false',
        className: hasLateStep(i) ? 'fk-row-error' : undefined,
        style: { cursor: 'pointer' },
        onClick: () => void navigate(`/incidents/${i.id}`),
      }) as HTMLAttributes<HTMLElement>}
      data-testid="incidents-table"
    />
  );
}

/**
 * `/incidents`: every incident in scope, newest first, filtered in the URL, with its steps at a
 * glance; `/incidents/new` opens the form to report one over the list.
 */
export function IncidentsPage({ newForm = false }: { newForm?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { search } = useLocation();
  const canAct = useCan('incidents.act');
  const { params, update, onPage } = useUrlParams(PAGE_SIZES[0]);
  const p = readIncidentParams(params, PAGE_SIZES);
  const { towns, sites, query: nodesQuery } = useIncidentSites();
  const filter = useMemo<IncidentFilter>(
    () => ({ siteId: p.siteId, townId: p.townId, type: p.type, status: p.status, late: p.late || undefined }),
    [p.siteId, p.townId, p.type, p.status, p.late],
  );
  const list = useIncidentList(filter, p.pageSize, (p.page - 1) * p.pageSize);

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        extra={(
          <>
            {canAct && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate({ pathname: '/incidents/new', search })} data-testid="incident-new">
                {t('incidents.new')}
              </Button>
            )}
            <Button icon={<DashboardOutlined />} onClick={() => void navigate('/incidents/board')}>{t('nav.incidentsBoard')}</Button>
            <DownloadButton
              icon={<DownloadOutlined />}
              job={() => incidentsApi.exportIncidents(filter, `${t('incidents.fileName')}-${formatAt(new Date(), 'YYYYMMDD')}.xlsx`)}
              data-testid="incidents-export"
            >
              {t('visits.export')}
            </DownloadButton>
          </>
        )}
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <TownFilter towns={towns} value={p.townId} onChange={(v) => update({ townId: v, siteId: undefined })} loading={nodesQuery.isPending} />
          <SiteFilter
            loading={nodesQuery.isPending}
            value={p.siteId}
            onChange={(v) => update({ siteId: v })}
            options={sites.filter((s) => !p.townId || s.townId === p.townId).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="incidents-site"
          />
          <IncidentTypeSelect allowClear value={p.type} onChange={(v) => update({ type: v })} data-testid="incidents-type" />
          <Select<'open' | 'closed'>
            allowClear
            placeholder={t('incidents.field.status')}
            aria-label={t('incidents.field.status')}
            value={p.status}
            onChange={(v) => update({ status: v })}
            options={[{ value: 'open', label: t('incidents.status.open') }, { value: 'closed', label: t('incidents.status.closed') }]}
            style={{ minWidth: 110 }}
            data-testid="incidents-status"
          />
          <Flex gap={6} align="center">
            <Switch id="incidents-late" checked={p.late} onChange={(v) => update({ late: v ? 'true' : undefined })} data-testid="incidents-late" />
            <label htmlFor="incidents-late">{t('incidents.lateOnly')}</label>
          </Flex>
        </Flex>
        {list.isError && !list.data
          ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          : (
            <>
              <IncidentsTable incidents={list.data?.incidents ?? []} {...queryPaging(list, p.page, p.pageSize, onPage)} />
              <StepLegend />
            </>
          )}
      </Card>
      {newForm && canAct && <IncidentFormModal siteId={p.siteId} onClose={() => void navigate({ pathname: '/incidents', search })} />}
    </>
  );
}
