// The station's trend store: immutable trend records and expert alerts (content JSON + indexed
// columns), weekly counts maintained on insert, the trust list of network members and the import
// log. It opens its own connection to the station database; migration 0002 created its tables.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { ExpertAlertSchema, TrendRecordSchema, type BundleItem, type ExpertAlert, type TrendRecord } from '../contract/trends.contract';
import { stationIdFromPublicKey } from '../exchange/station-identity';
import { migrate } from '../store/migration-runner';
import { MIGRATIONS } from '../store/migrations/index';
import { DATABASE_FILE } from '../store/station-store';
import { DEFAULT_TREND_SETTINGS, TREND_SETTINGS_KEY, TrendSettingsSchema, type TrendSettings } from './trend-settings';

export interface TrustedStation {
  station: string;
  publicKey: string;
  name: string;
  addedAt: string;
}

export interface InsertOutcome {
  addedRecords: number;
  addedAlerts: number;
  /** Already held with the same content. */
  skipped: number;
}

export interface ImportLogEntry {
  at: string;
  signer: string;
  bundleSha256: string;
  scope: string;
  addedRecords: number;
  addedAlerts: number;
  skipped: number;
}

type Delta = Map<string, { params: unknown[]; n: number }>;

export function openTrendStore(dataDir: string): TrendStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    // Imports insert records under random (hash) keys and the count refresh groups them: both are
    // bound by page-cache misses with SQLite's 2 MB default. 128 MB of cache and in-memory
    // temporary B-trees make a 100,000-record bundle several times faster.
    db.pragma('cache_size = -131072');
    db.pragma('temp_store = MEMORY');
    migrate(db, MIGRATIONS);
    return new TrendStore(db);
  } catch (e) {
    db.close();
    throw e;
  }
}

export class TrendStore {
  private readonly insertRecordStmt;
  private readonly insertAlertStmt;
  private readonly recordContentStmt;
  private readonly alertContentStmt;
  private readonly supersededByStmt;
  private readonly countedStmt;
  private readonly supersederOfStmt;
  private readonly markSupersededStmt;
  private readonly alertSupersederStmt;
  private readonly markAlertSupersededStmt;
  private readonly upserts;

  private readonly anyCorrectionStmt: Database.Statement;
  /** Whether any held record corrects another (set per insertItems call, and on inserting one). */
  private correctionsHeld = false;

