// The chip in the examination: what reading the document's chip at this station gave (ICAO Doc 9303
// Parts 10–12), kept in the examination record as its chip section, and the live progress of a
// reading. The checks of the issuer-signature and chip-genuineness layers are computed from it.
import { z } from 'zod';
import { ChipErrorKindSchema, ChipFileSchema, ChipReadingSummarySchema, AccessProtocolSchema, SodReportSchema } from './chip.contract';

/**
 * Where the access data came from: the examination's MRZ reading (with the engine's corrections),
 * MRZ data the officer typed (a misread or missing MRZ), or the card access number of an ID card.
 */
export const CHIP_KEY_SOURCES = ['mrz-reading', 'typed-mrz', 'can'] as const;
export const ChipKeySourceSchema = z.enum(CHIP_KEY_SOURCES);
export type ChipKeySource = z.infer<typeof ChipKeySourceSchema>;

/** Access data typed by the officer: the three MRZ fields (9303-11 §9.7.2) or the CAN. */
export const ChipAccessInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('MRZ'),
      documentNumber: z.string().trim().toUpperCase().regex(/^[0-9A-Z<]{1,22}$/),
      /** YYMMDD */
      dateOfBirth: z.string().regex(/^\d{6}$/),
      /** YYMMDD */
      dateOfExpiry: z.string().regex(/^\d{6}$/),
    })
    .strict(),
  z.object({ kind: z.literal('CAN'), can: z.string().regex(/^\d{6,12}$/) }).strict(),
]);
export type ChipAccessInput = z.infer<typeof ChipAccessInputSchema>;

/**
 * Why the chip was not read, for the officer: no reader on this station, no document on the reader,
 * no access data (no MRZ was read and none was typed), or the reading failed (`error` says how).
 */
export const CHIP_NOT_READ_REASONS = ['no-reader', 'no-document', 'no-access-data', 'failed', 'cancelled'] as const;
export const ChipNotReadReasonSchema = z.enum(CHIP_NOT_READ_REASONS);
export type ChipNotReadReason = z.infer<typeof ChipNotReadReasonSchema>;

export const ChipSectionSchema = z.object({
  state: z.enum(['read', 'not-read']),
  /** When not read: why. */
  reason: ChipNotReadReasonSchema.nullable(),
  /** The failure that stopped the reading (reason 'failed'). */
  error: z.object({ kind: ChipErrorKindSchema, message: z.string() }).nullable(),
  keySource: ChipKeySourceSchema.nullable(),
  reader: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Times the reading resumed after the document was lifted or the chip fell silent. */
  resumptions: z.number().int().min(0),
  /** Access, files, DG1's MRZ, the faces (by stored image hash), passive authentication, clone checks. */
  reading: ChipReadingSummarySchema.nullable(),
  /** Passive authentication part by part: signer, CSCA, every data group's hash, the chain. */
  sod: SodReportSchema.nullable(),
  /** The document signer certificate's country as an ICAO 9303-3 code (null when absent or unknown). */
  signerState: z.string().nullable(),
  /** The country attribute as the certificate has it (two letters). */
  signerCountry: z.string().nullable(),
  /** The signed evidence package of the raw reading, in the station's data folder. */
  evidence: z.object({ fileName: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) }).nullable(),
  timingsMs: z.record(z.string(), z.number()),
});
export type ChipSection = z.infer<typeof ChipSectionSchema>;

export const CHIP_PHASES = ['waiting', 'reading', 'interrupted', 'authenticating', 'verifying', 'portrait', 'done', 'not-read'] as const;
export const ChipPhaseSchema = z.enum(CHIP_PHASES);
export type ChipPhase = z.infer<typeof ChipPhaseSchema>;

/** A reading's progress, file by file; the last event of a reading is 'done' or 'not-read'. */
export const ChipProgressSchema = z.object({
  examinationId: z.string(),
  phase: ChipPhaseSchema,
  file: ChipFileSchema.optional(),
  bytesRead: z.number().int().min(0).optional(),
  totalBytes: z.number().int().min(0).nullable().optional(),
  protocol: AccessProtocolSchema.optional(),
  keySource: ChipKeySourceSchema.optional(),
  reason: ChipNotReadReasonSchema.optional(),
  /** The interruption or failure, in the chip domain's kinds (the screen words the hint). */
  error: z.object({ kind: ChipErrorKindSchema, message: z.string() }).optional(),
  resumption: z.number().int().min(0).optional(),
});
export type ChipProgress = z.infer<typeof ChipProgressSchema>;

/** The signed evidence package of an examination's chip reading, for export. */
export const ChipEvidenceExportSchema = z.object({ fileName: z.string(), base64: z.string() });
