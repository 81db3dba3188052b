// What the audit domain refuses besides the generic kinds (errors.ts).
export const AUDIT_ERROR_KINDS = [
  /** An audit export file that is not one: truncated, oversized, altered, badly encoded or signed by another key. */
  'AuditFileRefused',
] as const;
export type AuditErrorKind = (typeof AUDIT_ERROR_KINDS)[number];
