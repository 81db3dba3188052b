// The examination's overall verdict, first thing in the side panel and kept in view while the panel
// scrolls: the level in words with its own icon and colour (never colour alone), the expired state,
// one line per failed or warning check (a click shows the check), what was not performed, and the
// station's next step. The verdict is the examination's own (computed on the Node side), never
// derived here.
import { useLayoutEffect, useRef } from 'react';
import { nextStepsFor, verdictHeadline, type CheckResult, type NextSteps, type OverallVerdict, type VerdictHeadline } from '../../electron/contract/examination.contract';
import { formatDate, t } from '../i18n/t';
import { assertNever } from '../util/assert-never';

function icon(headline: VerdictHeadline): string {
  switch (headline) {
    case 'pass':
      return '✓';
    case 'attention':
      return '!';
    case 'fail':
      return '✕';
    case 'incomplete':
      return '–';
    case 'expired':
      return '⚠';
    default:
      return assertNever(headline);
  }
}

/**
 * What a group of not-performed checks is called: a layer's name when every check of that layer is
 * in the group ("Issuer signature"), the checks' own titles otherwise.
 */
function gapSubjects(gap: OverallVerdict['notPerformed'][number], checks: readonly CheckResult[]): string {
  const names: string[] = [];
  for (const layer of gap.layers) {
    const ofLayer = checks.filter((c) => c.layer === layer);
    const inGap = ofLayer.filter((c) => gap.checkIds.includes(c.id));
    if (inGap.length > 0 && inGap.length === ofLayer.length) names.push(t(`layer.${layer}`));
    else names.push(...inGap.map((c) => c.title));
  }
  return names.join(', ');
}

export function VerdictBanner({ overall, checks, nextSteps, onShowCheck, onEditProcedure }: {
  overall: OverallVerdict;
  checks: readonly CheckResult[];
  nextSteps: NextSteps | null;
  onShowCheck: (checkId: string) => void;
  onEditProcedure: () => void;
}) {
  const headline = verdictHeadline(overall);
  const steps = nextSteps ? nextStepsFor(overall, nextSteps) : [];
  // How many lines the list holds, in the head: a list that scrolls on a short window still says it.
  const failed = overall.findings.filter((f) => f.status === 'fail').length;
  const warned = overall.findings.length - failed;
  const counts = [...(failed ? [t('verdict.countFail', { count: failed })] : []), ...(warned ? [t('verdict.countWarn', { count: warned })] : [])];
  const root = useRef<HTMLElement>(null);
  // The panel keeps what it scrolls into view below the verdict: it learns the verdict's height here.
  useLayoutEffect(() => {
    const el = root.current;
    const panel = el?.parentElement;
    if (!el || !panel) return;
    const observer = new ResizeObserver(() => panel.style.setProperty('--verdict-height', `${el.offsetHeight}px`));
    observer.observe(el);
    return () => {
      observer.disconnect();
      panel.style.removeProperty('--verdict-height');
    };
  }, []);
  return (
    <section
      ref={root}
      className={`exam-verdict exam-verdict--${headline}`}
      role="region"
      aria-label={t('verdict.region')}
      data-testid="verdict-banner"
      data-level={overall.level}
      data-headline={headline}
      data-expired={overall.expired ? 'yes' : 'no'}
    >
      <div className="exam-verdict__head">
        <span className="exam-verdict__icon" aria-hidden="true">{icon(headline)}</span>
        <h2 className="exam-verdict__level" data-testid="verdict-level">{t(`verdict.level.${headline}`)}</h2>
        {counts.length > 0 && <span className="exam-verdict__count" data-testid="verdict-count">{counts.join(' · ')}</span>}
      </div>
      {overall.expired && (
        <p className="exam-verdict__expired" data-testid="verdict-expired">
          <span aria-hidden="true">⚠ </span>
          {overall.expired.on ? t('verdict.expired', { date: formatDate(overall.expired.on) }) : t('verdict.expiredNoDate')}
        </p>
      )}
      <div className="exam-verdict__body">
        {overall.findings.length > 0 && (
          <ul className="exam-verdict__findings" aria-label={t('verdict.findings')} data-testid="verdict-findings">
            {overall.findings.map((f) => (
              <li key={f.checkId} className={`exam-verdict__finding exam-verdict__finding--${f.status}`} data-testid={`verdict-finding-${f.checkId}`} data-status={f.status}>
                <button type="button" className="exam-verdict__finding-button" onClick={() => onShowCheck(f.checkId)}>
                  <span className="exam-verdict__finding-icon" aria-hidden="true">{f.status === 'fail' ? '✕' : '!'}</span>
                  <span className="visually-hidden">{t(`status.${f.status}`)}</span>
                  <span>{t('verdict.finding', { title: f.title, reason: f.reason })}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {overall.notPerformed.length > 0 && (
          <div className="exam-verdict__gaps" data-testid="verdict-not-performed">
            <span className="exam-verdict__label">{t('verdict.notPerformed')}</span>
            <ul className="plain-list">
              {overall.notPerformed.map((g) => (
                <li key={g.checkIds.join()} data-checks={g.checkIds.join(' ')} title={g.titles.join(', ')}>
                  {t('verdict.gap', { titles: gapSubjects(g, checks), reason: g.reason })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="exam-verdict__next" data-testid="verdict-next-step">
        <div className="exam-verdict__next-head">
          <span className="exam-verdict__label">{t('verdict.nextStep')}</span>
          <button type="button" className="exam-verdict__procedure" onClick={onEditProcedure} data-testid="verdict-procedure">
            {t('verdict.procedure')}
          </button>
        </div>
        {steps.map((s, i) => <p key={i} className="exam-verdict__next-text">{s}</p>)}
      </div>
    </section>
  );
}
