// The station's trend store: immutable trend records and expert alerts (content JSON + indexed
// columns), weekly counts maintained in each insert's transaction (trend-write-batch.ts), the
// import log and the trend settings; whose bundles are accepted is the trust domain's
// (trust/station-trust.ts). Its tables live in the station database (migration 0002 and later): it
// works on the station store's one connection, with the station store's pragmas and migrations, and
// leaves opening and closing that connection to the station store.
import type Database from 'better-sqlite3';
import { LoupeError } from '../common/loupe-error';
import { ExpertAlertSchema, TrendRecordSchema, type BundleItem, type ExpertAlert, type TrendRecord } from '../contract/trends.contract';
import { storedJson, validatedCanonicalJson } from '../exchange/canonical-json';
import { countRecords, factsOf } from '../exchange/record-counts';
import { StringDictionary } from '../exchange/string-dictionary';
import type { StationStore } from '../store/station-store';
import { CURRENT_ALERT_SQL } from './alert-standing';
import { OriginProofStore } from './trend-origin-proofs';
import { CountUpserts, decodePendingFacts, STATION_COUNT_TABLES } from './trend-count-tables';
import { DEFAULT_TREND_SETTINGS, TREND_SETTINGS_KEY, TrendSettingsSchema, type TrendSettings } from './trend-settings';
import { recordColumns, TrendWriteBatch, TrendWriteStatements, type InsertOutcome } from './trend-write-batch';

export type { InsertOutcome } from './trend-write-batch';

export interface ImportLogEntry {
  at: string;
  signer: string;
  bundleSha256: string;
  scope: string;
  addedRecords: number;
  addedAlerts: number;
  skipped: number;
}

/** Records per block of facts (as a decoded chunk holds them). */
const FACTS_BLOCK = 4096;

export class TrendStore {
  private readonly recordContentStmt;
  private readonly alertContentStmt;
  private readonly writes: TrendWriteStatements;
  private readonly pendingStmt: Database.Statement;
  /** Proofs of origin of the items received from other stations (forwarded with them). */
  readonly proofs: OriginProofStore;

  /** The station database's connection (the station store's). */
  readonly db: Database.Database;

  constructor(station: StationStore) {
    const db = station.connection;
    this.db = db;
    this.proofs = new OriginProofStore(db);
    this.pendingStmt = db.prepare('SELECT 1 FROM trend_counts_pending LIMIT 1').pluck();
    this.recordContentStmt = db.prepare('SELECT content FROM trend_records WHERE id = ?').pluck();
    this.alertContentStmt = db.prepare('SELECT content FROM expert_alerts WHERE id = ?').pluck();
    this.writes = new TrendWriteStatements(db);
  }

  /** Runs `fn` in one IMMEDIATE transaction: all of it is applied, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ── Records and alerts ──────────────────────────────────────────────────────────────────────

  getRecord(id: string): TrendRecord | null {
    const content = this.recordContentStmt.get(id) as string | undefined;
    return content === undefined ? null : TrendRecordSchema.parse(JSON.parse(content));
  }

  getAlert(id: string): ExpertAlert | null {
    const content = this.alertContentStmt.get(id) as string | undefined;
    return content === undefined ? null : ExpertAlertSchema.parse(JSON.parse(content));
  }

  /**
   * The alerts shown in ISO week `week` (not superseded, not expired, never a withdrawal:
   * alert-standing.ts), newest week first; of one class and/or one station when asked.
   */
  currentAlerts(week: string, filter: { classId?: string; station?: string; limit?: number } = {}): ExpertAlert[] {
    const clauses = [CURRENT_ALERT_SQL];
    const params: Record<string, string | number> = { week, limit: Math.min(Math.max(1, Math.floor(filter.limit ?? 200)), 500) };
    if (filter.classId !== undefined) {
      clauses.push('document_class_id = @classId');
      params.classId = filter.classId;
    }
    if (filter.station !== undefined) {
      clauses.push('station = @station');
      params.station = filter.station;
    }
    const rows = this.db.prepare(`SELECT content FROM expert_alerts WHERE ${clauses.join(' AND ')} ORDER BY week DESC, id LIMIT @limit`).pluck().all(params) as string[];
    return rows.map((c) => ExpertAlertSchema.parse(JSON.parse(c)));
  }

