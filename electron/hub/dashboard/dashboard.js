// The hub's read-only trends dashboard: plain script under a strict CSP (no inline code), charts by
// echarts (dark theme), data from /v1/trends/* with the HTTP-only cookie set from the printed link.
'use strict';

// User-visible strings, in one table so the page can be translated.
const STRINGS = {
  title: 'Loupe hub — fraud trends',
  from: 'From week',
  to: 'To week',
  issuer: 'Issuer',
  fraudType: 'Fraud type',
  pointOfEntry: 'Point of entry',
  apply: 'Apply',
  clear: 'Clear',
  csv: 'Download CSV',
  byFraudType: 'Records per week by fraud type',
  byDocument: 'Records per week by issuer · document · series',
  byPointOfEntry: 'Records per week by point of entry',
  byCheck: 'Records per week by detecting check',
  emerging: 'Emerging trends (last 2 weeks against the 12 before)',
  records: 'Records',
  more: 'More records',
  any: 'any',
  loading: 'Loading…',
  total: (n) => `${n.toLocaleString()} records match.`,
  signIn: 'Open the dashboard link the hub printed at start to sign in.',
  failed: (m) => `Could not load the trends: ${m}`,
  noEmerging: 'Nothing new or rising.',
  kindNew: 'new',
  kindRising: 'rising',
  clickHint: 'Click a series to filter by it.',
  columns: { week: 'Week', issuer: 'Issuer', documentType: 'Document', series: 'Series', fraudType: 'Fraud type', pointOfEntry: 'Point of entry', caughtBy: 'Caught by', station: 'Station' },
  emergingColumns: { kind: 'Signal', document: 'Issuer · document · series', fraudType: 'Fraud type', recent: 'Last 2 weeks', baseline: 'Baseline per week', expected: 'Expected', pValue: 'P(≥ recent)' },
  alerts: 'Current expert alerts',
  noAlerts: 'No current expert alerts.',
  untilSuperseded: 'until replaced',
  alertColumns: { week: 'Published', validUntil: 'Shown until', document: 'Issuer · document · series', fraudType: 'Fraud type', title: 'Alert', lookFor: 'What to look for', hotspots: 'Hotspots', country: 'Country' },
};
const FRAUD_TYPES = ['counterfeit', 'forged-photo-substitution', 'forged-page-substitution', 'forged-data-alteration', 'forged-other', 'pseudo-fantasy', 'fraudulently-obtained-genuine', 'impostor-look-alike', 'stolen-blank', 'other'];
const DIMENSIONS = ['fraudType', 'document', 'pointOfEntry', 'check'];

const form = document.getElementById('filters');
const statusLine = document.getElementById('status');
const charts = {};
let lastRecord = null;

for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = STRINGS[el.dataset.i18n];
const select = document.getElementById('fraud-type');
select.append(new Option(STRINGS.any, ''));
for (const f of FRAUD_TYPES) select.append(new Option(f, f));

function filterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim() !== '') params.set(k, String(v).trim());
  return params;
}

async function getJson(path) {
  const res = await fetch(path, { credentials: 'same-origin' });
  const body = await res.json().catch(() => ({}));
  if (res.status === 401) throw new Error(STRINGS.signIn);
  if (!res.ok) throw new Error(body.error ? body.error.message : `HTTP ${res.status}`);
  return body;
}

function cell(text, numeric = false) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  if (numeric) td.className = 'num';
  return td;
}

function header(table, labels) {
  const tr = document.createElement('tr');
  for (const label of labels) {
    const th = document.createElement('th');
    th.textContent = label;
    tr.append(th);
  }
  table.tHead.replaceChildren(tr);
}

function drawChart(dimension, weeks, counts) {
  const el = document.getElementById(`chart-${dimension}`);
  charts[dimension] ??= echarts.init(el, 'dark', { renderer: 'canvas' });
  const keys = counts.totals.map((t) => t.key);
  const byKey = new Map(keys.map((k) => [k, new Map()]));
  for (const r of counts.weekly) byKey.get(r.key)?.set(r.week, r.n);
  charts[dimension].setOption(
    {
      backgroundColor: 'transparent',
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: weeks },
      yAxis: { type: 'value', minInterval: 1 },
      series: keys.map((k) => ({ name: k || '—', type: 'bar', stack: 'n', emphasis: { focus: 'series' }, data: weeks.map((w) => byKey.get(k).get(w) ?? 0) })),
    },
    true,
  );
  charts[dimension].off('click');
  charts[dimension].on('click', (e) => drillDown(dimension, keys[e.seriesIndex]));
}