  constructor(readonly db: Database.Database) {
    this.insertRecordStmt = db.prepare(
      `INSERT INTO trend_records (id, station, country, issuer, document_type, series, document_class_id, fraud_type,
         point_of_entry, line, week, supersedes, superseded_by, origin, received_at, content)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.anyCorrectionStmt = db.prepare('SELECT 1 FROM trend_records WHERE supersedes IS NOT NULL LIMIT 1').pluck();
    this.insertAlertStmt = db.prepare(
      `INSERT INTO expert_alerts (id, station, document_class_id, fraud_type, week, valid_until_week, supersedes, superseded_by, origin, received_at, content)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.recordContentStmt = db.prepare('SELECT content FROM trend_records WHERE id = ?').pluck();
    this.alertContentStmt = db.prepare('SELECT content FROM expert_alerts WHERE id = ?').pluck();
    this.supersededByStmt = db.prepare('SELECT superseded_by, rowid FROM trend_records WHERE id = ?');
    this.countedStmt = db.prepare('SELECT counted_rowid FROM trend_counts_state WHERE id = 1').pluck();
    this.supersederOfStmt = db.prepare('SELECT id FROM trend_records WHERE supersedes = ? ORDER BY id LIMIT 1').pluck();
    this.markSupersededStmt = db.prepare('UPDATE trend_records SET superseded_by = ? WHERE id = ?');
    this.alertSupersederStmt = db.prepare('SELECT id FROM expert_alerts WHERE supersedes = ? ORDER BY id LIMIT 1').pluck();
    this.markAlertSupersededStmt = db.prepare('UPDATE expert_alerts SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL');
    this.upserts = {
      fraud: db.prepare('INSERT INTO trend_weekly_fraud (week, fraud_type, n) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n'),
      issuer: db.prepare(
        'INSERT INTO trend_weekly_issuer (week, fraud_type, issuer, document_type, series, series_key, n) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
      ),
      poe: db.prepare('INSERT INTO trend_weekly_poe (week, fraud_type, point_of_entry, n) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n'),
      check: db.prepare('INSERT INTO trend_weekly_check (week, fraud_type, check_id, role, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n'),
      checkIssuer: db.prepare(
        'INSERT INTO trend_weekly_check_issuer (issuer, week, fraud_type, check_id, role, n) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
      ),
      checkPoe: db.prepare(
        'INSERT INTO trend_weekly_check_poe (point_of_entry, week, fraud_type, check_id, role, n) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
      ),
      cube: db.prepare(
        'INSERT INTO trend_weekly_cube (week, fraud_type, issuer, document_type, series, point_of_entry, n) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
      ),
    };
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

  /** The stored canonical text of an item, to compare an incoming duplicate with. */
  storedContent(item: BundleItem): string | undefined {
    return (item.type === 'record' ? this.recordContentStmt.get(item.record.id) : this.alertContentStmt.get(item.alert.id)) as string | undefined;
  }

  /**
   * Inserts validated items (ids already checked against content); items already held are skipped.
   * New records are counted by the next refreshCounts(); a counted record that a new one supersedes
   * is subtracted here. Call inside transaction() for atomicity.
   */
  insertItems(items: readonly BundleItem[], origin: string, receivedAt = new Date().toISOString()): InsertOutcome {
    const delta: Delta = new Map();
    const outcome: InsertOutcome = { addedRecords: 0, addedAlerts: 0, skipped: 0 };
    this.correctionsHeld = this.anyCorrectionStmt.get() !== undefined;
    for (const item of items) {
      if (item.type === 'record') {
        if (this.insertRecord(item.record, origin, receivedAt, delta)) outcome.addedRecords++;
        else outcome.skipped++;
      } else if (this.insertAlert(item.alert, origin, receivedAt)) outcome.addedAlerts++;
      else outcome.skipped++;
    }
    this.applyDelta(delta);
    return outcome;
  }

  addRecord(record: TrendRecord, origin = 'local'): boolean {
    const valid = TrendRecordSchema.parse(record);
    return this.transaction(() => this.insertItems([{ type: 'record', record: valid }], origin).addedRecords === 1);
  }

  addAlert(alert: ExpertAlert, origin = 'local'): boolean {
    const valid = ExpertAlertSchema.parse(alert);
    return this.transaction(() => this.insertItems([{ type: 'alert', alert: valid }], origin).addedAlerts === 1);
  }

  private insertRecord(r: TrendRecord, origin: string, receivedAt: string, delta: Delta): boolean {
    // A correction may arrive before the record it corrects; look for one only when corrections exist
    // (an import of plain records then costs one statement per record).
    const supersededBy = this.correctionsHeld ? ((this.supersederOfStmt.get(r.id) as string | undefined) ?? null) : null;
    const inserted = this.insertRecordStmt.run(
      r.id, r.station, r.country, r.issuer, r.documentType, r.series, r.documentClassId, r.fraudType,
      r.context.pointOfEntry, r.context.line, r.week, r.supersedes, supersededBy, origin, receivedAt, JSON.stringify(r),
    ).changes === 1;
    if (!inserted) return false; // already held (same id = same content)
    if (r.supersedes !== null) {
      this.correctionsHeld = true;
      const old = this.supersededByStmt.get(r.supersedes) as { superseded_by: string | null; rowid: number } | undefined;
      if (old && old.superseded_by === null) {
        this.markSupersededStmt.run(r.id, r.supersedes);
        // Already in the counts: take it out now. Not yet counted: the refresh skips it.
        const oldRecord = old.rowid <= this.countedRowid() ? this.getRecord(r.supersedes) : null;
        if (oldRecord) this.count(oldRecord, -1, delta);
      }
    }
    return true;
  }

  private countedRowid(): number {
    return this.countedStmt.get() as number;
  }

  /**
   * Adds the records inserted since the last refresh to the weekly counts, in one grouped pass per
   * table (in SQLite, not row by row). Readers call it before reading counts; a no-op when current.
   */
  refreshCounts(): void {
    const newest = (this.db.prepare('SELECT coalesce(max(rowid), 0) FROM trend_records').pluck().get() as number);
    if (newest <= this.countedRowid()) return;
    this.transaction(() => {
      const from = this.countedRowid();
      const to = this.db.prepare('SELECT coalesce(max(rowid), 0) FROM trend_records').pluck().get() as number;
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
      this.db.prepare('UPDATE trend_counts_state SET counted_rowid = ? WHERE id = 1').run(to);
    });
  }

  private insertAlert(a: ExpertAlert, origin: string, receivedAt: string): boolean {
    if (this.alertContentStmt.get(a.id) !== undefined) return false;
    const supersededBy = (this.alertSupersederStmt.get(a.id) as string | undefined) ?? null;
    this.insertAlertStmt.run(a.id, a.station, a.documentClassId, a.fraudType, a.week, a.validUntilWeek, a.supersedes, supersededBy, origin, receivedAt, JSON.stringify(a));
    if (a.supersedes !== null) this.markAlertSupersededStmt.run(a.id, a.supersedes);
    return true;
  }

  private count(r: TrendRecord, n: number, delta: Delta): void {
    const add = (table: string, params: unknown[]) => {
      const key = `${table}\u0000${params.join('\u0000')}`;
      const cell = delta.get(key);
      if (cell) cell.n += n;
      else delta.set(key, { params, n });
    };
    add('fraud', [r.week, r.fraudType]);
    add('issuer', [r.week, r.fraudType, r.issuer ?? '', r.documentType, r.series ?? '', seriesKey(r)]);
    add('poe', [r.week, r.fraudType, r.context.pointOfEntry]);
    add('cube', [r.week, r.fraudType, r.issuer ?? '', r.documentType, r.series ?? '', r.context.pointOfEntry]);
    // Counted as listed, like the grouped refresh does (the record builder never lists a check twice).
    const checks: [string, string][] = [...r.caughtBy.map((c): [string, string] => [c, 'caught']), ...r.missedBy.map((c): [string, string] => [c, 'missed'])];
    for (const [c, role] of checks) {
      add('check', [r.week, r.fraudType, c, role]);
      add('checkIssuer', [r.issuer ?? '', r.week, r.fraudType, c, role]);
      add('checkPoe', [r.context.pointOfEntry, r.week, r.fraudType, c, role]);
    }
  }

  private applyDelta(delta: Delta): void {
    for (const [key, { params, n }] of delta) {
      if (n === 0) continue;
      const table = key.slice(0, key.indexOf('\u0000')) as keyof typeof this.upserts;
      this.upserts[table].run(...params, n);
    }
  }

  // ── Trust list ──────────────────────────────────────────────────────────────────────────────

  trustAdd(name: string, publicKey: string): TrustedStation {
    const key = publicKey.trim();
    if (!/^[A-Za-z0-9+/]{43}=$/.test(key)) throw new LoupeError('InvalidInput', 'a station key is 32 bytes of Ed25519 public key in base64 (44 characters)');
    const clean = name.trim().slice(0, 120);
    if (!clean) throw new LoupeError('InvalidInput', 'give the station a name');
    const entry: TrustedStation = { station: stationIdFromPublicKey(key), publicKey: key, name: clean, addedAt: new Date().toISOString() };
    this.db
      .prepare('INSERT INTO trend_trust (station, public_key, name, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (station) DO UPDATE SET name = excluded.name')
      .run(entry.station, entry.publicKey, entry.name, entry.addedAt);
    return this.trustList().find((t) => t.station === entry.station)!;
  }

  trustList(): TrustedStation[] {
    return (this.db.prepare('SELECT station, public_key, name, added_at FROM trend_trust ORDER BY name').all() as { station: string; public_key: string; name: string; added_at: string }[]).map(
      (r) => ({ station: r.station, publicKey: r.public_key, name: r.name, addedAt: r.added_at }),
    );
  }

  /** Removes by station id or by name; returns how many were removed. */
  trustRemove(stationOrName: string): number {
    return this.db.prepare('DELETE FROM trend_trust WHERE station = ? OR name = ?').run(stationOrName, stationOrName).changes;
  }

  trustLookup(): (station: string) => string | undefined {
    const stmt = this.db.prepare('SELECT public_key FROM trend_trust WHERE station = ?').pluck();
    return (station) => stmt.get(station) as string | undefined;
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
      throw new LoupeError('InvalidInput', `trend settings: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
    }
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(TREND_SETTINGS_KEY, JSON.stringify(parsed.data));
    return parsed.data;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The series a record belongs to in the dashboard and the detector: its class, else issuer/type/series. */
export function seriesKey(r: Pick<TrendRecord, 'documentClassId' | 'issuer' | 'documentType' | 'series'>): string {
  return r.documentClassId ?? `${r.issuer ?? '?'} ${r.documentType}${r.series ? ` ${r.series}` : ''}`;
}
