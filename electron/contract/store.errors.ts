// What the station store refuses besides the generic kinds (errors.ts).
export const STORE_ERROR_KINDS = [
  /** An image named by its content hash is not in the store. */
  'ImageNotStored',
] as const;
export type StoreErrorKind = (typeof STORE_ERROR_KINDS)[number];
