// The examiner's decision: verdict, reasons (one per line), notes → examination:decide.
import { useEffect, useState, type FormEvent, type Ref } from 'react';
import type { DecisionInput, DecisionVerdict, Examination } from '../../electron/contract/examination.contract';
import { formatDateTime, t, type PlainMessageKey } from '../i18n/t';
import { ReviewsSummary } from './reviews-summary';

const GROUPS: { label: PlainMessageKey; verdicts: DecisionVerdict[] }[] = [
  { label: 'decision.group.genuine', verdicts: ['genuine'] },
  { label: 'decision.group.false', verdicts: ['false-counterfeit', 'false-forged', 'false-pseudo'] },
  { label: 'decision.group.fraud', verdicts: ['fraud-impostor', 'fraud-fraudulently-obtained'] },
  { label: 'decision.group.inconclusive', verdicts: ['inconclusive-refer'] },
];

export function DecisionForm({ examination, onDecide, firstFieldRef }: {
  examination: Examination;
  onDecide: (decision: DecisionInput) => Promise<void>;
  firstFieldRef?: Ref<HTMLInputElement>;
}) {
  const existing = examination.decision;
  const [verdict, setVerdict] = useState<DecisionVerdict | null>(existing?.verdict ?? null);
  const [reasons, setReasons] = useState(existing?.reasons.join('\n') ?? '');
  const [notes, setNotes] = useState(existing?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setVerdict(existing?.verdict ?? null);
    setReasons(existing?.reasons.join('\n') ?? '');
    setNotes(existing?.notes ?? '');
  }, [examination.id, existing]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!verdict) {
      setProblem(t('decision.needVerdict'));
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const list = reasons.split('\n').map((r) => r.trim()).filter(Boolean);
      await onDecide({ verdict, reasons: list, notes });
    } finally {
      setBusy(false);
    }
  };

  let first = true;
  return (
    <section className="panel" id="decision" data-testid="decision-form">
      <h2 className="panel__title">{t('decision.title')}</h2>
      <ReviewsSummary examination={examination} />
      <form onSubmit={submit} noValidate>
        <fieldset className="verdicts">
          <legend className="field__label">{t('decision.verdict')}</legend>
          {GROUPS.map((group) => (
            <div className="verdicts__group" key={group.label}>
              <span className="verdicts__group-label">{t(group.label)}</span>
              {group.verdicts.map((v) => {
                const ref = first ? firstFieldRef : undefined;
                first = false;
                return (
                  <label key={v} className={`verdict verdict--${v.split('-')[0]}${verdict === v ? ' verdict--on' : ''}`}>
                    <input
                      ref={ref}
                      type="radio"
                      name="verdict"
                      value={v}
                      checked={verdict === v}
                      onChange={() => setVerdict(v)}
                      data-testid={`decision-verdict-${v}`}
                    />
                    <span>{t(`decision.${v}`)}</span>
                  </label>
                );
              })}
            </div>
          ))}
        </fieldset>
        <label className="field">
          <span className="field__label">{t('decision.reasons')}</span>
          <textarea className="input textarea" rows={3} maxLength={5000} value={reasons} onChange={(e) => setReasons(e.target.value)} data-testid="decision-reasons" />
        </label>
        <label className="field">
          <span className="field__label">{t('decision.notes')}</span>
          <textarea className="input textarea" rows={3} maxLength={5000} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="decision-notes" />
        </label>
        {problem && <p className="form-problem" role="alert">{problem}</p>}
        <div className="decision__footer">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="decision-submit">
            {busy ? t('decision.saving') : existing ? t('decision.update') : t('decision.submit')}
          </button>
          {existing && (
            <span className="decision__recorded" data-testid="decision-recorded" data-verdict={existing.verdict}>
              ✓ {t('decision.recorded', { name: existing.officer.name, badge: existing.officer.badge, time: formatDateTime(existing.decidedAt) })}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
