// Writing trend records and alerts into the station database, inside one transaction of the trend
// store: an insert-or-skip per record (the id is the content hash, so a held id is held content),
// the links between corrections and the records they correct, and the weekly counts. The counts of
// batch's records come from their facts (fields and checks as codes, which a decoded chunk carries),
// leaving out the records this batch did not insert or that are superseded; a record counted earlier
// that a correction supersedes is subtracted. The counts are added to the weekly tables at once, or
// — for an import — the facts are kept as one pending row that the next read of the counts adds.
import type Database from 'better-sqlite3';
import { TrendRecordSchema, type ExpertAlert, type TrendRecord } from '../contract/trends.contract';
import type { RecordRows } from '../exchange/bundle-chunk';
import { countRecords, seriesKeyOf, type CountInput, type RecordFacts } from '../exchange/record-counts';
import { ALERT_SUPERSEDER_SQL, MARK_ALERT_SUPERSEDED_SQL } from './alert-standing';
import { CountUpserts, encodePendingFacts, STATION_COUNT_TABLES } from './trend-count-tables';

/** The columns of a record row (content aside). */
export interface RecordColumns {
  id: string;
  station: string;
  country: string;
  issuer: string | null;
  documentType: string;
  series: string | null;
  documentClassId: string | null;
  fraudType: string;
  pointOfEntry: string;
  line: string;
  week: string;
  supersedes: string | null;
}

export interface InsertOutcome {
  addedRecords: number;
  addedAlerts: number;
  /** Already held with the same content. */
  skipped: number;
}

/** Prepared once per store connection. */
export class TrendWriteStatements {
  readonly insertAlert;
  readonly alertExists;
  readonly recordContent;
  readonly supersededBy;
  readonly supersederOf;
  readonly markSuperseded;
  readonly alertSupersederOf;
  readonly markAlertSuperseded;
  readonly anyCorrection;
  readonly newestRowid;
  readonly countedRowid;
  readonly setCounted;
  readonly addPending;
  readonly counts;

