// Confirming the withdrawal of an alert published here (trends:withdrawAlert). The station publishes
// a withdrawal that supersedes the alert and is never shown itself; a refusal (already replaced or
// withdrawn, another station's alert) is said in the dialog. An alert has no field for a reason, so
// none is asked for.
import { useRef } from 'react';
import type { ExpertAlert } from '../../electron/contract/trends.contract';
import { loupe } from '../api/loupe';
import { escapeCloses, useDialogAction } from '../hooks/use-dialog-action';
import { useFocusTrap } from '../hooks/use-focus-trap';
import { t } from '../i18n/t';

export function AlertWithdrawDialog({ alert, onClose, onError }: {
  alert: ExpertAlert;
  /** The withdrawal published, or null when the examiner kept the alert. */
  onClose: (withdrawal: ExpertAlert | null) => void;
  onError: (e: unknown) => void;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  const { busy, problem, run } = useDialogAction(onError);
  // The safe choice has the focus first: Enter on an opened dialog keeps the alert.
  useFocusTrap(dialog, '[data-testid="alert-withdraw-cancel"]');

  const withdraw = () => run(async () => onClose(await loupe['trends:withdrawAlert']({ id: alert.id })));
  const onKeyDown = escapeCloses(() => onClose(null));

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="alert-withdraw-title" aria-describedby="alert-withdraw-lead" tabIndex={-1} data-testid="alert-withdraw" onKeyDown={onKeyDown}>
        <h2 className="dialog__title" id="alert-withdraw-title">{t('alertWithdraw.title')}</h2>
        <p id="alert-withdraw-lead">{t('alertWithdraw.lead', { title: alert.title, cls: alert.documentClassId })}</p>
        <p className="muted small">{t('alertWithdraw.noReason')}</p>
        {problem && <p className="form-problem" role="alert" data-testid="alert-withdraw-problem">{problem}</p>}
        <div className="dialog__actions">
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void withdraw()} data-testid="alert-withdraw-confirm">{t('alertWithdraw.confirm')}</button>
          <button type="button" className="button button--ghost" onClick={() => onClose(null)} data-testid="alert-withdraw-cancel">{t('alertWithdraw.cancel')}</button>
        </div>
      </div>
    </div>
  );
}
