// The station's weekly count tables (migration 0002) described for the grouped counts
// (exchange/record-counts.ts); the upserts that add counted rows to them; and the compact form in
// which an import leaves the facts of its records to count (trend_counts_pending, migration 0003).
import type Database from 'better-sqlite3';
import { endianness } from 'node:os';
import type { CountedTable, CountInput, CountTableSpec, RecordFacts } from '../exchange/record-counts';
import { RECORD_FIELDS } from '../exchange/record-fields';

export const STATION_COUNT_TABLES: readonly CountTableSpec[] = [
  { table: 'trend_weekly_fraud', key: ['week', 'fraudType'], columns: ['week', 'fraud_type'] },
  {
    table: 'trend_weekly_issuer',
    key: ['week', 'fraudType', 'issuer', 'documentType', 'series', 'seriesKey'],
    columns: ['week', 'fraud_type', 'issuer', 'document_type', 'series', 'series_key'],
  },
  { table: 'trend_weekly_poe', key: ['week', 'fraudType', 'pointOfEntry'], columns: ['week', 'fraud_type', 'point_of_entry'] },
  {
    table: 'trend_weekly_cube',
    key: ['week', 'fraudType', 'issuer', 'documentType', 'series', 'pointOfEntry'],
    columns: ['week', 'fraud_type', 'issuer', 'document_type', 'series', 'point_of_entry'],
  },
  // Checks are counted as listed (the record builder never lists one twice), caught and missed.
  { table: 'trend_weekly_check', key: ['week', 'fraudType', 'check', 'role'], columns: ['week', 'fraud_type', 'check_id', 'role'], checks: 'caught-and-missed' },
  {
    table: 'trend_weekly_check_issuer',
    key: ['issuer', 'week', 'fraudType', 'check', 'role'],
    columns: ['issuer', 'week', 'fraud_type', 'check_id', 'role'],
    checks: 'caught-and-missed',
  },
  {
    table: 'trend_weekly_check_poe',
    key: ['pointOfEntry', 'week', 'fraudType', 'check', 'role'],
    columns: ['point_of_entry', 'week', 'fraud_type', 'check_id', 'role'],
    checks: 'caught-and-missed',
  },
];

/** Adds counted rows to their tables (one prepared upsert per table; rows come in key order). */
export class CountUpserts {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private statement(spec: CountTableSpec): Database.Statement {
    let statement = this.statements.get(spec.table);
    if (!statement) {
      statement = this.db.prepare(
        `INSERT INTO ${spec.table} (${spec.columns.join(', ')}, n) VALUES (${spec.columns.map(() => '?').join(', ')}, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n`,
      );
      this.statements.set(spec.table, statement);
    }
    return statement;
  }

  /** Each row is [...key values, n]. */
  apply(tables: readonly CountedTable[]): void {
    for (const { spec, rows } of tables) {
      const statement = this.statement(spec);
      for (const row of rows) if (row[row.length - 1] !== 0) statement.run(row);
    }
  }
}

/** One pending row: the facts of a batch's record blocks, each with the indexes not to count. */
export function encodePendingFacts(inputs: readonly CountInput[]): { format: string; facts: Buffer } {
  if (endianness() !== 'LE') throw new Error('pending counts are stored little-endian');
  let length = 0;
  for (const { facts, skip } of inputs) length += 4 + facts.codes.length + facts.checkStart.length + facts.checks.length + (skip?.size ?? 0);
  const out = new Int32Array(length);
  let at = 0;
  const put = (values: ArrayLike<number>) => {
    out.set(values, at);
    at += values.length;
  };
  for (const { facts, skip } of inputs) {
    out[at++] = facts.count;
    put(facts.codes);
    put(facts.checkStart);
    out[at++] = facts.checks.length;
    put(facts.checks);
    out[at++] = skip?.size ?? 0;
    if (skip) put([...skip]);
    out[at++] = -1; // block end (a check on reading)
  }
  return { format: JSON.stringify({ fields: RECORD_FIELDS }), facts: Buffer.from(out.buffer, out.byteOffset, out.byteLength) };
}

/** A pending row read back. */
export function decodePendingFacts(format: string, blob: Buffer): CountInput[] {
  const { fields } = JSON.parse(format) as { fields: string[] };
  if (JSON.stringify(fields) !== JSON.stringify(RECORD_FIELDS)) throw new Error('pending counts were written with other record fields');
  const data = new Int32Array(blob.byteLength / 4);
  new Uint8Array(data.buffer).set(blob);
  const width = RECORD_FIELDS.length;
  const inputs: CountInput[] = [];
  let at = 0;
  const take = (n: number) => {
    const part = data.subarray(at, at + n);
    at += n;
    return part;
  };
  while (at < data.length) {
    const count = data[at++]!;
    const codes = take(count * width);
    const checkStart = take(count + 1);
    const checks = take(data[at++]!);
    const skip = new Set(take(data[at++]!));
    if (data[at++] !== -1) throw new Error('pending counts are damaged');
    const facts: RecordFacts = { count, codes, checkStart, checks };
    inputs.push({ facts, skip });
  }
  return inputs;
}
