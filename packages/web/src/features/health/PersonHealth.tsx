import { useMemo } from 'react';
import { Card, Empty, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Placement, Reading, SiteType } from '@fangkong/domain';
import { EChart, type ChartOption } from '../../components/shared/EChart';
import { QueryState } from '../../components/shared/QueryState';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { bandColor, useSiteMonitoring } from './healthUi';
import { formatTemperature } from './temperature';
import { usePersonReadings, usePlacements } from './useHealth';
import { formatAt } from '../../components/shared/time';

const TREND_DAYS = 30;
const COLORS: Record<string, string> = { gold: '#d4b106', orange: '#fa8c16', red: '#f5222d', magenta: '#eb2f96', blue: '#1677ff', green: '#52c41a' };

function trendOption(readings: readonly Reading[], feverAbove: number, t: Translate): ChartOption {
  const temps = readings.map((r) => r.temperature);
  const low = Math.min(35.5, ...temps);
  const high = Math.max(38, feverAbove + 0.5, ...temps);
  return {
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const index = (p as { dataIndex?: number }).dataIndex;
        const r = index !== undefined ? readings[index] : undefined;
        if (!r) return '';
        const symptoms = r.symptoms.map((s) => t(`symptom.${s}`)).join('、');
        return [
          formatAt(r.measuredAt, 'YYYY-MM-DD HH:mm'),
          `${formatTemperature(r.temperature)}℃ · ${t(`band.${r.band}`)}`,
          symptoms ? t('health.symptomsLine', { symptoms }) : undefined,
          r.recordedBy ? t('health.recordedBy', { name: r.recordedBy }) : undefined,
        ].filter(Boolean).join('<br/>');
      },
    },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', min: Math.floor(low * 2) / 2, max: Math.ceil(high * 2) / 2, axisLabel: { formatter: '{value}℃' } },
    series: [{
      type: 'line',
      name: t('health.temperature'),
      data: readings.map((r) => ({
        value: [r.measuredAt, r.temperature],
        symbol: r.symptoms.length > 0 ? 'diamond' : 'circle',
        symbolSize: r.symptoms.length > 0 || r.abnormal ? 10 : 6,
        itemStyle: { color: COLORS[bandColor(r.band)] ?? '#1677ff' },
      })),
      lineStyle: { color: '#8c8c8c', width: 1.5 },
      markLine: {
        symbol: 'none',
        lineStyle: { color: '#f5222d', type: 'dashed' },
        label: { formatter: t('health.feverLine', { value: formatTemperature(feverAbove) }), position: 'insideEndTop' },
        data: [{ yAxis: feverAbove }],
      },
    }],
  };
}

function Trend({ readings, feverAbove }: { readings: Reading[]; feverAbove: number }) {
  const t = useT();
  const option = useMemo(() => trendOption(readings, feverAbove, t), [readings, feverAbove, t]);
  if (readings.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('health.noReadings', { days: TREND_DAYS })} />;
  return <EChart option={option} height={280} data-testid="person-trend" aria-label={t('health.trendTitle', { days: TREND_DAYS })} />;
}

function Placements({ placements }: { placements: Placement[] }) {
  const t = useT();
  const columns: TableColumnsType<Placement> = [
    { title: t('isolation.room'), dataIndex: 'roomName' },
    { title: t('isolation.reason'), dataIndex: 'reason', render: (_: unknown, p) => t(`placementReason.${p.reason}`) },
    { title: t('isolation.startAt'), dataIndex: 'startAt', render: (_: unknown, p) => formatAt(p.startAt, 'YYYY-MM-DD') },
    { title: t('isolation.plannedEnd'), dataIndex: 'plannedEnd' },
    {
      title: t('isolation.outcome'),
      dataIndex: 'outcome',
      render: (_: unknown, p) => (p.outcome
        ? `${t(`placementOutcome.${p.outcome}`)}${p.endedAt ? ` · ${formatAt(p.endedAt, 'YYYY-MM-DD')}` : ''}`
        : <Tag color="purple">{t('isolation.current')}</Tag>),
    },
  ];
  return (
    <Table<Placement>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...placements].sort((a, b) => b.startAt.localeCompare(a.startAt))}
      pagination={false}
      scroll={{ x: 600 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('health.noPlacements')} /> }}
      data-testid="person-placements"
    />
  );
}

/** A person's temperatures of the last 30 days and their observation/isolation placements. */
export function PersonHealth({ personId, siteId, siteType }: { personId: string; siteId: string; siteType?: SiteType | null | undefined }) {
  const t = useT();
  const readings = usePersonReadings(personId, TREND_DAYS);
  const placements = usePlacements({ personId });
  const { policy } = useSiteMonitoring(siteId, siteType);
  const feverAbove = policy?.monitoring.feverBands.normalMax ?? 37;
  return (
    <>
      <Card title={t('health.trendTitle', { days: TREND_DAYS })}>
        <QueryState query={readings}>{(list) => <Trend readings={list} feverAbove={feverAbove} />}</QueryState>
      </Card>
      <Card title={t('health.placementsTitle')}>
        <QueryState query={placements}>{(list) => <Placements placements={list} />}</QueryState>
      </Card>
    </>
  );
}
