// The API between the renderer and the Node side, declared once: channel → request → response.
// Both transports (Electron IPC via preload/main, loopback HTTP via host/) are generated from this
// table, and every request is validated with zod before it reaches a service.
import { z } from 'zod';
import { DeviceStatusSchema } from './device.contract';
import {
  DecisionInputSchema,
  FindingReviewInputSchema,
  DecisionVerdictSchema,
  ExaminationSchema,
  ExaminationSummarySchema,
  OfficerSchema,
} from './examination.contract';
import { FaceAssessmentInputSchema, FaceSettingsSchema, FaceThresholdSchema, PortraitUploadSchema } from './face.contract';
import { MRZ_TEXT_MAX_LENGTH, MrzReadingSchema } from './mrz.contract';
import { DocumentClassSchema, ReferenceSummarySchema } from './reference.contract';
import {
  AlertPublishRequestSchema,
  ExpertAlertSchema,
  ImportReportSchema,
  RedactedCropSchema,
  TrendDashboardSchema,
  TrendFilterSchema,
  TrendProposalSchema,
  TrendRecordPageSchema,
  TrendRecordRequestSchema,
  TrendSettingsDtoSchema,
  TrustedStationSchema,
} from './trend-dashboard.contract';
import { HotspotSchema, IsoWeekSchema, TrendRecordSchema } from './trends.contract';
import { TrendCorrectionRequestSchema, TrendRecordRowSchema, TrendRecordRowsRequestSchema, TrendRecordRowsSchema } from './trend-correction.contract';
import { HubStatusSchema, HubSyncProgressSchema, HubSyncRequestSchema, HubSyncResultSchema } from './hub-sync.contract';
import { AlertReplaceRequestSchema, AlertWithdrawRequestSchema } from './alert-revision.contract';

const Empty = z.object({}).strict();
const Id = z.object({ id: z.string().min(1).max(100) }).strict();

