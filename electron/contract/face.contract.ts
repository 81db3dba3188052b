// The imposter check's data: the portraits in play (printed, ghost image, live capture, chip), their
// face quality, every pairwise comparison with its calibrated band, and the officer's structured
// comparison (docs/face-check.md). Descriptors never cross this boundary: they are recomputed from
// the stored images when needed, so no biometric template leaves the station's examination data.
import { z } from 'zod';
import { BoxSchema } from './capture.contract';

export const PORTRAIT_KINDS = ['printed', 'ghost', 'live', 'chip'] as const;
export const PortraitKindSchema = z.enum(PORTRAIT_KINDS);
export type PortraitKind = z.infer<typeof PortraitKindSchema>;

export const FaceQualitySchema = z.object({
  faceFound: z.boolean(),
  /** Faces the detector found in the portrait image (more than one is reported as a problem). */
  faces: z.number().int().min(0),
  detectionScore: z.number(),
  /** Width of the detected face box, in pixels of the portrait image. */
  faceWidthPx: z.number(),
  /** Distance between the eye centres, in pixels of the portrait image. */
  eyeDistancePx: z.number(),
  /** Sharpness: variance of the Laplacian on the face resampled to a fixed size (higher is sharper). */
  sharpness: z.number(),
  /** Head pose estimated from the landmarks, degrees. */
  yawDeg: z.number(),
  rollDeg: z.number(),
  /** Mean and standard deviation of the face's grey levels (0..255). */
  brightness: z.number(),
  contrast: z.number(),
  /** Hints that something covers part of the face (never blocking on their own). */
  occlusionHints: z.array(z.string()),
  /** Good enough for a reliable comparison. */
  usable: z.boolean(),
  /** Why not usable (blocking) or what to keep in mind (hints), in plain words. */
  problems: z.array(z.string()),
});
export type FaceQuality = z.infer<typeof FaceQualitySchema>;

export const PortraitSchema = z.object({
  /** 'printed', 'ghost', 'live', 'chip' — or 'live-2'… when several of a kind exist. */
  id: z.string().min(1).max(40),
  kind: PortraitKindSchema,
  /** Where the portrait came from: the capture image and the region in it, or a live capture image. */
  sourceHash: z.string().regex(/^[0-9a-f]{64}$/),
  region: BoxSchema.nullable(),
  /** How the region was found. */
  locatedBy: z.enum(['reference-zone', 'face-detection', 'whole-image']),
  /** Eye-aligned crop (same eye positions and scale for every portrait), stored like other images. */
  alignedHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  quality: FaceQualitySchema,
  estimatedAge: z.number().nullable(),
  estimatedSex: z.enum(['M', 'F']).nullable(),
});
export type Portrait = z.infer<typeof PortraitSchema>;

export const FACE_BANDS = ['match', 'no-match', 'uncertain', 'not-performed'] as const;
export const FaceBandSchema = z.enum(FACE_BANDS);
export type FaceBand = z.infer<typeof FaceBandSchema>;

export const PairComparisonSchema = z.object({
  a: z.string(),
  b: z.string(),
  /** Euclidean distance of the 128-d descriptors (null when not compared). */
  distance: z.number().nullable(),
  /** 0..1, higher is more alike (1 − distance / 1.2, clamped; docs/face-check.md). */
  similarity: z.number().nullable(),
  band: FaceBandSchema,
  /** Why not performed, in plain words. */
  reason: z.string().optional(),
});
export type PairComparison = z.infer<typeof PairComparisonSchema>;

export const FaceThresholdSchema = z.object({
  /** Distance at the centre of the uncertain band. */
  distance: z.number().min(0.1).max(1.5),
  /** Half width of the uncertain band around `distance`. */
  margin: z.number().min(0).max(0.3),
});
export type FaceThreshold = z.infer<typeof FaceThresholdSchema>;

export const FACE_FEATURES = ['face-shape', 'ears', 'eyes', 'eyebrows', 'nose', 'mouth', 'chin', 'scars-marks'] as const;
export const FaceFeatureSchema = z.enum(FACE_FEATURES);
export type FaceFeature = z.infer<typeof FaceFeatureSchema>;
export const FeatureMarkSchema = z.enum(['same', 'different', 'cannot-tell']);
export type FeatureMark = z.infer<typeof FeatureMarkSchema>;
export const FaceConclusionSchema = z.enum(['same-person', 'different-person', 'cannot-decide']);
export type FaceConclusion = z.infer<typeof FaceConclusionSchema>;

export const FaceAssessmentInputSchema = z
  .object({
    checklist: z.array(z.object({ feature: FaceFeatureSchema, mark: FeatureMarkSchema }).strict()).max(FACE_FEATURES.length),
    conclusion: FaceConclusionSchema.nullable(),
    notes: z.string().max(2000),
  })
  .strict();
export type FaceAssessmentInput = z.infer<typeof FaceAssessmentInputSchema>;

export const FaceSectionSchema = z.object({
  portraits: z.array(PortraitSchema),
  comparisons: z.array(PairComparisonSchema),
  threshold: FaceThresholdSchema,
  /** Age / sex plausibility against the MRZ, as hints (never a failure). */
  hints: z.array(z.string()),
  analysedAt: z.string(),
  timingsMs: z.record(z.string(), z.number()),
  assessment: FaceAssessmentInputSchema.extend({ officer: z.object({ name: z.string(), badge: z.string() }), at: z.string() }).nullable(),
});
export type FaceSection = z.infer<typeof FaceSectionSchema>;

/** A live capture or image file sent by the renderer: base64 JPEG/PNG (the host accepts 1 MB bodies). */
export const PortraitUploadSchema = z
  .object({
    id: z.string().min(1).max(100),
    kind: z.enum(['live', 'chip']),
    imageBase64: z.string().min(16).max(1_000_000),
  })
  .strict();

export const FaceSettingsSchema = z.object({ threshold: FaceThresholdSchema, defaultThreshold: FaceThresholdSchema });
