// The station's trends feature behind the contract: proposal after a fraud verdict, the confirmed
// record, redacted crop previews, dashboard and drill-down, CSV, bundle export/import, settings and
// expert alerts. One implementation for the desktop app, the loopback host and the CLI.
import { LoupeError } from '../common/loupe-error';
import type { Examination } from '../contract/examination.contract';
import type { DocumentClass } from '../contract/reference.contract';
import type { ImportReport, TrendFilter, TrendProposalDto } from '../contract/trend-dashboard.contract';
import { EXPERT_ALERT_SCHEMA, ExpertAlertSchema, type ExpertAlert, type AlertScope, type ExpertAlertContent, type FraudType, type Hotspot, type RedactedCrop, type TrendRecord } from '../contract/trends.contract';
import { contentId } from '../exchange/canonical-json';
import { loadOrCreateStationKey } from '../trust/station-key';
import type { StationIdentity } from '../trust/station-identity';
import type { StationTrust } from '../trust/station-trust';
import type { HubSyncProgress, HubSyncResult, HubStatus } from '../contract/hub-sync.contract';
import type { TrendCorrectionRequest, TrendRecordRow } from '../contract/trend-correction.contract';
import type { TrendSettingsDto } from '../contract/trend-dashboard.contract';
import { revisableAlert, sameAlert, withdrawalOf } from './alert-revision';
import { hotspotCropTarget, redactedCrop, redactedCropOf } from './crop-redaction';
import { assertHotspotsAllowed } from './hotspot-check';
import { HubSyncRunner, validateHubSettings } from './hub-sync-runner';
import { correctTrendRecord, trendRecordRow, trendRecordRows } from './trend-correction';
import { isoWeekOf } from './iso-week';
import { screenNotes } from './notes-screening';
import { personalValuesOf } from './personal-values';
import { recordsToCsv } from './trend-csv';
import { exportTrendBundle, importTrendBundle, type ExportOptions } from './trend-exchange.service';
import { TrendQueries } from './trend-queries';
import { buildTrendRecord, newOccurrence, proposeTrendRecord } from './trend-record-builder';
import { alertApplies } from '../contract/alert-scope';
import type { TrendStore } from './trend-store';

/** The fields of an alert the examiner writes (trends:publishAlert). */
export interface AlertInput {
  documentClassId: string;
  fraudType: FraudType;
  title: string;
  lookFor: string;
  hotspots: Hotspot[];
  examinationId: string | null;
  cropZoneIds: string[];
  validUntilWeek: string | null;
  cropHotspots?: number[] | undefined;
  /** Absent: the class's issuer, document type and series (alert-scope.ts). */
  scope?: AlertScope | undefined;
}

export interface TrendsDeps {
  store: TrendStore;
  /** The station's trust lists (the trust domain): whose bundles are accepted. */
  trust: StationTrust;
  dataDir: string;
  examination(id: string): Examination;
  referenceClass(id: string): DocumentClass | null;
  imagePath(hash: string): string | null;
  /** The examinations decided at this station in an ISO week: a correction's notes are screened
   * against all their personal values (a record does not name its examination). */
  examinationsOfWeek?(week: string): Examination[];
  /** Progress of a hub sync, for the screen. */
  emitSyncProgress?(progress: HubSyncProgress): void;
  now?: () => Date;
}

export class TrendsService {
  readonly queries: TrendQueries;
  private identityCache: StationIdentity | null = null;
  private readonly hub: HubSyncRunner;

