// The dashboard's tables: current expert alerts, emerging trends and the records page, drawn from
// the hub's answers (their types are the hub's own).
import type { EmergingTrend } from '../emerging-trends';
import type { CurrentAlert } from '../hub-alert-queries';
import type { KEY_SEPARATOR } from '../hub-items';
import type { RecordRow } from '../hub-queries';
import { byId, cell, emptyRow, header, tableBody } from './dashboard-dom';
import { STRINGS } from './dashboard-strings';

/** How the hub joins issuer · document · series into one key (the type checks it is the hub's). */
export const DOCUMENT_SEPARATOR: typeof KEY_SEPARATOR = ' · ';

const documentClass = (issuer: string | null, documentType: string, series: string | null) => [issuer ?? '—', documentType, series ?? '—'].join(DOCUMENT_SEPARATOR);

export function drawEmerging(trends: readonly EmergingTrend[]): void {
  const table = byId('emerging', HTMLTableElement);
  const c = STRINGS.emergingColumns;
  header(table, [c.kind, c.document, c.fraudType, c.recent, c.baseline, c.expected, c.pValue]);
  const rows = trends.map((t) => {
    const tr = document.createElement('tr');
    tr.append(
      cell(t.kind === 'new' ? STRINGS.kindNew : STRINGS.kindRising),
      cell(documentClass(t.key.issuer, t.key.documentType, t.key.series)),
      cell(t.key.fraudType),
      cell(t.recent, true),
      cell(t.baselineMean.toFixed(2), true),
      cell(t.expected.toFixed(2), true),
      cell(t.pValue.toExponential(1), true),
    );
    return tr;
  });
  if (rows.length === 0) rows.push(emptyRow(STRINGS.noEmerging, 7));
  tableBody(table).replaceChildren(...rows);
}

export function drawAlerts(alerts: readonly CurrentAlert[]): void {
  const table = byId('alerts', HTMLTableElement);
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
      cell(documentClass(a.issuer, a.documentType, a.series)),
      cell(a.fraudType),
      title,
      lookFor,
      cell(a.hotspots.join(', ')),
      cell(a.country),
    );
    return tr;
  });
  if (rows.length === 0) rows.push(emptyRow(STRINGS.noAlerts, 8));
  tableBody(table).replaceChildren(...rows);
}

/** Writes (or, with `append`, adds to) the records table. */
export function drawRecords(records: readonly RecordRow[], append: boolean): void {
  const table = byId('records', HTMLTableElement);
  const c = STRINGS.columns;
  header(table, [c.week, c.issuer, c.documentType, c.series, c.fraudType, c.pointOfEntry, c.caughtBy, c.station]);
  const rows = records.map((r) => {
    const tr = document.createElement('tr');
    tr.append(cell(r.week), cell(r.issuer), cell(r.documentType), cell(r.series), cell(r.fraudType), cell(r.pointOfEntry), cell(r.caughtBy.join(', ')), cell(r.station));
    return tr;
  });
  if (append) tableBody(table).append(...rows);
  else tableBody(table).replaceChildren(...rows);
}
