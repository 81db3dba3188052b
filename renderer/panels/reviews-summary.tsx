// The officer's reviews of findings, listed in the decision panel so the decision is taken with
// them in view.
import type { Examination } from '../../electron/contract/examination.contract';
import { formatDateTime, t } from '../i18n/t';

export function ReviewsSummary({ examination }: { examination: Examination }) {
  const reviews = examination.reviews ?? [];
  const titleOf = (checkId: string) => examination.checks.find((c) => c.id === checkId)?.title ?? checkId;
  return (
    <div className="reviews-summary" data-testid="decision-reviews">
      <span className="field__label">{t('review.listTitle')}</span>
      {reviews.length === 0 ? (
        <p className="muted">{t('review.none')}</p>
      ) : (
        <ul className="plain-list">
          {reviews.map((r) => (
            <li key={r.checkId} data-testid={`decision-review-${r.checkId}`} data-verdict={r.verdict}>
              <b>{titleOf(r.checkId)}</b> — {t(`review.${r.verdict}`)} · {r.reason}{' '}
              <span className="muted">({t('review.by', { name: r.officer.name, badge: r.officer.badge, time: formatDateTime(r.at) })})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
