import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { coverageRate, IsoDate, SiteType, type Coverage, type CoverageOverview, type SiteCoverage } from '@fangkong/domain';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { PastDayPicker, PercentBarCard, SitesOverviewTable, type PercentBar } from '../../components/shared/siteOverview';
import { siteTypeText, SiteTypeSelect } from '../../components/shared/siteType';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { ratePercent } from '../testing/testingUi';
import { downloadCsv, toCsv } from '../sites/csv';
import { useCoverage } from './useHealth';
import { today as todayInZone } from '../../components/shared/time';

/**
 * Share of the expected people checked, in percent rounded down (99.96 % is not 100 %); null when
 * nobody is expected: nothing to check is not 100 % (requirements §15).
 */
export function coveragePercent(c: Pick<Coverage, 'expected' | 'checked'>): number | null {
  return ratePercent(coverageRate(c));
}

export function percentColor(p: number | null): string {
  if (p === null) return '#bfbfbf';
  if (p >= 100) return '#52c41a';
  if (p >= 80) return '#faad14';
  return '#f5222d';
}

const incomplete = (s: SiteCoverage) => s.status === 'incomplete';

/** "85.2%", or "nothing to check" when nobody is expected. */
const percentText = (p: number | null, t: Translate) => (p === null ? t('coverage.nothingToCheck') : `${p}%`);

function exportCsv(overview: CoverageOverview, t: Translate): void {
  const header = [
    t('coverage.col.town'), t('coverage.col.site'), t('coverage.col.type'), t('coverage.col.expected'), t('coverage.col.checked'),
    t('coverage.col.complete'), t('coverage.col.missing'), t('coverage.col.abnormal'), t('coverage.col.openAlerts'),
    t('coverage.col.freeObservation'), t('coverage.col.freeIsolation'), t('coverage.col.percent'),
  ];
  const rows = overview.sites.map((s) => [
    s.townName ?? '', s.siteName, siteTypeText(s.siteType, t), String(s.expected), String(s.checked), String(s.complete),
    String(s.missing), String(s.abnormal), String(s.openAlerts), String(s.freeObservation), String(s.freeIsolation),
    percentText(coveragePercent(s), t),
  ]);
  downloadCsv(`${t('coverage.csvFileName')}-${overview.day}.csv`, toCsv(header, rows));
}

