// Past examinations: search text, decision filter, date range; open one to reexamine it.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Request } from '../../electron/contract/api.contract';
import { DECISION_VERDICTS, type DecisionVerdict, type ExaminationSummary } from '../../electron/contract/examination.contract';
import { loupe } from '../api/loupe';
import { formatDateTime, t } from '../i18n/t';
import { StatusIcon } from '../panels/status-icon';

/** Date inputs give local calendar days; the range is inclusive of the whole "to" day. */
function toRange(from: string, to: string): Pick<Request<'examination:list'>, 'from' | 'to'> {
  const range: Pick<Request<'examination:list'>, 'from' | 'to'> = {};
  if (from) range.from = new Date(`${from}T00:00:00`).toISOString();
  if (to) range.to = new Date(`${to}T23:59:59.999`).toISOString();
  return range;
}

export function HistoryView({ onOpen, onError }: { onOpen: (id: string) => void; onError: (error: unknown) => void }) {
  const [text, setText] = useState('');
  const [decision, setDecision] = useState<DecisionVerdict | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [rows, setRows] = useState<ExaminationSummary[] | null>(null);

  const load = useCallback(async (filters: Request<'examination:list'>) => {
    try {
      setRows(await loupe['examination:list'](filters));
    } catch (e) {
      onError(e);
      setRows([]);
    }
  }, [onError]);

  useEffect(() => {
    void load({ limit: 200 });
  }, [load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const filters: Request<'examination:list'> = { limit: 200, ...toRange(from, to) };
    if (text.trim()) filters.text = text.trim();
    if (decision) filters.decision = decision;
    void load(filters);
  };

  return (
    <section className="history" data-testid="history-view" aria-labelledby="history-title">
      <h1 className="history__title" id="history-title">{t('history.title')}</h1>
      <form className="history__filters" onSubmit={submit}>
        <label className="field field--grow">
          <span className="field__label">{t('history.search')}</span>
          <input className="input" type="search" value={text} placeholder={t('history.searchPlaceholder')} onChange={(e) => setText(e.target.value)} data-testid="history-search" autoFocus />
        </label>
        <label className="field">
          <span className="field__label">{t('history.decision')}</span>
          <select className="input" value={decision} onChange={(e) => setDecision(e.target.value as DecisionVerdict | '')} data-testid="history-decision">
            <option value="">{t('history.anyDecision')}</option>
            {DECISION_VERDICTS.map((v) => <option key={v} value={v}>{t(`decision.${v}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('history.from')}</span>
          <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="history-from" />
        </label>
        <label className="field">
          <span className="field__label">{t('history.to')}</span>
          <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="history-to" />
        </label>
        <button type="submit" className="button button--primary" data-testid="history-apply">{t('history.apply')}</button>
      </form>

      {rows === null ? (
        <p className="muted" role="status">{t('history.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="history-empty">{t('history.empty')}</p>
      ) : (
        <table className="history__table" data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.document')}</th>
              <th scope="col">{t('history.holder')}</th>
              <th scope="col">{t('history.officer')}</th>
              <th scope="col">{t('history.suggested')}</th>
              <th scope="col">{t('history.decision')}</th>
              <th scope="col"><span className="visually-hidden">{t('history.open')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid={`history-row-${row.id}`} onDoubleClick={() => onOpen(row.id)}>
                <td>{formatDateTime(row.createdAt)}</td>
                <td>{[row.document.issuer, row.document.documentCode, row.document.format].filter(Boolean).join(' · ') || '—'}</td>
                <td>{row.holder ?? <span className="muted">{t('history.hidden')}</span>}</td>
                <td>{row.officer.name}</td>
                <td><StatusIcon status={row.suggested} withLabel /></td>
                <td>{row.decision ? t(`decision.${row.decision}`) : <span className="muted">{t('history.undecided')}</span>}</td>
                <td>
                  <button type="button" className="button button--small" onClick={() => onOpen(row.id)} data-testid={`history-open-${row.id}`}>
                    {t('history.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
