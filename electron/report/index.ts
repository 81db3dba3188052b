// The examination report: Examination → self-contained HTML → PDF for the case file.
export { createReportHtml, createReportPdf, REPORT_IMAGE_MAX_PX } from './report.service';
export type { CreateReportOptions } from './report.service';
export { renderReportHtml } from './report-html';
export type { ReportContext } from './report-html';
export type { ReportImage } from './report-images-html';
export { chromiumPdfRenderer } from './pdf-renderer';
export type { ChromiumPdfOptions, ClosablePdfRenderer, PdfRenderer } from './pdf-renderer';
export { reportMessages } from './report.en';
export { englishReport, reportLanguage } from './report-language';
export type { ReportLanguage, ReportT } from './report-language';
export { examinationDigest } from './report-digest';
