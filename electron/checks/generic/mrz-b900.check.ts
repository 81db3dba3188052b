// ICAO 9303 Part 2 (inspection) and Part 3 §3.3: the MRZ is printed in ink that absorbs in the
// B900 near-infrared band (850–950 nm), so it stays dark in the IR image. Inkjet and most laser
// forgeries use non-absorbing colour inks and their MRZ drops out in IR.
//
// Measured: the ink contrast of the MRZ glyphs in IR relative to the same glyph positions in
// white light, contrast = median(paper) − median(darkest half of the glyph pixels), the glyph
// positions taken from the white image (Otsu split inside the MRZ quad).
import type { CheckResult } from '../../contract/examination.contract';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { geometryFits, round, sizeMismatch } from './capture-geometry';
import { BECAUSE, missingInput } from './missing-input';
import { glyphMask, inkContrast, mrzPixels } from './mrz-region';


/**
 * IR/white contrast ratio. Calibrated with test/integration/checks-generic/calibrate.ts
 * (seed 4242, 30 genuine specimens per degradation level, 90 in all; non-B900 versions made by
 * taking the IR image inside the MRZ box to the surrounding paper level):
 *   genuine  none 0.95–0.96, light 0.95–0.97, heavy 0.94–0.96 (min 0.94)
 *   non-B900 none 0.00–0.01, light 0.00–0.01, heavy 0.01–0.02 (max 0.02)
 * Fail below 0.35, warn below 0.6: far from both populations (genuine ≥ 0.94, forged ≤ 0.02);
 * a partly absorbing ink (about half the contrast) lands in the warn band.
 */
export const B900_FAIL_RATIO = 0.35;
export const B900_WARN_RATIO = 0.6;
/** Below this white-light contrast there is no printed MRZ to compare (grey levels). */
const MIN_WHITE_CONTRAST = 40;

const EXPECTED = `MRZ glyphs as dark in infrared as in white light: IR/white ink contrast ≥ ${B900_WARN_RATIO} (fail below ${B900_FAIL_RATIO})`;

export function runMrzB900(input: CheckInput): CheckResult {
  const missing = missingInput(input, ['ir', 'white'], true);
  if (missing) return notPerformed(mrzB900Check, missing, BECAUSE);
  const ir = input.images.ir!;
  const white = input.images.white!;
  const geometry = input.mrz!.geometry!;
  const mismatch = sizeMismatch(ir, white);
  if (mismatch) return notPerformed(mrzB900Check, mismatch, BECAUSE);
  if (!geometryFits(geometry, ir)) return notPerformed(mrzB900Check, 'the MRZ position does not lie inside the captured images (it was read from an image of another size)', BECAUSE);

  const pixels = mrzPixels(geometry.corners, white);
  const glyph = glyphMask(pixels, white);
  const w = inkContrast(pixels, glyph, white);
  const i = inkContrast(pixels, glyph, ir);
  if (w.contrast < MIN_WHITE_CONTRAST || w.glyphPixels < 50) {
    return notPerformed(mrzB900Check, `the MRZ glyphs are too faint in white light to locate (contrast ${round(w.contrast, 0)} grey levels)`, BECAUSE);
  }
  const ratio = i.contrast / w.contrast;
  const status = ratio < B900_FAIL_RATIO ? 'fail' : ratio < B900_WARN_RATIO ? 'warn' : 'pass';
  const measured = `IR/white ink contrast ${round(ratio)} (IR: ink ${round(i.ink, 0)}, paper ${round(i.paper, 0)}; white: ink ${round(w.ink, 0)}, paper ${round(w.paper, 0)} grey levels)`;
  const explanation =
    status === 'pass'
      ? 'The MRZ absorbs infrared as B900 ink does.'
      : status === 'fail'
        ? 'The MRZ almost vanishes in infrared: it is not printed with B900 ink. Genuine documents print the MRZ in IR-absorbing ink; an MRZ printed with ordinary inkjet or colour toner is a strong sign of a counterfeit or a re-printed zone. Compare the MRZ under the IR lamp with a known genuine document.'
        : 'The MRZ is clearly weaker in infrared than in white light. Check under the IR lamp whether every character stays black; a partly absorbing ink or a patched MRZ shows this pattern.';
  return result(mrzB900Check, {
    status,
    measured,
    expected: EXPECTED,
    evidence: status === 'pass' ? [{ light: 'ir', region: pixels.box, note: 'MRZ in infrared' }] : [
      { light: 'ir', region: pixels.box, note: `MRZ contrast in infrared is ${Math.round(ratio * 100)} % of white light` },
      { light: 'white', region: pixels.box, note: 'the same MRZ in white light' },
    ],
    explanation,
  });
}

export const mrzB900Check: Check<'document'> = {
  id: CHECK_IDS.mrzB900,
  title: 'MRZ printed in B900 (infrared-absorbing) ink',
  layer: 'physical',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: ['ir', 'white'], identified: false, mrz: true },
  run: runMrzB900,
};
