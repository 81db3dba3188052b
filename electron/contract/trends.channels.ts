// Non-personal fraud trends (docs/trends.md): proposals and records, the dashboard, signed bundles,
// expert alerts, and sync with the regional hub. The trust list of network members is the trust
// domain's (trust.channels.ts).
import { z } from 'zod';
import { Empty } from './app.channels';
import { channelTable, eventTable } from './channel';
import { AlertReplaceRequestSchema, AlertWithdrawRequestSchema } from './alert-revision.contract';
import { HubStatusSchema, HubSyncProgressSchema, HubSyncRequestSchema, HubSyncResultSchema } from './hub-sync.contract';
import { TrendCorrectionRequestSchema, TrendRecordRowSchema, TrendRecordRowsRequestSchema, TrendRecordRowsSchema } from './trend-correction.contract';
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
} from './trend-dashboard.contract';
import { HotspotSchema, IsoWeekSchema, TrendRecordSchema } from './trends.contract';

const ExaminationId = z.object({ examinationId: z.string().min(1).max(100) }).strict();

export const trendsChannels = channelTable({
  /** The trend record Loupe proposes after a fraud verdict, for the examiner to review. */
  'trends:propose': { access: 'anyone', request: ExaminationId, response: TrendProposalSchema },
  /** Redacted crops of security-feature zones, shown to the examiner before they are attached. */
  'trends:previewCrops': {
    access: 'anyone',
    request: z.object({ examinationId: z.string().min(1).max(100), zoneIds: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)).max(8), hotspots: z.array(HotspotSchema).max(8).optional() }).strict(),
    response: z.array(RedactedCropSchema),
  },
  'trends:record': { access: 'officer', request: TrendRecordRequestSchema, response: TrendRecordSchema },
  'trends:dashboard': { access: 'anyone', request: TrendFilterSchema, response: TrendDashboardSchema },
  'trends:records': {
    access: 'anyone',
    request: z.object({ filter: TrendFilterSchema, limit: z.number().int().min(1).max(500), offset: z.number().int().min(0).max(1_000_000) }).strict(),
    response: TrendRecordPageSchema,
  },
  'trends:csv': { access: 'anyone', request: TrendFilterSchema, response: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }) },
  /** A signed bundle as base64, for the renderer to offer as a download. */
  'trends:export': {
    access: 'officer',
    request: z.object({ since: IsoWeekSchema.nullable(), scope: z.enum(['national', 'international']), k: z.number().int().min(2).max(100).nullable() }).strict(),
    response: z.object({
      fileName: z.string(),
      base64: z.string(),
      records: z.number().int(),
      alerts: z.number().int(),
      coarsened: z.number().int(),
      suppressed: z.number().int(),
      /** Items of other stations left out: received before proofs of origin existed. */
      withoutProof: z.number().int(),
    }),
  },
  /** A bundle chosen with a file picker, as base64; the name is shown only, never used as a path. */
  'trends:import': {
    access: 'officer',
    request: z.object({ fileName: z.string().max(255), base64: z.string().max(90_000_000).regex(/^[A-Za-z0-9+/]*=*$/) }).strict(),
    response: ImportReportSchema,
  },
  'trends:settings': { access: 'anyone', request: Empty, response: TrendSettingsDtoSchema },
  'trends:saveSettings': { access: 'officer', request: TrendSettingsDtoSchema.partial().strict(), response: TrendSettingsDtoSchema },
  'trends:publishAlert': { access: 'officer', request: AlertPublishRequestSchema, response: ExpertAlertSchema },
  /** Alerts to show for a document class now (not superseded, not expired). */
  'trends:alertsForClass': { access: 'anyone', request: z.object({ classId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,95}$/) }).strict(), response: z.array(ExpertAlertSchema) },
  /** Alerts to show on the document of an examination now: those whose scope takes in its issuer, type and series. */
  'trends:alertsForExamination': { access: 'officer', request: z.object({ examinationId: z.string().min(1).max(100) }).strict(), response: z.array(ExpertAlertSchema) },
  /** This station's id and public key, for the trust lists of its partners. */
  'trends:identity': { access: 'anyone', request: Empty, response: z.object({ station: z.string(), publicKey: z.string() }) },
  /** Drill-down rows: records with their standing (superseded by, correctable here). */
  'trends:recordRows': { access: 'anyone', request: TrendRecordRowsRequestSchema, response: TrendRecordRowsSchema },
  'trends:recordRow': { access: 'anyone', request: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }).strict(), response: TrendRecordRowSchema },
  /** A correction of a record made at this station: a new record that supersedes it. */
  'trends:correct': { access: 'officer', request: TrendCorrectionRequestSchema, response: TrendRecordSchema },
  /** Push and pull with the saved hub (as `loupe trends sync`); progress on trends:onSyncProgress. */
  'trends:hubSync': { access: 'officer', request: HubSyncRequestSchema, response: HubSyncResultSchema },
  'trends:hubStatus': { access: 'anyone', request: Empty, response: HubStatusSchema },
  /** This station's alerts shown now: the ones it may replace or withdraw. */
  'trends:ownAlerts': { access: 'anyone', request: Empty, response: z.array(ExpertAlertSchema) },
  /** A new version of an alert published here; it supersedes the old one. */
  'trends:replaceAlert': { access: 'officer', request: AlertReplaceRequestSchema, response: ExpertAlertSchema },
  /** Withdraws an alert published here: the withdrawal supersedes it and is never shown itself. */
  'trends:withdrawAlert': { access: 'officer', request: AlertWithdrawRequestSchema, response: ExpertAlertSchema },
});

export const trendsEvents = eventTable({
  'trends:onSyncProgress': HubSyncProgressSchema,
});
