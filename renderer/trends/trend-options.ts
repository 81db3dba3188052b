// Chart options for the Trends screen, built from the dashboard figures.
import type { EChartsCoreOption } from 'echarts/core';
import type { TrendDashboard } from '../../electron/contract/trend-dashboard.contract';
import { FRAUD_TYPES } from '../../electron/contract/trends.contract';
import { t } from '../i18n/t';
import { fraudTypeLabel } from './fraud-type-label';
import { CHART_LINE, CHART_TEXT } from './trend-chart';

const axis = { axisLine: { lineStyle: { color: CHART_LINE } }, axisLabel: { color: CHART_TEXT }, splitLine: { lineStyle: { color: CHART_LINE } } };
const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const legend = { top: 0, textStyle: { color: CHART_TEXT }, type: 'scroll' as const, pageTextStyle: { color: CHART_TEXT } };

/** Stacked weekly counts per fraud type; series names are the taxonomy codes (for drill-down). */
export function weeklyOption(d: TrendDashboard): EChartsCoreOption {
  const present = FRAUD_TYPES.filter((f) => d.byWeek.some((r) => r.fraudType === f));
  const index = new Map(d.weeks.map((w, i) => [w, i]));
  return {
    legend: { ...legend, formatter: (code: string) => fraudTypeLabel(code as (typeof FRAUD_TYPES)[number]) },
    grid,
    xAxis: { type: 'category', data: d.weeks, ...axis },
    yAxis: { type: 'value', minInterval: 1, ...axis },
    series: present.map((f) => {
      const data = new Array<number>(d.weeks.length).fill(0);
      for (const r of d.byWeek) if (r.fraudType === f && index.has(r.week)) data[index.get(r.week)!] = r.n;
      return { name: f, type: 'bar', stack: 'all', data, emphasis: { focus: 'series' } };
    }),
  };
}

function horizontal(labels: string[], series: { name: string; data: number[] }[]): EChartsCoreOption {
  return {
    legend: series.length > 1 ? legend : { show: false },
    grid,
    xAxis: { type: 'value', minInterval: 1, ...axis },
    yAxis: { type: 'category', data: labels, inverse: true, ...axis },
    series: series.map((s) => ({ ...s, type: 'bar' })),
  };
}

export const issuerLabel = (r: TrendDashboard['byIssuer'][number]) => `${r.issuer || '?'} · ${r.documentType}${r.series ? ` ${r.series}` : ''}`;

export function issuerOption(d: TrendDashboard): EChartsCoreOption {
  return horizontal(d.byIssuer.map(issuerLabel), [{ name: t('trends.count'), data: d.byIssuer.map((r) => r.n) }]);
}

export function poeOption(d: TrendDashboard): EChartsCoreOption {
  return horizontal(d.byPointOfEntry.map((r) => r.pointOfEntry), [{ name: t('trends.count'), data: d.byPointOfEntry.map((r) => r.n) }]);
}

export function checkOption(d: TrendDashboard): EChartsCoreOption {
  return horizontal(d.byCheck.map((r) => r.checkId), [
    { name: t('trends.caught'), data: d.byCheck.map((r) => r.caught) },
    { name: t('trends.missed'), data: d.byCheck.map((r) => r.missed) },
  ]);
}