  /** An alert with its standing here: the alert superseding it, and where it came from ('local' or the signer). */
  alertStanding(id: string): { alert: ExpertAlert; supersededBy: string | null; origin: string } | null {
    const row = this.db.prepare('SELECT content, superseded_by, origin FROM expert_alerts WHERE id = ?').get(id) as { content: string; superseded_by: string | null; origin: string } | undefined;
    return row ? { alert: ExpertAlertSchema.parse(JSON.parse(row.content)), supersededBy: row.superseded_by, origin: row.origin } : null;
  }

  /**
   * Starts writing records and alerts; call inside transaction(). Counts left from an older version
   * that counted on read are brought up to date first, so the batch can keep them current.
   */
  beginBatch(origin: string, receivedAt = new Date().toISOString()): TrendWriteBatch {
    this.countUncounted();
    return new TrendWriteBatch(this.writes, origin, receivedAt, () => this.addPendingCounts());
  }

  /**
   * Inserts validated items (ids already checked against content) and adds them to the weekly
   * counts; items already held are skipped. Call inside transaction() for atomicity.
   */
  insertItems(items: readonly BundleItem[], origin: string, receivedAt = new Date().toISOString()): InsertOutcome {
    const batch = this.beginBatch(origin, receivedAt);
    const dictionary = new StringDictionary();
    const records = items.flatMap((i) => (i.type === 'record' ? [i.record] : []));
    for (let start = 0; start < records.length; start += FACTS_BLOCK) {
      const block = records.slice(start, start + FACTS_BLOCK);
      batch.facts(factsOf(block, (v) => dictionary.code(v)));
      for (const r of block) batch.record(recordColumns(r), storedJson(r.id, validatedCanonicalJson(r)));
    }
    for (const item of items) if (item.type === 'alert') batch.alert(item.alert, storedJson(item.alert.id, validatedCanonicalJson(item.alert)));
    return batch.finish(dictionary.strings, 'now');
  }

  addRecord(record: TrendRecord, origin = 'local'): boolean {
    const valid = TrendRecordSchema.parse(record);
    return this.transaction(() => this.insertItems([{ type: 'record', record: valid }], origin).addedRecords === 1);
  }

  addAlert(alert: ExpertAlert, origin = 'local'): boolean {
    const valid = ExpertAlertSchema.parse(alert);
    return this.transaction(() => this.insertItems([{ type: 'alert', alert: valid }], origin).addedAlerts === 1);
  }

  /**
   * Brings the weekly counts up to date: adds the counts imports left pending, and counts records
   * no insert counted (a database written by a version that counted on read). Readers call it
   * before reading counts: a no-op when current.
   */
  refreshCounts(): void {
    const legacy = (this.writes.newestRowid.get() as number) > (this.writes.countedRowid.get() as number);
    if (!legacy && this.pendingStmt.get() === undefined) return;
    this.transaction(() => {
      this.countUncounted();
      this.addPendingCounts();
    });
  }

  /** Whether counts wait to be added (the next read of the counts adds them). */
  countsPending(): boolean {
    return this.pendingStmt.get() !== undefined || (this.writes.newestRowid.get() as number) > (this.writes.countedRowid.get() as number);
  }

  private addPendingCounts(): void {
    const rows = this.db.prepare('SELECT id, format, dictionary, facts FROM trend_counts_pending ORDER BY id').all() as { id: number; format: string; dictionary: string; facts: Buffer }[];
    if (rows.length === 0) return;
    const upserts = new CountUpserts(this.db);
    for (const row of rows) upserts.apply(countRecords(STATION_COUNT_TABLES, decodePendingFacts(row.format, row.facts), JSON.parse(row.dictionary) as string[]));
    this.db.prepare('DELETE FROM trend_counts_pending WHERE id <= ?').run(rows[rows.length - 1]!.id);
  }

