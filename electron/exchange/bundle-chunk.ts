// Decoded bundle lines in the compact form stores insert from: a chunk of records as flat typed
// arrays (fields as dictionary codes, ids and stored JSON as UTF-8 bytes), so a chunk crosses
// from the decoding worker to the inserting thread by transfer, not by cloning an object graph.
// Alerts (few) travel as objects. Built the same way by the in-thread decoder.
import type { ExpertAlert, TrendRecord } from '../contract/trends.contract';
import type { RefusedLine } from './bundle-error';
import type { TrustLookup } from './bundle-codec';
import { verifyOriginProof, type OriginProof } from './origin-proof';
import { storedJson } from './canonical-json';
import type { RecordFacts } from './record-counts';
import { FIELD_COUNT as WIDTH, FIELD_SLOT as SLOT, type RecordField } from './record-fields';
import { DictionaryMirror, type StringDictionary } from './string-dictionary';

export { RECORD_FIELDS, type RecordField } from './record-fields';
const ID_BYTES = 64;

/**
 * Columns of the 'copy' layout, in order: one line per record of PostgreSQL's COPY text format
 * (tab-separated, `\N` for null, backslash escapes). first_seq is not in the lines: the bundle's
 * seq is known only when its transaction starts (the column's default reads it).
 */
export const COPY_COLUMNS = ['id', 'station', 'country', 'issuer', 'document_type', 'series', 'fraud_type', 'week', 'point_of_entry', 'content'] as const;
const COPY_FIELDS: readonly RecordField[] = ['station', 'country', 'issuer', 'documentType', 'series', 'fraudType', 'week', 'pointOfEntry'];
const COPY_FIELD_SLOTS = COPY_FIELDS.map((f) => SLOT[f]);

/** A value in COPY text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A chunk's records: their facts (fields and checks as codes, for counting), ids and stored JSON. */
export interface RecordBlock extends RecordFacts {
  /** Per record: the 64-character id, then the stored JSON (UTF-8). */
  bytes: Uint8Array;
  /** count + 1 byte offsets into `bytes`. */
  offsets: Int32Array;
  /** The bundle line of each record. */
  lines: Int32Array;
  /** The section (origin proof) of each record, SIGNER_SECTION when the bundle's signature proves it. */
  origins: Int32Array;
  /** With the 'copy' layout: the records as COPY text lines (COPY_COLUMNS, UTF-8), one per record, in order. */
  copy?: Uint8Array;
}

export interface DecodedAlert {
  line: number;
  alert: ExpertAlert;
  json: string;
  /** Its section (origin proof), as for records. */
  origin: number;
}

/** An origin line: the proof of the items of section `index` (origin-tracker.ts). */
export interface DecodedSection {
  index: number;
  line: number;
  proof: OriginProof;
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
  /** Sections opened since the previous chunk, before the records that refer to them. */
  sections: DecodedSection[];
}

export type ChunkLayout = 'rows' | 'copy';

/** Collects records into chunks of at most `size` records. */
export class ChunkBuilder {
  private count = 0;
  private codes: Int32Array;
  private offsets: Int32Array;
  private lines: Int32Array;
  private origins: Int32Array;
  private checks = new Int32Array(1024);
  private checkStart: Int32Array;
  private checksUsed = 0;
  private bytes = Buffer.allocUnsafe(1 << 21);
  private used = 0;
  private copy = Buffer.allocUnsafe(0);
  private copyUsed = 0;
  private alerts: DecodedAlert[] = [];
  private refusals: RefusedLine[] = [];
  private repeats: RepeatedItem[] = [];
  private sections: DecodedSection[] = [];
  /** Ids of the items of the bundle so far: an item is given to a store once. */
  private readonly seen = { record: new Set<string>(), alert: new Set<string>() };
  /** A tab and the COPY text of each dictionary code (the 'copy' layout escapes each distinct value once). */
  private readonly copyValues: Buffer[] = [];

