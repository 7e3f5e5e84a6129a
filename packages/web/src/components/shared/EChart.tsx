import { useEffect, useRef, type CSSProperties } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import {
  DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  DatasetComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption,
} from 'echarts/components';

// Only the parts the app draws, so that the chart library stays small.
echarts.use([BarChart, LineChart, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** The options of the charts this build includes. */
export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | DatasetComponentOption | GridComponentOption | LegendComponentOption
  | MarkLineComponentOption | TooltipComponentOption
>;

interface Props {
  option: ChartOption;
  height?: number | string;
  style?: CSSProperties;
  /** Called with the index of a clicked data item (bar, point). */
  onItemClick?: (dataIndex: number) => void;
  'data-testid'?: string;
  'aria-label'?: string;
}

/** An ECharts chart on a div: set up once, updated when the option changes, resized with its box. */
export function EChart({ option, height = 320, style, onItemClick, ...rest }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onItemClick);

  useEffect(() => {
    clickRef.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (params) => {
      if (typeof params.dataIndex === 'number') clickRef.current?.(params.dataIndex);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: series that went away (e.g. after a filter) must not linger.
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" style={{ width: '100%', height, ...style }} {...rest} />;
}
