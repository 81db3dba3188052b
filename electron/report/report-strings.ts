// Every word the examination report prints, in one place, so a station can print its reports in
// its own language. English is the default; a translation supplies a complete `ReportStrings`.
import type { Light } from '../contract/capture.contract';
import type { CheckStatus, DecisionVerdict, FindingReview, Layer } from '../contract/examination.contract';

export interface ReportStrings {
  title: string;
  subtitle: string;
  examination: string;
  station: string;
  officer: string;
  badge: string;
  examinedAt: string;
  generatedAt: string;
  generatedBy: string;
  source: string;
  document: string;
  format: string;
  documentCode: string;
  issuer: string;
  holder: string;
  documentNumber: string;
  unknown: string;
  layeredVerdict: string;
  layerHeader: string;
  statusHeader: string;
  summaryHeader: string;
  decision: string;
  noDecision: string;
  decidedBy: string;
  decidedAt: string;
  reasons: string;
  noReasons: string;
  notes: string;
  signature: string;
  signatureDate: string;
  images: string;
  imageMissing: (hash: string) => string;
  imageHashMismatch: (actual: string) => string;
  imageNotCaptured: string;
  overlayLegend: string;
  regionWithoutLight: string;
  mrz: string;
  noMrz: string;
  mrzValid: string;
  mrzInvalid: string;
  mrzSource: string;
  mrzConfidence: string;
  mrzLegendInvalid: string;
  mrzLegendCorrected: string;
  field: string;
  value: string;
  validity: string;
  valid: string;
  invalid: string;
  findings: string;
  corrections: string;
  correction: (line: number, column: number, read: string, corrected: string) => string;
  checks: string;
  noChecksInLayer: string;
  measured: string;
  expected: string;
  evidence: string;
  noEvidence: string;
  mrzCharacters: (line: number, start: number, end: number) => string;
  overlayRef: (n: number, light: string) => string;
  /** The officer's review of a finding, printed under the check. */
  review: string;
  reviewVerdicts: Record<FindingReview['verdict'], string>;
  reviewBy: (officer: string, badge: string, time: string) => string;
  reviewReason: string;
  captureFiles: string;
  light: string;
  size: string;
  dpi: string;
  mime: string;
  sha256: string;
  integrity: string;
  recordDigest: string;
  recordDigestNote: string;
  footer: (examId: string, digestPrefix: string) => string;
  page: string;
  of: string;
  lights: Record<Light, string>;
  layers: Record<Layer, string>;
  statuses: Record<CheckStatus, string>;
  verdicts: Record<DecisionVerdict, string>;
}

export const englishReportStrings: ReportStrings = {
  title: 'Document examination report',
  subtitle: 'Travel and identity document inspection — case file copy',
  examination: 'Examination',
  station: 'Station',
  officer: 'Officer',
  badge: 'Badge',
  examinedAt: 'Examined at',
  generatedAt: 'Report generated',
  generatedBy: 'at station',
  source: 'Capture source',
  document: 'Document',
  format: 'MRZ format',
  documentCode: 'Document code',
  issuer: 'Issuing state',
  holder: 'Holder (MRZ)',
  documentNumber: 'Document number (MRZ)',
  unknown: '—',
  layeredVerdict: 'Layered verdict',
  layerHeader: 'Layer',
  statusHeader: 'Status',
  summaryHeader: 'Summary',
  decision: "Examiner's decision",
  noDecision: 'No decision recorded',
  decidedBy: 'Decided by',
  decidedAt: 'Decided at',
  reasons: 'Stated reasons',
  noReasons: 'No reasons stated',
  notes: 'Notes',
  signature: "Examiner's signature",
  signatureDate: 'Date and place',
  images: 'Document images',
  imageMissing: (hash) => `Image file missing (hash ${hash})`,
  imageHashMismatch: (actual) => `File on disk does not match the recorded hash (file sha256 ${actual})`,
  imageNotCaptured: 'Not captured',
  overlayLegend: 'Numbered boxes mark the regions cited as evidence by the checks below.',
  regionWithoutLight: 'region given without a light: drawn on the white-light image',
  mrz: 'Machine readable zone',
  noMrz: 'No MRZ was read in this examination.',
  mrzValid: 'All check digits and fields valid',
  mrzInvalid: 'MRZ has invalid fields',
  mrzSource: 'Source',
  mrzConfidence: 'Confidence',
  mrzLegendInvalid: 'invalid field',
  mrzLegendCorrected: 'character corrected by the reader',
  field: 'Field',
  value: 'Value',
  validity: 'Valid',
  valid: 'valid',
  invalid: 'invalid',
  findings: 'Findings',
  corrections: 'Corrections',
  correction: (line, column, read, corrected) => `line ${line}, column ${column}: read “${read}”, corrected to “${corrected}”`,
  checks: 'Checks',
  noChecksInLayer: 'No checks in this layer.',
  measured: 'Measured',
  expected: 'Expected',
  evidence: 'Evidence',
  noEvidence: 'No evidence recorded.',
  mrzCharacters: (line, start, end) => `MRZ line ${line}, columns ${start}–${end}`,
  overlayRef: (n, light) => `box ${n} on the ${light} image`,
  review: 'Officer review',
  reviewVerdicts: { confirmed: 'Finding confirmed', dismissed: 'Finding dismissed' },
  reviewBy: (officer, badge, time) => `by ${officer} (badge ${badge}) at ${time}`,
  reviewReason: 'Reason',
  captureFiles: 'Capture files',
  light: 'Light',
  size: 'Size (px)',
  dpi: 'dpi',
  mime: 'Type',
  sha256: 'SHA-256',
  integrity: 'Integrity',
  recordDigest: 'Examination record digest (SHA-256)',
  recordDigestNote: 'Computed over the examination record this report was produced from (canonical JSON, keys sorted).',
  footer: (examId, digestPrefix) => `Loupe examination ${examId} · record ${digestPrefix}`,
  page: 'Page',
  of: 'of',
  lights: { white: 'white light', ir: 'infrared (IR)', uv: 'ultraviolet (UV)' },
  layers: {
    'data-integrity': 'Data integrity',
    'issuer-signature': 'Issuer signature',
    'chip-genuineness': 'Chip genuineness',
    physical: 'Physical consistency',
    'bearer-match': 'Bearer match',
  },
  statuses: { pass: 'Pass', fail: 'Fail', warn: 'Warning', 'not-performed': 'Not performed' },
  verdicts: {
    genuine: 'Genuine',
    'false-counterfeit': 'False document — counterfeit',
    'false-forged': 'False document — forged',
    'false-pseudo': 'False document — pseudo / fantasy',
    'fraud-impostor': 'Genuine, fraudulently used — impostor',
    'fraud-fraudulently-obtained': 'Genuine, fraudulently obtained',
    'inconclusive-refer': 'Inconclusive — refer to expert',
  },
};
