// Corrections of trend records. A record is immutable; the examiner's correction (fraud type,
// revealing features, notes) is a new record with `supersedes` = the old id, screened for personal
// data like the original proposal. Only the station that made a record may correct it: a record
// received from another station is that station's statement, and the network would otherwise hold
// two competing corrections of one detection.
import { LoupeError } from '../common/loupe-error';
import type { TrendFilter } from '../contract/trend-dashboard.contract';
import type { TrendCorrectionRequest, TrendRecordRow } from '../contract/trend-correction.contract';
import { TrendRecordSchema, type TrendRecord, type TrendRecordContent } from '../contract/trends.contract';
import { canonicalJson, contentId } from '../exchange/canonical-json';
import { screenNotes } from './notes-screening';
import type { PersonalValue } from './personal-values';
import { where } from './trend-queries';
import type { TrendStore } from './trend-store';

interface StoredRow {
  content: string;
  superseded_by: string | null;
  origin: string;
}

function rowOf(stored: StoredRow, ownStation: string): TrendRecordRow {
  const record = TrendRecordSchema.parse(JSON.parse(stored.content));
  return { record, supersededBy: stored.superseded_by, correctable: stored.superseded_by === null && stored.origin === 'local' && record.station === ownStation };
}

/** Drill-down rows, newest week first; superseded records only when asked for. */
export function trendRecordRows(
  store: TrendStore,
  ownStation: string,
  request: { filter: TrendFilter; limit: number; offset: number; includeSuperseded: boolean },
): { rows: TrendRecordRow[]; more: boolean } {
  store.refreshCounts();
  const w = where(request.filter, { issuer: 'issuer', poe: 'point_of_entry' });
  const clauses = w.sql ? [w.sql.replace(/^WHERE /, '')] : [];
  if (!request.includeSuperseded) clauses.push('superseded_by IS NULL');
  const params: Record<string, string | number> = { ...w.params, limit: request.limit + 1, offset: request.offset };
  if (request.filter.checkId) {
    clauses.push(`EXISTS (SELECT 1 FROM json_each(content, '$.caughtBy') WHERE value = @checkId)`);
    params.checkId = request.filter.checkId;
  }
  const sql = `SELECT content, superseded_by, origin FROM trend_records ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY week DESC, id LIMIT @limit OFFSET @offset`;
  const rows = store.db.prepare(sql).all(params) as StoredRow[];
  return { rows: rows.slice(0, request.limit).map((r) => rowOf(r, ownStation)), more: rows.length > request.limit };
}

function storedRow(store: TrendStore, id: string): StoredRow {
  const stored = store.db.prepare('SELECT content, superseded_by, origin FROM trend_records WHERE id = ?').get(id) as StoredRow | undefined;
  if (!stored) throw new LoupeError('trends', 'RecordNotHeld', 'that trend record is not held here');
  return stored;
}

export function trendRecordRow(store: TrendStore, ownStation: string, id: string): TrendRecordRow {
  return rowOf(storedRow(store, id), ownStation);
}

/**
 * Records the correction and returns it. `personalValues` are the values the notes and typed
 * features must not contain: those of the examinations that could have produced the record.
 */
export function correctTrendRecord(store: TrendStore, ownStation: string, input: TrendCorrectionRequest, personalValues: (old: TrendRecord) => PersonalValue[]): TrendRecord {
  const stored = storedRow(store, input.id);
  const row = rowOf(stored, ownStation);
  const old = row.record;
  if (stored.origin !== 'local' || old.station !== ownStation) {
    throw new LoupeError('trends', 'NotOwnStation', `this record was made at station ${old.station}: only that station can correct it`);
  }
  if (row.supersededBy !== null) {
    throw new LoupeError('trends', 'AlreadySuperseded', `this record was already corrected (by record ${row.supersededBy.slice(0, 12)}…): correct the newest version`);
  }
  const personal = personalValues(old);
  const screened = screenNotes(input.notes, personal);
  if (!screened.ok) throw new LoupeError('trends', 'PersonalData', `the notes contain personal data (${screened.found.join(', ')}); remove it and try again`);
  // Features kept from the record were screened when it was made (reference labels may look like
  // numbers, "Series 2019 A4"); features typed now are screened like the notes.
  const kept = new Set(old.revealedBy);
  for (const label of input.revealedBy) {
    const r = screenNotes(label, personal);
    const generic = (f: string) => f === 'document-number-like' || f === 'date-like';
    if (!r.ok && r.found.some((f) => !kept.has(label) || !generic(f))) throw new LoupeError('trends', 'PersonalData', `a revealing feature contains personal data (${r.found.join(', ')})`);
  }
  const { id: _oldId, ...oldContent } = old;
  const content: TrendRecordContent = { ...oldContent, fraudType: input.fraudType, revealedBy: input.revealedBy, notes: screened.text, supersedes: old.id };
  // Everything but the link: a correction of a correction names another record than its original.
  if (canonicalJson({ ...content, supersedes: old.supersedes }) === canonicalJson(oldContent)) {
    throw new LoupeError('trends', 'InvalidInput', 'the correction changes nothing: change the fraud type, the features or the notes');
  }
  const parsed = TrendRecordSchema.safeParse({ ...content, id: contentId(content) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LoupeError('trends', 'InvalidInput', `the corrected record is not valid: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'malformed'}`);
  }
  store.addRecord(parsed.data);
  return parsed.data;
}
