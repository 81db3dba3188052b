// The hash chain of the audit log (docs/audit-trail.md): every entry stores the hash of the entry
// before it (`prev_hash`; the first entry the genesis hash, 64 zeros) and its own hash, SHA-256 over
// the canonical encoding (common/canonical-fields.ts) of its exact stored fields, in this order:
//   tag "loupe.audit-entry/1", id, at, officer_name, officer_badge, action, subject, details, prev_hash
// `details` is the JSON text as stored, never re-serialised. Editing, deleting or reordering rows
// breaks a link; the signed checkpoints of the audit domain (electron/audit/) pin the head.
import { createHash } from 'node:crypto';
import { canonicalFields } from '../common/canonical-fields';

export const AUDIT_ENTRY_TAG = 'loupe.audit-entry/1';
/** The `prev_hash` of the first entry of a station's log. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** An audit_log row exactly as stored (prev_hash and hash are NULL only in a row written around the triggers). */
export interface AuditRow {
  id: number;
  at: string;
  officer_name: string | null;
  officer_badge: string | null;
  action: string;
  subject: string | null;
  details: string | null;
  prev_hash: string | null;
  hash: string | null;
}

export type AuditRowFields = Omit<AuditRow, 'prev_hash' | 'hash'>;

/** The hash of an entry with these stored fields linked to `prevHash`, lowercase hex. */
export function auditEntryHash(row: AuditRowFields, prevHash: string | null): string {
  const bytes = canonicalFields(AUDIT_ENTRY_TAG, [row.id, row.at, row.officer_name, row.officer_badge, row.action, row.subject, row.details, prevHash]);
  return createHash('sha256').update(bytes).digest('hex');
}

export const AUDIT_ROW_COLUMNS = 'id, at, officer_name, officer_badge, action, subject, details, prev_hash, hash';
