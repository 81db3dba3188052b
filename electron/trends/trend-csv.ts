// CSV of trend records for spreadsheets: one row per record, lists joined with '; '. Cells that a
// spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an apostrophe.
import type { TrendRecord } from '../contract/trends.contract';

const HEADER = ['id', 'week', 'country', 'station', 'issuer', 'document_type', 'series', 'document_class', 'fraud_type', 'point_of_entry', 'line', 'direction', 'revealed_by', 'caught_by', 'missed_by', 'notes', 'supersedes'];

function cell(value: string | null): string {
  let v = value ?? '';
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function recordsToCsv(records: readonly TrendRecord[]): string {
  const rows = records.map((r) =>
    [r.id, r.week, r.country, r.station, r.issuer, r.documentType, r.series, r.documentClassId, r.fraudType, r.context.pointOfEntry, r.context.line, r.context.direction, r.revealedBy.join('; '), r.caughtBy.join('; '), r.missedBy.join('; '), r.notes, r.supersedes]
      .map(cell)
      .join(','),
  );
  return `${[HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
