// The searchable columns derived from an examination document. Pure: no I/O.
import type { CheckStatus, Examination, LayerVerdict } from '../contract/examination.contract';

export interface ExaminationColumns {
  id: string;
  created_at: string;
  station: string;
  officer_name: string;
  officer_badge: string;
  source: string;
  format: string | null;
  document_code: string | null;
  issuer: string | null;
  holder_name: string | null;
  document_number: string | null;
  suggested: CheckStatus;
  decision: string | null;
  decided_at: string | null;
  body: string;
}

/**
 * The machine's suggestion, from the layered verdict: any failing layer outweighs a warning,
 * a warning outweighs a pass; with no layer performed there is no suggestion ('not-performed').
 */
export function suggestedStatus(verdict: readonly LayerVerdict[]): CheckStatus {
  const statuses = new Set(verdict.map((v) => v.status));
  if (statuses.has('fail')) return 'fail';
  if (statuses.has('warn')) return 'warn';
  if (statuses.has('pass')) return 'pass';
  return 'not-performed';
}

/** "SURNAME, GIVEN NAMES" from the MRZ name fields (ICAO 9303 Part 3 §4.6: primary, secondary identifier). */
export function holderName(exam: Examination): string | null {
  const fields = exam.mrz?.fields ?? {};
  const surname = fields.surname?.trim() || '';
  const given = fields.givenNames?.trim() || '';
  if (!surname && !given) return null;
  return given ? `${surname}, ${given}` : surname;
}

export function toColumns(exam: Examination): ExaminationColumns {
  return {
    id: exam.id,
    created_at: exam.createdAt,
    station: exam.station,
    officer_name: exam.officer.name,
    officer_badge: exam.officer.badge,
    source: exam.source,
    format: exam.document.format,
    document_code: exam.document.documentCode,
    issuer: exam.document.issuer,
    holder_name: holderName(exam),
    document_number: exam.mrz?.fields.documentNumber?.trim() || null,
    suggested: suggestedStatus(exam.verdict),
    decision: exam.decision?.verdict ?? null,
    decided_at: exam.decision?.decidedAt ?? null,
    body: JSON.stringify(exam),
  };
}
