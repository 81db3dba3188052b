export { openStationStore, StationStore, DATABASE_FILE, IMAGES_DIR } from './station-store';
export type { ExaminationListQuery } from './examination-list-query';
export type { AuditEntry, AuditInput } from './store-types';
export { isImageHash } from './image-files';
