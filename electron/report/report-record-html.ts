// The parts of the report that make it a record: the examiner's decision in their own words, the
// hash of every capture file, and the digest of the examination record.
import { LIGHTS } from '../contract/capture.contract';
import type { Decision, Examination } from '../contract/examination.contract';
import { escapeHtml } from './report-escape';
import { formatTimestamp } from './report-time';
import type { ReportLanguage, ReportT } from './report-language';

/** The decisions of the record, oldest first (a record from before versions holds its one decision). */
function decisionVersions(exam: Examination): Decision[] {
  return exam.decisions ?? (exam.decision ? [exam.decision] : []);
}

function basisLine(d: Decision, t: ReportT): string {
  if (!d.basis) return '';
  const level = t(`report.levelShort.${d.basis.level}`);
  return `<p class="meta-line small muted">${escapeHtml(d.basis.expired ? t('report.basisExpired', { level }) : t('report.basis', { level }))}</p>`;
}

/** Every version of the decision: who, when, what and why — none is ever overwritten. */
function historyHtml(versions: readonly Decision[], t: ReportT): string {
  if (versions.length === 0) return '';
  const rows = versions
    .map((d, i) => {
      const why = [
        d.reasons.length ? `<ol class="reasons">${d.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ol>` : `<span class="muted">${escapeHtml(t('report.noReasons'))}</span>`,
        d.confirmation ? `<div><b>${escapeHtml(t('report.confirmation'))}:</b> ${escapeHtml(d.confirmation)}</div>` : '',
        d.notes.trim() ? `<div class="notes">${escapeHtml(d.notes)}</div>` : '',
      ].join('');
      const current = i === versions.length - 1 ? ` ${escapeHtml(t('report.currentVersion'))}` : '';
      return `<tr class="version"><td>${escapeHtml(t('report.version', { n: i + 1, count: versions.length }))}${current}</td><td>${escapeHtml(formatTimestamp(d.decidedAt))}</td>
        <td>${escapeHtml(d.officer.name)}<br><span class="small muted">${escapeHtml(d.officer.badge)}</span></td><td><b>${escapeHtml(t(`report.verdict.${d.verdict}`))}</b></td><td>${why}</td></tr>`;
    })
    .join('');
  return `<h4>${escapeHtml(t('report.decisionHistory'))}</h4>
    <table class="grid history"><thead><tr><th>${escapeHtml(t('report.versionHeader'))}</th><th>${escapeHtml(t('report.decidedAtHeader'))}</th><th>${escapeHtml(t('report.decidedByHeader'))}</th><th>${escapeHtml(t('report.verdictHeader'))}</th><th>${escapeHtml(t('report.whyHeader'))}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function decisionHtml(exam: Examination, { t, html }: ReportLanguage): string {
  const d = exam.decision;
  if (!d) {
    return `<section class="block decision none"><h2>${escapeHtml(t('report.decision'))}</h2><p class="verdict-label muted">${escapeHtml(t('report.noDecision'))}</p></section>`;
  }
  const reasons = d.reasons.length
    ? `<ol class="reasons">${d.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ol>`
    : `<p class="muted">${escapeHtml(t('report.noReasons'))}</p>`;
  const confirmation = d.confirmation ? `<h4>${escapeHtml(t('report.confirmation'))}</h4><div class="notes">${escapeHtml(d.confirmation)}</div>` : '';
  const notes = d.notes.trim() ? `<h4>${escapeHtml(t('report.notes'))}</h4><div class="notes">${escapeHtml(d.notes)}</div>` : '';
  return `<section class="block decision verdict-${escapeHtml(d.verdict)}">
    <h2>${escapeHtml(t('report.decision'))}</h2>
    <p class="verdict-label">${escapeHtml(t(`report.verdict.${d.verdict}`))}</p>
    <p class="meta-line"><span>${html('report.decidedBy', { officer: `<b>${escapeHtml(d.officer.name)}</b>`, badge: escapeHtml(d.officer.badge) })}</span>
      <span>${html('report.decidedAt', { time: `<b>${escapeHtml(formatTimestamp(d.decidedAt))}</b>` })}</span></p>
    ${basisLine(d, t)}
    <h4>${escapeHtml(t('report.reasons'))}</h4>${reasons}${confirmation}${notes}
    ${historyHtml(decisionVersions(exam), t)}
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
