// Checks grouped by verdict layer, and the layered verdict itself (docs/ARCHITECTURE.md §3): one
// status per layer, never one opaque score. "Not performed" is printed as such, never as pass/fail.
import type { CheckResult, CheckStatus, Evidence, Examination, FindingReview, Layer } from '../contract/examination.contract';
import { LAYERS } from '../contract/examination.contract';
import { escapeHtml } from './report-escape';
import type { ReportOverlay } from './report-overlays';
import type { ReportT } from './report-language';
import { formatTimestamp } from './report-time';

const ICON: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', 'not-performed': '–' };

export function statusBadge(status: CheckStatus, t: ReportT): string {
  return `<span class="badge st-${status}">${ICON[status]} ${escapeHtml(t(`report.status.${status}`))}</span>`;
}

export function verdictTableHtml(exam: Examination, t: ReportT): string {
  const rows = LAYERS.map((layer) => {
    const v = exam.verdict.find((x) => x.layer === layer);
    const status: CheckStatus = v?.status ?? 'not-performed';
    return `<tr><td><b>${escapeHtml(t(`report.layer.${layer}`))}</b></td><td>${statusBadge(status, t)}</td><td>${escapeHtml(v?.summary ?? '')}</td></tr>`;
  }).join('');
  return `<table class="grid verdict"><thead><tr><th>${escapeHtml(t('report.layerHeader'))}</th><th>${escapeHtml(t('report.statusHeader'))}</th><th>${escapeHtml(t('report.summaryHeader'))}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function evidenceItem(ev: Evidence, overlay: ReportOverlay | undefined, t: ReportT): string {
  const parts: string[] = [];
  if (overlay) parts.push(`<span class="tag st-${overlay.status}">${overlay.n}</span> ${escapeHtml(t('report.overlayRef', { n: overlay.n, light: t(`report.light.${overlay.light}`) }))}`);
  else if (ev.light) parts.push(escapeHtml(t(`report.light.${ev.light}`)));
  if (ev.region) {
    const { x, y, w, h } = ev.region;
    parts.push(`<span class="mono small">x ${escapeHtml(Math.round(x))}, y ${escapeHtml(Math.round(y))}, ${escapeHtml(Math.round(w))}×${escapeHtml(Math.round(h))} px</span>`);
  }
  if (ev.mrz) parts.push(escapeHtml(t('report.mrzCharacters', { line: ev.mrz.line + 1, start: ev.mrz.start + 1, end: ev.mrz.end })));
  if (ev.note) parts.push(escapeHtml(ev.note));
  return `<li>${parts.join(' · ')}</li>`;
}

/** The officer's review of a finding (verdict, who, when, why); every value typed by an officer is escaped. */
export function reviewRowHtml(review: FindingReview | undefined, t: ReportT): string {
  if (!review) return '';
  const by = t('report.reviewBy', { officer: review.officer.name, badge: review.officer.badge, time: formatTimestamp(review.at) });
  return `<tr class="review review-${escapeHtml(review.verdict)}"><th>${escapeHtml(t('report.review'))}</th><td><b>${escapeHtml(t(`report.review.${review.verdict}`))}</b> ${escapeHtml(by)}<br>${escapeHtml(t('report.reviewReason', { reason: review.reason }))}</td></tr>`;
}

function checkRow(check: CheckResult, index: number, overlays: readonly ReportOverlay[], t: ReportT, review?: FindingReview): string {
  const own = overlays.filter((o) => o.checkIndex === index);
  let next = 0;
  const evidence = check.evidence.length
    ? `<ul class="plain evidence">${check.evidence.map((ev) => evidenceItem(ev, ev.region ? own[next++] : undefined, t)).join('')}</ul>`
    : `<span class="muted small">${escapeHtml(t('report.noEvidence'))}</span>`;
  return `<tr class="check st-row-${check.status}">
    <td class="status-cell">${statusBadge(check.status, t)}</td>
    <td>
      <div class="check-title">${escapeHtml(check.title)} <span class="muted mono small">${escapeHtml(check.id)}</span></div>
      <div class="explanation">${escapeHtml(check.explanation)}</div>
      <table class="kv"><tr><th>${escapeHtml(t('report.measured'))}</th><td>${escapeHtml(check.measured || t('report.unknown'))}</td></tr>
        <tr><th>${escapeHtml(t('report.expected'))}</th><td>${escapeHtml(check.expected || t('report.unknown'))}</td></tr>
        <tr><th>${escapeHtml(t('report.evidence'))}</th><td>${evidence}</td></tr>${reviewRowHtml(review, t)}</table>
    </td>
  </tr>`;
}

function layerBlock(layer: Layer, exam: Examination, overlays: readonly ReportOverlay[], t: ReportT): string {
  const checks = [...exam.checks.entries()].filter(([, c]) => c.layer === layer);
  const v = exam.verdict.find((x) => x.layer === layer);
  const head = `<h3>${escapeHtml(t(`report.layer.${layer}`))} ${statusBadge(v?.status ?? 'not-performed', t)}</h3>`;
  if (checks.length === 0) return `<div class="layer">${head}<p class="muted small">${escapeHtml(t('report.noChecksInLayer'))}</p></div>`;
  return `<div class="layer">${head}<table class="grid checks"><tbody>${checks.map(([i, c]) => checkRow(c, i, overlays, t, exam.reviews?.find((r) => r.checkId === c.id))).join('')}</tbody></table></div>`;
}

export function checksSectionHtml(exam: Examination, overlays: readonly ReportOverlay[], t: ReportT): string {
  return `<section class="block checks-section"><h2>${escapeHtml(t('report.checks'))}</h2>${LAYERS.map((l) => layerBlock(l, exam, overlays, t)).join('')}</section>`;
}
