import { describe, expect, it } from 'vitest';
import { detectEmergingTrends } from '../../../electron/hub/emerging-trends';
import { poissonUpperTail } from '../../../electron/trends/emerging-trends';
import { addWeeks, isoWeekOf, mondayOf, weekRange } from '../../../electron/trends/iso-week';

const key = (fraudType: string) => ({ issuer: 'UTO', documentType: 'Passport', series: '2019', fraudType });

describe('emerging-trend detector', () => {
  it('computes Poisson upper tails', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X ≥ 3 | λ = 1) = 1 - e^-1 (1 + 1 + 1/2)
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    expect(poissonUpperTail(200, 10)).toBeGreaterThan(0);
    expect(poissonUpperTail(200, 10)).toBeLessThan(1e-100);
  });

  it('flags a rise against the baseline and a new combination, with their evidence, and ignores steady or small counts', () => {
    const steady = Array.from({ length: 14 }, () => 5);
    const rising = [...Array.from({ length: 12 }, () => 1), 6, 7];
    const fresh = [...Array.from({ length: 12 }, () => 0), 0, 3];
    const tiny = [...Array.from({ length: 12 }, () => 0), 1, 1];
    const flagged = detectEmergingTrends([
      { key: key('counterfeit'), counts: steady },
      { key: key('forged-photo-substitution'), counts: rising },
      { key: key('stolen-blank'), counts: fresh },
      { key: key('other'), counts: tiny },
    ]);
    expect(flagged.map((f) => [f.key.fraudType, f.kind, f.recent, f.baselineTotal])).toEqual([
      ['forged-photo-substitution', 'rising', 13, 12],
      ['stolen-blank', 'new', 3, 0],
    ]);
    expect(flagged[0]!.baselineMean).toBe(1);
    expect(flagged[0]!.expected).toBe(2);
    expect(flagged[0]!.pValue).toBeCloseTo(poissonUpperTail(13, 2), 15);
  });
});

describe('ISO weeks', () => {
  it('follows ISO 8601 at year boundaries', () => {
    expect(isoWeekOf(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(mondayOf('2026-W01').toISOString().slice(0, 10)).toBe('2025-12-29');
    expect(addWeeks('2026-W52', 2)).toBe('2027-W01');
    expect(weekRange('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });
});
