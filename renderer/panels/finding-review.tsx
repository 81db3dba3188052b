// Reviewing one finding: the officer confirms or dismisses it, always with a reason. Keyboard:
// C / X on a focused (or selected) check opens this form with the reason field focused; Enter
// saves, Escape cancels. The recorded review (who, when, verdict, reason) shows on the card.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FindingReview, FindingReviewInput } from '../../electron/contract/examination.contract';
import { useUnsavedMark } from '../app/unsaved-work';
import { formatDateTime, t } from '../i18n/t';

export type ReviewVerdict = FindingReviewInput['verdict'];

export function ReviewRecord({ review }: { review: FindingReview }) {
  return (
    <p className={`review review--${review.verdict}`} data-testid={`review-${review.checkId}`} data-verdict={review.verdict}>
      <b>{t(`review.${review.verdict}`)}</b>{' '}
      {t('review.by', { name: review.officer.name, badge: review.officer.badge, time: formatDateTime(review.at) })}
      <span className="review__reason">“{review.reason}”</span>
    </p>
  );
}

export function ReviewButtons({ checkId, onStart }: { checkId: string; onStart: (verdict: ReviewVerdict) => void }) {
  return (
    <div className="review-buttons">
      <button type="button" className="button button--small" onClick={() => onStart('confirmed')} data-testid={`review-confirm-${checkId}`}>
        <kbd className="kbd">C</kbd> {t('review.confirm')}
      </button>
      <button type="button" className="button button--small" onClick={() => onStart('dismissed')} data-testid={`review-dismiss-${checkId}`}>
        <kbd className="kbd">X</kbd> {t('review.dismiss')}
      </button>
    </div>
  );
}

export function ReviewForm({ checkId, verdict, onSave, onCancel }: {
  checkId: string;
  verdict: ReviewVerdict;
  onSave: (input: FindingReviewInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), [verdict]);
  useUnsavedMark(`review:${checkId}`, 'review', reason.trim() !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(t('review.needReason'));
      field.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSave({ checkId, verdict, reason: reason.trim() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={`review-form review-form--${verdict}`} onSubmit={submit} noValidate data-testid={`review-form-${checkId}`} data-verdict={verdict}>
      <label className="field">
        <span className="field__label">{t(verdict === 'confirmed' ? 'review.reasonConfirm' : 'review.reasonDismiss')}</span>
        <input
          ref={field}
          className="input input--compact"
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onCancel();
            }
          }}
          data-testid={`review-reason-${checkId}`}
        />
      </label>
      {problem && <p className="form-problem" role="alert">{problem}</p>}
      <div className="review-form__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy} data-testid={`review-save-${checkId}`}>
          {busy ? t('decision.saving') : t(verdict === 'confirmed' ? 'review.saveConfirm' : 'review.saveDismiss')}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onCancel}>{t('review.cancel')}</button>
      </div>
    </form>
  );
}
