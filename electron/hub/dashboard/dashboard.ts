// The hub's read-only trends dashboard: bundled into one script when the hub serves /dashboard.js
// (hub-dashboard-script.ts), run under the host's strict CSP (no inline code, no eval). Charts by
// echarts, data from /v1/trends/* with the HTTP-only cookie set from the printed link.
import { FRAUD_TYPES } from '../../contract/fraud-types.contract';
import type { Dimension, RecordRow, TrendFilter } from '../hub-queries';
import { drawChart, resizeCharts } from './dashboard-charts';
import { fetchAlerts, fetchEmerging, fetchRecords, fetchStations, fetchSummary } from './dashboard-api';
import { fraudLabel, setStationNames } from './dashboard-labels';
import { byId } from './dashboard-dom';
import { count, t, translatePage } from './dashboard-i18n';
import { DOCUMENT_SEPARATOR, drawAlerts, drawEmerging, drawRecords } from './dashboard-tables';

/** Records per page of the table (and "more"). */
const PAGE = 50;

/**
 * The summary's dimensions, each with the filter a click on one of its chart's series sets (the
 * detecting check has none). A Record, so the type check fails if the hub's dimensions change.
 */
const DRILL_DOWN: Record<Dimension, ((key: string) => { field: keyof TrendFilter; value: string }) | null> = {
  fraudType: (key) => ({ field: 'fraudType', value: key }),
  document: (key) => ({ field: 'issuer', value: key.split(DOCUMENT_SEPARATOR)[0] ?? '' }),
  pointOfEntry: (key) => ({ field: 'pointOfEntry', value: key }),
  check: null,
};
const DIMENSIONS = Object.keys(DRILL_DOWN) as Dimension[];

const form = byId('filters', HTMLFormElement);
const statusLine = byId('status', HTMLParagraphElement);
const moreButton = byId('more', HTMLButtonElement);
let lastRecord: RecordRow | null = null;

translatePage(document);
const select = byId('fraud-type', HTMLSelectElement);
select.append(new Option(t('dashboard.any'), ''));
for (const f of FRAUD_TYPES) select.append(new Option(fraudLabel(f), f));

function filterParams(): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim() !== '') params.set(k, String(v).trim());
  return params;
}

function filterField(name: keyof TrendFilter): HTMLInputElement | HTMLSelectElement {
  const el = form.elements.namedItem(name);
  if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) throw new Error(`the filter form has no field ${name}`);
  return el;
}

// Clicking a series narrows the filters to it, then everything reloads.
function drillDown(dimension: Dimension, key: string): void {
  const narrow = DRILL_DOWN[dimension];
  if (!narrow) return;
  const { field, value } = narrow(key);
  filterField(field).value = value;
  void load();
}

async function loadRecords(append: boolean): Promise<void> {
  const params = filterParams();
  params.set('limit', String(PAGE));
  if (append && lastRecord) {
    params.set('afterWeek', lastRecord.week);
    params.set('afterId', lastRecord.id);
  }
  const { records } = await fetchRecords(params);
  drawRecords(records, append);
  lastRecord = records.at(-1) ?? lastRecord;
  moreButton.hidden = records.length < PAGE;
}

async function load(): Promise<void> {
  document.body.dataset.ready = 'false';
  statusLine.textContent = t('dashboard.loading');
  const params = filterParams();
  byId('csv', HTMLAnchorElement).href = `/v1/trends/records.csv?${params}`;
  try {
    const [summary, emerging, alerts, stations] = await Promise.all([fetchSummary(params), fetchEmerging(params), fetchAlerts(), fetchStations()]);
    setStationNames(stations.stations);
    for (const d of DIMENSIONS) drawChart(d, summary.weeks, summary.dimensions[d], (key) => drillDown(d, key), d === 'fraudType' ? fraudLabel : undefined);
    drawEmerging(emerging.trends);
    drawAlerts(alerts.alerts);
    lastRecord = null;
    await loadRecords(false);
    statusLine.textContent = `${t('dashboard.total', { count: count(summary.total) })} ${t('dashboard.clickHint')}`;
  } catch (error) {
    statusLine.textContent = t('dashboard.failed', { message: error instanceof Error ? error.message : String(error) });
  }
  document.body.dataset.ready = 'true';
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
form.addEventListener('reset', () => setTimeout(() => void load(), 0));
moreButton.addEventListener('click', () => void loadRecords(true));
window.addEventListener('resize', resizeCharts);
void load();
