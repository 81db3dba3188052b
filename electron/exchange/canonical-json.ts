// Canonical JSON (object keys sorted, no whitespace) so that the same content always hashes to the
// same id, whichever station serialised it. Written as a plain loop: it runs once per imported
// item, and the generic Object.entries/filter/sort/map version was the slowest step of an import.
import { createHash } from 'node:crypto';

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
