import { useMemo } from 'react';
import { UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { INCIDENT_TYPES, RECEIVERS, type Incident, type IncidentOverview } from '@fangkong/domain';
import { EChart, type ChartOption } from '../../components/shared/EChart';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { LateFeverReports } from '../health/LateFeverReports';
import { useCan } from '../auth/currentUser';
import { DemoClockPanel } from '../notifications/DemoClock';
import { useNow } from '../visits/visitsUi';
import { boardOrder, dueDistance, hasLateStep, incidentNow, nextStep } from './incidentRules';
import { distanceText, IncidentTypeTag, minutesText, StepChips, StepLegend, time, TYPE_CHART_COLORS } from './incidentsUi';
import { BOARD_LIMIT, useIncidentList, useIncidentOverview } from './useIncidents';
import './incidents.css';

const LATE = '#cf1322';

/** Open incidents per town, one stacked bar per town, a colour per type. */
function openByTownOption(overview: IncidentOverview, t: Translate): ChartOption {
  const towns = [...new Map(overview.open.map((o) => [o.townId ?? '', o.townName ?? t('incidents.board.noTown')])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
  const types = INCIDENT_TYPES.filter((type) => overview.open.some((o) => o.type === type && o.count > 0));
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'plain' },
    xAxis: { type: 'category', data: towns.map(([, name]) => name), axisLabel: { interval: 0, width: 80, overflow: 'truncate' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: types.map((type) => ({
      type: 'bar',
      stack: 'open',
      name: t(`incidentType.${type}`),
      barMaxWidth: 48,
      itemStyle: { color: TYPE_CHART_COLORS[type] },
      data: towns.map(([townId]) => overview.open.filter((o) => (o.townId ?? '') === townId && o.type === type).reduce((sum, o) => sum + o.count, 0)),
    })),
  };
}

type MeanRow = IncidentOverview['meanMinutes'][number];

function MeanMinutesTable({ overview }: { overview: IncidentOverview }) {
  const t = useT();
  const rows = RECEIVERS.map((to) => overview.meanMinutes.find((m) => m.to === to)).filter((m): m is MeanRow => m !== undefined);
  const columns: TableColumnsType<MeanRow> = [
    { title: t('incidents.step.receiver'), dataIndex: 'to', render: (_: unknown, m) => t(`receiver.${m.to}`) },
    {
      title: t('incidents.board.meanMinutes'),
      dataIndex: 'minutes',
      align: 'right',
      width: 140,
      render: (_: unknown, m) => (m.minutes === null ? '—' : minutesText(m.minutes, t)),
    },
    { title: t('incidents.board.doneCount'), dataIndex: 'done', align: 'right', width: 90 },
  ];
  return (
    <Table<MeanRow>
      rowKey="to"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} /> }}
      data-testid="board-mean-minutes"
    />
  );
}

function Kpis({ overview }: { overview: IncidentOverview }) {
  const t = useT();
  const open = overview.open.reduce((sum, o) => sum + o.count, 0);
  const towns = new Set(overview.open.filter((o) => o.count > 0).map((o) => o.townId ?? '')).size;
  const option = useMemo(() => openByTownOption(overview, t), [overview, t]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Row gutter={[16, 16]}>
          <Col xs={12} lg={24}>
            <Card size="small">
              <Link to="/incidents?status=open" style={{ color: 'inherit' }}>
                <Statistic title={t('incidents.board.open')} value={open} data-testid="board-open" />
              </Link>
            </Card>
          </Col>
          <Col xs={12} lg={24}>
            <Card size="small">
              <Link to="/incidents?status=open&late=true" style={{ color: 'inherit' }}>
                <Statistic
                  title={t('incidents.board.lateSteps')}
                  value={overview.lateSteps}
                  styles={{ content: { color: overview.lateSteps > 0 ? LATE : undefined } }}
                  data-testid="board-late-steps"
                />
              </Link>
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small">
              <Statistic title={t('incidents.board.towns')} value={towns} />
            </Card>
          </Col>
        </Row>
      </Col>
      <Col xs={24} lg={16}>
        <Card title={t('incidents.board.byTown')} size="small" style={{ height: '100%' }}>
          {open === 0
            ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.board.noneOpen')} />
            : <EChart option={option} height={260} aria-label={t('incidents.board.byTown')} data-testid="board-chart" />}
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('incidents.board.meanTitle')} size="small">
          <MeanMinutesTable overview={overview} />
        </Card>
      </Col>
    </Row>
  );
}

