// The four weekly stacked charts, drawn by echarts in its dark theme. echarts is the global that
// /vendor/echarts.min.js defines before this script runs, so only its types are imported here.
import type { EChartsType, init } from 'echarts';
import type { Dimension, DimensionCounts } from '../hub-queries';
import { byId } from './dashboard-dom';

declare const echarts: { init: typeof init };

const charts = new Map<Dimension, EChartsType>();

/**
 * Draws one dimension's weekly counts, each series named by `label` (a fraud type's words for its
 * key); a click on a series calls `onSeriesClick` with its key.
 */
export function drawChart(dimension: Dimension, weeks: string[], counts: DimensionCounts, onSeriesClick: (key: string) => void, label: (key: string) => string = (k) => k): void {
  let chart = charts.get(dimension);
  if (!chart) {
    chart = echarts.init(byId(`chart-${dimension}`, HTMLDivElement), 'dark', { renderer: 'canvas' });
    charts.set(dimension, chart);
  }
  const keys = counts.totals.map((t) => t.key);
  const byKey = new Map(keys.map((k) => [k, new Map<string, number>()]));
  for (const r of counts.weekly) byKey.get(r.key)?.set(r.week, r.n);
  chart.setOption(
    {
      backgroundColor: 'transparent',
      // Drawn on the canvas (richText): the HTML tooltip writes style attributes into markup, which
      // the page's CSP refuses (as in the workstation's charts).
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: weeks },
      yAxis: { type: 'value', minInterval: 1 },
      series: keys.map((k) => ({ name: (k && label(k)) || '—', type: 'bar', stack: 'n', emphasis: { focus: 'series' }, data: weeks.map((w) => byKey.get(k)?.get(w) ?? 0) })),
    },
    true,
  );
  chart.off('click');
  chart.on('click', (e) => {
    // A click outside a series (no index) filters nothing.
    const key = e.seriesIndex === undefined ? undefined : keys[e.seriesIndex];
    if (key !== undefined) onSeriesClick(key);
  });
}

export function resizeCharts(): void {
  for (const chart of charts.values()) chart.resize();
}
