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

/** Sorted property names of a strict object schema, and how to write the nested objects it holds. */
interface Layout {
  keys: string[];
  objects: Record<string, Layout>;
  arraysOfObjects: Record<string, Layout>;
}

function layout(shape: object, objects: Record<string, Layout> = {}, arraysOfObjects: Record<string, Layout> = {}): Layout {
  return { keys: Object.keys(shape).filter((k) => k !== 'id').sort(), objects, arraysOfObjects };
}

const CROP = layout(RedactedCropSchema.shape);
const RECORD = layout(TrendRecordContentSchema.shape, { context: layout(DetectionContextSchema.shape) }, { crops: CROP });
const ALERT = layout(ExpertAlertContentSchema.shape, {}, { crops: CROP, hotspots: layout(HotspotSchema.shape) });

/** Canonical JSON of validated content along a precomputed layout: no sorting, no generic walk. */
function writeLaid(value: Record<string, unknown>, l: Layout): string {
  let out = '{';
  for (const key of l.keys) {
    const v = value[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `"${key}":`;
    const nested = l.objects[key];
    const items = l.arraysOfObjects[key];
    if (nested && v !== null) out += writeLaid(v as Record<string, unknown>, nested);
    else if (items) out += `[${(v as Record<string, unknown>[]).map((item) => writeLaid(item, items)).join(',')}]`;
    // Strings, numbers, null and arrays of strings: JSON.stringify is already canonical.
    else out += JSON.stringify(v);
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
