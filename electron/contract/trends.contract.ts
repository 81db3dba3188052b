// Non-personal fraud data exchanged in the regional network (docs/trends.md): trend records,
// expert alerts, and the manifest of the signed bundles that carry them. Nothing here may hold a
// name, a document number, a date of birth, MRZ text, a portrait or an image of the holder.
import { z } from 'zod';
import { LightSchema } from './capture.contract';
import { FRAUD_TYPES } from './fraud-types.contract';

export const TREND_RECORD_SCHEMA = 'loupe.trend/1';
export const EXPERT_ALERT_SCHEMA = 'loupe.alert/1';
export const BUNDLE_SCHEMA = 'loupe.bundle/1';

/** The controlled fraud taxonomy (fraud-types.contract.ts). */
export { FRAUD_TYPES };
export const FraudTypeSchema = z.enum(FRAUD_TYPES);
export type FraudType = z.infer<typeof FraudTypeSchema>;

/** Content hash identifiers: lowercase sha256 hex. */
export const ContentIdSchema = z.string().regex(/^[0-9a-f]{64}$/);
/** ISO 8601 week, e.g. 2026-W47: the only date a trend record carries. */
export const IsoWeekSchema = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);
/** Station identity: the first 16 hex digits of sha256(Ed25519 raw public key). */
export const StationIdSchema = z.string().regex(/^[0-9a-f]{16}$/);
const Code = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/);
const ShortText = z.string().trim().min(1).max(120);
const CheckIdSchema = z.string().regex(/^[a-z0-9][a-z0-9.:-]{0,79}$/);

/** A redacted crop of a security feature: personal zones masked, confirmed by the examiner. PNG, base64. */
export const RedactedCropSchema = z
  .object({
    light: LightSchema,
    zoneId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    label: ShortText,
    widthPx: z.number().int().min(1).max(2000),
    heightPx: z.number().int().min(1).max(2000),
    pngBase64: z.string().max(700_000).regex(/^[A-Za-z0-9+/]+=*$/),
  })
  .strict();
export type RedactedCrop = z.infer<typeof RedactedCropSchema>;

export const DetectionContextSchema = z
  .object({
    /** Point-of-entry code (national list), e.g. RS-BATROVCI or an airport code. */
    pointOfEntry: Code,
    line: z.enum(['first', 'second']),
    direction: z.enum(['entry', 'exit']).nullable(),
  })
  .strict();
export type DetectionContext = z.infer<typeof DetectionContextSchema>;

/** The content of a trend record; its id is the sha256 of the canonical JSON of this content. */
export const TrendRecordContentSchema = z
  .object({
    schema: z.literal(TREND_RECORD_SCHEMA),
    station: StationIdSchema,
    /** Country of the recording authority (ICAO code). */
    country: z.string().regex(/^[A-Z]{3}$/),
    issuer: z.string().regex(/^[A-Z<]{1,3}$/).nullable(),
    documentType: ShortText,
    series: ShortText.nullable(),
    documentClassId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,95}$/).nullable(),
    fraudType: FraudTypeSchema,
    /** Security features that revealed the fraud (reference zone labels or feature names). */
    revealedBy: z.array(ShortText).max(30),
    /** Checks that caught it, and checks that ran and did not. */
    caughtBy: z.array(CheckIdSchema).max(50),
    missedBy: z.array(CheckIdSchema).max(50),
    context: DetectionContextSchema,
    week: IsoWeekSchema,
    /** Modus-operandi notes, screened for personal data before the record is made. */
    notes: z.string().max(2000).nullable(),
    crops: z.array(RedactedCropSchema).max(8),
    /** The record this one corrects (records are immutable). */
    supersedes: ContentIdSchema.nullable(),
    /** A random value per detection, so two detections with the same facts keep two ids
     * (content ids would otherwise merge them). Says nothing about the holder. */
    occurrence: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  })
  .strict();
export type TrendRecordContent = z.infer<typeof TrendRecordContentSchema>;

export const TrendRecordSchema = TrendRecordContentSchema.extend({ id: ContentIdSchema }).strict();
export type TrendRecord = z.infer<typeof TrendRecordSchema>;

