import { useMemo, useState } from 'react';
import { CalendarOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Row, Select, Statistic, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { type ComplianceCounts, type DueEntry } from '@fangkong/domain';
import { testingApi, type DueFilter, type DueStatusFilter } from './api';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { queryPaging, ServerTable, type Paging } from '../../components/shared/ServerTable';
import { SiteTypeSelect } from '../../components/shared/siteType';
import { useUrlParams } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { DownloadButton } from './DownloadButton';
import { SessionFormModal, type SessionPreset } from './SessionFormModal';
import { SiteFilter, TownFilter } from './testingFilters';
import { DUE_STATUS_FILTERS, readDueParams } from './testingParams';
import { DueStatusTag, rateColor, rateText, ResultTag, timeText } from './testingUi';
import { useCompliance, useDueList, useTownsAndSites } from './useTesting';
import { today as todayInZone } from '../../components/shared/time';

const PAGE_SIZES = [50, 100, 200] as const;

type Row = DueEntry & { id: string };

function Summary({ counts }: { counts: ComplianceCounts | undefined }) {
  const t = useT();
  const items = [
    { key: 'rate', title: t('testing.rate'), value: counts ? rateText(counts.rate) : '-', color: counts ? rateColor(counts.rate) : undefined },
    { key: 'required', title: t('testing.col.required'), value: counts?.required ?? '-' },
    { key: 'tested', title: t('testing.col.tested'), value: counts?.tested ?? '-' },
    { key: 'due', title: t('dueStatus.due'), value: counts?.due ?? '-', color: counts?.due ? '#d48806' : undefined },
    { key: 'overdue', title: t('dueStatus.overdue'), value: counts?.overdue ?? '-', color: counts?.overdue ? '#cf1322' : undefined },
    { key: 'stale', title: t('testing.col.stalePending'), value: counts?.stalePending ?? '-', color: counts?.stalePending ? '#d4380d' : undefined },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="due-summary">
      {items.map((i) => (
        <Col key={i.key} xs={12} sm={8} lg={4}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={i.title} value={i.value} styles={{ content: i.color ? { color: i.color } : undefined }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function DueTable({ rows, ...paging }: { rows: Row[] } & Paging) {
  const t = useT();
  const columns: TableColumnsType<Row> = [
    {
      title: t('people.field.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 100,
      render: (_: unknown, e) => <Link to={`/people/${e.personId}`}>{e.name}</Link>,
    },
    { title: t('people.field.site'), dataIndex: 'siteName', width: 170, ellipsis: true },
    {
      title: t('testing.col.kindPost'),
      key: 'kind',
      width: 150,
      render: (_: unknown, e) => [t(`personKind.${e.kind}`), e.post].filter(Boolean).join(' · '),
    },
    {
      title: t('testing.col.status'),
      dataIndex: 'status',
      width: 170,
      render: (_: unknown, e) => <DueStatusTag status={e.status} daysOverdue={e.daysOverdue} reason={e.reason} />,
    },
    { title: t('testing.col.dueOn'), dataIndex: 'dueOn', width: 110, render: (_: unknown, e) => e.dueOn ?? '' },
    {
      title: t('testing.col.lastSample'),
      key: 'last',
      width: 190,
      render: (_: unknown, e) => (e.lastSampledAt
        ? (
          <Flex gap={6} align="center" wrap>
            <span>{timeText(e.lastSampledAt, true)}</span>
            {e.lastResult && <ResultTag result={e.lastResult} />}
          </Flex>
        )
        : <Typography.Text type="secondary">{t('testing.neverTested')}</Typography.Text>),
    },
    { title: t('testing.col.interval'), dataIndex: 'intervalDays', width: 90, render: (_: unknown, e) => (e.intervalDays ? t('testing.everyDays', { days: e.intervalDays }) : '') },
    { title: t('testing.field.town'), dataIndex: 'townName', width: 110, render: (_: unknown, e) => e.townName ?? '' },
  ];
  return (
    <ServerTable<Row>
      {...paging}
      columns={columns}
      rows={rows}
      pageSizes={PAGE_SIZES}
      scrollX={1100}
      totalText={(count) => t('people.total', { count })}
      emptyText={t('testing.due.empty')}
      data-testid="due-table"
    />
  );
}

/** The sites and town a session for what is in view would cover: the filtered site, or those listed (of one town). */
function sessionPreset(rows: readonly DueEntry[], filter: DueFilter, siteTown: string | undefined, today: string): SessionPreset {
  const date = filter.on && filter.on >= today ? filter.on : today;
  if (filter.siteId) return { townId: siteTown, siteIds: [filter.siteId], date };
  const perTown = new Map<string, number>();
  for (const r of rows) if (r.townId) perTown.set(r.townId, (perTown.get(r.townId) ?? 0) + 1);
  // A session belongs to one town: the filtered one, else the one with the most people listed.
  const townId = filter.townId ?? [...perTown.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const siteIds = [...new Set(rows.filter((r) => r.townId === townId).map((r) => r.siteId))];
  return { townId, siteIds, date };
}

/** Who must be tested (应检尽检) and by when: filters in the URL, export, and a session for those in view. */
export function DueListPage() {
  const t = useT();
  const canOrganize = useCan('testing.organize');
  const { params, update, onPage } = useUrlParams(PAGE_SIZES[0]);
  const p = readDueParams(params, PAGE_SIZES);
  const { towns, sites, query: nodesQuery } = useTownsAndSites();
  const [today] = useState(todayInZone);
  const filter = useMemo<DueFilter>(
    () => ({ siteId: p.siteId, townId: p.townId, siteType: p.siteType, status: p.status, on: p.on }),
    [p.siteId, p.townId, p.siteType, p.status, p.on],
  );
  const list = useDueList(filter, p.pageSize, (p.page - 1) * p.pageSize);
  const compliance = useCompliance({ on: p.on, siteType: p.siteType, townId: p.townId });
  const [organizing, setOrganizing] = useState<SessionPreset | null>(null);

  const counts = p.siteId ? compliance.data?.sites.find((s) => s.siteId === p.siteId) : compliance.data?.total;
  const siteChoices = sites.filter((s) => (!p.townId || s.townId === p.townId) && (!p.siteType || s.siteType === p.siteType));
  const rows = useMemo<Row[]>(() => (list.data?.entries ?? []).map((e) => ({ ...e, id: e.personId })), [list.data]);
  const siteTown = sites.find((s) => s.id === p.siteId)?.townId ?? undefined;

  return (
    <>
      <PageHeader
        title={t('testing.due.title')}
        extra={(
          <>
            {canOrganize && (
              <Button
                type="primary"
                icon={<CalendarOutlined />}
                onClick={() => setOrganizing(sessionPreset(list.data?.entries ?? [], filter, siteTown, today))}
                data-testid="due-organize"
              >
                {t('testing.due.organize')}
              </Button>
            )}
            <DownloadButton
              icon={<DownloadOutlined />}
              job={() => testingApi.exportDue(filter, `${t('testing.due.fileName')}-${list.data?.day ?? today}.xlsx`)}
              data-testid="due-export"
            >
              {t('visits.export')}
            </DownloadButton>
          </>
        )}
      />
      <Flex vertical gap={16}>
        <Summary counts={counts} />
        <Card>
          <Flex gap={12} wrap style={{ marginBottom: 16 }}>
            <TownFilter towns={towns} loading={nodesQuery.isPending} value={p.townId} onChange={(v) => update({ townId: v, siteId: undefined })} />
            <SiteTypeSelect value={p.siteType} onChange={(v) => update({ type: v, siteId: undefined })} minWidth={150} />
            <SiteFilter
              loading={nodesQuery.isPending}
              value={p.siteId}
              onChange={(v) => update({ siteId: v })}
              options={siteChoices.map((s) => ({ value: s.id, label: s.townName && towns.length > 1 ? `${s.name} · ${s.townName}` : s.name }))}
              data-testid="due-site"
            />
            <Select<DueStatusFilter>
              aria-label={t('testing.col.status')}
              value={p.status}
              onChange={(v) => update({ status: v === 'due_or_overdue' ? undefined : v })}
              options={DUE_STATUS_FILTERS.map((s) => ({ value: s, label: t(`testing.statusFilter.${s}`) }))}
              style={{ minWidth: 140 }}
              data-testid="due-status"
            />
            <DatePicker
              allowClear
              placeholder={t('testing.today')}
              aria-label={t('testing.due.day')}
              value={p.on ? dayjs(p.on) : null}
              onChange={(d) => update({ on: d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : undefined })}
              inputReadOnly
            />
            {p.on && p.on > today && <Tag color="blue" style={{ alignSelf: 'center' }}>{t('testing.due.planAhead')}</Tag>}
          </Flex>
          {list.isError && !list.data
            ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
            : <DueTable rows={rows} {...queryPaging(list, p.page, p.pageSize, onPage)} />}
        </Card>
      </Flex>
      {organizing && <SessionFormModal preset={organizing} onClose={() => setOrganizing(null)} />}
    </>
  );
}
