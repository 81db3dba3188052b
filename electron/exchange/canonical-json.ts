// Canonical JSON (object keys sorted, no whitespace) so that the same content always hashes to the
// same id, whichever station serialised it.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in canonical JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The content id of a record or alert: sha256 of the canonical JSON of its content (without `id`). */
export function contentId(content: object): string {
  const { id: _ignored, ...rest } = content as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
