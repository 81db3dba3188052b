// Photo substitution: a replaced portrait breaks the background print around the photo (ring
// outside the zone no longer matches the reference) and no longer matches the ghost image, which
// the issuer prints as a light copy of the same portrait.
import type { Box } from '../../contract/capture.contract';
import type { Evidence } from '../../contract/examination.contract';
import { viewGrey, warpGrey } from '../../identify/frame-sample';
import { multiplyH, type Homography } from '../../identify/homography';
import { ncc } from '../../identify/ncc';
import { calibratedBound } from '../../reference/calibrated-bounds';
import { minChannel } from '../../identify/tile-correlation';
import type { GreyImage } from '../../imaging/grey-image';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { CLAUSE, fmt, grow, requireInputs, zoneEvidence } from './classed-common';

const TITLE = 'Photo zone';
const EXPECTED = 'print around the portrait intact, no cut or shadow line around it; ghost image a copy of the portrait';

/**
 * Calibrated on genuine captures (none/light/heavy, 30 each; test/integration/checks-classed):
 * ring NCC ≥ 0.84 and portrait/ghost NCC ≥ 0.74 on every genuine capture.
 */
export const RING_MIN = 0.6;
export const GHOST_MIN = 0.5;
/**
 * Straight-edge score (grey levels) above which a cut or shadow line around the portrait is reported.
 * Measured on the page around the portrait only (cutEdgeScore), on the generator's documents:
 * genuine ≤ 0.5 (none), ≤ 3.0 (light), ≤ 3.8 (heavy) (100 each, every design) and ≤ 0.5 with real
 * faces in the portrait (24, portrait specimens); photo-substitution specimens ≥ 30.4 (none),
 * ≥ 23.8 (light), 9.1–17.5 (heavy) (15 each; the heavy ones are caught under infrared, where the
 * photo paper's dyes drop out).
 */
export const EDGE_MAX = 18;
/** Design edges (e.g. a header band) may sit this far from where a blurred, slightly misaligned capture shows them. */
const EDGE_TOLERANCE_PX = 4;

/** A reference box resampled to a fixed grid (gw × gh) from an image related to reference pixels by `h`. */
function grid(img: GreyImage, h: Homography, box: Box, gw: number, gh: number) {
  return warpGrey(img, multiplyH(h, [box.w / gw, 0, box.x, 0, box.h / gh, box.y, 0, 0, 1]), gw, gh);
}

/**
 * A reference learned from captures (docs/reference-format.md, "Learned classes") is as soft as the
 * captures it was made from: its print is compared at a scale where a sharper capture's thin lines
 * and steps look alike (box-filtered samples, steps measured over a few pixels).
 */
interface Softness {
  soft: boolean;
}

/** The reference box sampled every 3 px: point samples, or box-filtered ones for a soft reference. */
function ringGrid(img: GreyImage, h: Homography, box: Box, gw: number, gh: number, { soft }: Softness) {
  return soft ? viewGrey(img, h, box, box.w / gw) : grid(img, h, box, gw, gh);
}

/** NCC of the band (width `band`) just outside `box`, capture vs reference, over the four sides. */
function ringScore(cap: GreyImage, ref: GreyImage, h: Homography, box: Box, band: number, softness: Softness): number {
  const sides: Box[] = [
    { x: box.x - band, y: box.y - band, w: box.w + 2 * band, h: band },
    { x: box.x - band, y: box.y + box.h, w: box.w + 2 * band, h: band },
    { x: box.x - band, y: box.y, w: band, h: box.h },
    { x: box.x + box.w, y: box.y, w: band, h: box.h },
  ];
  const a: number[] = [];
  const b: number[] = [];
  for (const s of sides) {
    const gw = Math.max(4, Math.round(s.w / 3));
    const gh = Math.max(4, Math.round(s.h / 3));
    const c = ringGrid(cap, h, s, gw, gh, softness);
    const r = ringGrid(ref, [1, 0, 0, 0, 1, 0, 0, 0, 1], s, gw, gh, softness);
    for (let p = 0; p < Math.min(c.valid.length, r.valid.length); p++) {
      if (!c.valid[p] || !r.valid[p]) continue;
      a.push(c.img.data[p]!);
      b.push(r.img.data[p]!);
    }
  }
  return ncc(a, b);
}

