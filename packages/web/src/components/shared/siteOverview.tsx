import { useMemo, type HTMLAttributes } from 'react';
import { Card, DatePicker, Empty, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n/useT';
import { EChart, type ChartOption } from './EChart';

// The pieces of the overviews per town, site type and site (the round's coverage, the testing
// compliance): the day shown, a chart of percentages, and the table of sites.

/** The day an overview (or a round) is for: today or a past day (YYYY-MM-DD), never cleared. */
export function PastDayPicker({ day, today, onChange, 'data-testid': testId }: {
  day: string;
  today: string;
  onChange: (day: string | undefined) => void;
  'data-testid'?: string;
}) {
  const t = useT();
  return (
    <DatePicker
      allowClear={false}
      inputReadOnly
      value={dayjs(day)}
      aria-label={t('round.date')}
      disabledDate={(d) => d.format('YYYY-MM-DD') > today}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
      data-testid={testId}
    />
  );
}

/** One bar: a percentage (null when there is nothing to measure), its color, and what its tooltip adds to the name. */
export interface PercentBar {
  id: string;
  name: string;
  percent: number | null;
  color: string;
  tooltip: string;
}

function percentBarOption(bars: readonly PercentBar[], seriesName: string): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const first = Array.isArray(p) ? (p[0] as { dataIndex?: number } | undefined) : undefined;
        const bar = first?.dataIndex !== undefined ? bars[first.dataIndex] : undefined;
        return bar ? `${bar.name}<br/>${bar.tooltip}` : '';
      },
    },
    xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { interval: 0, rotate: bars.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, min: 0, axisLabel: { formatter: '{value}%' } },
    series: [{
      type: 'bar',
      name: seriesName,
      barMaxWidth: 48,
      // Nothing to measure: no bar at all ('-' is ECharts' empty value), rather than a misleading 0 %.
      data: bars.map((b) => ({ value: b.percent ?? '-', itemStyle: { color: b.color } })),
      label: { show: true, position: 'top', formatter: '{c}%' },
    }],
  };
}

interface ChartCardProps {
  title: string;
  bars: readonly PercentBar[];
  seriesName: string;
  onBarClick: (bar: PercentBar) => void;
  'data-testid': string;
}

/** A card with a bar chart of percentages (0 to 100) by site or town; a note when there is none. */
export function PercentBarCard({ title, bars, seriesName, onBarClick, 'data-testid': testId }: ChartCardProps) {
  const t = useT();
  const option = useMemo(() => percentBarOption(bars, seriesName), [bars, seriesName]);
  return (
    <Card title={title} size="small">
      {bars.length === 0
        ? <Empty description={t('coverage.noSites')} />
        : (
          <EChart
            option={option}
            height={300}
            data-testid={testId}
            aria-label={title}
            onItemClick={(i) => {
              const bar = bars[i];
              if (bar) onBarClick(bar);
            }}
          />
        )}
    </Card>
  );
}

interface SitesTableProps<T> {
  columns: TableColumnsType<T>;
  sites: T[];
  size: 'small' | 'middle';
  scrollX: number;
  /** A site behind (marked orange). */
  behind: (site: T) => boolean;
  /** The test id of each row; rows carry the site's name too. */
  rowTestId: string;
}

/** The sites of an overview, fifty a page, those behind marked. */
export function SitesOverviewTable<T extends { siteId: string; siteName: string }>({
  columns, sites, size, scrollX, behind, rowTestId,
}: SitesTableProps<T>) {
  const t = useT();
  return (
    <Table<T>
      rowKey="siteId"
      className="fk-overview-table"
      size={size}
      columns={columns}
      dataSource={sites}
      scroll={{ x: scrollX }}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
      rowClassName={(s) => (behind(s) ? 'fk-row-warning' : '')}
      locale={{ emptyText: <Empty description={t('coverage.noSites')} /> }}
      onRow={(s) => ({ 'data-testid': rowTestId, 'data-site-name': s.siteName }) as HTMLAttributes<HTMLElement>}
    />
  );
}
