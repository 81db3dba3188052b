// Checks grouped by verdict layer, each layer with its verdict, each check with status, explanation,
// measured vs expected, and a jump to its evidence (image region or MRZ characters). Failed and
// warned checks also show the comparison strip (document vs reference crop) and the officer's
// review. Keyboard: ↑/↓ move between checks, C confirms, X dismisses the focused finding.
import type { KeyboardEvent } from 'react';
import { LAYERS, type CheckResult, type FindingReview, type FindingReviewInput, type LayerVerdict } from '../../electron/contract/examination.contract';
import { t } from '../i18n/t';
import { ComparisonStrip, type ComparisonContext } from './comparison-strip';
import { ReviewButtons, ReviewForm, ReviewRecord, type ReviewVerdict } from './finding-review';
import { StatusIcon } from './status-icon';

export interface ReviewState {
  reviews: FindingReview[];
  /** The finding whose review form is open, and with which verdict. */
  open: { checkId: string; verdict: ReviewVerdict } | null;
  onStart: (checkId: string, verdict: ReviewVerdict) => void;
  onCancel: () => void;
  onSave: (input: FindingReviewInput) => Promise<void>;
}

export const isReviewable = (check: CheckResult): boolean => check.status === 'fail' || check.status === 'warn';

/** ↑/↓ between check cards, C/X on a focused reviewable finding. Handled here so global keys (pan) don't fire. */
function onListKey(event: KeyboardEvent<HTMLElement>, checks: CheckResult[], review: ReviewState | undefined): void {
  const target = event.target as HTMLElement;
  const checkId = target.dataset.checkNav;
  if (!checkId || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    const cards = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[data-check-nav]'));
    const next = cards[cards.indexOf(target) + (event.key === 'ArrowDown' ? 1 : -1)];
    event.preventDefault();
    next?.focus();
    next?.scrollIntoView({ block: 'nearest' });
    return;
  }
  const key = event.key.toLowerCase();
  const check = checks.find((c) => c.id === checkId);
  if ((key === 'c' || key === 'x') && review && check && isReviewable(check)) {
    event.preventDefault();
    review.onStart(check.id, key === 'c' ? 'confirmed' : 'dismissed');
  }
}

export function ChecksList({ checks, verdict, selectedId, onSelect, review, comparison }: {
  checks: CheckResult[];
  verdict: LayerVerdict[];
  selectedId: string | null;
  onSelect: (check: CheckResult) => void;
  review?: ReviewState;
  comparison?: ComparisonContext;
}) {
  const layers = LAYERS.filter((layer) => verdict.some((v) => v.layer === layer) || checks.some((c) => c.layer === layer));
  return (
    <section className="panel" data-testid="checks-list" onKeyDown={(e) => onListKey(e, checks, review)}>
      <header className="panel__header">
        <h2 className="panel__title">{t('checks.title')}</h2>
        <span className="panel__meta">{t('checks.count', { count: checks.length })}</span>
      </header>
      {layers.length === 0 && <p className="muted">{t('checks.none')}</p>}
      {layers.map((layer) => {
        const layerVerdict = verdict.find((v) => v.layer === layer);
        const layerChecks = checks.filter((c) => c.layer === layer);
        return (
          <div className="layer" key={layer} data-testid={`layer-${layer}`}>
            <div className="layer__header">
              {layerVerdict && <StatusIcon status={layerVerdict.status} />}
              <h3 className="layer__title">{t(`layer.${layer}`)}</h3>
              {layerVerdict && <span className="layer__summary">{layerVerdict.summary}</span>}
            </div>
            <ul className="checks">
              {layerChecks.map((check) => {
                const hasRegion = check.evidence.some((e) => e.region);
                const hasMrz = check.evidence.some((e) => e.mrz);
                const selected = check.id === selectedId;
                const reviewable = isReviewable(check);
                const recorded = review?.reviews.find((r) => r.checkId === check.id);
                const form = review?.open?.checkId === check.id ? review.open : null;
                return (
                  <li key={check.id} className={reviewable ? 'check-card check-card--finding' : 'check-card'} data-testid={`check-card-${check.id}`}>
                    <button
                      type="button"
                      className={`check${selected ? ' check--selected' : ''}`}
                      aria-pressed={selected}
                      data-testid={`check-${check.id}`}
                      data-check-nav={check.id}
                      data-status={check.status}
                      data-review={recorded?.verdict}
                      data-evidence={[hasRegion ? 'region' : '', hasMrz ? 'mrz' : ''].join(' ').trim() || undefined}
                      onClick={() => onSelect(check)}
                    >
                      <StatusIcon status={check.status} />
                      <span className="check__body">
                        <span className="check__title">{check.title}</span>
                        <span className="check__explanation">{check.explanation}</span>
                        {(check.measured || check.expected) && (
                          <span className="check__values">
                            {check.measured && <span>{t('checks.measured')}: <b>{check.measured}</b></span>}
                            {check.expected && <span>{t('checks.expected')}: <b>{check.expected}</b></span>}
                          </span>
                        )}
                        {check.evidence.map((e, i) => e.note && <span key={i} className="check__note">{e.note}</span>)}
                        {hasRegion && <span className="check__jump">{t('checks.jump')} →</span>}
                        {hasMrz && <span className="check__jump">{t('checks.mrzEvidence')}</span>}
                      </span>
                    </button>
                    {reviewable && hasRegion && comparison && <ComparisonStrip check={check} context={comparison} />}
                    {reviewable && review && (
                      <div className="check-card__review">
                        {recorded && <ReviewRecord review={recorded} />}
                        {form ? (
                          <ReviewForm key={form.verdict} checkId={check.id} verdict={form.verdict} onSave={review.onSave} onCancel={review.onCancel} />
                        ) : (
                          <ReviewButtons checkId={check.id} onStart={(v) => review.onStart(check.id, v)} />
                        )}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