function Totals({ overview }: { overview: CoverageOverview }) {
  const t = useT();
  const { totals } = overview;
  const percent = coveragePercent(totals);
  const items = [
    percent === null
      ? { key: 'percent', title: t('coverage.percent'), value: t('coverage.nothingToCheck'), color: percentColor(percent) }
      : { key: 'percent', title: t('coverage.percent'), value: percent, suffix: '%', color: percentColor(percent) },
    { key: 'expected', title: t('coverage.col.expected'), value: overview.totals.expected },
    { key: 'checked', title: t('coverage.col.checked'), value: overview.totals.checked },
    { key: 'missing', title: t('coverage.col.missing'), value: overview.totals.missing, color: overview.totals.missing > 0 ? '#d4380d' : undefined },
    { key: 'abnormal', title: t('coverage.col.abnormal'), value: overview.totals.abnormal, color: overview.totals.abnormal > 0 ? '#cf1322' : undefined },
    // "27 / 30 (3 with nothing to check)": a site with nobody expected is not counted as done.
    {
      key: 'sites', title: t('coverage.sitesComplete'), value: totals.sitesComplete,
      suffix: totals.sitesNothingToCheck > 0 ? t('coverage.sitesOf', { sites: totals.sites, nothing: totals.sitesNothingToCheck }) : `/ ${totals.sites}`,
    },
  ];
  return (
    <Row gutter={[16, 16]} data-testid="coverage-totals">
      {items.map((i) => (
        <Col key={i.key} xs={12} sm={8} lg={4}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={i.title} value={i.value} suffix={i.suffix} styles={{ content: { color: i.color } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function SitesTable({ overview }: { overview: CoverageOverview }) {
  const t = useT();
  const num = (key: keyof SiteCoverage & ('expected' | 'checked' | 'missing' | 'abnormal' | 'openAlerts' | 'freeObservation' | 'freeIsolation' | 'complete')) =>
    (a: SiteCoverage, b: SiteCoverage) => a[key] - b[key];
  const columns: TableColumnsType<SiteCoverage> = [
    {
      title: t('coverage.col.town'),
      dataIndex: 'townName',
      width: 90,
      sorter: (a, b) => (a.townName ?? '').localeCompare(b.townName ?? '', 'zh-CN'),
      render: (_: unknown, s) => s.townName ?? '',
    },
    {
      title: t('coverage.col.site'),
      dataIndex: 'siteName',
      width: 140,
      fixed: 'left',
      sorter: (a, b) => a.siteName.localeCompare(b.siteName, 'zh-CN'),
      render: (_: unknown, s) => (
        <Flex gap={6} wrap align="center">
          <Link to={`/rounds?siteId=${encodeURIComponent(s.siteId)}&date=${overview.day}`} data-testid="coverage-round-link">{s.siteName}</Link>
          {incomplete(s) && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('coverage.incomplete')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('coverage.col.type'),
      dataIndex: 'siteType',
      width: 105,
      sorter: (a, b) => a.siteType.localeCompare(b.siteType),
      render: (_: unknown, s) => siteTypeText(s.siteType, t),
    },
    { title: t('coverage.col.expected'), dataIndex: 'expected', width: 94, align: 'right', sorter: num('expected') },
    { title: t('coverage.col.checked'), dataIndex: 'checked', width: 90, align: 'right', sorter: num('checked') },
    {
      title: t('coverage.col.percent'),
      key: 'percent',
      width: 100,
      align: 'right',
      defaultSortOrder: 'ascend',
      // Nothing to check sorts after every site with a figure, whichever the order.
      sorter: (a, b) => (coveragePercent(a) ?? 101) - (coveragePercent(b) ?? 101),
      // Nobody expected (e.g. a funeral home's staff-only round not set up): nothing to check.
      render: (_: unknown, s) => (s.status === 'nothing_to_check'
        ? <Typography.Text type="secondary" data-status={s.status}>{t('coverage.nothingToCheck')}</Typography.Text>
        : <span style={{ color: percentColor(coveragePercent(s)) }}>{coveragePercent(s)}%</span>),
    },
    { title: t('coverage.col.missing'), dataIndex: 'missing', width: 90, align: 'right', sorter: num('missing') },
    { title: t('coverage.col.abnormal'), dataIndex: 'abnormal', width: 100, align: 'right', sorter: num('abnormal') },
    {
      title: t('coverage.col.openAlerts'),
      dataIndex: 'openAlerts',
      width: 90,
      align: 'right',
      sorter: num('openAlerts'),
      render: (_: unknown, s) => (s.openAlerts > 0 ? <Link to={`/alerts?siteId=${encodeURIComponent(s.siteId)}`}>{s.openAlerts}</Link> : 0),
    },
    { title: t('coverage.col.freeObservation'), dataIndex: 'freeObservation', width: 120, align: 'right', sorter: num('freeObservation') },
    { title: t('coverage.col.freeIsolation'), dataIndex: 'freeIsolation', width: 105, align: 'right', sorter: num('freeIsolation') },
  ];
  return (
    <SitesOverviewTable<SiteCoverage>
      columns={columns}
      sites={overview.sites}
      // Small cells: the whole table fits a desktop screen; each width fits the longest English
      // header word with its sort arrows (headers wrap between words only).
      size="small"
      scrollX={1124}
      behind={incomplete}
      rowTestId="coverage-row"
    />
  );
}

function ByType({ overview }: { overview: CoverageOverview }) {
  const t = useT();
  type Row = CoverageOverview['bySiteType'][number];
  const columns: TableColumnsType<Row> = [
    { title: t('coverage.col.type'), dataIndex: 'siteType', render: (_: unknown, r) => siteTypeText(r.siteType, t) },
    {
      title: t('coverage.sitesComplete'), key: 'sites', align: 'right',
      render: (_: unknown, r) => `${r.sitesComplete} ${r.sitesNothingToCheck > 0 ? t('coverage.sitesOf', { sites: r.sites, nothing: r.sitesNothingToCheck }) : `/ ${r.sites}`}`,
    },
    { title: t('coverage.col.expected'), dataIndex: 'expected', align: 'right' },
    { title: t('coverage.col.checked'), dataIndex: 'checked', align: 'right' },
    {
      title: t('coverage.col.percent'), key: 'percent', align: 'right',
      render: (_: unknown, r) => (r.rate === null ? <Typography.Text type="secondary">{t('coverage.nothingToCheck')}</Typography.Text> : `${coveragePercent(r)}%`),
    },
    { title: t('coverage.col.missing'), dataIndex: 'missing', align: 'right' },
    { title: t('coverage.col.abnormal'), dataIndex: 'abnormal', align: 'right' },
  ];
  return <Table<Row> rowKey="siteType" size="small" columns={columns} dataSource={overview.bySiteType} pagination={false} scroll={{ x: 600 }} />;
}

function Overview({ overview }: { overview: CoverageOverview }) {
  const t = useT();
  const navigate = useNavigate();
  // One town (or none): compare its sites; otherwise compare the towns.
  const perSite = overview.byTown.length <= 1;
  const bars = useMemo(() => {
    const bar = (id: string, name: string, c: Coverage, tooltip: string): PercentBar => {
      const percent = coveragePercent(c);
      return { id, name, percent, color: percentColor(percent), tooltip };
    };
    return perSite
      ? overview.sites.map((s) => bar(s.siteId, s.siteName, s, s.status === 'nothing_to_check'
        ? t('coverage.barNothing')
        : t('coverage.barDetail', { checked: s.checked, expected: s.expected })))
      : overview.byTown.map((b) => bar(
        b.townId,
        b.townName,
        b,
        b.rate === null
          ? t('coverage.barNothing')
          : t('coverage.barDetailTown', { checked: b.checked, expected: b.expected, complete: b.sitesComplete, sites: b.sites, nothing: b.sitesNothingToCheck }),
      ));
  }, [overview, perSite, t]);
  return (
    <Flex vertical gap={16}>
      <Totals overview={overview} />
      <PercentBarCard
        title={perSite ? t('coverage.chartBySite') : t('coverage.chartByTown')}
        bars={bars}
        seriesName={t('coverage.percent')}
        onBarClick={(bar) => {
          if (perSite) void navigate(`/rounds?siteId=${encodeURIComponent(bar.id)}&date=${overview.day}`);
        }}
        data-testid="coverage-chart"
      />
      <Card
        title={t('coverage.bySite')}
        size="small"
        extra={(
          <Button size="small" icon={<DownloadOutlined />} disabled={overview.sites.length === 0} onClick={() => exportCsv(overview, t)} data-testid="coverage-csv">
            {t('sites.exportCsv')}
          </Button>
        )}
      >
        <SitesTable overview={overview} />
      </Card>
      <Card title={t('coverage.byType')} size="small">
        <ByType overview={overview} />
      </Card>
    </Flex>
  );
}

/** How much of the day's round each site has done, for town officers and the bureau. */
export function CoveragePage() {
  const t = useT();
  const { params, update } = useUrlFilters();
  const [today] = useState(todayInZone);
  const dateParam = params.get('date');
  const date = dateParam && IsoDate.safeParse(dateParam).success && dateParam <= today ? dateParam : today;
  const typeParam = SiteType.safeParse(params.get('type'));
  const siteType = typeParam.success ? typeParam.data : undefined;
  const coverage = useCoverage({ date, siteType });

  return (
    <>
      <PageHeader title={t('coverage.title')}>
        <Flex gap={12} wrap style={{ marginTop: 12 }}>
          <PastDayPicker day={date} today={today} onChange={(day) => update({ date: day })} />
          <SiteTypeSelect value={siteType} onChange={(v) => update({ type: v })} minWidth={180} />
          {coverage.isFetching && <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('common.loading')}</Typography.Text>}
        </Flex>
      </PageHeader>
      <QueryState query={coverage}>{(overview) => <Overview overview={overview} />}</QueryState>
    </>
  );
}
