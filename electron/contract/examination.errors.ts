// What the examination domain refuses besides the generic kinds (errors.ts).
export const EXAMINATION_ERROR_KINDS = [
  /** No examination with that id is held at this station (never made, or purged). */
  'ExaminationNotFound',
  /** "Genuine" on a document that failed its checks or has expired, without a confirming reason. */
  'ConfirmationRequired',
] as const;
export type ExaminationErrorKind = (typeof EXAMINATION_ERROR_KINDS)[number];
