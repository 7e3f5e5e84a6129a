import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Flex, Input, Row, Select, Statistic, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { IsoDate, REFUSAL_REASONS, VISIT_STATUSES, VisitStatus, type Visit, type VisitDayStats } from '@fangkong/domain';
import { visitsApi, type VisitFilter } from './api';
import { EChart, type ChartOption } from '../../components/shared/EChart';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { queryPaging, ServerTable, type Paging } from '../../components/shared/ServerTable';
import { pageParams, useUrlParams } from '../../components/shared/useUrlParams';
import { errorText, serverDetail } from '../../components/shared/errorText';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { formatTemperature } from '../health/temperature';
import { filterByLabel, siteOptions } from '../people/peopleUi';
import { useVisibleSites } from '../people/usePeople';
import { useVisitList, useVisitStats } from './useVisits';
import { HealthCodeTag, RefusalTags, VisitFlags, VisitStatusTag } from './visitsUi';
import { afterToday, formatAt, today } from '../../components/shared/time';

const PAGE_SIZES = [20, 50, 100] as const;
const ALL_SITES = 'all';

interface VisitParams {
  site: string | undefined;
  from: string | undefined;
  to: string | undefined;
  q: string;
  status: VisitStatus | undefined;
  presentFrom: string | undefined;
  presentTo: string | undefined;
  day: string;
  page: number;
  pageSize: number;
}

function isoDate(v: string | null): string | undefined {
  return v !== null && IsoDate.safeParse(v).success ? v : undefined;
}

function instant(v: string | null): string | undefined {
  return v !== null && dayjs(v).isValid() ? v : undefined;
}

/** The log's filters as the URL keeps them. */
function readParams(params: URLSearchParams): VisitParams {
  const status = VisitStatus.safeParse(params.get('status'));
  return {
    site: params.get('siteId') || undefined,
    from: isoDate(params.get('from')),
    to: isoDate(params.get('to')),
    q: params.get('q')?.trim().slice(0, 50) ?? '',
    status: status.success ? status.data : undefined,
    presentFrom: instant(params.get('presentFrom')),
    presentTo: instant(params.get('presentTo')),
    day: isoDate(params.get('day')) ?? 'today',
    ...pageParams(params, PAGE_SIZES),
  };
}

function time(v: string | null): string {
  return v ? formatAt(v, 'MM-DD HH:mm') : '';
}

function reasonOption(counts: Record<string, number>, t: Translate): ChartOption {
  const reasons = REFUSAL_REASONS.filter((r) => (counts[r] ?? 0) > 0);
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: reasons.map((r) => t(`refusal.${r}`)) },
    series: [{
      type: 'bar',
      name: t('visits.stats.refused'),
      barMaxWidth: 22,
      itemStyle: { color: '#cf1322' },
      label: { show: true, position: 'right' },
      data: reasons.map((r) => counts[r] ?? 0),
    }],
  };
}

function sumStats(sites: readonly VisitDayStats[]) {
  const refusedBy: Record<string, number> = {};
  const total = { registered: 0, admitted: 0, refused: 0, insideNow: 0, overstays: 0 };
  for (const s of sites) {
    total.registered += s.registered;
    total.admitted += s.admitted;
    total.refused += s.refused;
    total.insideNow += s.insideNow;
    total.overstays += s.overstays;
    for (const [k, v] of Object.entries(s.refusedBy)) refusedBy[k] = (refusedBy[k] ?? 0) + v;
  }
  return { ...total, refusedBy };
}

