// Print CSS for the report: A4, page margin boxes carrying the record digest and page numbers
// (CSS Paged Media @page margin boxes, supported by Chromium ≥ 131, so the footer lives in the
// document itself and every PDF back end prints the same thing). Only locally installed fonts:
// a report is produced offline.
import { cssString } from './report-escape';

// Where the page numbers go in the "page N of M" line: private-use characters no message contains.
const PAGE = '\uE000page\uE000';
const PAGES = '\uE000pages\uE000';

/** The content of a margin box: the message's words as CSS strings, its page numbers as CSS counters. */
function pageNumberContent(pageOf: (page: string, pages: string) => string): string {
  return pageOf(PAGE, PAGES)
    .split(/(\uE000pages?\uE000)/)
    .filter((part) => part !== '')
    .map((part) => (part === PAGE ? 'counter(page)' : part === PAGES ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/** `pageOf(page, pages)` writes the page number line around the two values it is given. */
export function reportCss(footerLeft: string, pageOf: (page: string, pages: string) => string): string {
  return `
@page {
  size: A4;
  margin: 16mm 14mm 18mm 14mm;
  @bottom-left { content: ${cssString(footerLeft)}; font: 7pt 'DejaVu Sans', sans-serif; color: #555; }
  @bottom-right { content: ${pageNumberContent(pageOf)}; font: 7pt 'DejaVu Sans', sans-serif; color: #555; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 9pt/1.4 'DejaVu Sans', 'Liberation Sans', sans-serif; color: #1a1f2b; }
h1 { font-size: 16pt; margin: 0; letter-spacing: .02em; }
h2 { font-size: 11pt; margin: 0 0 2.5mm; padding-bottom: 1mm; border-bottom: 1.2pt solid #1d3557; color: #1d3557; text-transform: uppercase; letter-spacing: .06em; }
h3 { font-size: 10pt; margin: 3mm 0 1.5mm; color: #1d3557; }
h4 { font-size: 9pt; margin: 2.5mm 0 1mm; }
.block { margin: 0 0 6mm; }
.masthead { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 3pt solid #1d3557; padding-bottom: 2mm; margin-bottom: 1.5mm; }
.masthead .sub { color: #4a5568; font-size: 8.5pt; }
.masthead .exam-id { text-align: right; font-size: 8.5pt; }
.classification { background: #1d3557; color: #fff; font-size: 7.5pt; letter-spacing: .12em; text-transform: uppercase; padding: 1mm 2mm; margin-bottom: 4mm; }
.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; margin-bottom: 5mm; }
.facts table { width: 100%; border-collapse: collapse; }
.facts th { text-align: left; font-weight: normal; color: #4a5568; width: 40%; padding: .8mm 0; vertical-align: top; }
.facts td { font-weight: bold; padding: .8mm 0; word-break: break-word; }
.facts tr + tr th, .facts tr + tr td { border-top: .5pt solid #e2e8f0; }
table.grid { width: 100%; border-collapse: collapse; }
table.grid > thead > tr > th { background: #edf1f7; text-align: left; font-size: 8pt; padding: 1.2mm 1.5mm; border-bottom: .8pt solid #a0aec0; }
table.grid > tbody > tr > td { padding: 1.2mm 1.5mm; border-bottom: .5pt solid #e2e8f0; vertical-align: top; }
table.grid > tbody > tr { break-inside: avoid; }
table.kv { border-collapse: collapse; margin-top: 1mm; font-size: 8.5pt; }
table.kv th { text-align: left; font-weight: normal; color: #4a5568; padding: .3mm 3mm .3mm 0; vertical-align: top; white-space: nowrap; }
table.kv td { padding: .3mm 0; }
.badge { display: inline-block; border-radius: 2pt; padding: .2mm 1.6mm; font-size: 7.5pt; font-weight: bold; white-space: nowrap; border: .6pt solid; vertical-align: middle; }
.st-pass { color: #1f7a3a; background: #e8f5ec; border-color: #1f7a3a; }
.st-fail { color: #fff; background: #c0262d; border-color: #c0262d; }
.st-warn { color: #7a4a00; background: #fff3d6; border-color: #c77700; }
.st-not-performed, .st-info { color: #4a5568; background: #f1f3f6; border-color: #a0aec0; }
.tag { display: inline-block; min-width: 4.2mm; text-align: center; border-radius: 1.5pt; font-size: 7pt; font-weight: bold; color: #fff; padding: 0 .8mm; }
.tag.st-pass { background: #1f7a3a; } .tag.st-fail { background: #c0262d; } .tag.st-warn { background: #c77700; } .tag.st-not-performed { background: #6b7280; }
table.checks { table-layout: fixed; }
.status-cell { width: 31mm; }
.check-title { font-weight: bold; }
.explanation { color: #2d3748; }
.layer { break-inside: auto; }
.layer h3 { break-after: avoid; }
.mono, .hash { font-family: 'DejaVu Sans Mono', monospace; }
.hash { font-size: 7.5pt; word-break: break-all; }
.small { font-size: 7.5pt; }
.muted { color: #6b7280; }
.pos { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.5pt; color: #4a5568; white-space: nowrap; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.plain li { margin: .5mm 0; }
.ok { color: #1f7a3a; font-weight: bold; } .ko { color: #c0262d; font-weight: bold; }
.row-bad td { background: #fdf0f0; }
.meta-line { display: flex; flex-wrap: wrap; gap: 1mm 5mm; align-items: center; margin: 0 0 2mm; }
.mrz-box { font-family: 'OCR B', 'DejaVu Sans Mono', monospace; font-size: 11pt; letter-spacing: .06em; background: #f7f8fa; border: .6pt solid #cbd5e0; padding: 2.5mm 3mm; white-space: pre; line-height: 1.55; break-inside: avoid; }
.mrz-box .bad, .legend .bad { background: #f7c9cb; color: #8b0d14; outline: .6pt solid #c0262d; }
.mrz-box .doubt, .legend .doubt { background: #ffe3a3; color: #5c3800; box-shadow: inset 0 -1.2pt 0 #c77700; }
.mrz-box .fixed, .legend .fixed { text-decoration: underline 1.4pt #c77700; text-underline-offset: 1.2pt; background: #fff3d6; }
.legend { font-size: 7.5pt; color: #4a5568; margin: 1mm 0 2mm; }
.legend span { font-family: 'OCR B', monospace; padding: 0 .8mm; }
.images { break-before: page; }
.shots { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.shot { margin: 0; break-inside: avoid; }
.shot.light-white { grid-column: 1 / -1; width: 78%; justify-self: center; }
.frame { position: relative; width: 100%; border: .6pt solid #a0aec0; background: #eef0f3; }
.frame svg { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
.missing { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; text-align: center; padding: 4mm; color: #8b0d14; font-weight: bold; border: 1.2pt dashed #c0262d; word-break: break-all; }
.missing span { background: rgba(255, 255, 255, .88); padding: 1mm 2mm; }
figcaption { font-size: 7.5pt; margin-top: 1mm; color: #2d3748; }
.warn-line { color: #8b0d14; font-weight: bold; }
.overlay-legend { font-size: 8pt; margin-top: 1.5mm; columns: 2; column-gap: 6mm; }
.decision .verdict-label { font-size: 13pt; font-weight: bold; margin: 0 0 1.5mm; padding: 2mm 3mm; border-left: 3pt solid #1d3557; background: #edf1f7; }
.decision.none .verdict-label { border-left-color: #a0aec0; background: #f7f8fa; font-weight: normal; font-style: italic; }
.notes { white-space: pre-wrap; border: .6pt solid #cbd5e0; padding: 2mm 3mm; background: #fbfbfc; word-break: break-word; }
ol.reasons { margin: 0; padding-left: 5mm; }
.signature { display: flex; gap: 10mm; margin-top: 6mm; break-inside: avoid; }
.signature div { flex: 1; border-top: .6pt solid #1a1f2b; padding-top: 1mm; font-size: 7.5pt; color: #4a5568; }
.files td.hash { white-space: nowrap; font-size: 7pt; word-break: normal; }
.page-break { break-before: page; }
`;
}
