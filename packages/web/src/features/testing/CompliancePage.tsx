import { useMemo, useState, type HTMLAttributes } from 'react';
import { Card, Col, DatePicker, Empty, Flex, Progress, Row, Select, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { localDay, SITE_TYPES, SiteType, type ComplianceCounts, type ComplianceOverview } from '@fangkong/domain';
import { EChart, type ChartOption } from '../../components/shared/EChart';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { filterByLabel } from '../people/peopleUi';
import { isoDate } from './testingParams';
import { RateBar, rateColor, ratePercent, rateText, siteTypeText } from './testingUi';
import { useCompliance, useTownsAndSites } from './useTesting';

type SiteRow = ComplianceOverview['sites'][number];
type TownRow = ComplianceOverview['towns'][number];
type TypeRow = ComplianceOverview['siteTypes'][number];

/** Where a count links to: the due list or the records, filtered to the row (and the day shown). */
interface Scope {
  siteId?: string;
  townId?: string;
  siteType?: SiteType;
}

function query(parts: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(parts)) if (v) q.set(k, v);
  return q.toString();
}

function overdueLink(scope: Scope, day: string, today: string): string {
  return `/testing?${query({ status: 'overdue', siteId: scope.siteId, townId: scope.townId, type: scope.siteType, on: day === today ? undefined : day })}`;
}

function staleLink(scope: Scope): string {
  return `/testing/records?${query({ stalePending: 'true', siteId: scope.siteId, townId: scope.townId })}`;
}

function CountLink({ value, to, danger, testId }: { value: number; to: string | undefined; danger?: boolean; testId?: string }) {
  if (value === 0 || !to) return <span>{value}</span>;
  return <Link to={to} data-testid={testId} style={danger ? { color: '#cf1322', fontWeight: 600 } : undefined}>{value}</Link>;
}

function countColumns<T extends ComplianceCounts>(t: Translate, scopeOf: (r: T) => Scope, day: string, today: string): TableColumnsType<T> {
  const num = (key: 'required' | 'tested' | 'due' | 'overdue' | 'stalePending' | 'positive') => (a: T, b: T) => a[key] - b[key];
  return [
    {
      title: t('testing.rate'),
      key: 'rate',
      width: 170,
      sorter: (a, b) => (a.rate ?? 2) - (b.rate ?? 2),
      render: (_: unknown, r) => <RateBar rate={r.rate} detail={t('testing.barDetail', { tested: r.tested, required: r.required })} />,
    },
    { title: t('testing.col.required'), dataIndex: 'required', width: 80, align: 'right', sorter: num('required') },
    { title: t('testing.col.tested'), dataIndex: 'tested', width: 80, align: 'right', sorter: num('tested') },
    { title: t('dueStatus.due'), dataIndex: 'due', width: 80, align: 'right', sorter: num('due') },
    {
      title: t('dueStatus.overdue'),
      dataIndex: 'overdue',
      width: 80,
      align: 'right',
      sorter: num('overdue'),
      render: (_: unknown, r) => <CountLink value={r.overdue} to={overdueLink(scopeOf(r), day, today)} danger testId="compliance-overdue-link" />,
    },
    {
      title: t('testing.col.stalePending'),
      dataIndex: 'stalePending',
      width: 110,
      align: 'right',
      sorter: num('stalePending'),
      // Records are listed as they are now: the link does not depend on the day shown.
      render: (_: unknown, r) => <CountLink value={r.stalePending} to={scopeOf(r).siteType ? undefined : staleLink(scopeOf(r))} danger testId="compliance-stale-link" />,
    },
    {
      title: t('testResult.positive'),
      dataIndex: 'positive',
      width: 80,
      align: 'right',
      sorter: num('positive'),
      render: (_: unknown, r) => (r.positive > 0 ? <Typography.Text type="danger" strong>{r.positive}</Typography.Text> : 0),
    },
  ];
}

function chartOption(bars: { name: string; rate: number | null; detail: string }[], t: Translate): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const first = Array.isArray(p) ? (p[0] as { dataIndex?: number } | undefined) : undefined;
        const bar = first?.dataIndex !== undefined ? bars[first.dataIndex] : undefined;
        return bar ? `${bar.name}<br/>${rateText(bar.rate)} · ${bar.detail}` : '';
      },
    },
    xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { interval: 0, rotate: bars.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, min: 0, axisLabel: { formatter: '{value}%' } },
    series: [{
      type: 'bar',
      name: t('testing.rate'),
      barMaxWidth: 48,
      // Nobody to test: no bar at all ('-' is ECharts' empty value), rather than a misleading 0 %.
      data: bars.map((b) => ({ value: ratePercent(b.rate) ?? '-', itemStyle: { color: rateColor(b.rate) ?? '#d9d9d9' } })),
      label: { show: true, position: 'top', formatter: '{c}%' },
    }],
  };
}

