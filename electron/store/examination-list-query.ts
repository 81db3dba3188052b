// SQL for the history list. Privacy rule (issue 3 §4): issuer / document type / format are
// searchable by everyone, but the holder's name and document number are matched — and the name
// returned — only for examinations run by the viewing officer. The rule is applied in SQL, so
// another officer's personal data never leaves the database for a list request.
import type { DecisionVerdict, Officer } from '../contract/examination.contract';

export interface ExaminationListQuery {
  /** Case-insensitive substring. */
  text?: string;
  decision?: DecisionVerdict;
  /** ISO date or date-time; inclusive. */
  from?: string;
  /** ISO date or date-time; inclusive: '2024-05-01' includes the whole day. */
  to?: string;
  /** Default 100, at most 500. */
  limit?: number;
}

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 500;

export interface SummaryRow {
  id: string;
  created_at: string;
  officer_name: string;
  officer_badge: string;
  format: string | null;
  document_code: string | null;
  issuer: string | null;
  holder: string | null;
  decision: string | null;
  suggested: string;
}

export function buildListQuery(query: ExaminationListQuery, viewer: Officer | null): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { viewerBadge: viewer?.badge ?? null };

  const text = query.text?.trim().toLowerCase();
  if (text) {
    params.text = text;
    // instr() rather than LIKE: the officer's text is matched literally ('%' and '_' are not wildcards).
    const has = (column: string): string => `instr(lower(coalesce(${column}, '')), :text) > 0`;
    where.push(`(${has('issuer')} OR ${has('document_code')} OR ${has('format')}
      OR (officer_badge = :viewerBadge AND (${has('holder_name')} OR ${has('document_number')})))`);
  }
  if (query.decision) {
    params.decision = query.decision;
    where.push('decision = :decision');
  }
  if (query.from) {
    params.from = query.from;
    where.push('created_at >= :from');
  }
  if (query.to) {
    params.to = query.to;
    // Compare only as many characters as given, so a bare date covers that whole day.
    where.push('substr(created_at, 1, length(:to)) <= :to');
  }
  params.limit = Math.min(Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIST_LIMIT)), MAX_LIST_LIMIT);

  const sql = `SELECT id, created_at, officer_name, officer_badge, format, document_code, issuer,
      CASE WHEN officer_badge = :viewerBadge THEN holder_name END AS holder, decision, suggested
    FROM examinations
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY created_at DESC, rowid DESC
    LIMIT :limit`;
  return { sql, params };
}
