// What the MRZ domain refuses besides the generic kinds (errors.ts). A misread character or a bad
// check digit is a finding in the reading, never an error.
export const MRZ_ERROR_KINDS = [
  /** The OCR engine could not start (its model missing or damaged). */
  'OcrFailed',
] as const;
export type MrzErrorKind = (typeof MRZ_ERROR_KINDS)[number];
