// The reference library as a table: issuer, type, series, format, status, source; a filter box
// narrows it by any of these words. Enter or click opens a class. A class that cannot be loaded is
// marked broken with the reason, so the expert sees it before an officer meets it in an examination.
import { useMemo, useState } from 'react';
import type { ReferenceSummary } from '../../electron/contract/reference.contract';
import { t } from '../i18n/t';

function matches(summary: ReferenceSummary, words: string[]): boolean {
  const text = [summary.id, summary.issuer ?? '', summary.documentType, summary.series, summary.format, summary.status, summary.source, t(`reference.source.${summary.source}`), summary.broken ? t('reference.broken') : '']
    .join(' ')
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

export function ReferenceList({ classes, openId, onOpen, onLearn }: {
  classes: ReferenceSummary[] | null;
  openId: string | null;
  onOpen: (id: string) => void;
  /** Opens the form that learns a class from genuine captures. */
  onLearn: () => void;
}) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return (classes ?? []).filter((c) => matches(c, words));
  }, [classes, filter]);

  return (
    <section className="panel reference-list" data-testid="reference-list">
      <header className="panel__header">
        <h1 className="panel__title">{t('reference.title')}</h1>
        {classes && <span className="panel__meta">{shown.length} / {classes.length}</span>}
        <button type="button" className="button button--small" onClick={onLearn} data-testid="learn-open">{t('learn.open')}</button>
      </header>
      <label className="field">
        <span className="field__label">{t('reference.filter')}</span>
        <input className="input input--compact" value={filter} placeholder={t('reference.filterPlaceholder')} onChange={(e) => setFilter(e.target.value)} data-testid="reference-filter" />
      </label>
      {!classes && <p className="muted">{t('reference.loading')}</p>}
      {classes && shown.length === 0 && <p className="muted" data-testid="reference-empty">{t('reference.empty')}</p>}
      {shown.length > 0 && (
        <table className="history__table reference-table">
          <thead>
            <tr>
              <th>{t('reference.issuer')}</th>
              <th>{t('reference.type')}</th>
              <th>{t('reference.series')}</th>
              <th>{t('reference.format')}</th>
              <th>{t('reference.status')}</th>
              <th>{t('reference.source')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr
                key={c.id}
                className={`reference-row${c.id === openId ? ' reference-row--open' : ''}${c.status === 'retired' ? ' reference-row--retired' : ''}${c.broken ? ' reference-row--broken' : ''}`}
                data-testid={`reference-row-${c.id}`}
                data-source={c.source}
                data-status={c.status}
                data-version={c.version}
                data-broken={c.broken ? 'true' : 'false'}
              >
                <td>{c.issuer ?? t('reference.anyIssuer')}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(c.id)} data-testid={`reference-open-${c.id}`}>{c.documentType}</button>
                  {c.learnedCaptures !== null && <span className="reference-row__learned" data-testid={`reference-learned-${c.id}`}>{t('reference.learnedCaptures', { count: c.learnedCaptures })}</span>}
                  {c.broken && (
                    <p className="reference-row__broken">
                      <span className="reference-badge reference-badge--broken">{t('reference.broken')}</span>{' '}
                      <span data-testid={`reference-broken-${c.id}`}>{t('reference.brokenReason', { reason: c.broken.reason })}</span>
                    </p>
                  )}
                </td>
                <td>{c.series}</td>
                <td>{c.format}</td>
                <td>{t(`reference.status.${c.status}`)}</td>
                <td data-testid={`reference-source-${c.id}`}>{t(`reference.source.${c.source}`)}<span className="reference-row__version">{t('reference.version', { version: c.version })}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
