// The overall verdict at the head of the report, as the screen shows it: the level in words (never
// colour alone), the expired state, one line per failed or warning check, what was not performed,
// and the next step of the station's procedure. Printed from the examination's own overall verdict
// (computed once on the Node side); a record without one prints none.
import { nextStepsFor, verdictHeadline, type Examination, type NextSteps, type VerdictHeadline } from '../contract/examination.contract';
import { escapeHtml } from './report-escape';
import type { ReportT } from './report-language';

const ICON: Record<VerdictHeadline, string> = { pass: '✓', attention: '!', fail: '✗', incomplete: '–', expired: '!' };

export function overallVerdictHtml(exam: Examination, t: ReportT, nextSteps?: NextSteps): string {
  const overall = exam.overall;
  if (!overall) return '';
  const expired = overall.expired
    ? `<p class="overall-expired"><b>${escapeHtml(overall.expired.on ? t('report.expiredOn', { date: overall.expired.on }) : t('report.expired'))}</b></p>`
    : '';
  const findings = overall.findings.length
    ? `<ul class="plain overall-list">${overall.findings
        .map((f) => `<li><span class="tag st-${f.status}">${f.status === 'fail' ? '✗' : '!'}</span> ${escapeHtml(t('report.finding', { layer: t(`report.layer.${f.layer}`), title: f.title, reason: f.reason }))}</li>`)
        .join('')}</ul>`
    : `<p class="muted">${escapeHtml(t('report.noFindings'))}</p>`;
  const gaps = overall.notPerformed.length
    ? `<ul class="plain overall-list">${overall.notPerformed.map((g) => `<li>${escapeHtml(t('report.gap', { titles: g.titles.join(', '), reason: g.reason }))}</li>`).join('')}</ul>`
    : `<p class="muted">${escapeHtml(t('report.nothingMissing'))}</p>`;
  const headline = verdictHeadline(overall);
  const steps = nextSteps ? nextStepsFor(overall, nextSteps) : [];
  const next = steps.length ? `<h4>${escapeHtml(t('report.nextStep'))}</h4>${steps.map((s) => `<p class="overall-next">${escapeHtml(s)}</p>`).join('')}` : '';
  return `<section class="block overall level-${escapeHtml(overall.level)} headline-${headline}" data-level="${escapeHtml(overall.level)}">
    <h2>${escapeHtml(t('report.overall'))}</h2>
    <p class="overall-level"><span class="overall-icon">${ICON[headline]}</span> ${escapeHtml(t(`report.level.${headline}`))}</p>
    ${expired}
    <h4>${escapeHtml(t('report.findings'))}</h4>${findings}
    <h4>${escapeHtml(t('report.notPerformed'))}</h4>${gaps}
    ${next}
  </section>`;
}

export const overallVerdictCss = `
.overall .overall-level { font-size: 13pt; font-weight: bold; margin: 0 0 1.5mm; padding: 2mm 3mm; border-left: 4pt solid #6b7280; background: #f1f3f6; }
.overall.level-pass .overall-level { border-left-color: #1f7a3a; background: #e8f5ec; color: #1f7a3a; }
.overall.level-attention .overall-level,
.overall.headline-expired .overall-level { border-left-color: #c77700; background: #fff3d6; color: #7a4a00; }
.overall.level-fail .overall-level { border-left-color: #c0262d; background: #c0262d; color: #fff; }
.overall-icon { display: inline-block; min-width: 5mm; }
.overall-expired { color: #8b0d14; margin: 0 0 1.5mm; }
.overall-list li { margin: .6mm 0; }
.overall-next { margin: 0 0 1mm; padding: 1.5mm 3mm; border: .6pt solid #1d3557; background: #f7f8fa; }
`;
