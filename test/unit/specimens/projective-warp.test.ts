import { describe, expect, it } from 'vitest';
import { planDegradation, placePage } from '../../../electron/specimens/capture-degrade';
import { createRng, deriveSeed } from '../../../electron/specimens/prng';
import { applyHomography, homographyFromPoints, invert3, warpImages, type Point } from '../../../electron/specimens/projective-warp';

describe('homography', () => {
  it('maps the four source corners onto the four destination corners', () => {
    const src: Point[] = [[0, 0], [100, 0], [100, 50], [0, 50]];
    const dst: Point[] = [[10, 5], [118, 2], [112, 61], [4, 57]];
    const h = homographyFromPoints(src, dst);
    src.forEach((p, i) => {
      const [x, y] = applyHomography(h, p);
      expect(x).toBeCloseTo((dst[i] as Point)[0], 6);
      expect(y).toBeCloseTo((dst[i] as Point)[1], 6);
    });
    const back = applyHomography(invert3(h), applyHomography(h, [37, 21]));
    expect(back[0]).toBeCloseTo(37, 6);
    expect(back[1]).toBeCloseTo(21, 6);
  });

  it('warps a dark square to where the homography says, and fills outside with the bed colour', () => {
    const w = 60;
    const h = 40;
    const data = new Uint8Array(w * h).fill(255);
    for (let y = 10; y < 20; y++) for (let x = 20; x < 30; x++) data[y * w + x] = 0;
    const shift = homographyFromPoints([[0, 0], [w, 0], [w, h], [0, h]], [[5, 3], [w + 5, 3], [w + 5, h + 3], [5, h + 3]]);
    const [out] = warpImages([{ data, width: w, height: h, channels: 1 }], shift, w + 10, h + 6, [[7]]);
    expect(out?.data[15 * (w + 10) + 30]).toBeCloseTo(0, 0); // (25,12) moved by (5,3)
    expect(out?.data[0]).toBe(7);
  });
});

describe('degradation plans', () => {
  it('stay within the documented ranges', () => {
    for (let i = 0; i < 200; i++) {
      const light = planDegradation('light', createRng(deriveSeed(i, 'l')), 300);
      expect(Math.abs(light.rotationDeg)).toBeLessThanOrEqual(1);
      expect(light.blurSigma).toBeLessThanOrEqual(0.8);
      expect(light.outDpi).toBe(300);
      const heavy = planDegradation('heavy', createRng(deriveSeed(i, 'h')), 300);
      expect(Math.abs(heavy.rotationDeg)).toBeLessThanOrEqual(4);
      expect(heavy.blurSigma).toBeGreaterThanOrEqual(1);
      expect(heavy.blurSigma).toBeLessThanOrEqual(1.5);
      expect(heavy.outDpi).toBeGreaterThanOrEqual(200);
      expect(heavy.outDpi).toBeLessThanOrEqual(250);
      expect(heavy.jpegQuality).toBeGreaterThanOrEqual(50);
      expect(heavy.jpegQuality).toBeLessThanOrEqual(70);
      for (const [dx, dy] of heavy.corners) {
        expect(Math.abs(dx)).toBeLessThanOrEqual(0.02);
        expect(Math.abs(dy)).toBeLessThanOrEqual(0.02);
      }
      const place = placePage(heavy, 300, 1476, 1039);
      for (const [x, y] of place.corners) {
        // The page may graze the frame edge but never leaves the capture.
        expect(x).toBeGreaterThan(-0.03 * place.outW);
        expect(y).toBeGreaterThan(-0.03 * place.outH);
        expect(x).toBeLessThan(1.03 * place.outW);
        expect(y).toBeLessThan(1.03 * place.outH);
      }
    }
  });
});
