// The alerts this station published that are shown now (trends:ownAlerts), next to the publish
// form: "Replace…" fills the form with an alert for a new version, "Withdraw…" asks before
// publishing its withdrawal. Replaced and withdrawn alerts leave the list (the station's one rule
// of which alerts are shown, electron/trends/alert-standing.ts).
import { useEffect, useState } from 'react';
import type { ExpertAlert } from '../../electron/contract/trends.contract';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';
import { AlertWithdrawDialog } from './alert-withdraw-dialog';
import { scopeText } from './alert-scope-text';
import { fraudTypeLabel } from './fraud-type-label';

export function OwnAlertsPanel({ revision, replacingId, onReplace, onWithdrawn, onError }: {
  /** Changes when the list should be read again (an alert published, replaced or withdrawn). */
  revision: number;
  /** The alert the form is replacing, marked in the list. */
  replacingId: string | null;
  onReplace: (alert: ExpertAlert) => void;
  onWithdrawn: (withdrawal: ExpertAlert) => void;
  onError: (e: unknown) => void;
}) {
  const [alerts, setAlerts] = useState<ExpertAlert[] | null>(null);
  const [withdrawing, setWithdrawing] = useState<ExpertAlert | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    loupe['trends:ownAlerts']({}).then((list) => current && setAlerts(list), onError);
    return () => {
      current = false;
    };
  }, [revision, onError]);

  const closed = (withdrawal: ExpertAlert | null) => {
    const alert = withdrawing;
    setWithdrawing(null);
    if (!withdrawal || !alert) return;
    setNotice(t('ownAlerts.withdrawn', { title: alert.title }));
    onWithdrawn(withdrawal);
  };

  return (
    <section className="panel trends__own-alerts" aria-labelledby="own-alerts-title" data-testid="own-alerts">
      <h3 className="panel__title" id="own-alerts-title">{t('ownAlerts.title')}</h3>
      <p className="muted small">{t('ownAlerts.lead')}</p>
      {alerts === null ? (
        <p className="muted" role="status">{t('ownAlerts.loading')}</p>
      ) : alerts.length === 0 ? (
        <p className="muted" data-testid="own-alerts-empty">{t('ownAlerts.empty')}</p>
      ) : (
        <table className="trends__table">
          <thead>
            <tr>
              <th>{t('ownAlerts.col.title')}</th><th>{t('ownAlerts.col.class')}</th><th>{t('ownAlerts.col.scope')}</th><th>{t('ownAlerts.col.week')}</th><th>{t('ownAlerts.col.until')}</th><th>{t('ownAlerts.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id} className={replacingId === a.id ? 'trends__row--highlight' : ''} data-testid="own-alert" data-alert-id={a.id}>
                <td>
                  <strong>{a.title}</strong>
                  <div className="muted small">{fraudTypeLabel(a.fraudType)}{replacingId === a.id ? ` · ${t('ownAlerts.replacing')}` : ''}</div>
                </td>
                <td>{a.documentClassId}</td>
                <td data-testid="own-alert-scope">{scopeText(a)}</td>
                <td>{a.week}</td>
                <td>{a.validUntilWeek ?? t('ownAlerts.untilReplaced')}</td>
                <td>
                  <div className="trends__actions">
                    <button type="button" className="button button--small" aria-label={t('ownAlerts.replaceLabel', { title: a.title })} onClick={() => { setNotice(null); onReplace(a); }} data-testid="own-alert-replace">{t('ownAlerts.replace')}</button>
                    <button type="button" className="button button--small" aria-label={t('ownAlerts.withdrawLabel', { title: a.title })} onClick={() => { setNotice(null); setWithdrawing(a); }} data-testid="own-alert-withdraw">{t('ownAlerts.withdraw')}</button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {notice && <p className="muted" role="status" data-testid="own-alerts-notice">{notice}</p>}
      {withdrawing && <AlertWithdrawDialog alert={withdrawing} onClose={closed} onError={onError} />}
    </section>
  );
}
