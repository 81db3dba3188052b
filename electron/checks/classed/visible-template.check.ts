// Visible template: the background print and layout in white light match the reference, tile by
// tile (a local correlation map over the non-personal print); the tiles that differ are reported.
import { personalBoxes } from '../../identify/reference-frame';
import { calibratedBound } from '../../reference/calibrated-bounds';
import { tileCorrelation } from '../../identify/tile-correlation';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { CLAUSE, fmt, requireInputs, zoneEvidence } from './classed-common';

const TITLE = 'Background print and layout';
const EXPECTED = 'the fixed print matches the reference in white light';

/**
 * A 4 mm tile "differs" below this NCC (darkest-channel detail). Calibrated on genuine captures
 * (none/light/heavy, 30 each, every design): the worst genuine tile scores 0.63 light, 0.24 heavy;
 * no genuine capture had a differing tile. An erased or reprinted area scores ≈ 0.
 * Re-measured on the bench corpus (100 genuine per level) once the issuer's state name line was
 * made a personal zone of the built-in classes (it differs per document on the shared designs and
 * made 5–6 header tiles differ): the worst genuine capture now has 0 % differing tiles (none,
 * light) and 3.9 % (heavy); the 39 other-series pages all fail.
 */
export const TILE_MIN = 0.15;
export const BAD_TILE_FRACTION = 0.08;

export function runVisibleTemplate(input: CheckInput) {
  const req = requireInputs(input, ['white']);
  if (!req.ok) return notPerformed(visibleTemplateCheck, req.reason, CLAUSE);
  const tiles = tileCorrelation(req.capture.white, req.reference.white, req.id.homography, personalBoxes(req.id.cls), req.id.cls.dpi, 4, undefined, false);
  if (tiles.length < 4) return notPerformed(visibleTemplateCheck, 'too little fixed print to compare', CLAUSE);
  const bad = tiles.filter((t) => t.score < TILE_MIN);
  const fraction = bad.length / tiles.length;
  const allowed = calibratedBound(req.id.cls, CHECK_IDS.visibleTemplate, 'bad-tile-fraction', BAD_TILE_FRACTION);
  const fail = fraction > allowed;
  return result(visibleTemplateCheck, {
    status: fail ? 'fail' : 'pass',
    measured: `${bad.length} of ${tiles.length} tiles differ (${fmt(fraction * 100, 1)} %)`,
    expected: `≤ ${fmt(allowed * 100, 0)} % of tiles below correlation ${TILE_MIN}`,
    evidence: bad.slice(0, 40).map((t) => zoneEvidence(req.id, 'white', req.capture.white, t.box, `correlation ${fmt(t.score)}`)),
    explanation: fail
      ? 'The background print differs from the reference at the outlined places: reprinted, erased or pasted-over areas.'
      : 'The fixed print and layout match the reference.',
  });
}

export const visibleTemplateCheck: Check<'document'> = {
  id: CHECK_IDS.visibleTemplate,
  title: TITLE,
  layer: 'physical',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: ['white'], identified: true, mrz: false },
  run: runVisibleTemplate,
};
