// What the Trends screen asks for and receives: filters, weekly counts by dimension, emerging
// trends with their evidence, and the (non-personal) records behind a count.
import { z } from 'zod';
import { EXCHANGE_ERROR_KINDS } from './exchange.errors';
import { AlertScopeSchema, FraudTypeSchema, IsoWeekSchema, TrendRecordSchema, ExpertAlertSchema, HotspotSchema, RedactedCropSchema } from './trends.contract';

export const TrendFilterSchema = z
  .object({
    from: IsoWeekSchema.optional(),
    to: IsoWeekSchema.optional(),
    fraudType: FraudTypeSchema.optional(),
    issuer: z.string().regex(/^[A-Z<]{1,3}$/).optional(),
    pointOfEntry: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/).optional(),
    /** Drill-down only: records whose caughtBy holds this check. */
    checkId: z.string().regex(/^[a-z0-9][a-z0-9.:-]{0,79}$/).optional(),
    /** Drill-down only: one week. */
    week: IsoWeekSchema.optional(),
  })
  .strict();
export type TrendFilter = z.infer<typeof TrendFilterSchema>;

export const EmergingTrendSchema = z.object({
  series: z.string(),
  fraudType: FraudTypeSchema,
  kind: z.enum(['new', 'rising']),
  recent: z.number().int(),
  baseline: z.number().int(),
  expected: z.number(),
  pValue: z.number(),
  recentWeeks: z.tuple([z.string(), z.string()]),
  baselineWeeks: z.tuple([z.string(), z.string()]),
});
export type EmergingTrendDto = z.infer<typeof EmergingTrendSchema>;

export const TrendDashboardSchema = z.object({
  weeks: z.array(z.string()),
  byWeek: z.array(z.object({ week: z.string(), fraudType: FraudTypeSchema, n: z.number().int() })),
  byIssuer: z.array(z.object({ issuer: z.string(), documentType: z.string(), series: z.string(), n: z.number().int() })),
  byPointOfEntry: z.array(z.object({ pointOfEntry: z.string(), n: z.number().int() })),
  byCheck: z.array(z.object({ checkId: z.string(), caught: z.number().int(), missed: z.number().int() })),
  emerging: z.array(EmergingTrendSchema),
  total: z.number().int(),
  tookMs: z.number(),
});
export type TrendDashboard = z.infer<typeof TrendDashboardSchema>;

export const TrendRecordPageSchema = z.object({ records: z.array(TrendRecordSchema), more: z.boolean() });

export const TrendSettingsDtoSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{3}$/),
    pointOfEntry: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/),
    line: z.enum(['first', 'second']),
    direction: z.enum(['entry', 'exit']).nullable(),
    k: z.number().int().min(2).max(100),
    /** The regional hub this station syncs with (http or https), or null. */
    hubUrl: z.string().trim().max(500).regex(/^https?:\/\/\S+$/i).nullable().optional(),
    /** A CA certificate (PEM) trusted for an HTTPS hub behind its own authority, or null. */
    hubCaPem: z.string().max(20_000).regex(/-----BEGIN CERTIFICATE-----/).nullable().optional(),
  })
  .strict();
export type TrendSettingsDto = z.infer<typeof TrendSettingsDtoSchema>;

/** The record Loupe proposes after a fraud verdict, for the examiner to review. */
export const TrendProposalSchema = z.object({
  examinationId: z.string(),
  fraudType: FraudTypeSchema,
  issuer: z.string().nullable(),
  documentType: z.string(),
  series: z.string().nullable(),
  documentClassId: z.string().nullable(),
  revealedBy: z.array(z.string()),
  caughtBy: z.array(z.string()),
  missedBy: z.array(z.string()),
  context: z.object({ pointOfEntry: z.string(), line: z.enum(['first', 'second']), direction: z.enum(['entry', 'exit']).nullable() }),
  week: IsoWeekSchema,
  cropZones: z.array(z.object({ id: z.string(), label: z.string(), light: z.string() })),
  /** Labels of the identified class's zones, offered to add to `revealedBy`. */
  featureLabels: z.array(z.string()),
});
export type TrendProposalDto = z.infer<typeof TrendProposalSchema>;

export const TrendRecordRequestSchema = z
  .object({
    examinationId: z.string().min(1).max(100),
    fraudType: FraudTypeSchema,
    revealedBy: z.array(z.string().trim().min(1).max(120)).max(30),
    notes: z.string().max(2000).nullable(),
    /** Zones whose redacted crops the examiner has seen and confirmed. */
    cropZoneIds: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)).max(8),
    supersedes: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  })
  .strict();

export const ImportReportSchema = z.object({
  applied: z.boolean(),
  signer: z.string().nullable(),
  addedRecords: z.number().int(),
  addedAlerts: z.number().int(),
  skipped: z.number().int(),
  refused: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  conflicts: z.array(z.object({ line: z.number().int(), id: z.string(), reason: z.string() })),
  /** Why the bundle as a whole was refused (nothing was changed), or null. */
  error: z.object({ fault: z.enum(EXCHANGE_ERROR_KINDS), message: z.string() }).nullable(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const AlertPublishRequestSchema = z
  .object({
    documentClassId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,95}$/),
    fraudType: FraudTypeSchema,
    title: z.string().trim().min(1).max(200),
    lookFor: z.string().trim().min(1).max(4000),
    hotspots: z.array(HotspotSchema).max(20),
    /** An examination of this class to take redacted crops from, with the zones confirmed. */
    examinationId: z.string().min(1).max(100).nullable(),
    cropZoneIds: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)).max(8),
    validUntilWeek: IsoWeekSchema.nullable(),
    /** Indexes into `hotspots` whose redacted crops the examiner has seen and confirmed. */
    cropHotspots: z.array(z.number().int().min(0).max(19)).max(8).optional(),
    /** Which documents it is shown on; absent: the class's issuer, document type and series. */
    scope: AlertScopeSchema.optional(),
  })
  .strict();

/** A network member whose bundles this station accepts. */
export { ExpertAlertSchema, RedactedCropSchema };
