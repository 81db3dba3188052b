// The records behind a count, with their standing: current (and, when made here, a "Correct…"
// action), superseded by a correction (with a link to it; superseded records are never counted),
// or received from another station (corrected only there).
import type { TrendRecordRow } from '../../electron/contract/trend-correction.contract';
import type { TrendRecord } from '../../electron/contract/trends.contract';
import { t } from '../i18n/t';
import { fraudTypeLabel } from './fraud-type-label';

export function TrendDrillTable({ rows, highlight, onCorrect, onShowReplacement }: {
  rows: TrendRecordRow[];
  /** A row to mark (the replacement the examiner followed a link to). */
  highlight: string | null;
  onCorrect: (record: TrendRecord) => void;
  onShowReplacement: (id: string) => void;
}) {
  return (
    <table className="trends__table">
      <thead>
        <tr>
          <th>{t('trends.col.week')}</th><th>{t('trends.col.document')}</th><th>{t('trends.fraudType')}</th><th>{t('trends.pointOfEntry')}</th>
          <th>{t('trends.col.caughtBy')}</th><th>{t('trends.col.revealedBy')}</th><th>{t('trends.col.notes')}</th><th>{t('trends.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ record: r, supersededBy, correctable }) => (
          <tr
            key={r.id}
            id={`trend-record-${r.id}`}
            tabIndex={-1}
            className={[supersededBy ? 'trends__row--superseded' : '', highlight === r.id ? 'trends__row--highlight' : ''].filter(Boolean).join(' ')}
            data-testid="trend-record-row"
            data-record-id={r.id}
            data-superseded={supersededBy ? 'true' : 'false'}
          >
            <td>{r.week}</td>
            <td>{r.issuer ?? '?'} · {r.documentType}{r.series ? ` ${r.series}` : ''}</td>
            <td>{fraudTypeLabel(r.fraudType)}{r.supersedes ? ` ${t('trends.correction')}` : ''}</td>
            <td>{r.context.pointOfEntry} ({t(r.context.line === 'first' ? 'trends.line.first' : 'trends.line.second')})</td>
            <td>{r.caughtBy.join(', ')}</td>
            <td>{r.revealedBy.join(', ')}</td>
            <td>{r.notes ?? ''}</td>
            <td className="trends__status-cell">
              {supersededBy ? (
                <>
                  <span className="trends__tag trends__tag--superseded">{t('trends.status.superseded')}</span>{' '}
                  <button type="button" className="link-button" onClick={() => onShowReplacement(supersededBy)} data-testid="record-replaced-by">
                    {t('trends.status.replacedBy', { id: supersededBy.slice(0, 8) })}
                  </button>
                </>
              ) : correctable ? (
                <>
                  <span className="trends__tag">{t('trends.status.current')}</span>{' '}
                  <button type="button" className="button button--small" onClick={() => onCorrect(r)} data-testid="record-correct">{t('correction.action')}</button>
                </>
              ) : (
                <span className="muted small">{t('trends.status.foreign', { station: r.station })}</span>
              )}
              {r.supersedes && <div className="muted small">{t('trends.status.corrects', { id: r.supersedes.slice(0, 8) })}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
