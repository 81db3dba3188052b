// One chart of the Trends screen. ECharts with only the modules used (bar chart, grid, legend,
// tooltip, canvas renderer) to keep the bundle small. Tooltips are drawn on the canvas (richText):
// the HTML tooltip writes style attributes into markup, which the page's CSP refuses.
import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The dark theme's colours (styles/base.css), readable on --surface. */
export const CHART_TEXT = '#a3aebd';
export const CHART_LINE = '#2b3441';
export const SERIES_COLOURS = ['#5fa8ff', '#ff6b6b', '#f5b940', '#3ecf8e', '#a98bff', '#ff8f6b', '#5ad1d1', '#e68ad3', '#c9d36a', '#8a96a6'];

export interface ChartClick {
  name: string;
  seriesName: string;
}

export function TrendChart({ option, label, testId, onClick }: { option: EChartsCoreOption; label: string; testId: string; onClick?: (click: ChartClick) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!host.current) return;
    const instance = echarts.init(host.current, null, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.({ name: String((p as { name?: unknown }).name ?? ''), seriesName: String((p as { seriesName?: unknown }).seriesName ?? '') }));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        backgroundColor: 'transparent',
        textStyle: { color: CHART_TEXT },
        color: SERIES_COLOURS,
        tooltip: { trigger: 'item', renderMode: 'richText', backgroundColor: '#222a35', borderColor: '#3a4657', textStyle: { color: '#e7ecf2' } },
        animation: false,
        ...option,
      },
      { notMerge: true },
    );
  }, [option]);

  return <div className="trend-chart" ref={host} role="img" aria-label={label} data-testid={testId} />;
}
