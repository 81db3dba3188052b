// Synthetic specimen ground truth (`<id>.truth.json`). Pure data, shared.
import { z } from 'zod';
import { BoxSchema, LightSchema } from './capture.contract';
import { MrzFormatSchema } from './mrz.contract';

export const DegradeLevelSchema = z.enum(['none', 'light', 'heavy']);
export type DegradeLevel = z.infer<typeof DegradeLevelSchema>;

export const SpecimenRegionSchema = z.object({
  id: z.string(),
  kind: z.enum(['header', 'photo', 'ghost', 'mrz', 'field', 'label', 'uv-feature', 'ir-feature', 'pattern', 'signature']),
  /** Pixel box in the undegraded page at `dpi`. */
  box: BoxSchema,
  /** For 'field': the field name; for features: a short description. */
  ref: z.string().optional(),
});
export type SpecimenRegion = z.infer<typeof SpecimenRegionSchema>;

/** Kinds of forged specimens: each a known defect that named checks must detect. */
export const FORGERY_KINDS = [
  'ordinary-paper',
  'mrz-non-b900',
  'photo-substitution',
  'viz-alteration',
  'mrz-alteration',
  'mrz-wrong-font',
  'missing-ir-feature',
  'other-series',
] as const;
export const ForgeryKindSchema = z.enum(FORGERY_KINDS);
export type ForgeryKind = z.infer<typeof ForgeryKindSchema>;

/** Ground truth of a forged specimen: what was falsified, which checks must fire, and where. */
export const SpecimenForgerySchema = z.object({
  kind: ForgeryKindSchema,
  description: z.string(),
  /** Check ids (CHECK_IDS in electron/checks/check-ids.ts) that must report the defect. */
  expectedChecks: z.array(z.string()).min(1),
  /** Where the defect is, in undegraded page pixels at `dpi`. */
  affected: z.array(z.object({ light: LightSchema, box: BoxSchema, note: z.string() })).min(1),
  /** other-series: the design whose class the MRZ claims (the page shows `design`). */
  claimedDesign: z.string().optional(),
});
export type SpecimenForgery = z.infer<typeof SpecimenForgerySchema>;

export const SpecimenTruthSchema = z.object({
  schema: z.literal('loupe.specimen/1'),
  id: z.string(),
  seed: z.number().int(),
  index: z.number().int(),
  format: MrzFormatSchema,
  design: z.string(),
  dpi: z.number(),
  page: z.object({ widthMm: z.number(), heightMm: z.number(), widthPx: z.number().int(), heightPx: z.number().int() }),
  /** Printed (VIZ) fields as printed on the page. */
  printed: z.record(z.string(), z.string()),
  /** MRZ field values (as encoded in the MRZ, fillers removed). */
  mrzFields: z.record(z.string(), z.string()),
  mrz: z.object({ lines: z.array(z.string()) }),
  regions: z.array(SpecimenRegionSchema),
  images: z.object({ white: z.string(), ir: z.string(), uv: z.string() }),
  degradation: z.object({
    level: DegradeLevelSchema,
    /** Each defect applied, in order, with its parameters. */
    applied: z.array(z.object({ kind: z.string(), params: z.record(z.string(), z.unknown()) })),
    /** Final image size and the dpi it corresponds to after resampling. */
    output: z.object({ widthPx: z.number().int(), heightPx: z.number().int(), dpi: z.number() }),
  }),
  /** Present only on forged specimens. */
  forgery: SpecimenForgerySchema.optional(),
});
export type SpecimenTruth = z.infer<typeof SpecimenTruthSchema>;
