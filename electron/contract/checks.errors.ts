// What the security checks refuse besides the generic kinds (errors.ts). A check that cannot run
// is `not-performed` with its reason, never an error; these stop the checks as a whole.
export const CHECKS_ERROR_KINDS = [
  /** The OCR engine of the visual zone could not start (as the MRZ domain's `OcrFailed`). */
  'OcrFailed',
] as const;
export type ChecksErrorKind = (typeof CHECKS_ERROR_KINDS)[number];