  constructor(private readonly deps: TrendsDeps) {
    this.queries = new TrendQueries(deps.store);
    this.hub = new HubSyncRunner({
      store: deps.store,
      trust: deps.trust,
      dataDir: deps.dataDir,
      identity: () => this.identity(),
      ...(deps.emitSyncProgress ? { emit: deps.emitSyncProgress } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    });
  }

  identity(): StationIdentity {
    this.identityCache ??= loadOrCreateStationKey(this.deps.dataDir);
    return this.identityCache;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private classOf(exam: Examination): DocumentClass | null {
    const id = exam.identification?.classId;
    return id ? this.deps.referenceClass(id) : null;
  }

  propose(examinationId: string): TrendProposalDto {
    const exam = this.deps.examination(examinationId);
    const p = proposeTrendRecord(exam, this.classOf(exam), this.deps.store.settings(), this.identity().station);
    const { content } = p;
    return {
      examinationId,
      fraudType: content.fraudType,
      issuer: content.issuer,
      documentType: content.documentType,
      series: content.series,
      documentClassId: content.documentClassId,
      revealedBy: content.revealedBy,
      caughtBy: content.caughtBy,
      missedBy: content.missedBy,
      context: content.context,
      week: content.week,
      cropZones: p.cropZones,
      featureLabels: p.featureLabels,
    };
  }

  /** Redacted crops of the class's feature zones and of drawn hotspots (`hotspot-N`, in order). */
  async previewCrops(examinationId: string, zoneIds: readonly string[], hotspots: readonly Hotspot[] = []): Promise<RedactedCrop[]> {
    const exam = this.deps.examination(examinationId);
    const cls = this.classOf(exam);
    if (!cls) throw new LoupeError('trends', 'InvalidInput', 'the document was not identified: no security-feature crop can be placed');
    if (zoneIds.length + hotspots.length > 8) throw new LoupeError('trends', 'InvalidInput', 'at most 8 crops can be attached');
    assertHotspotsAllowed(cls, hotspots);
    return Promise.all([
      ...zoneIds.map((z) => redactedCrop(exam, cls, z, this.deps.imagePath)),
      ...hotspots.map((h, i) => redactedCropOf(exam, cls, hotspotCropTarget(h, i), this.deps.imagePath)),
    ]);
  }

  async record(input: { examinationId: string; fraudType: FraudType; revealedBy: string[]; notes: string | null; cropZoneIds: string[]; supersedes: string | null }): Promise<TrendRecord> {
    const exam = this.deps.examination(input.examinationId);
    const proposal = proposeTrendRecord(exam, this.classOf(exam), this.deps.store.settings(), this.identity().station);
    // Screen first: a refused note must not cost the crop work, nor leave anything behind.
    const screened = screenNotes(input.notes, personalValuesOf(exam));
    if (!screened.ok) throw new LoupeError('trends', 'PersonalData', `the notes contain personal data (${screened.found.join(', ')}); remove it and try again`);
    if (input.supersedes !== null && this.deps.store.getRecord(input.supersedes) === null) throw new LoupeError('trends', 'RecordNotHeld', 'the record to correct is not held here');
    const crops = await this.previewCrops(input.examinationId, input.cropZoneIds);
    const record = buildTrendRecord(exam, proposal, {
      fraudType: input.fraudType,
      revealedBy: input.revealedBy,
      caughtBy: proposal.content.caughtBy,
      missedBy: proposal.content.missedBy,
      context: proposal.content.context,
      notes: input.notes,
      crops,
      supersedes: input.supersedes,
      occurrence: newOccurrence(),
    });
    this.deps.store.addRecord(record);
    return record;
  }

  dashboard(filter: TrendFilter) {
    return this.queries.dashboard(filter, this.now());
  }

  records(filter: TrendFilter, limit: number, offset: number) {
    return this.queries.records(filter, limit, offset);
  }

  csv(filter: TrendFilter): { fileName: string; csv: string; rows: number } {
    const { records } = this.queries.records(filter, 100_000, 0);
    return { fileName: `loupe-trends-${isoWeekOf(this.now())}.csv`, csv: recordsToCsv(records), rows: records.length };
  }

  exportBundle(options: ExportOptions) {
    const result = exportTrendBundle(this.deps.store, this.identity(), { ...options, now: this.now() });
    const fileName = `loupe-trends-${this.identity().station}-${options.scope}-${isoWeekOf(this.now())}.bundle`;
    return { ...result, fileName };
  }

  importBundle(bytes: Buffer): ImportReport {
    return importTrendBundle(this.deps.store, bytes, { trust: this.deps.trust.lookup('trends'), self: this.identity() });
  }

  async publishAlert(input: AlertInput): Promise<ExpertAlert> {
    return this.saveAlert(input, [], null);
  }

  /**
   * A new version of an alert published here: the form's fields, the old alert's crops chosen to be
   * kept (`keepCrops`, indexes; they were redacted and confirmed when it was published) and any new
   * ones, with `supersedes` = the old id.
   */
  async replaceAlert(input: AlertInput & { replaces: string; keepCrops: number[] }): Promise<ExpertAlert> {
    const old = revisableAlert(this.deps.store, this.identity().station, input.replaces);
    const keep = [...new Set(input.keepCrops)];
    for (const i of keep) if (!old.crops[i]) throw new LoupeError('trends', 'InvalidInput', `the alert has no crop ${i + 1} to keep`);
    if (keep.length > 0 && input.documentClassId !== old.documentClassId) {
      throw new LoupeError('trends', 'InvalidInput', `the alert's crops show class ${old.documentClassId}: they cannot be kept for another class`);
    }
    return this.saveAlert(input, keep.sort((a, b) => a - b).map((i) => old.crops[i]!), old);
  }

  /** Withdraws an alert published here: a new alert that supersedes it and is never shown (alert-standing.ts). */
  withdrawAlert(id: string): ExpertAlert {
    const old = revisableAlert(this.deps.store, this.identity().station, id);
    const withdrawal = withdrawalOf(old, isoWeekOf(this.now()));
    this.deps.store.addAlert(withdrawal);
    return withdrawal;
  }

  private async saveAlert(input: AlertInput, keptCrops: RedactedCrop[], replaces: ExpertAlert | null): Promise<ExpertAlert> {
    const cls = this.deps.referenceClass(input.documentClassId);
    if (!cls) throw new LoupeError('reference', 'ClassNotFound', `no reference class ${input.documentClassId}`);
    const week = isoWeekOf(this.now());
    // A last week before this one would make the alert a withdrawal (alert-standing.ts).
    if (input.validUntilWeek !== null && input.validUntilWeek < week) {
      throw new LoupeError('trends', 'InvalidInput', `the last week shown (${input.validUntilWeek}) is already past: give ${week} or a later week, or none`);
    }
    // Hotspots point at security features, never at the holder's data (and their crops too).
    assertHotspotsAllowed(cls, input.hotspots);
    const cropHotspots = [...new Set(input.cropHotspots ?? [])];
    for (const i of cropHotspots) if (!input.hotspots[i]) throw new LoupeError('trends', 'InvalidInput', `there is no hotspot ${i + 1} to crop`);
    if (keptCrops.length + input.cropZoneIds.length + cropHotspots.length > 8) throw new LoupeError('trends', 'InvalidInput', 'at most 8 crops can be attached');
    let crops: RedactedCrop[] = [];
    if (input.cropZoneIds.length > 0 || cropHotspots.length > 0) {
      if (!input.examinationId) throw new LoupeError('trends', 'InvalidInput', 'crops are taken from an examination of this class: name one');
      const exam = this.deps.examination(input.examinationId);
      if (exam.identification?.classId !== cls.id) throw new LoupeError('trends', 'InvalidInput', 'that examination is not of this document class');
      crops = await Promise.all([
        ...input.cropZoneIds.map((z) => redactedCrop(exam, cls, z, this.deps.imagePath)),
        ...cropHotspots.map((i) => redactedCropOf(exam, cls, hotspotCropTarget(input.hotspots[i]!, i), this.deps.imagePath)),
      ]);
    }
    // The text an expert writes travels across borders: the generic patterns apply to it too.
    for (const [what, text] of [['title', input.title], ['what to look for', input.lookFor]] as const) {
      const screened = screenNotes(text, []);
      if (!screened.ok) throw new LoupeError('trends', 'PersonalData', `the ${what} looks like it contains personal data (${screened.found.join(', ')})`);
    }
    const content: ExpertAlertContent = {
      schema: EXPERT_ALERT_SCHEMA,
      station: this.identity().station,
      country: this.deps.store.settings().country,
      documentClassId: cls.id,
      issuer: cls.issuer,
      documentType: cls.documentType.slice(0, 120),
      series: cls.series.slice(0, 120),
      fraudType: input.fraudType,
      title: input.title,
      lookFor: input.lookFor,
      hotspots: input.hotspots,
      crops: [...keptCrops, ...crops],
      week,
      validUntilWeek: input.validUntilWeek,
      supersedes: replaces?.id ?? null,
      ...(input.scope ? { scope: input.scope } : {}),
    };
    if (replaces && sameAlert(content, replaces)) {
      throw new LoupeError('trends', 'InvalidInput', 'the replacement says the same as the alert: change the text, the hotspots, the crops or the last week shown');
    }
    const alert = ExpertAlertSchema.parse({ ...content, id: contentId(content) });
    // Checked again after the crops were cut: another replacement may have come in meanwhile.
    if (replaces) revisableAlert(this.deps.store, this.identity().station, replaces.id);
    this.deps.store.addAlert(alert);
    return alert;
  }

  /** Alerts shown for a class now: not superseded, not expired, not withdrawn. */
  alertsForClass(classId: string): ExpertAlert[] {
    return this.deps.store.currentAlerts(isoWeekOf(this.now()), { classId, limit: 20 });
  }

  /**
   * Alerts shown now on the document of an examination: those whose scope takes in its issuer,
   * document type and series (alert-scope.ts), of whatever class, at most `limit`.
   */
  alertsForExamination(examinationId: string, limit = 20): ExpertAlert[] {
    const exam = this.deps.examination(examinationId);
    const cls = this.classOf(exam);
    const mrzIssuer = exam.document.issuer && /^[A-Z<]{1,3}$/.test(exam.document.issuer) ? exam.document.issuer : null;
    // A shared design has no issuer of its own: the issuing state in the MRZ says whose document it is.
    const doc = { issuer: cls?.issuer ?? mrzIssuer, documentType: cls?.documentType ?? null, series: cls?.series ?? null };
    return this.deps.store
      .currentAlerts(isoWeekOf(this.now()), { limit: 500 })
      .filter((a) => alertApplies(a, doc))
      .slice(0, limit);
  }

  /** Every alert shown now. */
  listAlerts(): ExpertAlert[] {
    return this.deps.store.currentAlerts(isoWeekOf(this.now()));
  }

  /** This station's alerts shown now: the ones it may replace or withdraw. */
  ownAlerts(): ExpertAlert[] {
    return this.deps.store.currentAlerts(isoWeekOf(this.now()), { station: this.identity().station });
  }

  // ── Corrections ──────────────────────────────────────────────────────────────────────────────

  recordRows(request: { filter: TrendFilter; limit: number; offset: number; includeSuperseded: boolean }): { rows: TrendRecordRow[]; more: boolean } {
    return trendRecordRows(this.deps.store, this.identity().station, request);
  }

  recordRow(id: string): TrendRecordRow {
    return trendRecordRow(this.deps.store, this.identity().station, id);
  }

  /** A correction of a record made here: a new record that supersedes it (the old one leaves the counts). */
  correct(input: TrendCorrectionRequest): TrendRecord {
    return correctTrendRecord(this.deps.store, this.identity().station, input, (old) =>
      (this.deps.examinationsOfWeek?.(old.week) ?? []).flatMap((exam) => personalValuesOf(exam)),
    );
  }

  // ── Settings and the regional hub ───────────────────────────────────────────────────────────

  saveSettings(patch: Partial<TrendSettingsDto>): TrendSettingsDto {
    validateHubSettings(patch);
    return this.deps.store.saveSettings(patch);
  }

  hubSync(options: { adoptHubMembers: boolean; rescan?: boolean | undefined }): Promise<HubSyncResult> {
    return this.hub.run(options);
  }

  hubStatus(): HubStatus {
    return this.hub.status();
  }
}
