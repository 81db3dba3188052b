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
    /** Reference image file names per light, relative to the class folder. */
    images: z.record(LightSchema, z.string().regex(/^[A-Za-z0-9._-]+\.(png|jpg|jpeg)$/)),
    zones: z.array(ReferenceZoneSchema).max(500),
    /** Fluorescent fibres scattered at random in the substrate: their colours and typical count per
     * page. Positions change from document to document, so they are never zones or compared crops. */
    uvFibres: z.object({ colours: z.array(Hex).min(1), perPage: z.number().int().min(1) }).strict().optional(),
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
});
export type ReferenceSummary = z.infer<typeof ReferenceSummarySchema>;