  constructor(readonly db: Database.Database) {
    this.insertAlert = db.prepare(
      `INSERT INTO expert_alerts (id, station, document_class_id, fraud_type, week, valid_until_week, supersedes, superseded_by, origin, received_at, proof, content)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.alertExists = db.prepare('SELECT 1 FROM expert_alerts WHERE id = ?').pluck();
    this.recordContent = db.prepare('SELECT content FROM trend_records WHERE id = ?').pluck();
    this.supersededBy = db.prepare('SELECT superseded_by, rowid FROM trend_records WHERE id = ?');
    this.supersederOf = db.prepare('SELECT id FROM trend_records WHERE supersedes = ? ORDER BY id LIMIT 1').pluck();
    this.markSuperseded = db.prepare('UPDATE trend_records SET superseded_by = ? WHERE id = ?');
    // Only an alert of the same station supersedes one (alert-standing.ts).
    this.alertSupersederOf = db.prepare(ALERT_SUPERSEDER_SQL).pluck();
    this.markAlertSuperseded = db.prepare(MARK_ALERT_SUPERSEDED_SQL);
    this.anyCorrection = db.prepare('SELECT 1 FROM trend_records WHERE supersedes IS NOT NULL LIMIT 1').pluck();
    this.newestRowid = db.prepare('SELECT coalesce(max(rowid), 0) FROM trend_records').pluck();
    this.countedRowid = db.prepare('SELECT counted_rowid FROM trend_counts_state WHERE id = 1').pluck();
    this.setCounted = db.prepare('UPDATE trend_counts_state SET counted_rowid = ? WHERE id = 1');
    this.addPending = db.prepare('INSERT INTO trend_counts_pending (format, dictionary, facts) VALUES (?, ?, ?)');
    this.counts = new CountUpserts(db);
  }
}

/**
 * The insert-or-skip of a record for one batch: origin and reception time are the same for every
 * record of a batch, so they are written into the statement rather than bound per row (validated
 * values: a station id or 'local', and an ISO time). CAST: the stored JSON may be bound as UTF-8
 * bytes straight from a decoded chunk.
 */
function insertStatement(db: Database.Database, origin: string, receivedAt: string, withSupersededBy: boolean): Database.Statement {
  if (!/^(local|[0-9a-f]{16})$/.test(origin) || Number.isNaN(Date.parse(receivedAt)) || receivedAt.includes("'")) throw new Error('bad origin or reception time');
  return db.prepare(
    `INSERT INTO trend_records (id, station, country, issuer, document_type, series, document_class_id, fraud_type,
       point_of_entry, line, week, supersedes, superseded_by, origin, received_at, proof, content)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${withSupersededBy ? '?' : 'NULL'}, '${origin}', '${receivedAt}', ?, CAST(? AS TEXT))
     ON CONFLICT (id) DO NOTHING`,
  );
}

/**
 * One batch of records and alerts, inside a transaction whose counts are current (every record up
 * to counted_rowid is counted). Before each block of records, facts() hands over their facts.
 */
export class TrendWriteBatch {
  readonly outcome: InsertOutcome = { addedRecords: 0, addedAlerts: 0, skipped: 0 };
  private readonly blocks: { facts: RecordFacts; skip: Set<number> }[] = [];
  private indexInBlock = 0;
  /** Where each record inserted by this batch is in the blocks (block × 2^20 + index), by rowid - firstRowid. */
  private readonly placeOf: number[] = [];
  private readonly firstRowid: number;
  /** Counted records (from before this batch) that a correction took out of the counts. */
  private readonly formerlyCounted: TrendRecord[] = [];
  /** Whether any held record corrects another (then each new record looks for its correction). */
  private correctionsHeld: boolean;
  private readonly insertPlain: Database.Statement;
  private insertSuperseded: Database.Statement | undefined;

  constructor(
    private readonly s: TrendWriteStatements,
    private readonly origin: string,
    private readonly receivedAt: string,
    /** Adds the counts imports left pending (in this transaction). */
    private readonly addPending: () => void,
  ) {
    this.firstRowid = (s.newestRowid.get() as number) + 1;
    this.correctionsHeld = s.anyCorrection.get() !== undefined;
    this.insertPlain = insertStatement(s.db, origin, receivedAt, false);
  }

  /** The facts of the records about to be given (in the same order). */
  facts(facts: RecordFacts): void {
    if (facts.count >= 1 << 20) throw new RangeError('fact blocks hold fewer than 2^20 records');
    this.blocks.push({ facts, skip: new Set() });
    this.indexInBlock = 0;
  }

  private skip(place: number): void {
    this.blocks[Math.floor(place / (1 << 20))]!.skip.add(place % (1 << 20));
  }

  /** Inserts a record unless held; `content` is its stored JSON. */
  record(r: RecordColumns, content: string): void {
    this.insert(r.id, r.station, r.country, r.issuer, r.documentType, r.series, r.documentClassId, r.fraudType, r.pointOfEntry, r.line, r.week, r.supersedes, null, content);
  }

  /**
   * Inserts record `i` of a decoded chunk unless held (its stored JSON bound as bytes); `proof`: the
   * stored proof of origin covering it (trend_origin_proofs), null when only the bundle proved it.
   */
  recordOf(rows: RecordRows, i: number, proof: number | null): void {
    this.insert(
      rows.id(i), rows.field(i, 'station')!, rows.field(i, 'country')!, rows.field(i, 'issuer'), rows.field(i, 'documentType')!, rows.field(i, 'series'),
      rows.field(i, 'documentClassId'), rows.field(i, 'fraudType')!, rows.field(i, 'pointOfEntry')!, rows.field(i, 'line')!, rows.field(i, 'week')!,
      rows.field(i, 'supersedes'), proof, rows.jsonBytes(i),
    );
  }

  private insert(
    id: string, station: string, country: string, issuer: string | null, documentType: string, series: string | null, documentClassId: string | null,
    fraudType: string, pointOfEntry: string, line: string, week: string, supersedes: string | null, proof: number | null, content: string | Buffer,
  ): void {
    const s = this.s;
    const place = (this.blocks.length - 1) * (1 << 20) + this.indexInBlock++;
    // A correction may arrive before the record it corrects; look for one only when corrections
    // exist (an import of plain records then costs one statement per record).
    const supersededBy = this.correctionsHeld ? ((s.supersederOf.get(id) as string | undefined) ?? null) : null;
    const info =
      supersededBy === null
        ? this.insertPlain.run(id, station, country, issuer, documentType, series, documentClassId, fraudType, pointOfEntry, line, week, supersedes, proof, content)
        : (this.insertSuperseded ??= insertStatement(s.db, this.origin, this.receivedAt, true)).run(
            id, station, country, issuer, documentType, series, documentClassId, fraudType, pointOfEntry, line, week, supersedes, supersededBy, proof, content,
          );
    if (info.changes !== 1) {
      // Already held (same id = same content).
      this.outcome.skipped++;
      this.skip(place);
      return;
    }
    this.outcome.addedRecords++;
    this.placeOf[Number(info.lastInsertRowid) - this.firstRowid] = place;
    if (supersededBy !== null) this.skip(place);
    if (supersedes !== null) this.supersede(id, supersedes);
  }

  private supersede(id: string, old: string): void {
    this.correctionsHeld = true;
    const s = this.s;
    const held = s.supersededBy.get(old) as { superseded_by: string | null; rowid: number } | undefined;
    if (!held || held.superseded_by !== null) return;
    s.markSuperseded.run(id, old);
    if (held.rowid >= this.firstRowid) {
      // Inserted by this batch: not counted yet, so it simply will not be.
      const place = this.placeOf[held.rowid - this.firstRowid];
      if (place !== undefined) this.skip(place);
    } else {
      const content = s.recordContent.get(old) as string;
      this.formerlyCounted.push(TrendRecordSchema.parse(JSON.parse(content)));
    }
  }

  /** Inserts an alert unless held; `proof` as for recordOf. */
  alert(a: ExpertAlert, json: string, proof: number | null = null): void {
    const s = this.s;
    if (s.alertExists.get(a.id) !== undefined) {
      this.outcome.skipped++;
      return;
    }
    const supersededBy = (s.alertSupersederOf.get(a.id, a.station) as string | undefined) ?? null;
    s.insertAlert.run(a.id, a.station, a.documentClassId, a.fraudType, a.week, a.validUntilWeek, a.supersedes, supersededBy, this.origin, this.receivedAt, proof, json);
    if (a.supersedes !== null) s.markAlertSuperseded.run(a.id, a.supersedes, a.station);
    this.outcome.addedAlerts++;
  }

  /**
   * Ends the batch: the counts of its records (facts coded into `strings`) are added to the weekly
   * tables now, or their facts stored as one pending row for the next read; the counted mark moves.
   */
  finish(strings: readonly string[], counts: 'now' | 'pending'): InsertOutcome {
    const s = this.s;
    if (this.formerlyCounted.length > 0) {
      // A corrected record may still wait in a pending row (imported, not read since): the counts
      // left pending before this batch are added first, so that the subtraction meets its count.
      this.addPending();
      subtract(s, this.formerlyCounted);
    }
    const inputs: CountInput[] = this.blocks;
    if (this.blocks.some((b) => b.facts.count > b.skip.size)) {
      if (counts === 'pending') {
        const { format, facts } = encodePendingFacts(inputs);
        s.addPending.run(format, JSON.stringify(strings), facts);
      } else s.counts.apply(countRecords(STATION_COUNT_TABLES, inputs, strings));
    }
    s.setCounted.run(s.newestRowid.get());
    return this.outcome;
  }
}

/** Takes records out of the weekly counts (rare: corrections of counted records). */
function subtract(s: TrendWriteStatements, records: readonly TrendRecord[]): void {
  const delta = new Map<string, { table: number; params: (string | number)[] }>();
  const add = (table: number, params: string[]) => {
    const key = `${table}\u0000${params.join('\u0000')}`;
    const cell = delta.get(key);
    if (cell) (cell.params[cell.params.length - 1] as number)--;
    else delta.set(key, { table, params: [...params, -1] });
  };
  for (const r of records) {
    const issuer = r.issuer ?? '';
    const series = r.series ?? '';
    const poe = r.context.pointOfEntry;
    add(0, [r.week, r.fraudType]);
    add(1, [r.week, r.fraudType, issuer, r.documentType, series, seriesKeyOf(r)]);
    add(2, [r.week, r.fraudType, poe]);
    add(3, [r.week, r.fraudType, issuer, r.documentType, series, poe]);
    const checks: [string, string][] = [...r.caughtBy.map((c): [string, string] => [c, 'caught']), ...r.missedBy.map((c): [string, string] => [c, 'missed'])];
    for (const [c, role] of checks) {
      add(4, [r.week, r.fraudType, c, role]);
      add(5, [issuer, r.week, r.fraudType, c, role]);
      add(6, [poe, r.week, r.fraudType, c, role]);
    }
  }
  // Same order as STATION_COUNT_TABLES.
  const rows = STATION_COUNT_TABLES.map(() => [] as (string | number)[][]);
  for (const { table, params } of delta.values()) rows[table]!.push(params);
  s.counts.apply(STATION_COUNT_TABLES.map((spec, i) => ({ spec, rows: rows[i]! })));
}

/** The columns of a validated record. */
export function recordColumns(r: TrendRecord): RecordColumns {
  return {
    id: r.id,
    station: r.station,
    country: r.country,
    issuer: r.issuer,
    documentType: r.documentType,
    series: r.series,
    documentClassId: r.documentClassId,
    fraudType: r.fraudType,
    pointOfEntry: r.context.pointOfEntry,
    line: r.context.line,
    week: r.week,
    supersedes: r.supersedes,
  };
}
