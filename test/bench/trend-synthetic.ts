// Synthetic trend records for the benchmark: a deterministic mix of issuers, documents, fraud
// types, points of entry and weeks that fills the dashboard the way two years of a national
// network would. Only the facts a record may hold.
import { createRng } from '../../electron/specimens/prng';
import { createHash } from 'node:crypto';
import { FRAUD_TYPES, TREND_RECORD_SCHEMA, type TrendRecord, type TrendRecordContent } from '../../electron/contract/trends.contract';
import { contentId } from '../../electron/exchange/canonical-json';
import { addWeeks } from '../../electron/trends/iso-week';

const ISSUERS = ['UTO', 'SRB', 'BIH', 'MNE', 'MKD', 'ALB', 'HRV', 'SVN', 'BGR', 'ROU', 'HUN', 'GRC', 'TUR', 'UKR', 'MDA'];
const DOCS = [
  ['Passport', '2019'],
  ['Passport', '2008'],
  ['Identity card', '2021'],
  ['Identity card', '2014'],
  ['Residence permit', '2020'],
  ['Visa', '2018'],
] as const;
const POES = ['RS-BATROVCI', 'RS-HORGOS', 'RS-PRESEVO', 'RS-BEG', 'RS-GRADINA', 'RS-KELEBIJA', 'RS-SID', 'RS-VATIN', 'RS-MALI-ZVORNIK', 'RS-JABUKA', 'RS-NIS', 'RS-SUBOTICA'];
const CHECKS = ['photo.substitution', 'uv.features', 'ir.features', 'visible.template', 'viz.mrz-consistency', 'mrz.b900', 'uv.dullness', 'mrz.geometry', 'document.identification'];


export const BENCH_LAST_WEEK = '2026-W47';

/** Records `from` .. `from + count - 1` of the synthetic stream (the same index gives the same record). */
export function syntheticRecords(from: number, count: number, station = '0123456789abcdef'): TrendRecord[] {
  const out: TrendRecord[] = [];
  for (let i = from; i < from + count; i++) {
    const r = seededRandom(i * 2654435761);
    const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
    // Skewed choices, as real data is: a few issuers and fraud types dominate.
    const skew = <T>(list: readonly T[]) => list[Math.floor(r() * r() * list.length)]!;
    const issuer = skew(ISSUERS);
    const [documentType, series] = pick(DOCS);
    const caught = CHECKS.filter(() => r() < 0.25).slice(0, 3);
    const missed = CHECKS.filter((c) => !caught.includes(c) && r() < 0.3).slice(0, 3);
    const content: TrendRecordContent = {
      schema: TREND_RECORD_SCHEMA,
      station,
      country: 'SRB',
      issuer,
      documentType,
      series,
      documentClassId: `${issuer.toLowerCase()}-${documentType.toLowerCase().replace(/ /g, '-')}-${series}`,
      fraudType: skew(FRAUD_TYPES),
      revealedBy: caught.length ? ['UV emblem'] : [],
      caughtBy: caught.length ? caught : ['document.identification'],
      missedBy: missed,
      context: { pointOfEntry: skew(POES), line: r() < 0.7 ? 'second' : 'first', direction: r() < 0.5 ? 'entry' : 'exit' },
      week: addWeeks(BENCH_LAST_WEEK, -Math.floor(r() * 104)),
      notes: r() < 0.1 ? 'Laminate lifted at the photo corner.' : null,
      crops: [],
      supersedes: null,
      occurrence: createHash('sha256').update(`bench:${station}:${i}`).digest('hex').slice(0, 16),
    };
    out.push({ ...content, id: contentId(content) });
  }
  return out;
}

/** A seeded uniform [0, 1) source (the specimens' mulberry32), so every run measures the same data. */
function seededRandom(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}
