import { describe, expect, it } from 'vitest';
import { equalErrorRate, percentile, rates } from '../../../electron/face/face-metrics';

describe('verification error rates', () => {
  const genuine = [0.1, 0.2, 0.3, 0.45];
  const impostor = [0.4, 0.6, 0.7, 0.8, 0.9];

  it('counts false non-matches and false matches at a threshold', () => {
    expect(rates(genuine, impostor, 0.35)).toEqual({ fnmr: 0.25, fmr: 0 });
    expect(rates(genuine, impostor, 0.5)).toEqual({ fnmr: 0, fmr: 0.2 });
    expect(rates([], [], 0.5)).toEqual({ fnmr: 0, fmr: 0 });
  });

  it('finds the equal error rate, and zero for separated distributions', () => {
    const e = equalErrorRate(genuine, impostor);
    expect(e.eer).toBeCloseTo(0.225, 3);
    expect(equalErrorRate([0.1, 0.2], [0.5, 0.6])).toEqual({ eer: 0, threshold: 0.2 });
  });

  it('takes percentiles without sorting the input in place', () => {
    const values = [5, 1, 3, 2, 4];
    expect(percentile(values, 0.5)).toBe(3);
    expect(percentile(values, 0.95)).toBe(5);
    expect(values).toEqual([5, 1, 3, 2, 4]);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
