// Checks grouped by verdict layer, and the layered verdict itself (docs/ARCHITECTURE.md §3): one
// status per layer, never one opaque score. "Not performed" is printed as such, never as pass/fail.
import type { CheckResult, CheckStatus, Evidence, Examination, FindingReview, Layer } from '../contract/examination.contract';
import { LAYERS } from '../contract/examination.contract';
import { escapeHtml } from './report-escape';
import type { ReportOverlay } from './report-overlays';
import type { ReportStrings } from './report-strings';
import { formatTimestamp } from './report-time';

const ICON: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', 'not-performed': '–' };

export function statusBadge(status: CheckStatus, s: ReportStrings): string {
  return `<span class="badge st-${status}">${ICON[status]} ${escapeHtml(s.statuses[status])}</span>`;
}

export function verdictTableHtml(exam: Examination, s: ReportStrings): string {
  const rows = LAYERS.map((layer) => {
    const v = exam.verdict.find((x) => x.layer === layer);
    const status: CheckStatus = v?.status ?? 'not-performed';
    return `<tr><td><b>${escapeHtml(s.layers[layer])}</b></td><td>${statusBadge(status, s)}</td><td>${escapeHtml(v?.summary ?? '')}</td></tr>`;
  }).join('');
  return `<table class="grid verdict"><thead><tr><th>${escapeHtml(s.layerHeader)}</th><th>${escapeHtml(s.statusHeader)}</th><th>${escapeHtml(s.summaryHeader)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function evidenceItem(ev: Evidence, overlay: ReportOverlay | undefined, s: ReportStrings): string {
  const parts: string[] = [];
  if (overlay) parts.push(`<span class="tag st-${overlay.status}">${overlay.n}</span> ${escapeHtml(s.overlayRef(overlay.n, s.lights[overlay.light]))}`);
  else if (ev.light) parts.push(escapeHtml(s.lights[ev.light]));
  if (ev.region) {
    const { x, y, w, h } = ev.region;
    parts.push(`<span class="mono small">x ${escapeHtml(Math.round(x))}, y ${escapeHtml(Math.round(y))}, ${escapeHtml(Math.round(w))}×${escapeHtml(Math.round(h))} px</span>`);
  }
  if (ev.mrz) parts.push(escapeHtml(s.mrzCharacters(ev.mrz.line + 1, ev.mrz.start + 1, ev.mrz.end)));
  if (ev.note) parts.push(escapeHtml(ev.note));
  return `<li>${parts.join(' · ')}</li>`;
}

/** The officer's review of a finding (verdict, who, when, why); every value typed by an officer is escaped. */
export function reviewRowHtml(review: FindingReview | undefined, s: ReportStrings): string {
  if (!review) return '';
  const by = s.reviewBy(review.officer.name, review.officer.badge, formatTimestamp(review.at));
  return `<tr class="review review-${escapeHtml(review.verdict)}"><th>${escapeHtml(s.review)}</th><td><b>${escapeHtml(s.reviewVerdicts[review.verdict])}</b> ${escapeHtml(by)}<br>${escapeHtml(s.reviewReason)}: ${escapeHtml(review.reason)}</td></tr>`;
}

function checkRow(check: CheckResult, index: number, overlays: readonly ReportOverlay[], s: ReportStrings, review?: FindingReview): string {
  const own = overlays.filter((o) => o.checkIndex === index);
  let next = 0;
  const evidence = check.evidence.length
    ? `<ul class="plain evidence">${check.evidence.map((ev) => evidenceItem(ev, ev.region ? own[next++] : undefined, s)).join('')}</ul>`
    : `<span class="muted small">${escapeHtml(s.noEvidence)}</span>`;
  return `<tr class="check st-row-${check.status}">
    <td class="status-cell">${statusBadge(check.status, s)}</td>
    <td>
      <div class="check-title">${escapeHtml(check.title)} <span class="muted mono small">${escapeHtml(check.id)}</span></div>
      <div class="explanation">${escapeHtml(check.explanation)}</div>
      <table class="kv"><tr><th>${escapeHtml(s.measured)}</th><td>${escapeHtml(check.measured || s.unknown)}</td></tr>
        <tr><th>${escapeHtml(s.expected)}</th><td>${escapeHtml(check.expected || s.unknown)}</td></tr>
        <tr><th>${escapeHtml(s.evidence)}</th><td>${evidence}</td></tr>${reviewRowHtml(review, s)}</table>
    </td>
  </tr>`;
}

function layerBlock(layer: Layer, exam: Examination, overlays: readonly ReportOverlay[], s: ReportStrings): string {
  const checks = [...exam.checks.entries()].filter(([, c]) => c.layer === layer);
  const v = exam.verdict.find((x) => x.layer === layer);
  const head = `<h3>${escapeHtml(s.layers[layer])} ${statusBadge(v?.status ?? 'not-performed', s)}</h3>`;
  if (checks.length === 0) return `<div class="layer">${head}<p class="muted small">${escapeHtml(s.noChecksInLayer)}</p></div>`;
  return `<div class="layer">${head}<table class="grid checks"><tbody>${checks.map(([i, c]) => checkRow(c, i, overlays, s, exam.reviews?.find((r) => r.checkId === c.id))).join('')}</tbody></table></div>`;
}

export function checksSectionHtml(exam: Examination, overlays: readonly ReportOverlay[], s: ReportStrings): string {
  return `<section class="block checks-section"><h2>${escapeHtml(s.checks)}</h2>${LAYERS.map((l) => layerBlock(l, exam, overlays, s)).join('')}</section>`;
}