export const api = {
  'app:info': {
    request: Empty,
    response: z.object({
      name: z.literal('Loupe'),
      version: z.string(),
      station: z.string(),
      transport: z.enum(['electron', 'host']),
      /** Prefix for image URLs: `${imageBase}${hash}` (custom protocol or token-checked host URL). */
      imageBase: z.string(),
      /** Prefix for reference images: `${referenceBase}${classId}/${light}`. */
      referenceBase: z.string(),
    }),
  },
  'session:signIn': { request: OfficerSchema.strict(), response: OfficerSchema },
  'session:current': { request: Empty, response: OfficerSchema.nullable() },
  'session:signOut': { request: Empty, response: z.object({ ok: z.literal(true) }) },

  'devices:list': { request: Empty, response: z.array(DeviceStatusSchema) },
  'devices:configure': {
    request: z.object({ id: z.string().min(1).max(100), settings: z.record(z.string().max(60), z.union([z.string().max(1000), z.number(), z.boolean()])) }).strict(),
    response: DeviceStatusSchema,
  },

  /** Capture from a device and run the examination; progress arrives on examination:onProgress. */
  'examination:scan': { request: z.object({ deviceId: z.string().min(1).max(100) }).strict(), response: ExaminationSchema },
  'examination:get': { request: Id, response: ExaminationSchema },
  'examination:list': {
    request: z
      .object({
        text: z.string().max(200).optional(),
        decision: DecisionVerdictSchema.optional(),
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    response: z.array(ExaminationSummarySchema),
  },
  'examination:decide': { request: z.object({ id: z.string().min(1).max(100), decision: DecisionInputSchema }).strict(), response: ExaminationSchema },

  /** The officer confirms or dismisses one finding, with a reason (recorded in the examination and report). */
  'examination:review': {
    request: z.object({ id: z.string().min(1).max(100), review: FindingReviewInputSchema }).strict(),
    response: ExaminationSchema,
  },

  'mrz:readText': {
    request: z.object({ text: z.string().max(MRZ_TEXT_MAX_LENGTH), repair: z.boolean().optional() }).strict(),
    response: MrzReadingSchema,
  },

  'reference:list': { request: Empty, response: z.array(ReferenceSummarySchema) },
  'reference:get': { request: Id, response: z.object({ cls: DocumentClassSchema, source: z.enum(['builtin', 'user']) }) },
  /** Saves an edited class (zones, expectations, notes) into the user library; images stay as they are. */
  'reference:save': { request: z.object({ cls: DocumentClassSchema }).strict(), response: ReferenceSummarySchema },
  'reference:retire': { request: Id, response: ReferenceSummarySchema },

  /** Renders the PDF report; returns a URL the renderer can open or download. */
  'report:create': { request: Id, response: z.object({ url: z.string(), fileName: z.string(), bytes: z.number().int() }) },

  /** Finds and assesses the document's portraits (printed, ghost) and compares every pair that exists. */
  'face:analyse': { request: Id, response: ExaminationSchema },
  /** Adds a live capture (camera or image file) of the holder, then analyses and compares again. */
  'face:addPortrait': { request: PortraitUploadSchema, response: ExaminationSchema },
  /** The officer's feature checklist and conclusion, recorded in the examination and report. */
  'face:assess': { request: z.object({ id: z.string().min(1).max(100), assessment: FaceAssessmentInputSchema }).strict(), response: ExaminationSchema },
  /** The station's decision threshold; without `threshold` it only reads it. */
  'face:settings': { request: z.object({ threshold: FaceThresholdSchema.strict().optional() }).strict(), response: FaceSettingsSchema },
  // ── Fraud trends (docs/trends.md) ──
  /** The trend record Loupe proposes after a fraud verdict, for the examiner to review. */
  'trends:propose': { request: z.object({ examinationId: z.string().min(1).max(100) }).strict(), response: TrendProposalSchema },
  /** Redacted crops of security-feature zones, shown to the examiner before they are attached. */
  'trends:previewCrops': {
    request: z.object({ examinationId: z.string().min(1).max(100), zoneIds: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)).max(8), hotspots: z.array(HotspotSchema).max(8).optional() }).strict(),
    response: z.array(RedactedCropSchema),
  },
  'trends:record': { request: TrendRecordRequestSchema, response: TrendRecordSchema },
  'trends:dashboard': { request: TrendFilterSchema, response: TrendDashboardSchema },
  'trends:records': {
    request: z.object({ filter: TrendFilterSchema, limit: z.number().int().min(1).max(500), offset: z.number().int().min(0).max(1_000_000) }).strict(),
    response: TrendRecordPageSchema,
  },
  'trends:csv': { request: TrendFilterSchema, response: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }) },
  /** A signed bundle as base64, for the renderer to offer as a download. */
  'trends:export': {
    request: z.object({ since: IsoWeekSchema.nullable(), scope: z.enum(['national', 'international']), k: z.number().int().min(2).max(100).nullable() }).strict(),
    response: z.object({ fileName: z.string(), base64: z.string(), records: z.number().int(), alerts: z.number().int(), coarsened: z.number().int(), suppressed: z.number().int(), withoutProof: z.number().int() }),
  },
  /** A bundle chosen with a file picker, as base64; the name is shown only, never used as a path. */
  'trends:import': {
    request: z.object({ fileName: z.string().max(255), base64: z.string().max(90_000_000).regex(/^[A-Za-z0-9+/]*=*$/) }).strict(),
    response: ImportReportSchema,
  },
  'trends:settings': { request: Empty, response: TrendSettingsDtoSchema },
  'trends:saveSettings': { request: TrendSettingsDtoSchema.partial().strict(), response: TrendSettingsDtoSchema },
  'trends:publishAlert': { request: AlertPublishRequestSchema, response: ExpertAlertSchema },
  /** Alerts to show for a document class now (not superseded, not expired). */
  'trends:alertsForClass': { request: z.object({ classId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,95}$/) }).strict(), response: z.array(ExpertAlertSchema) },
  /** This station's id and public key, for the trust lists of its partners. */
  'trends:identity': { request: Empty, response: z.object({ station: z.string(), publicKey: z.string() }) },
  'trends:trustList': { request: Empty, response: z.array(TrustedStationSchema) },
  'trends:trustAdd': { request: z.object({ name: z.string().trim().min(1).max(120), publicKey: z.string().trim().regex(/^[A-Za-z0-9+/]{43}=$/) }).strict(), response: TrustedStationSchema },
  'trends:trustRemove': { request: z.object({ station: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), response: z.object({ removed: z.number().int() }) },
  /** Drill-down rows: records with their standing (superseded by, correctable here). */
  'trends:recordRows': { request: TrendRecordRowsRequestSchema, response: TrendRecordRowsSchema },
  'trends:recordRow': { request: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }).strict(), response: TrendRecordRowSchema },
  /** A correction of a record made at this station: a new record that supersedes it. */
  'trends:correct': { request: TrendCorrectionRequestSchema, response: TrendRecordSchema },
  /** Push and pull with the saved hub (as `loupe trends sync`); progress on trends:onSyncProgress. */
  'trends:hubSync': { request: HubSyncRequestSchema, response: HubSyncResultSchema },
  'trends:hubStatus': { request: Empty, response: HubStatusSchema },
  /** This station's alerts shown now: the ones it may replace or withdraw. */
  'trends:ownAlerts': { request: Empty, response: z.array(ExpertAlertSchema) },
  /** A new version of an alert published here; it supersedes the old one. */
  'trends:replaceAlert': { request: AlertReplaceRequestSchema, response: ExpertAlertSchema },
  /** Withdraws an alert published here: the withdrawal supersedes it and is never shown itself. */
  'trends:withdrawAlert': { request: AlertWithdrawRequestSchema, response: ExpertAlertSchema },
} as const;

export const ProgressEventSchema = z.object({
  operation: z.string(),
  stage: z.string(),
  message: z.string(),
  /** 0..1 when known. */
  fraction: z.number().min(0).max(1).optional(),
  done: z.boolean().optional(),
  error: z.string().optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Events pushed from the Node side; subscriptions return an unsubscribe function. */
export const events = {
  'examination:onProgress': ProgressEventSchema,
  'devices:onStatus': z.array(DeviceStatusSchema),
  /** A device delivered a capture on its own (hot folder, serial reader): an examination exists. */
  'examination:onCreated': z.object({ id: z.string() }),
  'trends:onSyncProgress': HubSyncProgressSchema,
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
export type Request<C extends Channel> = z.input<Api[C]['request']>;
export type Response<C extends Channel> = z.infer<Api[C]['response']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** Errors cross the boundary as { kind, message }. */
export const ErrorDtoSchema = z.object({ kind: z.string(), message: z.string() });

/** window.loupe: one method per channel, one subscribe function per event. */
export type LoupeApi = { [C in Channel]: (request: Request<C>) => Promise<Response<C>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export const channels = Object.keys(api) as Channel[];
export const eventNames = Object.keys(events) as EventName[];
