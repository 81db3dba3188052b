// A reference document class: what a genuine document of one issuer/type/series looks like under
// each light, as zones with expected behaviour. Format documented in docs/reference-format.md.
import { z } from 'zod';
import { BoxSchema, LightSchema } from './capture.contract';
import { MrzFormatSchema } from './mrz.contract';

export const REFERENCE_SCHEMA = 'loupe.reference/1';

export const ZONE_KINDS = ['header', 'photo', 'ghost', 'mrz', 'field', 'signature', 'uv-feature', 'ir-feature', 'pattern'] as const;
export const ZoneKindSchema = z.enum(ZONE_KINDS);
export type ZoneKind = z.infer<typeof ZoneKindSchema>;

const Hex = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const ImageName = z.string().regex(/^[A-Za-z0-9._-]+\.(png|jpg|jpeg)$/);

/** Expected behaviour of a zone under each light. Absent light = no expectation. */
export const ZoneExpectationSchema = z
  .object({
    /** IR (B900): 'visible' = absorbs (dark), 'invisible' = drops out (near paper white). */
    ir: z.enum(['visible', 'invisible']).optional(),
    /** UV (365 nm): fluorescence expected or not, its colour, and whether its pattern is fixed (compare crops). */
    uv: z.object({ fluoresces: z.boolean(), colour: Hex.optional(), fixedPattern: z.boolean().default(false) }).strict().optional(),
    /** White light: whether the printed pattern is fixed for the class (compare crops with the reference). */
    white: z.object({ fixedPattern: z.boolean() }).strict().optional(),
  })
  .strict();
export type ZoneExpectation = z.infer<typeof ZoneExpectationSchema>;

export const ReferenceZoneSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    kind: ZoneKindSchema,
    label: z.string().min(1).max(120),
    /** Pixel box in the class's reference images (at `dpi`). */
    box: BoxSchema,
    /** For 'field' zones: the MRZ field the printed value must match (surname, documentNumber, birthDate...). */
    field: z.string().max(40).optional(),
    /** Holds personal data that varies per document: never compared pixel by pixel, never exported. */
    personal: z.boolean(),
    expect: ZoneExpectationSchema,
    /** Examiner's note shown at this zone ("check the fine-line continuity here"). */
    note: z.string().max(1000).optional(),
  })
  .strict();
export type ReferenceZone = z.infer<typeof ReferenceZoneSchema>;

/**
 * A bound of one check, set from the spread of a measure over the class's genuine captures. The
 * check applies `value`; `default` is what it applies to a class without calibration, `samples` the
 * genuine measurements that set it (one per capture, or per capture and zone), so the expert sees
 * how many captures back it and how close the genuine worst comes to it.
 */
export const CalibratedBoundSchema = z
  .object({
    /** Check id (checks/check-ids.ts). */
    check: z.string().min(1).max(60),
    /** The measure the bound applies to, named by the check (e.g. 'lift', 'contrast', 'bad-tile-fraction'). */
    measure: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    /** The zone the bound is for; absent for a bound of the whole class. */
    zone: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
    /** 'min': a genuine document measures at least `value`; 'max': at most. */
    direction: z.enum(['min', 'max']),
    value: z.number().finite(),
    default: z.number().finite(),
    samples: z.array(z.number().finite()).max(1000),
  })
  .strict();
export type CalibratedBound = z.infer<typeof CalibratedBoundSchema>;

export const LearningStepSchema = z
  .object({
    /** The class version this step produced. */
    version: z.number().int().min(1),
    at: z.string(),
    author: z.string().max(200),
    action: z.enum(['learned', 'grown']),
    /** Genuine captures this step added, and the class's total after it. */
    added: z.number().int().min(0),
    captures: z.number().int().min(0),
  })
  .strict();
export type LearningStep = z.infer<typeof LearningStepSchema>;

export const LearningRecordSchema = z
  .object({
    /** Genuine captures the reference images and bounds stand for. */
    captures: z.number().int().min(1),
    /** The lights the captures were made under (white always). */
    lights: z.array(LightSchema).min(1),
    /** Every learning step, oldest first. The captures themselves are never kept (they hold personal data). */
    history: z.array(LearningStepSchema).min(1).max(1000),
  })
  .strict();
export type LearningRecord = z.infer<typeof LearningRecordSchema>;

export const DocumentClassSchema = z
  .object({
    schema: z.literal(REFERENCE_SCHEMA),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,95}$/),
    /** ICAO 3-letter issuer code, or null for a design shared by several issuers (synthetic specimens). */
    issuer: z.string().regex(/^[A-Z<]{1,3}$/).nullable(),
    documentType: z.string().min(1).max(80),
    /** MRZ document codes this class carries (first 1–2 characters), e.g. ['P', 'PD']. */
    documentCodes: z.array(z.string().regex(/^[A-Z][A-Z<]?$/)).min(1),
    series: z.string().min(1).max(80),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    validTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    format: MrzFormatSchema,
    size: z.object({ widthMm: z.number().positive(), heightMm: z.number().positive() }).strict(),
    dpi: z.number().positive(),
    /**
     * Reference image file names per light, relative to the class folder. White light is required;
     * a class learned from white-light captures only has no infrared or ultraviolet image, and the
     * checks of those lights say so (not performed) instead of comparing.
     */
    images: z.object({ white: ImageName, ir: ImageName.optional(), uv: ImageName.optional() }).strict(),
    zones: z.array(ReferenceZoneSchema).max(500),
    /** Fluorescent fibres scattered at random in the substrate: their colours and typical count per
     * page. Positions change from document to document, so they are never zones or compared crops. */
    uvFibres: z.object({ colours: z.array(Hex).min(1), perPage: z.number().int().min(1) }).strict().optional(),
    /** Bounds of the class checks set from this class's own genuine captures (learned classes); a check without one uses its default. */
    calibration: z.array(CalibratedBoundSchema).max(2000).optional(),
    /** How the class was learned from genuine captures and grown since (learned classes only). */
    learning: LearningRecordSchema.optional(),
    status: z.enum(['active', 'retired']),
    version: z.number().int().min(1),
    updatedAt: z.string(),
    author: z.string().max(200),
  })
  .strict();
export type DocumentClass = z.infer<typeof DocumentClassSchema>;

export const ReferenceSummarySchema = z.object({
  id: z.string(),
  issuer: z.string().nullable(),
  documentType: z.string(),
  series: z.string(),
  format: MrzFormatSchema,
  status: z.enum(['active', 'retired']),
  source: z.enum(['builtin', 'user']),
  version: z.number().int(),
  /** The class cannot be loaded (a reference image missing, damaged or of the wrong size): never a
   * candidate for identification until an expert replaces it. Null when it loads. */
  broken: z.object({ reason: z.string() }).nullable(),
  /** Genuine captures a learned class stands for (null: not learned from captures). */
  learnedCaptures: z.number().int().nullable(),
});
export type ReferenceSummary = z.infer<typeof ReferenceSummarySchema>;