function StatsCards({ sites, siteId }: { sites: readonly VisitDayStats[]; siteId: string | undefined }) {
  const t = useT();
  const shown = siteId ? sites.filter((s) => s.siteId === siteId) : sites;
  const sum = sumStats(shown);
  const hasRefusals = Object.values(sum.refusedBy).some((v) => v > 0);
  const items = [
    { key: 'registered', title: t('visits.stats.registered'), value: sum.registered },
    { key: 'admitted', title: t('visits.stats.admitted'), value: sum.admitted, color: '#389e0d' },
    { key: 'refused', title: t('visits.stats.refused'), value: sum.refused, color: sum.refused > 0 ? '#cf1322' : undefined },
    { key: 'inside', title: t('visits.stats.insideNow'), value: sum.insideNow },
    { key: 'overstays', title: t('visits.stats.overstays'), value: sum.overstays, color: sum.overstays > 0 ? '#cf1322' : undefined },
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Row gutter={[12, 12]}>
          {items.map((i) => (
            <Col key={i.key} xs={12} sm={8}>
              <Card size="small" data-testid={`visit-stat-${i.key}`}>
                <Statistic title={i.title} value={i.value} styles={{ content: i.color ? { color: i.color } : undefined }} />
              </Card>
            </Col>
          ))}
        </Row>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('visits.stats.byReason')} style={{ height: '100%' }}>
          {hasRefusals
            ? <EChart option={reasonOption(sum.refusedBy, t)} height={180} data-testid="refusal-chart" />
            : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.stats.noRefusals')} />}
        </Card>
      </Col>
    </Row>
  );
}

function VisitsTable({ visits, ...paging }: { visits: Visit[] } & Paging) {
  const t = useT();
  const columns: TableColumnsType<Visit> = [
    { title: t('visits.col.registeredAt'), dataIndex: 'registeredAt', width: 110, fixed: 'left', render: (_: unknown, v) => time(v.registeredAt) },
    {
      title: t('people.field.name'),
      dataIndex: 'name',
      width: 130,
      render: (_: unknown, v) => <Flex gap={4} wrap><span>{v.name}</span><VisitFlags visit={v} /></Flex>,
    },
    { title: t('people.field.phone'), dataIndex: 'phone', width: 130, render: (_: unknown, v) => <span style={{ fontFamily: 'monospace' }}>{v.phone ?? ''}</span> },
    { title: t('people.field.idNumber'), dataIndex: 'idNumber', width: 190, render: (_: unknown, v) => <span style={{ fontFamily: 'monospace' }}>{v.idNumber ?? ''}</span> },
    { title: t('gate.visiting'), dataIndex: 'visiting', width: 160, ellipsis: true },
    { title: t('visits.col.site'), dataIndex: 'siteName', width: 160, ellipsis: true },
    {
      title: t('visits.col.code'),
      key: 'code',
      width: 110,
      render: (_: unknown, v) => <HealthCodeTag code={v.screenedAt ? v.healthCodeSeen : v.healthCodeDeclared} />,
    },
    {
      title: t('visits.col.temperature'),
      dataIndex: 'temperature',
      width: 80,
      render: (_: unknown, v) => (v.temperature === null ? '' : `${formatTemperature(v.temperature)}℃`),
    },
    {
      title: t('visits.col.status'),
      dataIndex: 'status',
      width: 220,
      render: (_: unknown, v) => (
        <Flex gap={4} wrap data-testid="visit-status">
          <VisitStatusTag status={v.status} />
          {v.overstay && <Typography.Text type="danger">{t('visits.overstay')}</Typography.Text>}
          <RefusalTags reasons={v.refusalReasons} />
        </Flex>
      ),
    },
    { title: t('visits.col.admittedAt'), dataIndex: 'admittedAt', width: 110, render: (_: unknown, v) => time(v.admittedAt) },
    { title: t('visits.col.leftAt'), dataIndex: 'leftAt', width: 110, render: (_: unknown, v) => time(v.leftAt) },
    { title: t('visits.col.screenedBy'), dataIndex: 'screenedBy', width: 110, render: (_: unknown, v) => v.screenedByName ?? v.screenedBy ?? '' },
  ];
  return (
    <ServerTable<Visit>
      {...paging}
      columns={columns}
      rows={visits}
      pageSizes={PAGE_SIZES}
      scrollX={1600}
      totalText={(count) => t('visits.total', { count })}
      emptyText={t('visits.empty')}
      data-testid="visits-table"
    />
  );
}

