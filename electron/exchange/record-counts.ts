// Grouped counts of trend records for the stores' pre-aggregated tables (the station's weekly
// tables, the hub's cube), from the records' facts as a decoded chunk carries them (dictionary
// codes of the fields, and of the checks). A table is described as data: which parts make its key.
//
// Why sort-based: a bundle of 100,000 records adds up to ~400,000 distinct keys; a JavaScript map
// of that size costs ~0.6 µs a lookup (cache misses), so 12 lookups a record cost more than all the
// rest of decoding. Here every part of a key becomes a small rank (its place among the part's
// distinct strings), a key becomes one number (mixed radix), and a typed-array sort groups them:
// ~2 µs a record in all, and the rows come out in key order, which makes the upserts walk each
// B-tree in order.
import type { TrendRecord } from '../contract/trends.contract';
import { FIELD_COUNT as WIDTH, FIELD_SLOT as SLOT } from './record-fields';

/** Separator of the parts of a composite key (document, combination). */
export const KEY_SEPARATOR = ' · ';

/**
 * A part of a count key: a record field (issuer and series '' when unknown), a derived key, a
 * check and its role (with `checks`), or a constant.
 * - seriesKey: the document class, else `ISSUER TYPE SERIES` ('?' for an unknown issuer);
 * - document: `issuer · type · series`; combination: `document · fraudType`.
 */
export type CountPart =
  | 'week'
  | 'fraudType'
  | 'issuer'
  | 'documentType'
  | 'series'
  | 'pointOfEntry'
  | 'seriesKey'
  | 'document'
  | 'combination'
  | 'check'
  | 'role'
  | { const: string };

export interface CountTableSpec {
  /** The table the rows are added to (several specs may fill one table). */
  table: string;
  /** Its key, in primary-key order: what each column holds... */
  key: readonly CountPart[];
  /** ...and the columns' names (the count itself goes to `n`). */
  columns: readonly string[];
  /**
   * Counted per check rather than per record: each distinct check that caught it, or every check
   * listed as caught and as missed (as listed; part 'role' says which).
   */
  checks?: 'caught-distinct' | 'caught-and-missed';
}

/** The facts of a run of records: RECORD_FIELDS codes, and the checks (caught: code, missed: -(code + 1)). */
export interface RecordFacts {
  count: number;
  /** count × RECORD_FIELDS.length dictionary codes; -1 is null. */
  codes: Int32Array;
  /** count + 1 offsets into `checks`. */
  checkStart: Int32Array;
  checks: Int32Array;
}

/** Facts to count, without the records at the given indexes (not inserted, or superseded). */
export interface CountInput {
  facts: RecordFacts;
  skip?: ReadonlySet<number>;
}

/** One spec's rows: [...key values, n], in key order, none counting zero. */
export interface CountedTable {
  spec: CountTableSpec;
  rows: (string | number)[][];
}

export interface CountedRecord {
  week: string;
  fraudType: string;
  issuer: string | null;
  documentType: string;
  series: string | null;
  documentClassId: string | null;
  caughtBy: readonly string[];
  missedBy: readonly string[];
  context: { pointOfEntry: string };
}

export function seriesKeyOf(r: Pick<CountedRecord, 'documentClassId' | 'issuer' | 'documentType' | 'series'>): string {
  return r.documentClassId ?? `${r.issuer ?? '?'} ${r.documentType}${r.series ? ` ${r.series}` : ''}`;
}

export function documentKeyOf(r: Pick<CountedRecord, 'issuer' | 'documentType' | 'series'>): string {
  return `${r.issuer ?? ''}${KEY_SEPARATOR}${r.documentType}${KEY_SEPARATOR}${r.series ?? ''}`;
}

/** Strings of a count run: the chunk dictionary's codes first, then values made here (derived keys, ''). */
class Values {
  private readonly extra = new Map<string, number>();
  readonly strings: string[];

  constructor(dictionary: readonly string[]) {
    this.strings = [...dictionary];
  }

  id(value: string): number {
    let id = this.extra.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.extra.set(value, id);
    }
    return id;
  }
}

// The values a key part can take from a record, computed once per record for all specs.
const VALUE_SLOTS = ['week', 'fraudType', 'issuer', 'documentType', 'series', 'pointOfEntry', 'seriesKey', 'document', 'combination'] as const;
type ValueSlot = (typeof VALUE_SLOTS)[number];
const V = VALUE_SLOTS.length;
const PART_CHECK = -1;
const PART_ROLE = -2;
const PART_CONST = -3;
/** Key spaces up to this size are counted in an array (32 MB at most) rather than sorted. */
const DIRECT_KEYS = 1 << 23;

interface Block {
  facts: RecordFacts;
  skip: ReadonlySet<number> | undefined;
  /** count × V value ids. */
  values: Int32Array;
}

