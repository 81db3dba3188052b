// The camera used as a document scanner: the officer holds the data page to a webcam, the station
// reads the MRZ from successive frames and keeps the reading once enough frames agree and the check
// digits verify; the sharpest agreeing frame becomes the white-light capture. Pure data, shared.
import { z } from 'zod';

/** A camera session's id, made by the screen (one per opening of the camera). */
export const CameraSessionSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

/** Largest frame accepted, as base64 JPEG (the screen sends at most 1600 px on the long side). */
export const CAMERA_FRAME_MAX_BASE64 = 1_000_000;

/**
 * What the officer should do next:
 *  - `find-mrz`: no MRZ in the frame: hold the data page inside the guide, MRZ at the bottom;
 *  - `move-closer`: the MRZ is too small in the frame to be read reliably;
 *  - `hold-still`: the frame is blurred (motion), or frames do not agree yet;
 *  - `ready`: enough frames agree and the check digits verify.
 */
export const CAMERA_HINTS = ['find-mrz', 'move-closer', 'hold-still', 'ready'] as const;
export const CameraHintSchema = z.enum(CAMERA_HINTS);
export type CameraHint = z.infer<typeof CameraHintSchema>;

const Point = z.tuple([z.number(), z.number()]);

export const CameraFrameResultSchema = z.object({
  hint: CameraHintSchema,
  /** Frames read in this session so far. */
  frames: z.number().int().min(0),
  /** The fewest frames behind any character of the voted reading, and how many are needed. */
  agreeing: z.number().int().min(0),
  needed: z.number().int().min(1),
  /** The voted MRZ lines so far (empty while no frame read one). */
  lines: z.array(z.string()),
  /** Every check digit of the voted lines verifies. */
  checkDigitsHold: z.boolean(),
  /** Where this frame's MRZ is, as fractions (0..1) of the frame's width and height; null when not found. */
  mrzCorners: z.array(Point).length(4).nullable(),
  /** Where the page is when no MRZ was found in this frame (fractions, TL, TR, BR, BL); null otherwise or when not found. */
  pageCorners: z.array(Point).length(4).nullable(),
  /** This frame's sharpness and the best of the session (variance of the Laplacian). */
  sharpness: z.number().min(0),
  bestSharpness: z.number().min(0),
});
export type CameraFrameResult = z.infer<typeof CameraFrameResultSchema>;
