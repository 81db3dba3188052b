// What the face domain refuses besides the generic kinds (errors.ts). A face that is not found or
// of poor quality is a finding of the comparison, never an error.
export const FACE_ERROR_KINDS = [
  /** No usable face in the sample photos the portrait specimens are made from. */
  'NoSampleFaces',
] as const;
export type FaceErrorKind = (typeof FACE_ERROR_KINDS)[number];