function Totals({ overview, day, today }: { overview: ComplianceOverview; day: string; today: string }) {
  const t = useT();
  const total = overview.total;
  const percent = ratePercent(total.rate);
  return (
    <Card size="small">
      <Row gutter={[16, 16]} align="middle">
        <Col xs={24} sm={8} lg={5} style={{ textAlign: 'center' }}>
          <Progress
            type="dashboard"
            size={120}
            percent={percent ?? 0}
            strokeColor={rateColor(total.rate)}
            status={percent !== null && percent >= 100 ? 'success' : 'normal'}
            format={() => <span data-testid="compliance-rate" style={{ fontSize: 22 }}>{rateText(total.rate)}</span>}
          />
          <div><Typography.Text type="secondary">{t('testing.compliance.rateLabel')}</Typography.Text></div>
        </Col>
        <Col xs={24} sm={16} lg={19}>
          <Row gutter={[12, 12]} data-testid="compliance-totals">
            <Col xs={12} md={8} xl={4}><Statistic title={t('testing.col.required')} value={total.required} /></Col>
            <Col xs={12} md={8} xl={4}><Statistic title={t('testing.col.tested')} value={total.tested} /></Col>
            <Col xs={12} md={8} xl={4}><Statistic title={t('dueStatus.due')} value={total.due} /></Col>
            <Col xs={12} md={8} xl={4}>
              <Link to={overdueLink({}, day, today)} style={{ color: 'inherit' }} data-testid="compliance-total-overdue">
                <Statistic title={t('dueStatus.overdue')} value={total.overdue} styles={{ content: total.overdue > 0 ? { color: '#cf1322' } : undefined }} />
              </Link>
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Link to={staleLink({})} style={{ color: 'inherit' }} data-testid="compliance-total-stale">
                <Statistic title={t('testing.col.stalePending')} value={total.stalePending} styles={{ content: total.stalePending > 0 ? { color: '#d4380d' } : undefined }} />
              </Link>
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Statistic title={t('testResult.positive')} value={total.positive} styles={{ content: total.positive > 0 ? { color: '#cf1322' } : undefined }} />
            </Col>
          </Row>
        </Col>
      </Row>
    </Card>
  );
}

