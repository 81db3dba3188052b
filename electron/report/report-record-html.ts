// The parts of the report that make it a record: the examiner's decision in their own words, the
// hash of every capture file, and the digest of the examination record.
import { LIGHTS } from '../contract/capture.contract';
import type { Examination } from '../contract/examination.contract';
import { escapeHtml } from './report-escape';
import { formatTimestamp } from './report-time';
import type { ReportLanguage, ReportT } from './report-language';

export function decisionHtml(exam: Examination, { t, html }: ReportLanguage): string {
  const d = exam.decision;
  if (!d) {
    return `<section class="block decision none"><h2>${escapeHtml(t('report.decision'))}</h2><p class="verdict-label muted">${escapeHtml(t('report.noDecision'))}</p></section>`;
  }
  const reasons = d.reasons.length
    ? `<ol class="reasons">${d.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ol>`
    : `<p class="muted">${escapeHtml(t('report.noReasons'))}</p>`;
  const notes = d.notes.trim() ? `<h4>${escapeHtml(t('report.notes'))}</h4><div class="notes">${escapeHtml(d.notes)}</div>` : '';
  return `<section class="block decision verdict-${escapeHtml(d.verdict)}">
    <h2>${escapeHtml(t('report.decision'))}</h2>
    <p class="verdict-label">${escapeHtml(t(`report.verdict.${d.verdict}`))}</p>
    <p class="meta-line"><span>${html('report.decidedBy', { officer: `<b>${escapeHtml(d.officer.name)}</b>`, badge: escapeHtml(d.officer.badge) })}</span>
      <span>${html('report.decidedAt', { time: `<b>${escapeHtml(formatTimestamp(d.decidedAt))}</b>` })}</span></p>
    <h4>${escapeHtml(t('report.reasons'))}</h4>${reasons}${notes}
    <div class="signature"><div>${escapeHtml(t('report.signature'))}</div><div>${escapeHtml(t('report.signatureDate'))}</div></div>
  </section>`;
}

export function captureFilesHtml(exam: Examination, t: ReportT): string {
  const rows = [...exam.images]
    .sort((a, b) => LIGHTS.indexOf(a.light) - LIGHTS.indexOf(b.light))
    .map(
      (img) => `<tr><td>${escapeHtml(t(`report.light.${img.light}`))}</td><td>${img.width}×${img.height}</td><td>${escapeHtml(img.dpi ?? t('report.unknown'))}</td>
        <td>${escapeHtml(img.mime)}</td><td class="mono hash">${escapeHtml(img.hash)}</td></tr>`,
    )
    .join('');
  return `<section class="block files"><h2>${escapeHtml(t('report.captureFiles'))}</h2>
    <table class="grid"><thead><tr><th>${escapeHtml(t('report.light'))}</th><th>${escapeHtml(t('report.size'))}</th><th>${escapeHtml(t('report.dpi'))}</th><th>${escapeHtml(t('report.mime'))}</th><th>${escapeHtml(t('report.sha256'))}</th></tr></thead>
    <tbody>${rows}</tbody></table></section>`;
}

export function integrityHtml(digest: string, t: ReportT): string {
  return `<section class="block integrity"><h2>${escapeHtml(t('report.integrity'))}</h2>
    <p>${escapeHtml(t('report.recordDigest'))}: <span class="mono hash">${escapeHtml(digest)}</span></p>
    <p class="small muted">${escapeHtml(t('report.recordDigestNote'))}</p></section>`;
}