  constructor(
    readonly dictionary: StringDictionary,
    private readonly size: number,
    private readonly layout: ChunkLayout,
    /** Called with each full chunk. */
    private readonly emit: (chunk: DecodedChunk) => void,
  ) {
    this.codes = new Int32Array(size * WIDTH);
    this.offsets = new Int32Array(size + 1);
    this.lines = new Int32Array(size);
    this.origins = new Int32Array(size);
    this.checkStart = new Int32Array(size + 1);
  }

  /** A validated record and its canonical JSON without the id (the stored JSON puts the id in front). */
  record(r: TrendRecord, canonical: string, line: number, origin: number): void {
    if (this.repeated('record', r.id, line)) return;
    // {"id":"…", then the canonical text without its opening brace (it always has members).
    this.add(r, line, origin, canonical, 1, `{"id":"${r.id}",`);
  }

  /** A record with the whole text to store (items prepared elsewhere). */
  recordStored(r: TrendRecord, json: string, line: number, origin: number): void {
    if (this.repeated('record', r.id, line)) return;
    this.add(r, line, origin, json, 0, '');
  }

  /** An origin line: the proof of section `index`. */
  section(index: number, proof: OriginProof, line: number): void {
    this.sections.push({ index, line, proof });
  }

  private add(r: TrendRecord, line: number, origin: number, text: string, skip: number, prefix: string): void {
    const d = this.dictionary;
    const n = this.count;
    const at = n * WIDTH;
    const codes = this.codes;
    codes[at] = d.code(r.station);
    codes[at + 1] = d.code(r.country);
    codes[at + 2] = d.codeOrNull(r.issuer);
    codes[at + 3] = d.code(r.documentType);
    codes[at + 4] = d.codeOrNull(r.series);
    codes[at + 5] = d.codeOrNull(r.documentClassId);
    codes[at + 6] = d.code(r.fraudType);
    codes[at + 7] = d.code(r.context.pointOfEntry);
    codes[at + 8] = d.code(r.context.line);
    codes[at + 9] = d.code(r.week);
    codes[at + 10] = d.codeOrNull(r.supersedes);
    // Room for the id (64 ASCII bytes), the prefix and the text (at most 3 UTF-8 bytes a UTF-16 unit).
    const need = ID_BYTES + prefix.length + 3 * text.length;
    if (this.used + need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + need));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(r.id, this.used, 'latin1');
    if (prefix) this.used += this.bytes.write(prefix, this.used, 'latin1');
    this.used += this.bytes.write(skip ? text.slice(skip) : text, this.used, 'utf8');
    this.offsets[n + 1] = this.used;
    this.lines[n] = line;
    this.origins[n] = origin;
    const listed = r.caughtBy.length + r.missedBy.length;
    if (this.checksUsed + listed > this.checks.length) {
      const grown = new Int32Array(Math.max(this.checks.length * 2, this.checksUsed + listed));
      grown.set(this.checks.subarray(0, this.checksUsed));
      this.checks = grown;
    }
    for (const c of r.caughtBy) this.checks[this.checksUsed++] = d.code(c);
    for (const c of r.missedBy) this.checks[this.checksUsed++] = -d.code(c) - 1;
    this.checkStart[n + 1] = this.checksUsed;
    this.count = n + 1;
    if (this.layout === 'copy') this.copyLine(r.id, at, prefix, skip ? text.slice(skip) : text);
    if (this.count >= this.size) this.flush();
  }

  alert(alert: ExpertAlert, canonical: string, line: number, origin: number): void {
    if (!this.repeated('alert', alert.id, line)) this.alerts.push({ line, alert, json: storedJson(alert.id, canonical), origin });
  }

  alertStored(alert: ExpertAlert, json: string, line: number, origin: number): void {
    if (!this.repeated('alert', alert.id, line)) this.alerts.push({ line, alert, json, origin });
  }

  private repeated(type: RepeatedItem['type'], id: string, line: number): boolean {
    const seen = this.seen[type];
    if (!seen.has(id)) {
      seen.add(id);
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
    const n = this.count;
    if (!always && n === 0 && this.alerts.length === 0 && this.refusals.length === 0 && this.repeats.length === 0 && this.sections.length === 0) return;
    const records: RecordBlock = {
      count: n,
      codes: this.codes.slice(0, n * WIDTH),
      checkStart: this.checkStart.slice(0, n + 1),
      checks: this.checks.slice(0, this.checksUsed),
      bytes: new Uint8Array(this.bytes.subarray(0, this.used)),
      offsets: this.offsets.slice(0, n + 1),
      lines: this.lines.slice(0, n),
      origins: this.origins.slice(0, n),
      ...(this.layout === 'copy' ? { copy: new Uint8Array(this.copy.subarray(0, this.copyUsed)) } : {}),
    };
    const chunk: DecodedChunk = { dictionary: this.dictionary.takeNew(), records, alerts: this.alerts, refused: this.refusals, repeats: this.repeats, sections: this.sections };
    this.count = 0;
    this.checksUsed = 0;
    this.used = 0;
    this.copyUsed = 0;
    this.alerts = [];
    this.refusals = [];
    this.repeats = [];
    this.sections = [];
    this.emit(chunk);
  }

  /** Appends the record's COPY line, written as bytes (no string per record to collect). */
  private copyLine(id: string, at: number, prefix: string, content: string): void {
    const values = COPY_FIELD_SLOTS.map((slot) => {
      const code = this.codes[at + slot]!;
      return code < 0 ? COPY_NULL : (this.copyValues[code] ??= Buffer.from(`\t${copyText(this.dictionary.strings[code]!)}`));
    });
    // JSON text holds no raw tab or line break; a backslash (an escape in the JSON) is doubled.
    const text = content.includes('\\') ? copyText(prefix + content) : prefix + content;
    const need = ID_BYTES + values.reduce((n, v) => n + v.length, 0) + 2 + 3 * text.length;
    if (this.copyUsed + need > this.copy.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.copy.length * 2, this.copyUsed + need, 1 << 20));
      this.copy.copy(grown, 0, 0, this.copyUsed);
      this.copy = grown;
    }
    let used = this.copyUsed + this.copy.write(id, this.copyUsed, 'latin1');
    for (const v of values) used += v.copy(this.copy, used);
    this.copy[used++] = 0x09;
    used += this.copy.write(text, used, 'utf8');
    this.copy[used++] = 0x0a;
    this.copyUsed = used;
  }
}

