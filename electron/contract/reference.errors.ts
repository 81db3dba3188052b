// What the reference library refuses besides the generic kinds (errors.ts).
export const REFERENCE_ERROR_KINDS = [
  /** No document class with that id in the library. */
  'ClassNotFound',
  /** The class has no zone with that id. */
  'ZoneNotFound',
  /** A reference package, or the signature file it is imported with, is not there. */
  'PackageNotFound',
  /** A reference package that is malformed, or whose files do not match its signed manifest. */
  'PackageRefused',
  /** A new class was to be created under an id the library already holds. */
  'ClassExists',
] as const;
export type ReferenceErrorKind = (typeof REFERENCE_ERROR_KINDS)[number];
