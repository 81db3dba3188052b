// The dashboard's tables: current expert alerts, emerging trends and the records page, drawn from
// the hub's answers (their types are the hub's own).
import type { EmergingTrend } from '../emerging-trends';
import type { CurrentAlert } from '../hub-alert-queries';
import type { KEY_SEPARATOR } from '../hub-items';
import type { RecordRow } from '../hub-queries';
import { byId, cell, emptyRow, header, tableBody } from './dashboard-dom';
import { t } from './dashboard-i18n';
import { fraudLabel, scopeLabel, stationLabel } from './dashboard-labels';

/** How the hub joins issuer · document · series into one key (the type checks it is the hub's). */
export const DOCUMENT_SEPARATOR: typeof KEY_SEPARATOR = ' · ';

const documentClass = (issuer: string | null, documentType: string, series: string | null) => [issuer ?? '—', documentType, series ?? '—'].join(DOCUMENT_SEPARATOR);

export function drawEmerging(trends: readonly EmergingTrend[]): void {
  const table = byId('emerging', HTMLTableElement);
  header(table, [
    t('dashboard.emerging.kind'),
    t('dashboard.emerging.document'),
    t('dashboard.emerging.fraudType'),
    t('dashboard.emerging.recent'),
    t('dashboard.emerging.baseline'),
    t('dashboard.emerging.expected'),
    t('dashboard.emerging.pValue'),
  ]);
  const rows = trends.map((trend) => {
    const tr = document.createElement('tr');
    tr.append(
      cell(trend.kind === 'new' ? t('dashboard.kindNew') : t('dashboard.kindRising')),
      cell(documentClass(trend.key.issuer, trend.key.documentType, trend.key.series)),
      cell(fraudLabel(trend.key.fraudType)),
      cell(trend.recent, true),
      cell(trend.baselineMean.toFixed(2), true),
      cell(trend.expected.toFixed(2), true),
      cell(trend.pValue.toExponential(1), true),
    );
    return tr;
  });
  if (rows.length === 0) rows.push(emptyRow(t('dashboard.noEmerging'), 7));
  tableBody(table).replaceChildren(...rows);
}

export function drawAlerts(alerts: readonly CurrentAlert[]): void {
  const table = byId('alerts', HTMLTableElement);
  header(table, [
    t('dashboard.alert.week'),
    t('dashboard.alert.validUntil'),
    t('dashboard.alert.document'),
    t('dashboard.alert.fraudType'),
    t('dashboard.alert.title'),
    t('dashboard.alert.lookFor'),
    t('dashboard.alert.hotspots'),
    t('dashboard.alert.scope'),
    t('dashboard.alert.station'),
    t('dashboard.alert.country'),
  ]);
  const rows = alerts.map((a) => {
    const tr = document.createElement('tr');
    const title = cell(a.title);
    title.className = 'alert-title';
    const lookFor = cell(a.lookFor);
    lookFor.className = 'prose';
    tr.append(
      cell(a.week),
      cell(a.validUntilWeek ?? t('dashboard.untilSuperseded')),
      cell(documentClass(a.issuer, a.documentType, a.series)),
      cell(fraudLabel(a.fraudType)),
      title,
      lookFor,
      cell(a.hotspots.join(', ')),
      cell(scopeLabel(a.scope)),
      cell(stationLabel(a.station)),
      cell(a.country),
    );
    return tr;
  });
  if (rows.length === 0) rows.push(emptyRow(t('dashboard.noAlerts'), 10));
  tableBody(table).replaceChildren(...rows);
}

/** Writes (or, with `append`, adds to) the records table. */
export function drawRecords(records: readonly RecordRow[], append: boolean): void {
  const table = byId('records', HTMLTableElement);
  header(table, [
    t('dashboard.record.week'),
    t('dashboard.record.issuer'),
    t('dashboard.record.documentType'),
    t('dashboard.record.series'),
    t('dashboard.record.fraudType'),
    t('dashboard.record.pointOfEntry'),
    t('dashboard.record.caughtBy'),
    t('dashboard.record.station'),
  ]);
  const rows = records.map((r) => {
    const tr = document.createElement('tr');
    tr.append(cell(r.week), cell(r.issuer), cell(r.documentType), cell(r.series), cell(fraudLabel(r.fraudType)), cell(r.pointOfEntry), cell(r.caughtBy.join(', ')), cell(stationLabel(r.station)));
    return tr;
  });
  if (append) tableBody(table).append(...rows);
  else tableBody(table).replaceChildren(...rows);
}
