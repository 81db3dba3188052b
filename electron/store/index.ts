export { openStationStore, StationStore, DATABASE_FILE, IMAGES_DIR, CAPTURES_DIR } from './station-store';
export { discardStagedCapture } from './orphan-captures';
export type { ExaminationListQuery } from './examination-list-query';
export type { AuditEntry, AuditInput } from './store-types';
export { isImageHash } from './image-files';
export { AUDIT_GENESIS_HASH, auditEntryHash, type AuditRow, type AuditRowFields } from './audit-chain';
