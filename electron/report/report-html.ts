// Examination → one self-contained HTML document, the input of a PDF back end (headless Chromium
// on the host/CLI, printToPDF in the app). Pure: the caller reads the image files and passes them
// as data URLs. No script, no external resource: the CSP below forbids both, as a second line of
// defence behind escaping every value.
import type { Examination, NextSteps } from '../contract/examination.contract';
import { examinationDigest } from './report-digest';
import { escapeHtml } from './report-escape';
import { checksSectionHtml, verdictTableHtml } from './report-checks-html';
import { imagesSectionHtml } from './report-images-html';
import type { ReportImage } from './report-images-html';
import { mrzSectionHtml } from './report-mrz-html';
import { faceReportCss, faceSectionHtml } from './report-face-html';
import { chipReportCss, chipSectionHtml } from './report-chip-html';
import { collectOverlays } from './report-overlays';
import { captureFilesHtml, decisionHtml, integrityHtml } from './report-record-html';
import { englishReport, type ReportLanguage } from './report-language';
import { reportCss } from './report-style';
import { overallVerdictCss, overallVerdictHtml } from './report-verdict-html';
import { formatTimestamp } from './report-time';

export interface ReportContext {
  /** The station producing the report (may differ from the one that ran the examination). */
  station: string;
  generatedAt: Date;
  images: readonly ReportImage[];
  /** The language of the report's own words (default English). */
  language?: ReportLanguage;
  /** Eye-aligned portraits of the face section as data URLs, by image hash. */
  portraits?: Readonly<Record<string, string>>;
  /** The station's next step per verdict level, printed under the overall verdict. */
  nextSteps?: NextSteps;
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

function factsHtml(exam: Examination, ctx: ReportContext, { t }: ReportLanguage): string {
  const u = t('report.unknown');
  const left = [
    factRow(t('report.station'), exam.station),
    factRow(t('report.officer'), exam.officer.name),
    factRow(t('report.badge'), exam.officer.badge),
    factRow(t('report.examinedAt'), formatTimestamp(exam.createdAt)),
    factRow(t('report.source'), exam.source),
  ];
  const right = [
    factRow(t('report.format'), exam.document.format ?? exam.mrz?.format ?? u),
    factRow(t('report.documentCode'), exam.document.documentCode ?? u),
    factRow(t('report.issuer'), exam.document.issuer ?? u),
    factRow(t('report.holder'), holderName(exam) ?? u),
    factRow(t('report.documentNumber'), exam.mrz?.fields['documentNumber'] ?? u),
    factRow(t('report.generatedAt'), t('report.generatedAtStation', { time: formatTimestamp(ctx.generatedAt), station: ctx.station })),
  ];
  return `<div class="facts"><table>${left.join('')}</table><table>${right.join('')}</table></div>`;
}

export function renderReportHtml(exam: Examination, ctx: ReportContext): string {
  const language = ctx.language ?? englishReport;
  const { t } = language;
  const digest = examinationDigest(exam);
  const overlays = collectOverlays(exam.checks);
  const css = reportCss(t('report.footer', { examId: exam.id, digest: `sha256 ${digest.slice(0, 16)}…` }), (page, pages) => t('report.pageOf', { page, pages }));
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language.lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">
<title>${escapeHtml(t('report.pageTitle', { examId: exam.id }))}</title>
<style>${css}${overallVerdictCss}${exam.face ? faceReportCss : ''}${exam.chip ? chipReportCss : ''}</style></head>
<body>
<header class="masthead">
  <div><h1>${escapeHtml(t('report.title'))}</h1><div class="sub">${escapeHtml(t('report.subtitle'))}</div></div>
  <div class="exam-id">${escapeHtml(t('report.examination'))}<br><b class="mono">${escapeHtml(exam.id)}</b></div>
</header>
<div class="classification">${escapeHtml(t('report.classification', { station: exam.station, officer: exam.officer.name }))}</div>
${factsHtml(exam, ctx, language)}
${overallVerdictHtml(exam, t, ctx.nextSteps)}
<section class="block"><h2>${escapeHtml(t('report.layeredVerdict'))}</h2>${verdictTableHtml(exam, t)}</section>
${decisionHtml(exam, language)}
${imagesSectionHtml(exam.images, ctx.images, overlays, t)}
${mrzSectionHtml(exam.mrz, t, exam.mrzReviews ?? [])}
${checksSectionHtml(exam, overlays, t)}
${faceSectionHtml(exam.face, ctx.portraits ?? {}, t)}
${chipSectionHtml(exam.chip, exam.chip?.reading?.faces[0] ? ctx.portraits?.[exam.chip.reading.faces[0].imageHash] : undefined, t)}
${captureFilesHtml(exam, t)}
${integrityHtml(digest, t)}
</body></html>`;
}