/** The visit log: filters in the URL, server paging, export, and the day's figures. */
export function VisitsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { params, update, onPage } = useUrlParams(PAGE_SIZES[0]);
  const p = readParams(params);
  const { sites, query: sitesQuery } = useVisibleSites();
  const siteId = p.site === ALL_SITES ? undefined : p.site ?? (sites.length === 1 ? sites[0]?.id : undefined);
  const filter = useMemo<VisitFilter>(() => ({
    siteId, from: p.from, to: p.to, q: p.q || undefined, status: p.status, presentFrom: p.presentFrom, presentTo: p.presentTo,
  }), [siteId, p.from, p.to, p.q, p.status, p.presentFrom, p.presentTo]);
  const list = useVisitList(filter, p.pageSize, (p.page - 1) * p.pageSize, p.site !== undefined || !sitesQuery.isPending);
  const stats = useVisitStats(p.day);
  const [exporting, setExporting] = useState(false);

  const exportXlsx = () => {
    setExporting(true);
    visitsApi.exportVisits(filter, `${t('visits.exportFileName')}-${formatAt(new Date(), 'YYYYMMDD')}.xlsx`)
      .catch((e: unknown) => void message.error([t('people.downloadFailed'), errorText(e, t), serverDetail(e)].filter(Boolean).join(' · ')))
      .finally(() => setExporting(false));
  };

  const dateRange: [Dayjs, Dayjs] | null = p.from && p.to ? [dayjs(p.from), dayjs(p.to)] : null;
  const presentRange: [Dayjs, Dayjs] | null = p.presentFrom && p.presentTo ? [dayjs(p.presentFrom), dayjs(p.presentTo)] : null;

  return (
    <>
      <PageHeader
        title={t('visits.title')}
        extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx} data-testid="visits-export">{t('visits.export')}</Button>}
      />
      <Flex vertical gap={16}>
        <Card
          size="small"
          title={t('visits.stats.title')}
          extra={(
            <DatePicker
              allowClear={false}
              value={dayjs(p.day === 'today' ? today() : p.day)}
              disabledDate={(d) => afterToday(d)}
              onChange={(d) => update({ day: d && d.format('YYYY-MM-DD') !== today() ? d.format('YYYY-MM-DD') : undefined, page: p.page > 1 ? String(p.page) : undefined })}
              aria-label={t('visits.stats.day')}
            />
          )}
        >
          <QueryState query={stats}>{(s) => <StatsCards sites={s} siteId={siteId} />}</QueryState>
        </Card>
        <Card>
          <Flex gap={12} wrap style={{ marginBottom: 16 }}>
            <Select<string>
              showSearch={{ filterOption: filterByLabel }}
              aria-label={t('visits.col.site')}
              loading={sitesQuery.isPending}
              value={siteId ?? ALL_SITES}
              onChange={(v) => update({ siteId: v })}
              options={[{ value: ALL_SITES, label: t('people.allSites') }, ...siteOptions(sites)]}
              style={{ minWidth: 220, maxWidth: '100%' }}
            />
            <DatePicker.RangePicker
              value={dateRange}
              aria-label={t('visits.filter.dates')}
              onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            />
            <Input.Search
              key={p.q}
              allowClear
              placeholder={t('visits.searchPlaceholder')}
              aria-label={t('visits.searchPlaceholder')}
              defaultValue={p.q}
              maxLength={50}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              style={{ width: 300, maxWidth: '100%' }}
              data-testid="visits-search"
            />
            <Select<VisitStatus>
              allowClear
              placeholder={t('visits.col.status')}
              aria-label={t('visits.col.status')}
              value={p.status}
              onChange={(v) => update({ status: v })}
              options={VISIT_STATUSES.map((s) => ({ value: s, label: t(`visitStatus.${s}`) }))}
              style={{ minWidth: 120 }}
            />
          </Flex>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
            <Typography.Text>{t('visits.filter.present')}</Typography.Text>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={presentRange}
              aria-label={t('visits.filter.present')}
              onChange={(r) => update({ presentFrom: r?.[0]?.second(0).format(), presentTo: r?.[1]?.second(59).format() })}
              data-testid="visits-present"
            />
            <Typography.Text type="secondary">{t('visits.filter.presentHint')}</Typography.Text>
          </Flex>
          {list.isError && !list.data
            ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
            : (
              <VisitsTable visits={list.data?.visits ?? []} {...queryPaging(list, p.page, p.pageSize, onPage)} />
            )}
        </Card>
      </Flex>
    </>
  );
}
