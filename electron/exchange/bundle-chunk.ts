// Decoded bundle lines in the compact form stores insert from: a chunk of records as flat typed
// arrays (fields as dictionary codes, ids and stored JSON as UTF-8 bytes), so a chunk crosses
// from the decoding worker to the inserting thread by transfer, not by cloning an object graph.
// Alerts (few) travel as objects. Built the same way by the in-thread decoder.
import type { ExpertAlert, TrendRecord } from '../contract/trends.contract';
import type { RefusedLine } from './bundle-error';
import type { LineSink } from './bundle-lines';
import type { RecordFacts } from './record-counts';
import { FIELD_COUNT as WIDTH, FIELD_SLOT as SLOT, RECORD_FIELDS, type RecordField } from './record-fields';
import { DictionaryMirror, type StringDictionary } from './string-dictionary';

export { RECORD_FIELDS, type RecordField } from './record-fields';
const ID_BYTES = 64;

/** Column names of the JSON rows written for PostgreSQL's json_to_recordset (content stays JSON). */
export const JSON_ROW_COLUMNS: Record<RecordField | 'id' | 'content', string> = {
  id: 'id',
  station: 'station',
  country: 'country',
  issuer: 'issuer',
  documentType: 'document_type',
  series: 'series',
  documentClassId: 'document_class_id',
  fraudType: 'fraud_type',
  pointOfEntry: 'point_of_entry',
  line: 'line',
  week: 'week',
  supersedes: 'supersedes',
  content: 'content',
};

/** A chunk's records: their facts (fields and checks as codes, for counting), ids and stored JSON. */
export interface RecordBlock extends RecordFacts {
  /** Per record: the 64-character id, then the stored JSON (UTF-8). */
  bytes: Uint8Array;
  /** count + 1 byte offsets into `bytes`. */
  offsets: Int32Array;
  /** The bundle line of each record. */
  lines: Int32Array;
  /** With the 'json' layout: the records as one JSON array of flat rows (JSON_ROW_COLUMNS, and `i`: the index in the chunk). */
  json?: string;
}

export interface DecodedAlert {
  line: number;
  alert: ExpertAlert;
  json: string;
}

/** A valid line repeating an item of an earlier line (same id, so same content): not in the chunk again. */
export interface RepeatedItem {
  line: number;
  type: 'record' | 'alert';
  id: string;
}

export interface DecodedChunk {
  /** Dictionary strings new since the previous message, in code order. */
  dictionary: string[];
  records: RecordBlock;
  alerts: DecodedAlert[];
  refused: RefusedLine[];
  repeats: RepeatedItem[];
}

export type ChunkLayout = 'rows' | 'json';

/** A LineSink that collects records into chunks of at most `size` records. */
export class ChunkBuilder implements LineSink {
  private codes: number[] = [];
  private checks: number[] = [];
  private checkStart: number[] = [0];
  private offsets: number[] = [0];
  private lines: number[] = [];
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private json: string[] = [];
  private alerts: DecodedAlert[] = [];
  private refusals: RefusedLine[] = [];
  private repeats: RepeatedItem[] = [];
  /** Ids of the items of the bundle so far: an item is given to a store once. */
  private readonly seen = new Set<string>();
  /** JSON text of each dictionary code (the 'json' layout writes each distinct value once). */
  private readonly quoted: string[] = [];

  constructor(
    readonly dictionary: StringDictionary,
    private readonly size: number,
    private readonly layout: ChunkLayout,
    /** Called with each full chunk. */
    private readonly emit: (chunk: DecodedChunk) => void,
  ) {}

