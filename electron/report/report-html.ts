// Examination → one self-contained HTML document, the input of a PDF back end (headless Chromium
// on the host/CLI, printToPDF in the app). Pure: the caller reads the image files and passes them
// as data URLs. No script, no external resource: the CSP below forbids both, as a second line of
// defence behind escaping every value.
import type { Examination } from '../contract/examination.contract';
import { examinationDigest } from './report-digest';
import { escapeHtml } from './report-escape';
import { checksSectionHtml, verdictTableHtml } from './report-checks-html';
import { imagesSectionHtml } from './report-images-html';
import type { ReportImage } from './report-images-html';
import { mrzSectionHtml } from './report-mrz-html';
import { faceReportCss, faceSectionHtml } from './report-face-html';
import { collectOverlays } from './report-overlays';
import { captureFilesHtml, decisionHtml, integrityHtml } from './report-record-html';
import { englishReportStrings } from './report-strings';
import type { ReportStrings } from './report-strings';
import { reportCss } from './report-style';
import { formatTimestamp } from './report-time';

export interface ReportContext {
  /** The station producing the report (may differ from the one that ran the examination). */
  station: string;
  generatedAt: Date;
  images: readonly ReportImage[];
  t?: ReportStrings;
  /** Eye-aligned portraits of the face section as data URLs, by image hash. */
  portraits?: Readonly<Record<string, string>>;
}

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

function factRow(label: string, value: string): string {
  return `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

function holderName(exam: Examination): string | null {
  const f = exam.mrz?.fields ?? {};
  const name = [f['surname'], f['givenNames']].filter((v) => v).join(', ');
  return name || null;
}

function factsHtml(exam: Examination, ctx: ReportContext, s: ReportStrings): string {
  const u = s.unknown;
  const left = [
    factRow(s.station, exam.station),
    factRow(s.officer, exam.officer.name),
    factRow(s.badge, exam.officer.badge),
    factRow(s.examinedAt, formatTimestamp(exam.createdAt)),
    factRow(s.source, exam.source),
  ];
  const right = [
    factRow(s.format, exam.document.format ?? exam.mrz?.format ?? u),
    factRow(s.documentCode, exam.document.documentCode ?? u),
    factRow(s.issuer, exam.document.issuer ?? u),
    factRow(s.holder, holderName(exam) ?? u),
    factRow(s.documentNumber, exam.mrz?.fields['documentNumber'] ?? u),
    factRow(s.generatedAt, `${formatTimestamp(ctx.generatedAt)} ${s.generatedBy} ${ctx.station}`),
  ];
  return `<div class="facts"><table>${left.join('')}</table><table>${right.join('')}</table></div>`;
}

export function renderReportHtml(exam: Examination, ctx: ReportContext): string {
  const s = ctx.t ?? englishReportStrings;
  const digest = examinationDigest(exam);
  const overlays = collectOverlays(exam.checks);
  const css = reportCss(s.footer(exam.id, `sha256 ${digest.slice(0, 16)}…`), s.page, s.of);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">
<title>${escapeHtml(`${s.title} — ${exam.id}`)}</title>
<style>${css}${exam.face ? faceReportCss : ''}</style></head>
<body>
<header class="masthead">
  <div><h1>${escapeHtml(s.title)}</h1><div class="sub">${escapeHtml(s.subtitle)}</div></div>
  <div class="exam-id">${escapeHtml(s.examination)}<br><b class="mono">${escapeHtml(exam.id)}</b></div>
</header>
<div class="classification">${escapeHtml(s.station)}: ${escapeHtml(exam.station)} · ${escapeHtml(s.officer)}: ${escapeHtml(exam.officer.name)}</div>
${factsHtml(exam, ctx, s)}
<section class="block"><h2>${escapeHtml(s.layeredVerdict)}</h2>${verdictTableHtml(exam, s)}</section>
${decisionHtml(exam, s)}
${imagesSectionHtml(exam.images, ctx.images, overlays, s)}
${mrzSectionHtml(exam.mrz, s)}
${checksSectionHtml(exam, overlays, s)}
${faceSectionHtml(exam.face, ctx.portraits ?? {})}
${captureFilesHtml(exam, s)}
${integrityHtml(digest, s)}
</body></html>`;
}
