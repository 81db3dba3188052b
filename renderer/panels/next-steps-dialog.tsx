// The station's procedure: what the verdict tells the officer to do next, per level and for an
// expired document (examination:nextSteps; saving needs an officer and is audited).
import { useRef, useState, type FormEvent } from 'react';
import { NEXT_STEP_KEYS, type NextSteps } from '../../electron/contract/examination.contract';
import { useFocusTrap } from '../hooks/use-focus-trap';
import { t } from '../i18n/t';

export function NextStepsDialog({ current, defaults, onSave, onClose, onError }: {
  current: NextSteps;
  defaults: NextSteps;
  onSave: (next: NextSteps) => Promise<void>;
  onClose: () => void;
  onError: (e: unknown) => void;
}) {
  const [draft, setDraft] = useState<NextSteps>(current);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useFocusTrap(root);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (NEXT_STEP_KEYS.some((k) => !draft[k].trim())) {
      setProblem(t('procedure.empty'));
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await onSave(draft);
      setSaved(true);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        ref={root}
        className="dialog dialog--wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="procedure-title"
        data-testid="procedure-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 className="dialog__title" id="procedure-title">{t('procedure.title')}</h2>
        <p className="muted">{t('procedure.lead')}</p>
        <form onSubmit={submit} noValidate>
          {NEXT_STEP_KEYS.map((key) => (
            <label className="field" key={key}>
              <span className="field__label">{t(`procedure.for.${key}`)}</span>
              <textarea
                className="input textarea"
                rows={2}
                maxLength={500}
                value={draft[key]}
                onChange={(e) => {
                  setSaved(false);
                  setDraft((d) => ({ ...d, [key]: e.target.value }));
                }}
                data-testid={`procedure-${key}`}
              />
            </label>
          ))}
          {problem && <p className="form-problem" role="alert">{problem}</p>}
          {saved && <p className="procedure__saved" role="status" data-testid="procedure-saved">{t('procedure.saved')}</p>}
          <div className="unsaved__actions">
            <button type="submit" className="button button--primary" disabled={busy} data-testid="procedure-save">{t('procedure.save')}</button>
            <button type="button" className="button" onClick={() => { setSaved(false); setDraft(defaults); }} data-testid="procedure-defaults">{t('procedure.defaults')}</button>
            <button type="button" className="button button--ghost" onClick={onClose} data-testid="procedure-close">{t('procedure.close')}</button>
          </div>
        </form>
      </div>
    </div>
  );
}
