// The examiner's decision: verdict, reasons (one per line), notes → examination:decide. Every
// decision is kept as a version (the history below the form). "Genuine" on a document whose
// examination failed or that has expired asks for a confirming reason, as the Node side requires.
// What is typed here stays until it is recorded or the officer agrees to discard it (unsaved-work.tsx).
import { useState, type FormEvent, type Ref } from 'react';
import { decisionNeedsConfirmation, type DecisionInput, type DecisionVerdict, type Examination } from '../../electron/contract/examination.contract';
import { useUnsavedMark } from '../app/unsaved-work';
import { formatDateTime, t, type PlainMessageKey } from '../i18n/t';
import { DecisionHistory } from './decision-history';
import { ReviewsSummary } from './reviews-summary';

const GROUPS: { label: PlainMessageKey; verdicts: DecisionVerdict[] }[] = [
  { label: 'decision.group.genuine', verdicts: ['genuine'] },
  { label: 'decision.group.false', verdicts: ['false-counterfeit', 'false-forged', 'false-pseudo'] },
  { label: 'decision.group.fraud', verdicts: ['fraud-impostor', 'fraud-fraudulently-obtained'] },
  { label: 'decision.group.inconclusive', verdicts: ['inconclusive-refer'] },
];

const splitReasons = (text: string) => text.split('\n').map((r) => r.trim()).filter(Boolean);

/** Keyed by the examination and its number of decisions: it starts again from each recorded version. */
export function DecisionForm({ examination, onDecide, firstFieldRef }: {
  examination: Examination;
  onDecide: (decision: DecisionInput) => Promise<void>;
  firstFieldRef?: Ref<HTMLInputElement>;
}) {
  const existing = examination.decision;
  const versions = examination.decisions ?? (existing ? [existing] : []);
  const initial = { verdict: existing?.verdict ?? null, reasons: existing?.reasons.join('\n') ?? '', notes: existing?.notes ?? '', confirmation: existing?.confirmation ?? '' };
  const [verdict, setVerdict] = useState<DecisionVerdict | null>(initial.verdict);
  const [reasons, setReasons] = useState(initial.reasons);
  const [notes, setNotes] = useState(initial.notes);
  const [confirmation, setConfirmation] = useState(initial.confirmation);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const dirty =
    verdict !== initial.verdict ||
    splitReasons(reasons).join('\n') !== splitReasons(initial.reasons).join('\n') ||
    notes !== initial.notes ||
    confirmation.trim() !== initial.confirmation.trim();
  useUnsavedMark(`decision:${examination.id}`, 'decision', dirty);

  const overall = examination.overall;
  const needsConfirmation = verdict !== null && overall !== undefined && decisionNeedsConfirmation(verdict, overall);
  const confirmKey: PlainMessageKey = overall?.level === 'fail' && overall.expired ? 'decision.confirm.both' : overall?.level === 'fail' ? 'decision.confirm.fail' : 'decision.confirm.expired';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!verdict) {
      setProblem(t('decision.needVerdict'));
      return;
    }
    if (needsConfirmation && !confirmation.trim()) {
      setProblem(t('decision.needConfirmation'));
      document.getElementById('decision-confirmation')?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await onDecide({ verdict, reasons: splitReasons(reasons), notes, ...(needsConfirmation ? { confirmation: confirmation.trim() } : {}) });
    } finally {
      setBusy(false);
    }
  };

  let first = true;
  return (
    <section className="panel" id="decision" data-testid="decision-form" data-dirty={dirty ? 'yes' : 'no'}>
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
        {needsConfirmation && (
          <label className="field decision__confirmation">
            <span className="field__label">{t(confirmKey)}</span>
            <textarea
              id="decision-confirmation"
              className="input textarea"
              rows={2}
              maxLength={1000}
              required
              aria-describedby="decision-confirmation-hint"
              value={confirmation}
              onChange={(e) => setConfirmation(e.target.value)}
              data-testid="decision-confirmation"
            />
            <span className="field__hint" id="decision-confirmation-hint">{t('decision.confirmHint')}</span>
          </label>
        )}
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
      <DecisionHistory versions={versions} />
    </section>
  );
}
