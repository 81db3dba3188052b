// Every version of the decision, newest first: who, when, what and why. A new decision never
// replaces an earlier one; the report prints the same history.
import type { Decision } from '../../electron/contract/examination.contract';
import { formatDateTime, t } from '../i18n/t';

export function DecisionHistory({ versions }: { versions: readonly Decision[] }) {
  return (
    <div className="decision-history" data-testid="decision-history">
      <h3 className="panel__subtitle">{t('decision.history')}</h3>
      {versions.length === 0 ? (
        <p className="muted">{t('decision.historyNone')}</p>
      ) : (
        <ol className="decision-history__list" reversed>
          {[...versions.entries()].reverse().map(([i, d]) => (
            <li key={`${i}-${d.decidedAt}`} className="decision-history__item" data-testid={`decision-version-${i + 1}`} data-verdict={d.verdict}>
              <div className="decision-history__head">
                <b>{i === versions.length - 1 ? t('decision.versionCurrent', { n: i + 1 }) : t('decision.version', { n: i + 1 })}</b>
                <span className={`decision-history__verdict verdict-tag verdict-tag--${d.verdict.split('-')[0]}`}>{t(`decision.${d.verdict}`)}</span>
              </div>
              <p className="decision-history__meta">
                {t('decision.versionBy', { name: d.officer.name, badge: d.officer.badge, time: formatDateTime(d.decidedAt) })}
                {d.basis && (
                  <>
                    {' · '}
                    {t(`decision.versionBasis.${d.basis.level}`)}
                    {d.basis.expired && <> · {t('decision.versionExpired')}</>}
                  </>
                )}
              </p>
              {d.reasons.length > 0 ? (
                <ul className="decision-history__reasons">
                  {d.reasons.map((r, j) => <li key={j}>{r}</li>)}
                </ul>
              ) : (
                <p className="muted decision-history__meta">{t('decision.versionNoReasons')}</p>
              )}
              {d.confirmation && <p className="decision-history__confirmation">{t('decision.versionConfirmation', { reason: d.confirmation })}</p>}
              {d.notes.trim() && <p className="decision-history__notes">{t('decision.versionNotes', { notes: d.notes })}</p>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
