// The MRZ section: the lines as printed (OCR-B, monospace), each character marked when it falls in
// an invalid field or was changed by the reader, then the field table, findings and corrections.
// Character positions are 0-based in the data and printed 1-based (ICAO 9303 Part 3 §4.2 counts
// MRZ positions from 1).
import type { MrzCharacterReview } from '../contract/examination.contract';
import type { MrzReading } from '../contract/mrz.contract';
import { escapeHtml } from './report-escape';
import type { ReportT } from './report-language';
import { uncertainCharactersHtml } from './report-mrz-uncertain-html';

function markedLines(mrz: MrzReading): string {
  const invalid = mrz.details.filter((d) => !d.valid);
  const corrected = new Set(mrz.corrections.map((c) => `${c.line}:${c.column}`));
  const uncertain = new Set(mrz.uncertain.map((u) => `${u.line}:${u.column}`));
  return mrz.lines
    .map((line, li) => {
      const chars = Array.from(line).map((ch, col) => {
        const bad = invalid.some((d) => d.line === li && col >= d.start && col < d.end);
        const fixed = corrected.has(`${li}:${col}`);
        const doubt = uncertain.has(`${li}:${col}`);
        const cls = [bad ? 'bad' : '', fixed ? 'fixed' : '', doubt ? 'doubt' : ''].filter(Boolean).join(' ');
        return cls ? `<span class="${cls}">${escapeHtml(ch)}</span>` : escapeHtml(ch);
      });
      return `<div class="mrz-line">${chars.join('')}</div>`;
    })
    .join('');
}

function fieldTable(mrz: MrzReading, t: ReportT): string {
  if (mrz.details.length === 0) return '';
  const rows = mrz.details
    .map(
      (d) => `<tr class="${d.valid ? '' : 'row-bad'}">
        <td>${escapeHtml(d.label)}</td>
        <td class="mono">${escapeHtml(d.value ?? t('report.unknown'))}</td>
        <td class="pos">${d.line + 1}:${d.end - d.start > 1 ? `${d.start + 1}–${d.end}` : d.start + 1}</td>
        <td>${d.valid ? `<span class="ok">✓ ${escapeHtml(t('report.mrz.fieldValid'))}</span>` : `<span class="ko">✗ ${escapeHtml(t('report.mrz.fieldInvalid'))}</span>`}${d.error ? `<div class="small">${escapeHtml(d.error)}</div>` : ''}</td>
      </tr>`,
    )
    .join('');
  return `<table class="grid fields"><thead><tr><th>${escapeHtml(t('report.mrz.field'))}</th><th>${escapeHtml(t('report.mrz.value'))}</th><th>#</th><th>${escapeHtml(t('report.mrz.validity'))}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function findingList(mrz: MrzReading, t: ReportT): string {
  if (mrz.findings.length === 0) return '';
  const items = mrz.findings
    .map((f) => `<li><span class="badge st-${f.severity === 'fail' ? 'fail' : f.severity === 'warn' ? 'warn' : 'info'}">${escapeHtml(f.severity)}</span> ${escapeHtml(f.message)}</li>`)
    .join('');
  return `<h4>${escapeHtml(t('report.mrz.findings'))}</h4><ul class="plain">${items}</ul>`;
}

function correctionList(mrz: MrzReading, t: ReportT): string {
  if (mrz.corrections.length === 0) return '';
  const items = mrz.corrections
    .map((c) => `<li>${escapeHtml(t('report.mrz.correction', { line: c.line + 1, column: c.column + 1, read: c.read, corrected: c.corrected, reason: c.reason }))}</li>`)
    .join('');
  return `<h4>${escapeHtml(t('report.mrz.corrections'))}</h4><ul class="plain">${items}</ul>`;
}

export function mrzSectionHtml(mrz: MrzReading | null, t: ReportT, reviews: readonly MrzCharacterReview[] = []): string {
  if (!mrz) return `<section class="block"><h2>${escapeHtml(t('report.mrz.title'))}</h2><p class="muted">${escapeHtml(t('report.mrz.none'))}</p></section>`;
  const state = mrz.valid
    ? `<span class="badge st-pass">${escapeHtml(t('report.mrz.valid'))}</span>`
    : `<span class="badge st-fail">${escapeHtml(t('report.mrz.invalid'))}</span>`;
  return `<section class="block mrz-section">
    <h2>${escapeHtml(t('report.mrz.title'))}</h2>
    <p class="meta-line">${state}
      <span>${escapeHtml(t('report.format'))}: <b>${escapeHtml(mrz.format ?? t('report.unknown'))}</b></span>
      <span>${escapeHtml(t('report.mrz.source'))}: <b>${escapeHtml(mrz.source)}</b></span>
      <span>${escapeHtml(t('report.mrz.confidence'))}: <b>${escapeHtml(Math.round(mrz.confidence * 100))}%</b></span></p>
    <div class="mrz-box">${markedLines(mrz)}</div>
    <p class="legend"><span class="bad">A</span> ${escapeHtml(t('report.mrz.legendInvalid'))} &nbsp; <span class="fixed">A</span> ${escapeHtml(t('report.mrz.legendCorrected'))} &nbsp; <span class="doubt">A</span> ${escapeHtml(t('report.mrz.legendUncertain'))}</p>
    ${fieldTable(mrz, t)}
    ${findingList(mrz, t)}
    ${correctionList(mrz, t)}
    ${uncertainCharactersHtml(mrz, reviews, t)}
  </section>`;
}