// Clicking a series narrows the filters to it, then everything reloads.
function drillDown(dimension, key) {
  if (dimension === 'fraudType') form.elements.fraudType.value = key;
  else if (dimension === 'pointOfEntry') form.elements.pointOfEntry.value = key;
  else if (dimension === 'document') form.elements.issuer.value = key.split(' · ')[0];
  else return;
  void load();
}

function drawEmerging(trends) {
  const table = document.getElementById('emerging');
  const c = STRINGS.emergingColumns;
  header(table, [c.kind, c.document, c.fraudType, c.recent, c.baseline, c.expected, c.pValue]);
  const rows = trends.map((t) => {
    const tr = document.createElement('tr');
    tr.append(
      cell(t.kind === 'new' ? STRINGS.kindNew : STRINGS.kindRising),
      cell([t.key.issuer ?? '—', t.key.documentType, t.key.series ?? '—'].join(' · ')),
      cell(t.key.fraudType),
      cell(t.recent, true),
      cell(t.baselineMean.toFixed(2), true),
      cell(t.expected.toFixed(2), true),
      cell(t.pValue.toExponential(1), true),
    );
    return tr;
  });
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(STRINGS.noEmerging);
    td.colSpan = 7;
    tr.append(td);
    rows.push(tr);
  }
  table.tBodies[0].replaceChildren(...rows);
}

function drawAlerts(alerts) {
  const table = document.getElementById('alerts');
  const c = STRINGS.alertColumns;
  header(table, [c.week, c.validUntil, c.document, c.fraudType, c.title, c.lookFor, c.hotspots, c.country]);
  const rows = alerts.map((a) => {
    const tr = document.createElement('tr');
    const title = cell(a.title);
    title.className = 'alert-title';
    const lookFor = cell(a.lookFor);
    lookFor.className = 'prose';
    tr.append(
      cell(a.week),
      cell(a.validUntilWeek ?? STRINGS.untilSuperseded),
      cell([a.issuer ?? '—', a.documentType, a.series ?? '—'].join(' · ')),
      cell(a.fraudType),
      title,
      lookFor,
      cell(a.hotspots.join(', ')),
      cell(a.country),
    );
    return tr;
  });
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(STRINGS.noAlerts);
    td.colSpan = 8;
    tr.append(td);
    rows.push(tr);
  }
  table.tBodies[0].replaceChildren(...rows);
}

async function loadRecords(append) {
  const params = filterParams();
  params.set('limit', '50');
  if (append && lastRecord) {
    params.set('afterWeek', lastRecord.week);
    params.set('afterId', lastRecord.id);
  }
  const { records } = await getJson(`/v1/trends/records?${params}`);
  const table = document.getElementById('records');
  const c = STRINGS.columns;
  header(table, [c.week, c.issuer, c.documentType, c.series, c.fraudType, c.pointOfEntry, c.caughtBy, c.station]);
  const rows = records.map((r) => {
    const tr = document.createElement('tr');
    tr.append(cell(r.week), cell(r.issuer), cell(r.documentType), cell(r.series), cell(r.fraudType), cell(r.pointOfEntry), cell(r.caughtBy.join(', ')), cell(r.station));
    return tr;
  });
  if (append) table.tBodies[0].append(...rows);
  else table.tBodies[0].replaceChildren(...rows);
  lastRecord = records.length ? records[records.length - 1] : lastRecord;
  document.getElementById('more').hidden = records.length < 50;
}

async function load() {
  document.body.dataset.ready = 'false';
  statusLine.textContent = STRINGS.loading;
  const params = filterParams();
  document.getElementById('csv').href = `/v1/trends/records.csv?${params}`;
  try {
    const [summary, emerging, alerts] = await Promise.all([getJson(`/v1/trends/summary?${params}`), getJson(`/v1/trends/emerging?${params}`), getJson('/v1/trends/alerts')]);
    for (const d of DIMENSIONS) drawChart(d, summary.weeks, summary.dimensions[d]);
    drawEmerging(emerging.trends);
    drawAlerts(alerts.alerts);
    lastRecord = null;
    await loadRecords(false);
    statusLine.textContent = `${STRINGS.total(summary.total)} ${STRINGS.clickHint}`;
  } catch (error) {
    statusLine.textContent = STRINGS.failed(error.message);
  }
  document.body.dataset.ready = 'true';
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
form.addEventListener('reset', () => setTimeout(() => void load(), 0));
document.getElementById('more').addEventListener('click', () => void loadRecords(true));
window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
void load();
