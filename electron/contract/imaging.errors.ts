// What the imaging domain refuses besides the generic kinds (errors.ts): images that cannot be
// read, whoever was handed them (a capture, a portrait, a reference image, a stored file).
export const IMAGING_ERROR_KINDS = [
  /** Not an image of a supported type, or damaged: it cannot be decoded. */
  'UnsupportedImage',
  /** More bytes or pixels than an image of a document needs. */
  'ImageTooLarge',
  /** The image file named cannot be read. */
  'ImageNotFound',
] as const;
export type ImagingErrorKind = (typeof IMAGING_ERROR_KINDS)[number];
