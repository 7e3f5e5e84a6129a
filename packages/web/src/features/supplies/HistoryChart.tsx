import { useMemo, useState } from 'react';
import { Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import type { StockPoint } from '@fangkong/domain';
import { EChart, type ChartOption } from '../../components/shared/EChart';
import { ErrorResult } from '../../components/shared/ErrorResult';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { STATUS_COLOR } from './suppliesUi';
import { useSupplyHistory } from './useSupplies';

const PERIODS = [30, 90, 180] as const;

function option(points: readonly StockPoint[], unit: string, floorDays: number, targetDays: number, t: Translate): ChartOption {
  const stockName = t('supplies.chart.stock', { unit });
  const coverName = t('supplies.chart.cover');
  return {
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: [stockName, coverName] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.day.slice(5)) },
    yAxis: [
      { type: 'value', name: unit, min: 0 },
      { type: 'value', name: t('unit.days'), min: 0, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'line',
        name: stockName,
        step: 'end',
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        data: points.map((p) => p.stock),
      },
      {
        type: 'line',
        name: coverName,
        yAxisIndex: 1,
        showSymbol: false,
        // No demand: no point, rather than a misleading 0.
        data: points.map((p) => p.daysOfCover ?? '-'),
        markLine: {
          symbol: 'none',
          data: [
            { yAxis: floorDays, name: t('supplies.floor'), lineStyle: { color: STATUS_COLOR.below_floor, type: 'dashed' }, label: { position: 'insideStartTop', formatter: t('supplies.chart.floorLine', { days: floorDays }) } },
            { yAxis: targetDays, name: t('supplies.target'), lineStyle: { color: STATUS_COLOR.ok, type: 'dashed' }, label: { position: 'insideEndTop', formatter: t('supplies.chart.targetLine', { days: targetDays }) } },
          ],
        },
      },
    ],
  };
}

/** Stock and days of cover of one item at one site over the last days (replayed from the ledger). */
export function HistoryChart({ siteId, itemId, itemName, unit, floorDays, targetDays }: {
  siteId: string;
  itemId: string;
  itemName: string;
  unit: string;
  floorDays: number;
  targetDays: number;
}) {
  const t = useT();
  const [days, setDays] = useState<number>(90);
  const history = useSupplyHistory(siteId, itemId, days);
  const chart = useMemo(
    () => (history.data ? option(history.data, unit, floorDays, targetDays, t) : undefined),
    [history.data, unit, floorDays, targetDays, t],
  );

  return (
    <div data-testid="supplies-history">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('supplies.chart.title', { item: itemName })}</Typography.Text>
        <Segmented<number>
          size="small"
          value={days}
          onChange={setDays}
          options={PERIODS.map((d) => ({ value: d, label: t('supplies.chart.lastDays', { days: d }) }))}
        />
      </Flex>
      {history.isError && !history.data
        ? <ErrorResult error={history.error} onRetry={() => void history.refetch()} />
        : !chart || !history.data
          ? <Skeleton active paragraph={{ rows: 4 }} />
          : history.data.length === 0
            ? <Empty description={t('supplies.chart.empty')} />
            : <EChart option={chart} height={260} aria-label={t('supplies.chart.title', { item: itemName })} data-testid="supplies-history-chart" />}
    </div>
  );
}
