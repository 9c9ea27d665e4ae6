import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the admin charts draw: lines and bars on a grid, with a legend and a tooltip. This module
// is imported by the admin pages alone, so ECharts never reaches the storefront's bundles.
use([LineChart, BarChart, GridComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  readonly name: string;
  readonly type: 'line' | 'bar';
  readonly data: readonly (number | null)[];
  /** 0: the left axis, 1: the right one. */
  readonly axis?: 0 | 1;
}

export interface ChartProps {
  /** The chart's accessible name (it is drawn on a canvas): what it shows. */
  readonly label: string;
  /** A short text summary for screen readers, e.g. the latest values. */
  readonly summary?: string | undefined;
  readonly x: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Names of the y axes; a second name adds a right-hand axis. */
  readonly axes?: readonly string[];
  readonly height?: number;
}

const COLORS = ['#8b1e3f', '#c48a1a', '#2a6f97', '#1e6b3a', '#6b625b'];

/** A line or bar chart, resized with its container and disposed with the component. */
export function Chart({ label, summary, x, series, axes = [''], height = 260 }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const option: EChartsCoreOption = {
      color: COLORS,
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: [...x], boundaryGap: series.some((s) => s.type === 'bar') },
      yAxis: axes.map((name, index) => ({
        type: 'value',
        name,
        scale: true,
        position: index === 0 ? 'left' : 'right',
        splitLine: { show: index === 0 },
      })),
      series: series.map((s) => ({
        name: s.name,
        type: s.type,
        data: [...s.data],
        yAxisIndex: s.axis ?? 0,
        showSymbol: s.type === 'line' && x.length < 40,
        ...(s.type === 'line' ? { smooth: false } : { barMaxWidth: 24 }),
      })),
    };
    chart.current?.setOption(option, true);
  }, [x, series, axes]);

  return (
    <figure className="admin-chart">
      <figcaption className="admin-chart-title">{label}</figcaption>
      <div ref={ref} role="img" aria-label={summary ? `${label}: ${summary}` : label} style={{ height }} />
    </figure>
  );
}
