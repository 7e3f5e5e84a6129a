import { useMemo, useState, type HTMLAttributes } from 'react';
import { Card, Col, Flex, Progress, Row, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { SiteType, type ComplianceCounts, type ComplianceOverview } from '@fangkong/domain';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { PastDayPicker, PercentBarCard, SitesOverviewTable, type PercentBar } from '../../components/shared/siteOverview';
import { siteTypeText, SiteTypeSelect } from '../../components/shared/siteType';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { TownFilter } from './testingFilters';
import { isoDate } from './testingParams';
import { RateBar, rateColor, ratePercent, rateText } from './testingUi';
import { useCompliance, useTownsAndSites } from './useTesting';
import { today as todayInZone } from '../../components/shared/time';

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
  const bars = useMemo(() => {
    const bar = (id: string, name: string, r: ComplianceCounts): PercentBar => ({
      id,
      name,
      percent: ratePercent(r.rate),
      color: rateColor(r.rate) ?? '#d9d9d9',
      tooltip: `${rateText(r.rate)} · ${t('testing.barDetail', { tested: r.tested, required: r.required })}`,
    });
    return perSite ? overview.sites.map((s) => bar(s.siteId, s.siteName, s)) : overview.towns.map((b) => bar(b.townId, b.townName, b));
  }, [overview, perSite, t]);

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
      <PercentBarCard
        title={perSite ? t('testing.compliance.chartBySite') : t('testing.compliance.chartByTown')}
        bars={bars}
        seriesName={t('testing.rate')}
        onBarClick={(bar) => void navigate(perSite ? `/testing?${query({ siteId: bar.id })}` : `/testing/compliance?${query({ townId: bar.id })}`)}
        data-testid="compliance-chart"
      />
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
        <SitesOverviewTable<SiteRow>
          columns={siteColumns}
          sites={overview.sites}
          size="small"
          scrollX={1100}
          behind={(s) => s.overdue > 0}
          rowTestId="compliance-site-row"
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
  const { params, update } = useUrlFilters();
  const [today] = useState(todayInZone);
  const on = isoDate(params.get('on'));
  const type = SiteType.safeParse(params.get('type'));
  const siteType = type.success ? type.data : undefined;
  const townId = params.get('townId') || undefined;
  const { towns } = useTownsAndSites();
  const compliance = useCompliance({ on, siteType, townId });

  return (
    <>
      <PageHeader title={t('testing.compliance.title')}>
        <Flex gap={12} wrap style={{ marginTop: 12 }}>
          <PastDayPicker day={on ?? today} today={today} onChange={(day) => update({ on: day !== today ? day : undefined })} />
          <TownFilter towns={towns} value={townId} onChange={(v) => update({ townId: v })} />
          <SiteTypeSelect value={siteType} onChange={(v) => update({ type: v })} minWidth={180} />
          {compliance.isFetching && <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('common.loading')}</Typography.Text>}
        </Flex>
      </PageHeader>
      <QueryState query={compliance}>{(overview) => <Overview overview={overview} today={today} />}</QueryState>
    </>
  );
}
