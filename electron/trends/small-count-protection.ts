// Small-count protection for exports beyond the national level, as statistical offices do: a cell
// (issuer × fraud type × week × point of entry) with fewer than k records could point at one
// crossing, so its records are first coarsened (the point of entry becomes the country, the
// direction is dropped) and pooled with the other small cells of the same issuer × fraud type ×
// week; a pooled cell still below k is suppressed. Notes and crops of coarsened records go too:
// free text and images are the most identifying parts of a rare case.
import type { TrendRecord, TrendRecordContent } from '../contract/trends.contract';
import { createHash } from 'node:crypto';
import { contentId } from '../exchange/canonical-json';

export interface ProtectionResult {
  records: TrendRecord[];
  coarsened: number;
  suppressed: number;
}

const cellOf = (r: TrendRecord) => `${r.issuer ?? '-'}|${r.fraudType}|${r.week}|${r.context.pointOfEntry}`;
const poolOf = (r: TrendRecord) => `${r.issuer ?? '-'}|${r.fraudType}|${r.week}`;

// A coarsened record is the exporting station's statement, under its own proof of origin (the
// national record's station cannot sign what another station derived), and it names no station
// nearer than the exporter: a station id would point at a crossing as plainly as its code.
function coarsen(r: TrendRecord, exporter: string): TrendRecord {
  const { id: _id, ...rest } = r;
  const content: TrendRecordContent = {
    ...rest,
    station: exporter,
    context: { pointOfEntry: r.country, line: r.context.line, direction: null },
    notes: null,
    crops: [],
    // A coarsened record is a new, derived record; the superseded one never left the country.
    supersedes: null,
    // Derived from the national id, so repeated exports give the same id, yet the coarsened record
    // cannot be linked back to its point of entry by whoever lacks the national record.
    occurrence: createHash('sha256').update(`coarse:${r.id}`).digest('hex').slice(0, 16),
  };
  return { ...content, id: contentId(content) };
}

/** `exporter`: the station making the export (coarsened records are its own). */
export function protectSmallCounts(records: readonly TrendRecord[], k: number, exporter: string): ProtectionResult {
  const cells = new Map<string, number>();
  for (const r of records) cells.set(cellOf(r), (cells.get(cellOf(r)) ?? 0) + 1);
  const kept: TrendRecord[] = [];
  const small: TrendRecord[] = [];
  for (const r of records) ((cells.get(cellOf(r)) ?? 0) >= k ? kept : small).push(r);
  const pools = new Map<string, TrendRecord[]>();
  for (const r of small) {
    const list = pools.get(poolOf(r)) ?? [];
    list.push(r);
    pools.set(poolOf(r), list);
  }
  let coarsened = 0;
  let suppressed = 0;
  for (const list of pools.values()) {
    if (list.length >= k) {
      for (const r of list) kept.push(coarsen(r, exporter));
      coarsened += list.length;
    } else suppressed += list.length;
  }
  return { records: kept, coarsened, suppressed };
}
