// Canonical JSON (object keys sorted, no whitespace) so that the same content always hashes to the
// same id, whichever station serialised it. Written as a plain loop: it runs once per imported
// item, and the generic Object.entries/filter/sort/map version was the slowest step of an import.
import { createHash, hash } from 'node:crypto';
import {
  DetectionContextSchema,
  ExpertAlertContentSchema,
  HotspotSchema,
  RedactedCropSchema,
  TrendRecordContentSchema,
  type ExpertAlert,
  type TrendRecord,
} from '../contract/trends.contract';

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('non-finite number in canonical JSON');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the same order as `a < b` on strings.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

/** The content id of a record or alert: sha256 of the canonical JSON of its content (without `id`). */
export function contentId(content: object): string {
  const { id: _ignored, ...rest } = content as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/**
 * How to write each property of a strict object schema, in sorted key order. `safe`: a string (or an
 * array of strings) that its schema restricts to characters JSON never escapes (enums, codes, ids,
 * base64), so it is written between quotes as it is; anything else goes through JSON.stringify.
 */
type Kind = 'json' | 'safe' | 'safeArray' | 'object' | 'objectArray';
interface LaidField {
  key: string;
  /** `"key":`, and `,"key":` for every field but the first written. */
  head: string;
  next: string;
  kind: Kind;
  layout?: Layout;
}
interface Layout {
  fields: LaidField[];
}

function layout(shape: object, kinds: Record<string, Kind | Layout | [Layout]> = {}): Layout {
  const keys = Object.keys(shape)
    .filter((k) => k !== 'id')
    .sort();
  return {
    fields: keys.map((key) => {
      const kind = kinds[key] ?? 'json';
      const base = { key, head: `${JSON.stringify(key)}:`, next: `,${JSON.stringify(key)}:` };
      if (Array.isArray(kind)) return { ...base, kind: 'objectArray' as const, layout: kind[0] };
      if (typeof kind === 'object') return { ...base, kind: 'object' as const, layout: kind };
      return { ...base, kind };
    }),
  };
}

// The safe fields, by schema (trends.contract.ts): literals, enums, and regexes of [A-Za-z0-9<.:_+/=-].
const CROP = layout(RedactedCropSchema.shape, { light: 'safe', zoneId: 'safe', pngBase64: 'safe' });
const RECORD = layout(TrendRecordContentSchema.shape, {
  schema: 'safe',
  station: 'safe',
  country: 'safe',
  issuer: 'safe',
  documentClassId: 'safe',
  fraudType: 'safe',
  caughtBy: 'safeArray',
  missedBy: 'safeArray',
  context: layout(DetectionContextSchema.shape, { pointOfEntry: 'safe', line: 'safe', direction: 'safe' }),
  week: 'safe',
  crops: [CROP],
  supersedes: 'safe',
  occurrence: 'safe',
});
const ALERT = layout(ExpertAlertContentSchema.shape, {
  schema: 'safe',
  station: 'safe',
  country: 'safe',
  documentClassId: 'safe',
  issuer: 'safe',
  fraudType: 'safe',
  hotspots: [layout(HotspotSchema.shape, { light: 'safe' })],
  crops: [CROP],
  week: 'safe',
  validUntilWeek: 'safe',
  supersedes: 'safe',
  // Both shapes of the scope along one layout of their keys (a missing key is skipped).
  scope: layout({ kind: 0, issuers: 0, documentTypes: 0, series: 0 }, { kind: 'safe', issuers: 'safeArray' }),
});

/** Canonical JSON of validated content along a precomputed layout: no sorting, no generic walk. */
function writeLaid(value: Record<string, unknown>, l: Layout): string {
  let out = '{';
  let first = true;
  for (const f of l.fields) {
    const v = value[f.key];
    if (v === undefined) continue;
    out += first ? f.head : f.next;
    first = false;
    if (v === null) {
      out += 'null';
      continue;
    }
    switch (f.kind) {
      case 'safe':
        out += `"${v as string}"`;
        break;
      case 'safeArray': {
        const list = v as string[];
        out += list.length === 0 ? '[]' : `["${list.join('","')}"]`;
        break;
      }
      case 'object':
        out += writeLaid(v as Record<string, unknown>, f.layout!);
        break;
      case 'objectArray': {
        const list = v as Record<string, unknown>[];
        out += '[';
        for (let i = 0; i < list.length; i++) out += (i ? ',' : '') + writeLaid(list[i]!, f.layout!);
        out += ']';
        break;
      }
      default:
        // Free text, numbers, arrays of free text: JSON.stringify is already canonical.
        out += JSON.stringify(v);
    }
  }
  return `${out}}`;
}

/**
 * contentId() for a record or alert that passed its strict schema (only schema keys, finite numbers):
 * the same bytes as canonicalJson, written along the schema's sorted keys (an import hashes every item).
 */
export function validatedContentId(content: TrendRecord | ExpertAlert): string {
  return hash('sha256', validatedCanonicalJson(content), 'hex');
}

/** The canonical JSON of validated content without its `id` (the text its content id hashes). */
export function validatedCanonicalJson(content: TrendRecord | ExpertAlert): string {
  return writeLaid(content as unknown as Record<string, unknown>, 'lookFor' in content ? ALERT : RECORD);
}

/**
 * The text stores keep for an item: its canonical JSON with the id in front. Parsing it gives the
 * validated item back (key order aside), and an import writes it without serialising again.
 */
export function storedJson(id: string, canonical: string): string {
  return canonical.length > 2 ? `{"id":${JSON.stringify(id)},${canonical.slice(1)}` : `{"id":${JSON.stringify(id)}}`;
}