  record(r: TrendRecord, json: string, line: number): void {
    if (this.repeated('record', r.id, line)) return;
    const d = this.dictionary;
    this.codes.push(
      d.code(r.station),
      d.code(r.country),
      d.codeOrNull(r.issuer),
      d.code(r.documentType),
      d.codeOrNull(r.series),
      d.codeOrNull(r.documentClassId),
      d.code(r.fraudType),
      d.code(r.context.pointOfEntry),
      d.code(r.context.line),
      d.code(r.week),
      d.codeOrNull(r.supersedes),
    );
    const need = ID_BYTES + Buffer.byteLength(json);
    if (this.used + need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + need));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(r.id, this.used, 'latin1');
    this.used += this.bytes.write(json, this.used, 'utf8');
    this.offsets.push(this.used);
    this.lines.push(line);
    if (this.layout === 'json') this.json.push(this.jsonRow(this.lines.length - 1, r.id, this.codes.length - WIDTH, json));
    for (const c of r.caughtBy) this.checks.push(d.code(c));
    for (const c of r.missedBy) this.checks.push(-d.code(c) - 1);
    this.checkStart.push(this.checks.length);
    if (this.lines.length >= this.size) this.flush();
  }

  alert(alert: ExpertAlert, json: string, line: number): void {
    if (!this.repeated('alert', alert.id, line)) this.alerts.push({ line, alert, json });
  }

  private repeated(type: RepeatedItem['type'], id: string, line: number): boolean {
    const key = `${type[0]}${id}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      return false;
    }
    this.repeats.push({ line, type, id });
    return true;
  }

  refused(refusal: RefusedLine): void {
    this.refusals.push(refusal);
  }

  /** Emits what is collected (also an empty chunk when `always`). */
  flush(always = false): void {
    if (!always && this.lines.length === 0 && this.alerts.length === 0 && this.refusals.length === 0 && this.repeats.length === 0) return;
    const bytes = new Uint8Array(this.used);
    bytes.set(this.bytes.subarray(0, this.used));
    const records: RecordBlock = {
      count: this.lines.length,
      codes: Int32Array.from(this.codes),
      checkStart: Int32Array.from(this.checkStart),
      checks: Int32Array.from(this.checks),
      bytes,
      offsets: Int32Array.from(this.offsets),
      lines: Int32Array.from(this.lines),
      ...(this.layout === 'json' ? { json: `[${this.json.join(',')}]` } : {}),
    };
    const chunk: DecodedChunk = { dictionary: this.dictionary.takeNew(), records, alerts: this.alerts, refused: this.refusals, repeats: this.repeats };
    this.codes = [];
    this.checks = [];
    this.checkStart = [0];
    this.offsets = [0];
    this.lines = [];
    this.used = 0;
    this.json = [];
    this.alerts = [];
    this.refusals = [];
    this.repeats = [];
    this.emit(chunk);
  }

  private jsonRow(index: number, id: string, at: number, content: string): string {
    let row = `{"i":${index},"id":"${id}"`;
    for (let f = 0; f < WIDTH; f++) {
      const code = this.codes[at + f]!;
      row += `,"${JSON_ROW_COLUMNS[RECORD_FIELDS[f]!]}":${code < 0 ? 'null' : (this.quoted[code] ??= JSON.stringify(this.dictionary.strings[code]))}`;
    }
    return `${row},"content":${content}}`;
  }
}

/** The transferable buffers of a chunk (postMessage transfer list). */
export function chunkTransferList(chunk: DecodedChunk): ArrayBuffer[] {
  const r = chunk.records;
  return [r.codes.buffer, r.checkStart.buffer, r.checks.buffer, r.bytes.buffer, r.offsets.buffer, r.lines.buffer] as ArrayBuffer[];
}

/** Read access to one chunk's records, on the receiving side. */
export class RecordRows {
  private readonly buffer: Buffer;

  constructor(
    readonly block: RecordBlock,
    private readonly dictionary: DictionaryMirror,
  ) {
    this.buffer = Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
  }

  get count(): number {
    return this.block.count;
  }

  id(i: number): string {
    const start = this.block.offsets[i]!;
    return this.buffer.toString('latin1', start, start + ID_BYTES);
  }

  field(i: number, field: RecordField): string | null {
    return this.dictionary.get(this.block.codes[i * WIDTH + SLOT[field]]!);
  }

  /** The stored JSON as UTF-8 bytes (no copy). */
  jsonBytes(i: number): Buffer {
    return this.buffer.subarray(this.block.offsets[i]! + ID_BYTES, this.block.offsets[i + 1]!);
  }

  json(i: number): string {
    return this.buffer.toString('utf8', this.block.offsets[i]! + ID_BYTES, this.block.offsets[i + 1]!);
  }

  line(i: number): number {
    return this.block.lines[i]!;
  }
}

/** The receiving side of a stream of chunks: one dictionary, learnt chunk by chunk. */
export class ChunkReader {
  readonly dictionary = new DictionaryMirror();

  read(chunk: DecodedChunk): RecordRows {
    this.dictionary.learn(chunk.dictionary);
    return new RecordRows(chunk.records, this.dictionary);
  }
}