  /** Records after counted_rowid, added in one grouped pass per table (in SQLite, not row by row). */
  private countUncounted(): void {
    const from = this.writes.countedRowid.get() as number;
    const to = this.writes.newestRowid.get() as number;
    if (to <= from) return;
    const range = { from, to };
    const live = 'rowid > @from AND rowid <= @to AND superseded_by IS NULL';
    const up = 'ON CONFLICT DO UPDATE SET n = n + excluded.n';
    const run = (sql: string) => this.db.prepare(sql).run(range);
    run(`INSERT INTO trend_weekly_fraud (week, fraud_type, n) SELECT week, fraud_type, count(*) FROM trend_records WHERE ${live} GROUP BY 1, 2 ${up}`);
    run(
      `INSERT INTO trend_weekly_issuer (week, fraud_type, issuer, document_type, series, series_key, n)
       SELECT week, fraud_type, coalesce(issuer, ''), document_type, coalesce(series, ''),
              coalesce(document_class_id, coalesce(issuer, '?') || ' ' || document_type || coalesce(' ' || series, '')), count(*)
       FROM trend_records WHERE ${live} GROUP BY 1, 2, 3, 4, 5, 6 ${up}`,
    );
    run(`INSERT INTO trend_weekly_poe (week, fraud_type, point_of_entry, n) SELECT week, fraud_type, point_of_entry, count(*) FROM trend_records WHERE ${live} GROUP BY 1, 2, 3 ${up}`);
    run(
      `INSERT INTO trend_weekly_cube (week, fraud_type, issuer, document_type, series, point_of_entry, n)
       SELECT week, fraud_type, coalesce(issuer, ''), document_type, coalesce(series, ''), point_of_entry, count(*)
       FROM trend_records WHERE ${live} GROUP BY 1, 2, 3, 4, 5, 6 ${up}`,
    );
    // One row per (record, check, role): the three check tables are grouped from it.
    this.db.exec('DROP TABLE IF EXISTS temp.trend_new_checks');
    this.db
      .prepare(
        `CREATE TEMP TABLE trend_new_checks AS
         SELECT r.week, r.fraud_type, coalesce(r.issuer, '') AS issuer, r.point_of_entry, j.value AS check_id, 'caught' AS role
           FROM trend_records r, json_each(r.content, '$.caughtBy') j WHERE r.rowid > @from AND r.rowid <= @to AND r.superseded_by IS NULL
         UNION ALL
         SELECT r.week, r.fraud_type, coalesce(r.issuer, ''), r.point_of_entry, j.value, 'missed'
           FROM trend_records r, json_each(r.content, '$.missedBy') j WHERE r.rowid > @from AND r.rowid <= @to AND r.superseded_by IS NULL`,
      )
      .run(range);
    const exec = (sql: string) => this.db.exec(sql);
    exec(`INSERT INTO trend_weekly_check (week, fraud_type, check_id, role, n) SELECT week, fraud_type, check_id, role, count(*) FROM temp.trend_new_checks WHERE true GROUP BY 1, 2, 3, 4 ${up}`);
    exec(
      `INSERT INTO trend_weekly_check_issuer (issuer, week, fraud_type, check_id, role, n) SELECT issuer, week, fraud_type, check_id, role, count(*) FROM temp.trend_new_checks WHERE true GROUP BY 1, 2, 3, 4, 5 ${up}`,
    );
    exec(
      `INSERT INTO trend_weekly_check_poe (point_of_entry, week, fraud_type, check_id, role, n) SELECT point_of_entry, week, fraud_type, check_id, role, count(*) FROM temp.trend_new_checks WHERE true GROUP BY 1, 2, 3, 4, 5 ${up}`,
    );
    this.db.exec('DROP TABLE temp.trend_new_checks');
    this.writes.setCounted.run(to);
  }

  // ── Import log and settings ─────────────────────────────────────────────────────────────────

  logImport(entry: ImportLogEntry): void {
    this.db
      .prepare('INSERT INTO trend_import_log (at, signer, bundle_sha256, scope, added_records, added_alerts, skipped) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.at, entry.signer, entry.bundleSha256, entry.scope, entry.addedRecords, entry.addedAlerts, entry.skipped);
  }

  importLog(limit = 50): ImportLogEntry[] {
    return (this.db.prepare('SELECT * FROM trend_import_log ORDER BY id DESC LIMIT ?').all(limit) as Record<string, string | number>[]).map((r) => ({
      at: String(r.at),
      signer: String(r.signer),
      bundleSha256: String(r.bundle_sha256),
      scope: String(r.scope),
      addedRecords: Number(r.added_records),
      addedAlerts: Number(r.added_alerts),
      skipped: Number(r.skipped),
    }));
  }

  settings(): TrendSettings {
    const raw = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(TREND_SETTINGS_KEY) as string | undefined;
    if (raw === undefined) return DEFAULT_TREND_SETTINGS;
    const parsed = TrendSettingsSchema.safeParse({ ...DEFAULT_TREND_SETTINGS, ...(JSON.parse(raw) as object) });
    return parsed.success ? parsed.data : DEFAULT_TREND_SETTINGS;
  }

  saveSettings(settings: Partial<TrendSettings>): TrendSettings {
    const parsed = TrendSettingsSchema.safeParse({ ...this.settings(), ...settings });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new LoupeError('trends', 'InvalidInput', `trend settings: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
    }
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(TREND_SETTINGS_KEY, JSON.stringify(parsed.data));
    return parsed.data;
  }
}
