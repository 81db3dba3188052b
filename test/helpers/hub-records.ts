// Varied non-personal trend records for the hub query tests: skewed issuers, documents, fraud types
// and points of entry over 30 weeks, unknown issuers and series, records listing a check twice, an
// issuer ('D') that is the prefix of another ('DEU'), and a burst of a new combination at the end.
import type { FraudType, TrendRecord } from '../../electron/contract/trends.contract';
import { createRng } from '../../electron/specimens/prng';
import { addWeeks } from '../../electron/trends/iso-week';
import { makeRecord } from './trend-fixtures';

export const LAST = '2026-W40';
const ISSUERS = ['UTO', 'UTO', 'UTO', 'D', 'DEU', null] as const;
const DOCUMENTS = ['Passport', 'Passport', 'Identity card', 'Visa'] as const;
const SERIES = ['2019', '2019', '2015', null] as const;
const FRAUD: FraudType[] = ['forged-photo-substitution', 'forged-photo-substitution', 'counterfeit', 'counterfeit', 'stolen-blank', 'impostor-look-alike'];
const POINTS = ['RS-BATROVCI', 'RS-BATROVCI', 'RS-HORGOS', 'RS-PRESEVO', 'RS-BEG'];
const CHECKS = ['photo-substitution', 'uv-dullness', 'b900', 'mrz-check-digits', 'template-match'];

/** 700 records of `station` over the 30 weeks up to LAST; the last 60 are a burst of one new combination. */
export function variedRecords(station: string): TrendRecord[] {
  const rng = createRng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng.next() * list.length)]!;
  return Array.from({ length: 700 }, (_, i) => {
    const burst = i >= 640;
    const caughtBy = [pick(CHECKS), ...(rng.next() < 0.3 ? [pick(CHECKS)] : [])];
    if (i % 50 === 0) caughtBy.push(caughtBy[0]!); // listed twice: counts once
    return makeRecord(station, i, {
      issuer: burst ? 'DEU' : pick(ISSUERS),
      documentType: burst ? 'Residence permit' : pick(DOCUMENTS),
      series: burst ? null : pick(SERIES),
      fraudType: burst ? 'stolen-blank' : pick(FRAUD),
      pointOfEntry: pick(POINTS),
      week: burst ? addWeeks(LAST, -Math.floor(rng.next() * 2)) : addWeeks(LAST, -Math.floor(rng.next() * 30)),
      caughtBy,
    });
  });
}