/** Counts the records of `inputs` (codes into `dictionary`) for each spec. */
export function countRecords(specs: readonly CountTableSpec[], inputs: readonly CountInput[], dictionary: readonly string[]): CountedTable[] {
  const values = new Values(dictionary);
  const needs = new Set(specs.flatMap((spec) => spec.key.filter((p): p is ValueSlot => typeof p === 'string' && (VALUE_SLOTS as readonly string[]).includes(p))));
  const blocks = inputs.map(({ facts, skip }) => ({ facts, skip, values: valuesOf(facts, values, needs) }));
  const roles = { caught: values.id('caught'), missed: values.id('missed') };
  const consts = specs.map((spec) => spec.key.map((p) => (typeof p === 'object' ? values.id(p.const) : -1)));
  return specs.map((spec, i) => countSpec(spec, consts[i]!, blocks, values.strings, roles));
}

function valuesOf(facts: RecordFacts, values: Values, needs: ReadonlySet<ValueSlot>): Int32Array {
  const s = values.strings;
  const c = facts.codes;
  const out = new Int32Array(facts.count * V);
  const empty = values.id('');
  const str = (code: number) => (code < 0 ? null : s[code]!);
  const derived = new Map<string, number>();
  const intern = (text: string) => {
    let id = derived.get(text);
    if (id === undefined) derived.set(text, (id = values.id(text)));
    return id;
  };
  for (let i = 0; i < facts.count; i++) {
    const at = i * WIDTH;
    const o = i * V;
    out[o] = c[at + SLOT.week]!;
    out[o + 1] = c[at + SLOT.fraudType]!;
    out[o + 2] = c[at + SLOT.issuer]! < 0 ? empty : c[at + SLOT.issuer]!;
    out[o + 3] = c[at + SLOT.documentType]!;
    out[o + 4] = c[at + SLOT.series]! < 0 ? empty : c[at + SLOT.series]!;
    out[o + 5] = c[at + SLOT.pointOfEntry]!;
    if (needs.has('seriesKey') || needs.has('document') || needs.has('combination')) {
      const r = { issuer: str(c[at + SLOT.issuer]!), documentType: s[c[at + SLOT.documentType]!]!, series: str(c[at + SLOT.series]!), documentClassId: str(c[at + SLOT.documentClassId]!) };
      if (needs.has('seriesKey')) out[o + 6] = intern(seriesKeyOf(r));
      if (needs.has('document') || needs.has('combination')) {
        const document = documentKeyOf(r);
        out[o + 7] = intern(document);
        if (needs.has('combination')) out[o + 8] = intern(`${document}${KEY_SEPARATOR}${s[c[at + SLOT.fraudType]!]}`);
      }
    }
  }
  return out;
}

/** Whether record `i`'s check at `k` counts under `spec` (caught-distinct: a repeated caught check does not). */
function checkCounts(spec: CountTableSpec, checks: Int32Array, from: number, k: number): boolean {
  const code = checks[k]!;
  if (code < 0) return spec.checks === 'caught-and-missed';
  if (spec.checks === 'caught-distinct') for (let j = from; j < k; j++) if (checks[j] === code) return false;
  return true;
}