/**
 * Straight edges around the portrait that the reference does not have: the cut or the shadow of a
 * pasted photo. Bands across each side of the zone are resampled at reference resolution from the
 * capture and from the reference; rows (or columns) are averaged along the side in three segments,
 * so guilloche lines cancel out while a straight step survives. The score is the strongest step in
 * the capture profile beyond what the reference shows within ±EDGE_TOLERANCE_PX, in grey levels.
 *
 * Only the page outside the portrait is scored. The portrait is personal: on every genuine document
 * it shows another face on another background, so its own edge — where it meets the page, exactly
 * on the zone's border — steps by as much as the holder's hair or backdrop differs from the paper,
 * which the reference's placeholder portrait says nothing about (a real portrait with dark hair at
 * the border measured 93 grey levels there on a genuine page). A pasted photo's cut lies on the
 * page itself: its sheet overlaps the print around the zone (bench corpus: 5–20 px outside).
 */
function cutEdgeScore(cap: GreyImage, ref: GreyImage, h: Homography, box: Box, dpi: number, masks: Box[], { soft }: Softness): number {
  const out = Math.round((3 / 25.4) * dpi);
  const inside = Math.round((1 / 25.4) * dpi);
  const pageMargin = Math.round((1 / 25.4) * dpi);
  const tol = EDGE_TOLERANCE_PX;
  // `portrait(pos)`: the position lies in the portrait or on its own border (personal, not scored).
  const sides: { band: Box; across: 'rows' | 'cols'; portrait: (pos: number) => boolean }[] = [
    { band: { x: box.x, y: box.y - out, w: box.w, h: out + inside }, across: 'rows', portrait: (pos) => pos >= box.y - tol },
    { band: { x: box.x, y: box.y + box.h - inside, w: box.w, h: out + inside }, across: 'rows', portrait: (pos) => pos <= box.y + box.h + tol },
    { band: { x: box.x - out, y: box.y, w: out + inside, h: box.h }, across: 'cols', portrait: (pos) => pos >= box.x - tol },
    { band: { x: box.x + box.w - inside, y: box.y, w: out + inside, h: box.h }, across: 'cols', portrait: (pos) => pos <= box.x + box.w + tol },
  ];
  let best = 0;
  for (const { band, across, portrait } of sides) {
    const gw = Math.max(2, Math.round(band.w));
    const gh = Math.max(2, Math.round(band.h));
    const c = grid(cap, h, band, gw, gh);
    const r = grid(ref, [1, 0, 0, 0, 1, 0, 0, 0, 1], band, gw, gh);
    const steps = across === 'rows' ? gh : gw;
    const along = across === 'rows' ? gw : gh;
    for (let seg = 0; seg < 3; seg++) {
      const a0 = Math.floor((seg * along) / 3);
      const a1 = Math.floor(((seg + 1) * along) / 3);
      const profile = (g: { img: GreyImage }) => {
        const out: number[] = [];
        for (let k = 0; k < steps; k++) {
          let sum = 0;
          let n = 0;
          for (let a = a0; a < a1; a++) {
            const p = across === 'rows' ? k * gw + a : a * gw + k;
            // Only where both images have the page (the capture may show the scanner bed beyond it).
            if (!c.valid[p] || !r.valid[p]) continue;
            const x = band.x + (across === 'rows' ? a : k) + 0.5;
            const y = band.y + (across === 'rows' ? k : a) + 0.5;
            // Other personal zones (signature, fields) change per document: left out.
            if (masks.some((m) => x >= m.x && x < m.x + m.w && y >= m.y && y < m.y + m.h)) continue;
            sum += g.img.data[p]!;
            n++;
          }
          out.push(n ? sum / n : NaN);
        }
        return out;
      };
      const pc = profile(c);
      const pr = profile(r);
      const dc = pc.map((_, k) => (k > 0 && k < steps - 1 ? Math.abs(pc[k + 1]! - pc[k - 1]!) / 2 : 0));
      // A soft reference spreads a step over a few pixels: its height is measured over up to 3 px on either side.
      const span = soft ? 3 : 1;
      const dr = pr.map((_, k) => {
        let d = 0;
        for (let s = 1; s <= span; s++) if (k - s >= 0 && k + s < steps) d = Math.max(d, Math.abs(pr[k + s]! - pr[k - s]!) / 2);
        return k > 0 && k < steps - 1 ? d : 0;
      });
      for (let k = 2; k < steps - 2; k++) {
        if (!Number.isFinite(dc[k]!)) continue;
        // The page's own edge (capture: page against the scanner bed) is not a cut.
        const pos = (across === 'rows' ? band.y : band.x) + k;
        if (pos < pageMargin || pos > (across === 'rows' ? ref.height : ref.width) - pageMargin) continue;
        if (portrait(pos)) continue;
        const refNear = Math.max(...dr.slice(Math.max(0, k - EDGE_TOLERANCE_PX), k + EDGE_TOLERANCE_PX + 1).filter(Number.isFinite), 0);
        best = Math.max(best, dc[k]! - refNear);
      }
    }
  }
  return best;
}

