// ICAO 9303 Part 2 (inspection) and Part 3 §2 (security of the substrate): the document substrate
// is UV-dull — under 365 nm light only the planned features (fibres, emblems, UV inks) glow.
// Ordinary office paper contains optical brighteners and glows blue-white over the whole page.
//
// Without identification the feature positions are unknown, so the substrate level is a robust
// statistic over the page: the median luminance of the UV image inside the page quad. Fibres and
// emblems cover a minority of the page and do not move the median.
import type { CheckResult } from '../../contract/examination.contract';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { boundingBox, insideQuad, percentile, round, sizeMismatch, type Point } from './capture-geometry';
import { BECAUSE, missingInput } from './missing-input';
import { findCapturePage, type PageArea } from './page-area';


/**
 * Median UV luminance of the page (0..255). Calibrated with test/integration/checks-generic/calibrate.ts
 * (seed 4242, 30 genuine specimens per degradation level; office-paper versions made by adding a
 * blue-white glow to the UV image wherever the white image shows bare paper):
 *   genuine       none 28, light 25–26, heavy 23–24 (max 28)
 *   full glow     none 196, light 184–193, heavy 149–172 (min 149)
 *   half glow     none 112, light 105–110, heavy 86–98 (min 86)
 * Warn from 50 (×1.8 the brightest genuine page), fail from 80 (below the weakest half-strength
 * glow, so even a weakly brightened paper fails).
 */
export const UV_WARN_LEVEL = 50;
export const UV_FAIL_LEVEL = 80;
/** Sample every STEP-th pixel: the median of a quarter-million samples is as stable as of all. */
const STEP = 3;

const EXPECTED = `page substrate dull under UV: median luminance < ${UV_WARN_LEVEL} (fail at ≥ ${UV_FAIL_LEVEL})`;

function insetQuad(page: PageArea, fraction: number): Point[] {
  const cx = page.corners.reduce((s, p) => s + p[0], 0) / 4;
  const cy = page.corners.reduce((s, p) => s + p[1], 0) / 4;
  return page.corners.map(([x, y]): Point => [x + (cx - x) * fraction, y + (cy - y) * fraction]);
}

export function runUvDullness(input: CheckInput): CheckResult {
  const missing = missingInput(input, ['uv'], false);
  if (missing) return notPerformed(uvDullnessCheck, missing, BECAUSE);
  const uv = input.images.uv!;
  const source = input.images.ir ?? input.images.white;
  if (source) {
    const mismatch = sizeMismatch(uv, source);
    if (mismatch) return notPerformed(uvDullnessCheck, mismatch, BECAUSE);
  }
  const page = findCapturePage(input.images);
  // Without another light the whole UV image is taken as the page (a capture cropped to the page).
  const { width, height, data } = uv.grey;
  const quad: Point[] = page ? insetQuad(page, 0.04) : [[0, 0], [width, 0], [width, height], [0, height]];
  const box = boundingBox(quad, width, height);
  const samples: number[] = [];
  for (let y = box.y; y < box.y + box.h; y += STEP) {
    for (let x = box.x; x < box.x + box.w; x += STEP) if (insideQuad(quad, x, y)) samples.push(data[y * width + x]!);
  }
  if (samples.length < 1000) return notPerformed(uvDullnessCheck, 'the page area in the UV image is too small to measure', BECAUSE);
  samples.sort((a, b) => a - b);
  const median = percentile(samples, 0.5);
  const p25 = percentile(samples, 0.25);
  const status = median >= UV_FAIL_LEVEL ? 'fail' : median >= UV_WARN_LEVEL ? 'warn' : 'pass';
  const where = page ? 'page area' : 'whole UV image (page not located: no white or IR image)';
  const explanation =
    status === 'pass'
      ? 'The substrate stays dark under UV: no optical brighteners.'
      : status === 'fail'
        ? 'The whole page glows under UV. Genuine security paper is UV-dull; a glowing substrate means ordinary paper with optical brighteners — typical of a counterfeit printed on office paper. Look at the page under the UV lamp next to a genuine document.'
        : 'The substrate is brighter under UV than genuine documents. Check under the UV lamp whether the paper itself glows (counterfeit on ordinary paper) or only a contamination or a strong lamp.';
  return result(uvDullnessCheck, {
    status,
    measured: `median UV luminance ${round(median, 0)} over the ${where} (25th percentile ${round(p25, 0)}; ${samples.length} samples)`,
    expected: EXPECTED,
    evidence: [{ light: 'uv', region: box, note: `substrate median ${round(median, 0)}` }],
    explanation,
  });
}

export const uvDullnessCheck: Check<'document'> = {
  id: CHECK_IDS.uvDullness,
  title: 'UV-dull substrate',
  layer: 'physical',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: ['uv'], identified: false, mrz: false },
  run: runUvDullness,
};
