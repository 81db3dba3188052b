import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../electron/contract/examination.contract';
import { TrendRecordSchema } from '../../../electron/contract/trends.contract';
import { detectEmergingTrends, poissonUpperTail, type WeeklyCount } from '../../../electron/trends/emerging-trends';
import { proposeFraudType } from '../../../electron/trends/fraud-type-proposal';
import { addWeeks, isoWeekOf, weekRange } from '../../../electron/trends/iso-week';
import { protectSmallCounts } from '../../../electron/trends/small-count-protection';
import { makeRecord } from './trend-fixtures';

const check = (id: string, status: CheckResult['status']): CheckResult => ({ id, title: id, layer: 'physical', status, measured: '', expected: '', evidence: [], explanation: '' });

describe('ISO weeks', () => {
  it('follows ISO 8601 at year boundaries', () => {
    expect(isoWeekOf(new Date('2026-11-22T16:00:00Z'))).toBe('2026-W47');
    expect(isoWeekOf(new Date('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(isoWeekOf(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(addWeeks('2026-W01', -1)).toBe('2025-W52');
    expect(weekRange('2020-W52', '2021-W02')).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
  });
});

describe('fraud type proposal', () => {
  it('maps verdicts and uses the failed checks for the forgery sub-type', () => {
    expect(proposeFraudType('false-counterfeit', [])).toBe('counterfeit');
    expect(proposeFraudType('fraud-impostor', [])).toBe('impostor-look-alike');
    expect(proposeFraudType('fraud-fraudulently-obtained', [])).toBe('fraudulently-obtained-genuine');
    expect(proposeFraudType('false-pseudo', [])).toBe('pseudo-fantasy');
    expect(proposeFraudType('false-forged', [check('photo.substitution', 'fail')])).toBe('forged-photo-substitution');
    expect(proposeFraudType('false-forged', [check('viz.mrz-consistency', 'fail')])).toBe('forged-data-alteration');
    expect(proposeFraudType('false-forged', [check('visible.template', 'warn')])).toBe('forged-page-substitution');
    expect(proposeFraudType('false-forged', [check('photo.substitution', 'pass')])).toBe('forged-other');
    expect(proposeFraudType('genuine', [])).toBeNull();
  });
});

describe('small-count protection', () => {
  it('keeps cells of at least k, pools small cells at country level, suppresses what stays small', () => {
    const big = Array.from({ length: 3 }, () => makeRecord({ poe: 'RS-A', notes: 'seen often' }));
    const pooled = [makeRecord({ poe: 'RS-B', notes: 'rare case' }), makeRecord({ poe: 'RS-C' }), makeRecord({ poe: 'RS-D' })];
    const alone = [makeRecord({ poe: 'RS-E', fraudType: 'stolen-blank' })];
    const out = protectSmallCounts([...big, ...pooled, ...alone], 3, 'e0e0e0e0e0e0e0e0');
    expect(out).toMatchObject({ coarsened: 3, suppressed: 1 });
    expect(out.records).toHaveLength(6);
    const coarse = out.records.filter((r) => r.context.pointOfEntry === 'SRB');
    expect(coarse).toHaveLength(3);
    for (const r of coarse) {
      expect(r.notes).toBeNull();
      expect(r.context.direction).toBeNull();
      expect(TrendRecordSchema.parse(r)).toEqual(r);
      expect(pooled.map((p) => p.id)).not.toContain(r.id);
      // A coarsened record is the exporter's: no station nearer than it is named.
      expect(r.station).toBe('e0e0e0e0e0e0e0e0');
    }
    expect(out.records.some((r) => r.fraudType === 'stolen-blank')).toBe(false);
    // Deterministic: the same input exports the same ids (receivers deduplicate).
    expect(protectSmallCounts([...big, ...pooled, ...alone], 3, 'e0e0e0e0e0e0e0e0').records.map((r) => r.id)).toEqual(out.records.map((r) => r.id));
  });
});

describe('emerging-trend detector', () => {
  it('computes the Poisson upper tail', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 10);
    expect(poissonUpperTail(5, 0.5)).toBeLessThan(0.001);
  });

  it('flags a new combination and a rising one, with the evidence, and not steady noise', () => {
    const now = '2026-W47';
    const counts: WeeklyCount[] = [];
    for (let i = 2; i < 10; i++) counts.push({ series: 'steady', fraudType: 'counterfeit', week: addWeeks(now, -i), count: 3 });
    counts.push({ series: 'steady', fraudType: 'counterfeit', week: now, count: 4 }, { series: 'steady', fraudType: 'counterfeit', week: addWeeks(now, -1), count: 3 });
    counts.push({ series: 'uto-2019', fraudType: 'forged-photo-substitution', week: now, count: 4 }, { series: 'uto-2019', fraudType: 'forged-photo-substitution', week: addWeeks(now, -1), count: 2 });
    for (let i = 2; i < 10; i++) counts.push({ series: 'rising', fraudType: 'stolen-blank', week: addWeeks(now, -i), count: i % 4 === 0 ? 1 : 0 });
    counts.push({ series: 'rising', fraudType: 'stolen-blank', week: now, count: 7 });
    counts.push({ series: 'too-few', fraudType: 'other', week: now, count: 2 });
    const found = detectEmergingTrends(counts, now);
    expect(found.map((f) => [f.series, f.kind])).toEqual(expect.arrayContaining([['uto-2019', 'new'], ['rising', 'rising']]));
    expect(found.map((f) => f.series)).not.toContain('steady');
    expect(found.map((f) => f.series)).not.toContain('too-few');
    const rising = found.find((f) => f.series === 'rising')!;
    expect(rising).toMatchObject({ recent: 7, baseline: 2, expected: 0.5, recentWeeks: ['2026-W46', '2026-W47'], baselineWeeks: ['2026-W38', '2026-W45'] });
  });
});
