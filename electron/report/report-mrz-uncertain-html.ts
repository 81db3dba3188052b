// The MRZ characters the reader could not vouch for, and what became of each: confirmed or corrected
// by the officer after comparing it with the printed page, settled by the printed page itself (the
// visual zone of an identified document), or left uncompared. Positions printed 1-based (ICAO 9303
// Part 3 §4.2).
import type { MrzCharacterReview } from '../contract/examination.contract';
import type { MrzReading } from '../contract/mrz.contract';
import { escapeHtml } from './report-escape';
import type { ReportT } from './report-language';
import { formatTimestamp } from './report-time';

interface Row {
  line: number;
  column: number;
  read: string;
  alternatives: string[];
  outcome: string;
  status: 'pass' | 'warn' | 'fail';
}

const quoted = (chars: readonly string[]): string => chars.map((c) => `“${c}”`).join(', ');

export function uncertainCharactersHtml(mrz: MrzReading, reviews: readonly MrzCharacterReview[], t: ReportT): string {
  const rows: Row[] = [
    ...mrz.uncertain.map((u) => ({ line: u.line, column: u.column, read: mrz.lines[u.line]?.[u.column] ?? '', alternatives: u.alternatives, outcome: t('report.mrzUncertain.open'), status: 'warn' as const })),
    ...(mrz.settled ?? []).map((s) => ({ line: s.line, column: s.column, read: s.char, alternatives: s.alternatives, outcome: t('report.mrzUncertain.settled', { field: s.field, viz: s.viz }), status: 'pass' as const })),
    ...reviews.map((r) => {
      const by = { officer: r.officer.name, badge: r.officer.badge, time: formatTimestamp(r.at) };
      const outcome = r.action === 'confirmed' ? t('report.mrzUncertain.confirmed', { char: r.char, ...by }) : t('report.mrzUncertain.corrected', { char: r.char, ...by });
      const digits = r.checkDigitsHold ? t('report.mrzUncertain.checkDigitsHold') : t('report.mrzUncertain.checkDigitsFail');
      return { line: r.line, column: r.column, read: r.read, alternatives: r.alternatives, outcome: `${outcome} ${digits}`, status: r.checkDigitsHold ? ('pass' as const) : ('fail' as const) };
    }),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
  if (rows.length === 0) return '';
  const body = rows
    .map(
      (r) => `<tr>
        <td class="pos">${r.line + 1}:${r.column + 1}</td>
        <td class="mono">${escapeHtml(r.read ? `“${r.read}”` : t('report.unknown'))}</td>
        <td class="mono">${escapeHtml(quoted(r.alternatives) || '—')}</td>
        <td><span class="badge st-${r.status}">${escapeHtml(r.status === 'warn' ? t('report.mrzUncertain.badgeOpen') : t('report.mrzUncertain.badgeDone'))}</span> ${escapeHtml(r.outcome)}</td>
      </tr>`,
    )
    .join('');
  return `<h4>${escapeHtml(t('report.mrzUncertain.title'))}</h4>
    <p class="small">${escapeHtml(t('report.mrzUncertain.lead'))}</p>
    <table class="grid fields mrz-uncertain"><thead><tr><th>#</th><th>${escapeHtml(t('report.mrzUncertain.read'))}</th><th>${escapeHtml(t('report.mrzUncertain.alternatives'))}</th><th>${escapeHtml(t('report.mrzUncertain.outcome'))}</th></tr></thead><tbody>${body}</tbody></table>`;
}