/** One open incident: what and where, its steps, and how long until (or since) the step it waits for. */
function BoardRow({ incident: i, browserNow }: { incident: Incident; browserNow: number }) {
  const t = useT();
  const navigate = useNavigate();
  const now = incidentNow(i, browserNow);
  const next = nextStep(i);
  const late = hasLateStep(i);
  const distance = next ? dueDistance(next, now) : undefined;
  return (
    <div
      className={`fk-incident-row${late ? ' fk-incident-late' : ''}`}
      data-testid="board-incident"
      data-incident-id={i.id}
      data-late={late ? 'true' : 'false'}
      role="link"
      tabIndex={0}
      onClick={() => void navigate(`/incidents/${i.id}`)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void navigate(`/incidents/${i.id}`);
      }}
    >
      <div className="fk-incident-what">
        <Flex gap={8} align="center" wrap>
          <IncidentTypeTag type={i.type} />
          <Typography.Text strong>{i.siteName}</Typography.Text>
          {i.townName && <Typography.Text type="secondary">{i.townName}</Typography.Text>}
        </Flex>
        <Typography.Text ellipsis style={{ display: 'block', maxWidth: '100%' }}>{i.summary}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('incidents.board.openedAt', { at: time(i.openedAt) })}</Typography.Text>
      </div>
      <div className="fk-incident-steps"><StepChips incident={i} now={now} /></div>
      <div className="fk-incident-next" data-testid="board-next">
        {next && distance ? (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`receiver.${next.to}`)}</Typography.Text>
            <Typography.Text strong style={{ color: distance.kind === 'late' ? LATE : undefined }}>{distanceText(distance, t)}</Typography.Text>
          </>
        ) : <Typography.Text type="secondary">{t('incidents.board.allDone')}</Typography.Text>}
      </div>
    </div>
  );
}

function OpenIncidents({ incidents }: { incidents: Incident[] }) {
  const t = useT();
  const browserNow = useNow(30_000);
  const ordered = useMemo(() => boardOrder(incidents), [incidents]);
  if (ordered.length === 0) return <Empty description={t('incidents.board.noneOpen')} data-testid="board-empty" />;
  return (
    <div className="fk-incident-list" data-testid="board-incidents">
      {ordered.map((i) => <BoardRow key={i.id} incident={i} browserNow={browserNow} />)}
    </div>
  );
}

/**
 * `/incidents/board`: the open incidents in the user's jurisdiction (the server's scope) for the
 * town offices and the bureau: counts, open incidents per town and type, how long each level
 * takes, and every open incident with the longest overdue first. Asked for again every 15 s.
 * Where the server lets its clock be moved (demos, browser tests), the clock's panel is on top.
 */
export function EscalationBoardPage() {
  const t = useT();
  const navigate = useNavigate();
  const { params, update } = useUrlFilters();
  const lateOnly = params.get('late') === 'true';
  // Fever reports are the alerts' own (R2.4): shown to those who may read alerts.
  const canReadAlerts = useCan('health.read');
  const overview = useIncidentOverview();
  const list = useIncidentList({ status: 'open', late: lateOnly || undefined }, BOARD_LIMIT, 0);
  const total = list.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t('incidents.board.title')}
        extra={<Button icon={<UnorderedListOutlined />} onClick={() => void navigate('/incidents')}>{t('nav.incidentsList')}</Button>}
      />
      <DemoClockPanel />
      <Flex vertical gap={16}>
        <QueryState query={overview}>{(o) => <Kpis overview={o} />}</QueryState>
        <Card
          size="small"
          title={t('incidents.board.listTitle')}
          extra={(
            <Flex gap={6} align="center">
              <Switch id="board-late" size="small" checked={lateOnly} onChange={(v) => update({ late: v ? 'true' : undefined })} data-testid="board-late-only" />
              <label htmlFor="board-late">{t('incidents.lateOnly')}</label>
            </Flex>
          )}
        >
          {list.isPending
            ? <Skeleton active />
            : list.isError && !list.data
              ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
              : (
                <Flex vertical gap={8}>
                  <OpenIncidents incidents={list.data?.incidents ?? []} />
                  {total > BOARD_LIMIT && <Typography.Text type="secondary">{t('incidents.board.more', { shown: BOARD_LIMIT, total })}</Typography.Text>}
                  <StepLegend />
                </Flex>
              )}
        </Card>
        {canReadAlerts && <LateFeverReports />}
      </Flex>
    </>
  );
}