function Overview({ overview, today }: { overview: ComplianceOverview; today: string }) {
  const t = useT();
  const navigate = useNavigate();
  const day = overview.day;
  // One town (or none): compare its sites; otherwise compare the towns.
  const perSite = overview.towns.length <= 1;
  const bars = useMemo(() => (perSite
    ? overview.sites.map((s) => ({ id: s.siteId, name: s.siteName, rate: s.rate, detail: t('testing.barDetail', { tested: s.tested, required: s.required }) }))
    : overview.towns.map((b) => ({ id: b.townId, name: b.townName, rate: b.rate, detail: t('testing.barDetail', { tested: b.tested, required: b.required }) }))),
  [overview, perSite, t]);
  const option = useMemo(() => chartOption(bars, t), [bars, t]);

  const townColumns: TableColumnsType<TownRow> = [
    {
      title: t('testing.field.town'),
      dataIndex: 'townName',
      width: 140,
      fixed: 'left',
      render: (_: unknown, r) => <Link to={`/testing/compliance?${query({ townId: r.townId, on: day === today ? undefined : day })}`}>{r.townName}</Link>,
    },
    ...countColumns<TownRow>(t, (r) => ({ townId: r.townId }), day, today),
  ];
  const siteColumns: TableColumnsType<SiteRow> = [
    {
      title: t('people.field.site'),
      dataIndex: 'siteName',
      width: 180,
      fixed: 'left',
      sorter: (a, b) => a.siteName.localeCompare(b.siteName, 'zh-CN'),
      render: (_: unknown, s) => <Link to={`/testing?${query({ siteId: s.siteId, status: 'all', on: day === today ? undefined : day })}`}>{s.siteName}</Link>,
    },
    { title: t('testing.field.town'), dataIndex: 'townName', width: 110, render: (_: unknown, s) => s.townName ?? '' },
    { title: t('sites.col.type'), dataIndex: 'siteType', width: 120, render: (_: unknown, s) => siteTypeText(s.siteType, t) },
    ...countColumns<SiteRow>(t, (r) => ({ siteId: r.siteId }), day, today),
  ];
  const typeColumns: TableColumnsType<TypeRow> = [
    { title: t('sites.col.type'), dataIndex: 'siteType', width: 130, fixed: 'left', render: (_: unknown, r) => siteTypeText(r.siteType, t) },
    ...countColumns<TypeRow>(t, (r) => ({ siteType: r.siteType }), day, today),
  ];

  return (
    <Flex vertical gap={16}>
      <Totals overview={overview} day={day} today={today} />
      <Card title={perSite ? t('testing.compliance.chartBySite') : t('testing.compliance.chartByTown')} size="small">
        {bars.length === 0
          ? <Empty description={t('coverage.noSites')} />
          : (
            <EChart
              option={option}
              height={300}
              data-testid="compliance-chart"
              aria-label={perSite ? t('testing.compliance.chartBySite') : t('testing.compliance.chartByTown')}
              onItemClick={(i) => {
                const bar = bars[i];
                if (!bar) return;
                void navigate(perSite ? `/testing?${query({ siteId: bar.id })}` : `/testing/compliance?${query({ townId: bar.id })}`);
              }}
            />
          )}
      </Card>
      {overview.towns.length > 0 && (
        <Card title={t('testing.compliance.byTown')} size="small">
          <Table<TownRow>
            rowKey="townId"
            size="small"
            columns={townColumns}
            dataSource={overview.towns}
            pagination={false}
            scroll={{ x: 820 }}
            onRow={(r) => ({ 'data-testid': 'compliance-town-row', 'data-town-name': r.townName }) as HTMLAttributes<HTMLElement>}
          />
        </Card>
      )}
      <Card title={t('testing.compliance.bySite')} size="small">
        <Table<SiteRow>
          rowKey="siteId"
          size="small"
          columns={siteColumns}
          dataSource={overview.sites}
          scroll={{ x: 1100 }}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
          rowClassName={(s) => (s.overdue > 0 ? 'fk-row-warning' : '')}
          locale={{ emptyText: <Empty description={t('coverage.noSites')} /> }}
          onRow={(s) => ({ 'data-testid': 'compliance-site-row', 'data-site-name': s.siteName }) as HTMLAttributes<HTMLElement>}
        />
      </Card>
      <Card title={t('testing.compliance.byType')} size="small">
        <Table<TypeRow> rowKey="siteType" size="small" columns={typeColumns} dataSource={overview.siteTypes} pagination={false} scroll={{ x: 820 }} />
      </Card>
    </Flex>
  );
}

/** The 应检尽检 rate per town, site type and site, for a day; counts link to the lists behind them. */
export function CompliancePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [today] = useState(() => localDay(new Date()));
  const on = isoDate(params.get('on'));
  const type = SiteType.safeParse(params.get('type'));
  const siteType = type.success ? type.data : undefined;
  const townId = params.get('townId') || undefined;
  const { towns } = useTownsAndSites();
  const compliance = useCompliance({ on, siteType, townId });

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('testing.compliance.title')}>
        <Flex gap={12} wrap style={{ marginTop: 12 }}>
          <DatePicker
            allowClear={false}
            inputReadOnly
            value={dayjs(on ?? today)}
            aria-label={t('round.date')}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            onChange={(d) => setParam('on', d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : undefined)}
          />
          {towns.length > 1 && (
            <Select<string>
              allowClear
              showSearch={{ filterOption: filterByLabel }}
              placeholder={t('testing.allTowns')}
              aria-label={t('testing.field.town')}
              value={townId}
              onChange={(v) => setParam('townId', v)}
              options={towns.map((tw) => ({ value: tw.id, label: tw.name }))}
              style={{ minWidth: 160 }}
            />
          )}
          <Select<SiteType>
            allowClear
            placeholder={t('sites.filterType')}
            aria-label={t('sites.filterType')}
            value={siteType}
            onChange={(v) => setParam('type', v)}
            options={SITE_TYPES.map((s) => ({ value: s, label: t(`siteType.${s}`) }))}
            style={{ minWidth: 180 }}
          />
          {compliance.isFetching && <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('common.loading')}</Typography.Text>}
        </Flex>
      </PageHeader>
      <QueryState query={compliance}>{(overview) => <Overview overview={overview} today={today} />}</QueryState>
    </>
  );
}
