// The parts of the report that make it a record: the examiner's decision in their own words, the
// hash of every capture file, and the digest of the examination record.
import { LIGHTS } from '../contract/capture.contract';
import type { Examination } from '../contract/examination.contract';
import { escapeHtml } from './report-escape';
import { formatTimestamp } from './report-time';
import type { ReportStrings } from './report-strings';

export function decisionHtml(exam: Examination, s: ReportStrings): string {
  const d = exam.decision;
  if (!d) {
    return `<section class="block decision none"><h2>${escapeHtml(s.decision)}</h2><p class="verdict-label muted">${escapeHtml(s.noDecision)}</p></section>`;
  }
  const reasons = d.reasons.length
    ? `<ol class="reasons">${d.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ol>`
    : `<p class="muted">${escapeHtml(s.noReasons)}</p>`;
  const notes = d.notes.trim() ? `<h4>${escapeHtml(s.notes)}</h4><div class="notes">${escapeHtml(d.notes)}</div>` : '';
  return `<section class="block decision verdict-${escapeHtml(d.verdict)}">
    <h2>${escapeHtml(s.decision)}</h2>
    <p class="verdict-label">${escapeHtml(s.verdicts[d.verdict])}</p>
    <p class="meta-line"><span>${escapeHtml(s.decidedBy)}: <b>${escapeHtml(d.officer.name)}</b> (${escapeHtml(s.badge)} ${escapeHtml(d.officer.badge)})</span>
      <span>${escapeHtml(s.decidedAt)}: <b>${escapeHtml(formatTimestamp(d.decidedAt))}</b></span></p>
    <h4>${escapeHtml(s.reasons)}</h4>${reasons}${notes}
    <div class="signature"><div>${escapeHtml(s.signature)}</div><div>${escapeHtml(s.signatureDate)}</div></div>
  </section>`;
}

export function captureFilesHtml(exam: Examination, s: ReportStrings): string {
  const rows = [...exam.images]
    .sort((a, b) => LIGHTS.indexOf(a.light) - LIGHTS.indexOf(b.light))
    .map(
      (img) => `<tr><td>${escapeHtml(s.lights[img.light])}</td><td>${img.width}×${img.height}</td><td>${escapeHtml(img.dpi ?? s.unknown)}</td>
        <td>${escapeHtml(img.mime)}</td><td class="mono hash">${escapeHtml(img.hash)}</td></tr>`,
    )
    .join('');
  return `<section class="block files"><h2>${escapeHtml(s.captureFiles)}</h2>
    <table class="grid"><thead><tr><th>${escapeHtml(s.light)}</th><th>${escapeHtml(s.size)}</th><th>${escapeHtml(s.dpi)}</th><th>${escapeHtml(s.mime)}</th><th>${escapeHtml(s.sha256)}</th></tr></thead>
    <tbody>${rows}</tbody></table></section>`;
}

export function integrityHtml(digest: string, s: ReportStrings): string {
  return `<section class="block integrity"><h2>${escapeHtml(s.integrity)}</h2>
    <p>${escapeHtml(s.recordDigest)}: <span class="mono hash">${escapeHtml(digest)}</span></p>
    <p class="small muted">${escapeHtml(s.recordDigestNote)}</p></section>`;
}