/** A hotspot on a reference image, in that class's reference pixels. */
export const HotspotSchema = z
  .object({
    light: LightSchema,
    x: z.number().int().min(0).max(20_000),
    y: z.number().int().min(0).max(20_000),
    w: z.number().int().min(1).max(20_000),
    h: z.number().int().min(1).max(20_000),
    label: ShortText,
  })
  .strict();
export type Hotspot = z.infer<typeof HotspotSchema>;

/**
 * Which documents an alert is shown on. `documents`: those of one of `issuers` (ICAO codes) AND one of
 * `documentTypes` AND one of `series` — an empty list leaves that dimension open, but at least one is
 * named. `regional`: every document examined in the network, an explicit choice of the publisher.
 * An alert without a scope (published before scopes existed) is shown on documents of its own
 * issuer, document type and series (alert-scope.ts), never regionally.
 */
export const AlertScopeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('regional') }).strict(),
    z
      .object({
        kind: z.literal('documents'),
        issuers: z.array(z.string().regex(/^[A-Z<]{1,3}$/)).max(30),
        documentTypes: z.array(ShortText).max(10),
        series: z.array(ShortText).max(20),
      })
      .strict(),
  ])
  .refine((scope) => scope.kind === 'regional' || scope.issuers.length + scope.documentTypes.length + scope.series.length > 0, {
    message: 'name at least one issuer, document type or series, or make the alert regional',
  });
export type AlertScope = z.infer<typeof AlertScopeSchema>;

/** An expert's published warning about a document class: what to look for and where. */
export const ExpertAlertContentSchema = z
  .object({
    schema: z.literal(EXPERT_ALERT_SCHEMA),
    station: StationIdSchema,
    country: z.string().regex(/^[A-Z]{3}$/),
    documentClassId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,95}$/),
    issuer: z.string().regex(/^[A-Z<]{1,3}$/).nullable(),
    documentType: ShortText,
    series: ShortText.nullable(),
    fraudType: FraudTypeSchema,
    title: z.string().trim().min(1).max(200),
    lookFor: z.string().trim().min(1).max(4000),
    hotspots: z.array(HotspotSchema).max(20),
    crops: z.array(RedactedCropSchema).max(8),
    week: IsoWeekSchema,
    /** Last ISO week the alert is shown; null = until superseded. */
    validUntilWeek: IsoWeekSchema.nullable(),
    supersedes: ContentIdSchema.nullable(),
    /** Where it is shown. Optional and absent from alerts made before it existed, so their content
     * (and their content-addressed ids) are unchanged; absent means the alert's own issuer, type and
     * series. */
    scope: AlertScopeSchema.optional(),
  })
  .strict();
export type ExpertAlertContent = z.infer<typeof ExpertAlertContentSchema>;

export const ExpertAlertSchema = ExpertAlertContentSchema.extend({ id: ContentIdSchema }).strict();
export type ExpertAlert = z.infer<typeof ExpertAlertSchema>;

/** One line of a bundle's payload. */
export const BundleItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('record'), record: TrendRecordSchema }).strict(),
  z.object({ type: z.literal('alert'), alert: ExpertAlertSchema }).strict(),
]);
export type BundleItem = z.infer<typeof BundleItemSchema>;

/** The signed manifest at the head of a bundle (docs/trends.md, "Bundle format"). */
export const BundleManifestSchema = z
  .object({
    schema: z.literal(BUNDLE_SCHEMA),
    signer: z
      .object({
        station: StationIdSchema,
        /** Ed25519 raw public key, base64 (32 bytes). */
        publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
      })
      .strict(),
    createdAt: z.string().datetime(),
    /** national = all records as recorded; international = small cells suppressed or coarsened. */
    scope: z.enum(['national', 'international']),
    /** Small-count threshold applied (international scope), null when none. */
    k: z.number().int().min(2).max(100).nullable(),
    since: IsoWeekSchema.nullable(),
    counts: z.object({ records: z.number().int().min(0), alerts: z.number().int().min(0) }).strict(),
    payload: z
      .object({
        encoding: z.literal('gzip+jsonl'),
        sha256: ContentIdSchema,
        bytes: z.number().int().min(0),
        uncompressedBytes: z.number().int().min(0),
      })
      .strict(),
  })
  .strict();
export type BundleManifest = z.infer<typeof BundleManifestSchema>;