const COPY_NULL = Buffer.from('\t\\N');

/** The transferable buffers of a chunk (postMessage transfer list). */
export function chunkTransferList(chunk: DecodedChunk): ArrayBuffer[] {
  const r = chunk.records;
  return [r.codes.buffer, r.checkStart.buffer, r.checks.buffer, r.bytes.buffer, r.offsets.buffer, r.lines.buffer, r.origins.buffer, ...(r.copy ? [r.copy.buffer] : [])] as ArrayBuffer[];
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

  /** The record's section (origin proof) in its bundle, or SIGNER_SECTION. */
  origin(i: number): number {
    return this.block.origins[i]!;
  }
}

/**
 * The receiving side of a stream of chunks: one dictionary, learnt chunk by chunk, and every proof
 * of origin checked against the receiver's trust list before the items under it are read (throws
 * BundleError: the bundle is refused whole).
 */
export class ChunkReader {
  readonly dictionary = new DictionaryMirror();

  constructor(private readonly originTrust: TrustLookup = () => undefined) {}

  read(chunk: DecodedChunk): RecordRows {
    for (const section of chunk.sections) verifyOriginProof(section.proof, this.originTrust);
    this.dictionary.learn(chunk.dictionary);
    return new RecordRows(chunk.records, this.dictionary);
  }
}
