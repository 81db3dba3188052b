import { describe, expect, it } from 'vitest';
import { applyH, cornerError, fitHomography, invertH, multiplyH } from '../../../electron/identify/homography';

const H = [0.98, 0.05, 30, -0.04, 1.01, 45, 0.00002, -0.00001, 1];

describe('homography', () => {
  it('fits a known homography from noisy-free correspondences and inverts it', () => {
    const src: [number, number][] = [[0, 0], [1400, 0], [1400, 1000], [0, 1000], [700, 500], [300, 800]];
    const dst = src.map(([x, y]) => applyH(H, x, y));
    const fit = fitHomography(src, dst)!;
    expect(cornerError(fit, H, 1400, 1000)).toBeLessThan(1e-6);
    expect(cornerError(multiplyH(fit, invertH(fit)), [1, 0, 0, 0, 1, 0, 0, 0, 1], 1400, 1000)).toBeLessThan(1e-6);
  });

  it('refuses degenerate (collinear) points and a singular matrix', () => {
    expect(fitHomography([[0, 0], [1, 1], [2, 2], [3, 3]], [[0, 0], [1, 1], [2, 2], [3, 3]])).toBeNull();
    expect(() => invertH([0, 0, 0, 0, 0, 0, 0, 0, 1])).toThrow(/singular/);
  });
});
