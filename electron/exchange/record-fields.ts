// The indexed fields of a trend record as decoded chunks carry them (dictionary codes), in slot
// order. Shared by the chunk format and the grouped counts.
export const RECORD_FIELDS = ['station', 'country', 'issuer', 'documentType', 'series', 'documentClassId', 'fraudType', 'pointOfEntry', 'line', 'week', 'supersedes'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];
export const FIELD_COUNT = RECORD_FIELDS.length;
export const FIELD_SLOT = Object.fromEntries(RECORD_FIELDS.map((f, i) => [f, i])) as Record<RecordField, number>;
