// The record digest printed on every page: sha256 over the examination record in canonical JSON
// (object keys sorted), so a printed report can be matched to the stored examination it came from.
import { createHash } from 'node:crypto';
import type { Examination } from '../contract/examination.contract';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function examinationDigest(exam: Examination): string {
  return createHash('sha256').update(JSON.stringify(canonical(exam))).digest('hex');
}
