// MRZ reading: the shape every MRZ source (OCR, typed text, serial reader) returns.
// ICAO 9303 Parts 3–7. Pure data: shared by the renderer and the Node side.
import { z } from 'zod';

export const MRZ_FORMATS = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB'] as const;
export const MrzFormatSchema = z.enum(MRZ_FORMATS);
export type MrzFormat = z.infer<typeof MrzFormatSchema>;

/**
 * Machine readable zones that are not ICAO 9303 layouts but are read on real documents: the French
 * national identity card issued until 2021 (2×36) and the Swiss driving licence (9 + 30 + 30).
 */
export const MRZ_NATIONAL_FORMATS = ['FRA_ID', 'CHE_DL'] as const;
/** Any layout a reading may have: the ICAO formats and the national ones. */
export const MrzLayoutFormatSchema = z.enum([...MRZ_FORMATS, ...MRZ_NATIONAL_FORMATS]);
export type MrzLayoutFormat = z.infer<typeof MrzLayoutFormatSchema>;

export function isIcaoFormat(format: MrzLayoutFormat | null): format is MrzFormat {
  return (MRZ_FORMATS as readonly string[]).includes(format ?? '');
}

/** Lines × characters per line for each layout (Part 4 TD3, Part 5 TD1, Part 6 TD2, Part 7 MRV). */
export const MRZ_GEOMETRY: Record<MrzFormat, { lines: number; chars: number }> = {
  TD1: { lines: 3, chars: 30 },
  TD2: { lines: 2, chars: 36 },
  TD3: { lines: 2, chars: 44 },
  MRVA: { lines: 2, chars: 44 },
  MRVB: { lines: 2, chars: 36 },
};

/** Characters per line of each national layout. */
export const MRZ_NATIONAL_WIDTHS: Record<(typeof MRZ_NATIONAL_FORMATS)[number], number[]> = { FRA_ID: [36, 36], CHE_DL: [9, 30, 30] };

/** Nominal document sizes in millimetres (ICAO 9303 Part 4 TD3, Part 5 TD1, Part 6 TD2, Part 7 MRV-A/B). */
export const DOCUMENT_SIZE_MM: Record<MrzFormat, { w: number; h: number }> = {
  TD3: { w: 125, h: 88 },
  TD2: { w: 105, h: 74 },
  TD1: { w: 85.6, h: 53.98 },
  MRVA: { w: 120, h: 80 },
  MRVB: { w: 105, h: 74 },
};

/** Character pitch of the MRZ (Part 3 §4.2: 10 characters per inch). */
export const MRZ_PITCH_MM = 2.54;

/**
 * Longest typed or pasted MRZ text accepted (characters, line breaks included), by the workstation
 * and the command line alike. Three 30-character lines are 92; the headroom is for pasted noise.
 */
export const MRZ_TEXT_MAX_LENGTH = 1000;

export const MrzSourceSchema = z.enum(['ocr', 'text', 'serial']);
export type MrzSource = z.infer<typeof MrzSourceSchema>;

/** One field of the MRZ, with the exact characters it occupies (0-based line, [start, end) columns). */
export const MrzFieldDetailSchema = z.object({
  field: z.string(),
  label: z.string(),
  value: z.string().nullable(),
  valid: z.boolean(),
  error: z.string().optional(),
  /** For the date fields: the date the characters give, ISO YYYY-MM-DD, the century inferred (Part 3 §4.8). */
  date: z.string().optional(),
  line: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type MrzFieldDetail = z.infer<typeof MrzFieldDetailSchema>;

/** A character the engine changed. Never silent: every change is listed with its reason. */
export const MrzCorrectionSchema = z.object({
  line: z.number().int().min(0),
  column: z.number().int().min(0),
  read: z.string(),
  corrected: z.string(),
  reason: z.string(),
});
export type MrzCorrection = z.infer<typeof MrzCorrectionSchema>;

/** A problem found in the data (not a crash): bad check digit, impossible date, unknown layout... */
export const MrzFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['fail', 'warn', 'info']),
  message: z.string(),
  field: z.string().optional(),
  line: z.number().int().optional(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});
export type MrzFinding = z.infer<typeof MrzFindingSchema>;

const Point = z.tuple([z.number(), z.number()]);

/** Where the MRZ was found on the page image (pixels of the image it was read from). */
export const MrzGeometrySchema = z.object({
  /** The page image the MRZ was read from (all lights share the geometry of one scan pass). */
  image: z.string(),
  /** Corners of the MRZ crop, clockwise from top-left. */
  corners: z.array(Point).length(4),
  /** Centre of the first and of the last character cell of each line. */
  lines: z.array(z.object({ first: Point, last: Point })),
  /** Character pitch in page pixels (ICAO: 2.54 mm). */
  pitchPx: z.number(),
  /** Mean correlation of the glyphs with OCR-B templates (0..1): low for another font. */
  fontScore: z.number(),
});
export type MrzGeometry = z.infer<typeof MrzGeometrySchema>;

/**
 * A character the reader is not sure of: weakly read, or with a close alternative. 0-based line and
 * column. A wrong character of a `valid` reading is always listed here (the engine never vouches for
 * a character it could not tell from another); names and other fields without a check digit are
 * listed whenever an alternative is close, since no check digit can settle them.
 */
export const MrzUncertainSchema = z.object({
  line: z.number().int().min(0),
  column: z.number().int().min(0),
  /** The characters it might also be, most likely first. */
  alternatives: z.array(z.string()),
});
export type MrzUncertain = z.infer<typeof MrzUncertainSchema>;

/**
 * An uncertain character another source settled: the visual zone of an identified document printed
 * the character the MRZ reader chose (names, nationality and sex have no check digit to settle them).
 */
export const MrzSettledSchema = z.object({
  line: z.number().int().min(0),
  column: z.number().int().min(0),
  /** The character as read, now confirmed. */
  char: z.string().length(1),
  /** The alternatives the reader had listed, set aside. */
  alternatives: z.array(z.string()),
  /** What settled it: the printed (visual) zone's reading of the named field. */
  by: z.literal('viz'),
  field: z.string(),
  /** The field as the visual zone was read (upper case, transliterated as in the MRZ). */
  viz: z.string(),
});
export type MrzSettled = z.infer<typeof MrzSettledSchema>;

export const MrzReadingSchema = z.object({
  format: MrzLayoutFormatSchema.nullable(),
  lines: z.array(z.string()),
  valid: z.boolean(),
  repaired: z.boolean(),
  fields: z.record(z.string(), z.string().nullable()),
  details: z.array(MrzFieldDetailSchema),
  findings: z.array(MrzFindingSchema),
  corrections: z.array(MrzCorrectionSchema),
  source: MrzSourceSchema,
  /** 0..1: OCR confidence for 'ocr'; 1 for typed text. */
  confidence: z.number().min(0).max(1),
  timingsMs: z.record(z.string(), z.number()),
  geometry: MrzGeometrySchema.optional(),
  /** Per line, per character: how sure the reader is (0..1); 1 for typed text. Empty for older readings. */
  charConfidence: z.array(z.array(z.number().min(0).max(1))).default([]),
  /** Characters that are weakly read or have a close alternative (see MrzUncertainSchema). */
  uncertain: z.array(MrzUncertainSchema).default([]),
  /** Uncertain characters another source settled, and what settled each (absent when none was). */
  settled: z.array(MrzSettledSchema).optional(),
});
export type MrzReading = z.infer<typeof MrzReadingSchema>;