export function measurePhoto(input: CheckInput): { ring: number | null; ghost: number | null; edge: number | null } | null {
  const req = requireInputs(input, ['white']);
  if (!req.ok) return null;
  const photo = req.id.cls.zones.find((z) => z.kind === 'photo');
  if (!photo) return null;
  const ghostZone = req.id.cls.zones.find((z) => z.kind === 'ghost');
  const dpi = req.id.cls.dpi;
  const cap = minChannel(req.capture.white.rgb);
  const ref = minChannel(req.reference.white.rgb);
  const W = req.reference.white.grey.width;
  const H = req.reference.white.grey.height;
  const band = (1.5 / 25.4) * dpi;
  const inPage = photo.box.x - band >= 0 && photo.box.y - band >= 0 && photo.box.x + photo.box.w + band <= W && photo.box.y + photo.box.h + band <= H;
  const softness = { soft: req.id.cls.learning !== undefined };
  const ring = inPage ? ringScore(cap, ref, req.id.homography, grow(photo.box, (0.3 / 25.4) * dpi), band, softness) : null;
  let ghost: number | null = null;
  if (ghostZone) {
    const p = grid(req.capture.white.grey, req.id.homography, photo.box, 24, 32);
    const g = grid(req.capture.white.grey, req.id.homography, ghostZone.box, 24, 32);
    ghost = ncc(p.img.data, g.img.data);
  }
  const masks = req.id.cls.zones.filter((z) => z.personal && z.kind !== 'photo' && z.kind !== 'mrz').map((z) => z.box);
  const edge = inPage ? cutEdgeScore(cap, ref, req.id.homography, photo.box, dpi, masks, softness) : null;
  return { ring, ghost, edge };
}

export function runPhotoSubstitution(input: CheckInput) {
  const req = requireInputs(input, ['white']);
  if (!req.ok) return notPerformed(photoSubstitutionCheck, req.reason, CLAUSE);
  const photo = req.id.cls.zones.find((z) => z.kind === 'photo');
  const m = measurePhoto(input);
  if (!photo || !m) return notPerformed(photoSubstitutionCheck, `the class ${req.id.cls.id} has no photo zone`, CLAUSE);
  const evidence: Evidence[] = [];
  const parts: string[] = [];
  const cls = req.id.cls;
  const ringMin = calibratedBound(cls, CHECK_IDS.photoZone, 'ring', RING_MIN);
  const edgeMax = calibratedBound(cls, CHECK_IDS.photoZone, 'edge', EDGE_MAX);
  const ghostMin = calibratedBound(cls, CHECK_IDS.photoZone, 'ghost', GHOST_MIN);
  if (m.ring !== null) {
    parts.push(`print around the portrait NCC ${fmt(m.ring)}`);
    if (m.ring < ringMin) evidence.push(zoneEvidence(req.id, 'white', req.capture.white, grow(photo.box, (1.5 / 25.4) * cls.dpi), `background print broken around the portrait (NCC ${fmt(m.ring)} < ${ringMin})`));
  }
  if (m.edge !== null) {
    parts.push(`straight edge around the portrait ${fmt(m.edge, 1)} grey levels`);
    if (m.edge > edgeMax) evidence.push(zoneEvidence(req.id, 'white', req.capture.white, grow(photo.box, (3 / 25.4) * cls.dpi), `a straight cut or shadow line around the portrait that the reference does not have (${fmt(m.edge, 1)} > ${edgeMax})`));
  }
  const ghostZone = cls.zones.find((z) => z.kind === 'ghost');
  if (m.ghost !== null && ghostZone) {
    parts.push(`portrait/ghost NCC ${fmt(m.ghost)}`);
    if (m.ghost < ghostMin) evidence.push(zoneEvidence(req.id, 'white', req.capture.white, ghostZone.box, `ghost image does not match the portrait (NCC ${fmt(m.ghost)} < ${ghostMin})`));
  }
  if (!parts.length) return notPerformed(photoSubstitutionCheck, 'the photo zone cannot be compared (at the page edge, no ghost image)', CLAUSE);
  return result(photoSubstitutionCheck, {
    status: evidence.length ? 'fail' : 'pass',
    measured: parts.join('; '),
    expected: `print around the portrait NCC ≥ ${ringMin}; no straight edge around it above ${edgeMax}; portrait/ghost NCC ≥ ${ghostMin}`,
    evidence,
    explanation: evidence.length
      ? 'A portrait pasted over the original or a ghost image of another face are signs of photo substitution: examine the photo edges under magnification.'
      : 'The print around the portrait is intact and the ghost image matches the portrait.',
  });
}

export const photoSubstitutionCheck: Check<'document'> = {
  id: CHECK_IDS.photoZone,
  title: TITLE,
  layer: 'physical',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: ['white'], identified: true, mrz: false },
  run: runPhotoSubstitution,
};