function countSpec(spec: CountTableSpec, consts: readonly number[], blocks: readonly Block[], s: readonly string[], roles: { caught: number; missed: number }): CountedTable {
  const width = spec.key.length;
  // Where each part's value comes from: a value slot, the check, the role, or a constant.
  const source = spec.key.map((p) => (typeof p === 'object' ? PART_CONST : p === 'check' ? PART_CHECK : p === 'role' ? PART_ROLE : VALUE_SLOTS.indexOf(p as ValueSlot)));
  // Pass 1: every contribution (a live record, or a live record × a counted check) as value ids,
  // one typed column per part.
  let contributions = 0;
  for (const { facts, skip } of blocks) {
    for (let i = 0; i < facts.count; i++) {
      if (skip !== undefined && skip.size > 0 && skip.has(i)) continue;
      if (spec.checks === undefined) contributions++;
      else for (let k = facts.checkStart[i]!; k < facts.checkStart[i + 1]!; k++) if (checkCounts(spec, facts.checks, facts.checkStart[i]!, k)) contributions++;
    }
  }
  if (contributions === 0) return { spec, rows: [] };
  const columns = spec.key.map(() => new Int32Array(contributions));
  let c = 0;
  for (const { facts, skip, values } of blocks) {
    for (let i = 0; i < facts.count; i++) {
      if (skip !== undefined && skip.size > 0 && skip.has(i)) continue;
      const o = i * V;
      const from = facts.checkStart[i]!;
      const to = spec.checks === undefined ? from + 1 : facts.checkStart[i + 1]!;
      for (let k = from; k < to; k++) {
        let check = 0;
        let role = 0;
        if (spec.checks !== undefined) {
          if (!checkCounts(spec, facts.checks, from, k)) continue;
          const code = facts.checks[k]!;
          check = code >= 0 ? code : -code - 1;
          role = code >= 0 ? roles.caught : roles.missed;
        }
        for (let p = 0; p < width; p++) {
          const at = source[p]!;
          columns[p]![c] = at >= 0 ? values[o + at]! : at === PART_CHECK ? check : at === PART_ROLE ? role : consts[p]!;
        }
        c++;
      }
    }
  }
  // Each part's values in string order: a value's rank is its digit in the key.
  const byRank: number[][] = [];
  const ranks: Int32Array[] = [];
  let radixProduct = 1;
  for (const column of columns) {
    const present = new Uint8Array(s.length);
    const distinct: number[] = [];
    for (let i = 0; i < contributions; i++) {
      const id = column[i]!;
      if (present[id] === 0) {
        present[id] = 1;
        distinct.push(id);
      }
    }
    distinct.sort((a, b) => (s[a]! < s[b]! ? -1 : s[a]! > s[b]! ? 1 : 0));
    const rank = new Int32Array(s.length);
    distinct.forEach((id, r) => (rank[id] = r));
    byRank.push(distinct);
    ranks.push(rank);
    radixProduct *= distinct.length;
  }
  if (radixProduct > Number.MAX_SAFE_INTEGER) return { spec, rows: countByStrings(columns, contributions, s, width) };
  // Pass 2: one number per contribution (ranks in mixed radix, first part most significant), so
  // that number order is key order. A small key space is counted in place (one array slot per
  // key); a large one is sorted and counted in runs.
  const keys = new Float64Array(contributions);
  for (let p = 0; p < width; p++) {
    const radix = byRank[p]!.length;
    const rank = ranks[p]!;
    const column = columns[p]!;
    for (let i = 0; i < contributions; i++) keys[i] = keys[i]! * radix + rank[column[i]!]!;
  }
  const rows: (string | number)[][] = [];
  const emit = (key: number, count: number) => {
    const row = new Array<string | number>(width + 1);
    let rest = key;
    for (let p = width - 1; p >= 0; p--) {
      const radix = byRank[p]!.length;
      const r = rest % radix;
      rest = (rest - r) / radix;
      row[p] = s[byRank[p]![r]!]!;
    }
    row[width] = count;
    rows.push(row);
  };
  if (radixProduct <= DIRECT_KEYS) {
    const counts = new Int32Array(radixProduct);
    for (let i = 0; i < contributions; i++) counts[keys[i]!]!++;
    for (let key = 0; key < radixProduct; key++) if (counts[key] !== 0) emit(key, counts[key]!);
    return { spec, rows };
  }
  keys.sort();
  for (let i = 0; i < contributions; ) {
    const key = keys[i]!;
    let j = i + 1;
    while (j < contributions && keys[j] === key) j++;
    emit(key, j - i);
    i = j;
  }
  return { spec, rows };
}

/** The same grouping with string keys, for key spaces too large for one number (never in practice). */
function countByStrings(columns: Int32Array[], contributions: number, s: readonly string[], width: number): (string | number)[][] {
  const counts = new Map<string, number>();
  for (let i = 0; i < contributions; i++) {
    const key = JSON.stringify(columns.map((c) => s[c[i]!]));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts].map(([key, n]) => [...(JSON.parse(key) as string[]), n]);
  rows.sort((a, b) => {
    for (let p = 0; p < width; p++) if (a[p] !== b[p]) return (a[p] as string) < (b[p] as string) ? -1 : 1;
    return 0;
  });
  return rows;
}

/** Facts of validated records (in-process inserts), coded into `dictionary`. */
export function factsOf(records: readonly TrendRecord[], code: (value: string) => number): RecordFacts {
  const codes = new Int32Array(records.length * WIDTH).fill(-1);
  const checkStart = new Int32Array(records.length + 1);
  const checks: number[] = [];
  const orNull = (v: string | null) => (v === null ? -1 : code(v));
  records.forEach((r, i) => {
    const at = i * WIDTH;
    codes[at + SLOT.station] = code(r.station);
    codes[at + SLOT.country] = code(r.country);
    codes[at + SLOT.issuer] = orNull(r.issuer);
    codes[at + SLOT.documentType] = code(r.documentType);
    codes[at + SLOT.series] = orNull(r.series);
    codes[at + SLOT.documentClassId] = orNull(r.documentClassId);
    codes[at + SLOT.fraudType] = code(r.fraudType);
    codes[at + SLOT.pointOfEntry] = code(r.context.pointOfEntry);
    codes[at + SLOT.line] = code(r.context.line);
    codes[at + SLOT.week] = code(r.week);
    codes[at + SLOT.supersedes] = orNull(r.supersedes);
    for (const c of r.caughtBy) checks.push(code(c));
    for (const c of r.missedBy) checks.push(-code(c) - 1);
    checkStart[i + 1] = checks.length;
  });
  return { count: records.length, codes, checkStart, checks: Int32Array.from(checks) };
}
