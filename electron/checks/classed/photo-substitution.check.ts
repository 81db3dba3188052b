// Photo substitution: a replaced portrait breaks the background print around the photo (ring
// outside the zone no longer matches the reference) and no longer matches the ghost image, which
// the issuer prints as a light copy of the same portrait.
import type { Evidence } from '../../contract/examination.contract';
import type { Box } from '../../contract/specimen.contract';
import { warpGrey } from '../../identify/frame-sample';
import { multiplyH, type Homography } from '../../identify/homography';
import { ncc } from '../../identify/ncc';
import { minChannel } from '../../identify/tile-correlation';
import type { GreyImage } from '../../imaging/grey-image';
import { CHECK_IDS, type Check, type CheckInput } from '../check-input';
import { fmt, grow, notPerformed, physical, requireInputs, zoneEvidence } from './classed-common';

const TITLE = 'Photo zone';
const EXPECTED = 'print around the portrait intact; ghost image a copy of the portrait';

/**
 * Calibrated on genuine captures (none/light/heavy, 30 each; test/integration/checks-classed):
 * ring NCC ≥ 0.84 and portrait/ghost NCC ≥ 0.74 on every genuine capture.
 */
export const RING_MIN = 0.6;
export const GHOST_MIN = 0.5;

/** A reference box resampled to a fixed grid (gw × gh) from an image related to reference pixels by `h`. */
function grid(img: GreyImage, h: Homography, box: Box, gw: number, gh: number) {
  return warpGrey(img, multiplyH(h, [box.w / gw, 0, box.x, 0, box.h / gh, box.y, 0, 0, 1]), gw, gh);
}

/** NCC of the band (width `band`) just outside `box`, capture vs reference, over the four sides. */
function ringScore(cap: GreyImage, ref: GreyImage, h: Homography, box: Box, band: number): number {
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
    const c = grid(cap, h, s, gw, gh);
    const r = grid(ref, [1, 0, 0, 0, 1, 0, 0, 0, 1], s, gw, gh);
    for (let p = 0; p < c.valid.length; p++) {
      if (!c.valid[p] || !r.valid[p]) continue;
      a.push(c.img.data[p]!);
      b.push(r.img.data[p]!);
    }
  }
  return ncc(a, b);
}

export function measurePhoto(input: CheckInput): { ring: number | null; ghost: number | null } | null {
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
  const ring = inPage ? ringScore(cap, ref, req.id.homography, grow(photo.box, (0.3 / 25.4) * dpi), band) : null;
  let ghost: number | null = null;
  if (ghostZone) {
    const p = grid(req.capture.white.grey, req.id.homography, photo.box, 24, 32);
    const g = grid(req.capture.white.grey, req.id.homography, ghostZone.box, 24, 32);
    ghost = ncc(p.img.data, g.img.data);
  }
  return { ring, ghost };
}

export function runPhotoSubstitution(input: CheckInput) {
  const req = requireInputs(input, ['white']);
  if (!req.ok) return physical(CHECK_IDS.photoZone, TITLE, notPerformed(req.reason, EXPECTED));
  const photo = req.id.cls.zones.find((z) => z.kind === 'photo');
  const m = measurePhoto(input);
  if (!photo || !m) return physical(CHECK_IDS.photoZone, TITLE, notPerformed(`the class ${req.id.cls.id} has no photo zone`, EXPECTED));
  const evidence: Evidence[] = [];
  const parts: string[] = [];
  if (m.ring !== null) {
    parts.push(`print around the portrait NCC ${fmt(m.ring)}`);
    if (m.ring < RING_MIN) evidence.push(zoneEvidence(req.id, 'white', req.capture.white, grow(photo.box, (1.5 / 25.4) * req.id.cls.dpi), `background print broken around the portrait (NCC ${fmt(m.ring)} < ${RING_MIN})`));
  }
  const ghostZone = req.id.cls.zones.find((z) => z.kind === 'ghost');
  if (m.ghost !== null && ghostZone) {
    parts.push(`portrait/ghost NCC ${fmt(m.ghost)}`);
    if (m.ghost < GHOST_MIN) evidence.push(zoneEvidence(req.id, 'white', req.capture.white, ghostZone.box, `ghost image does not match the portrait (NCC ${fmt(m.ghost)} < ${GHOST_MIN})`));
  }
  if (!parts.length) return physical(CHECK_IDS.photoZone, TITLE, notPerformed('the photo zone cannot be compared (at the page edge, no ghost image)', EXPECTED));
  return physical(CHECK_IDS.photoZone, TITLE, {
    status: evidence.length ? 'fail' : 'pass',
    measured: parts.join('; '),
    expected: `print around the portrait NCC ≥ ${RING_MIN}; portrait/ghost NCC ≥ ${GHOST_MIN}`,
    evidence,
    explanation: evidence.length
      ? 'A portrait pasted over the original or a ghost image of another face are signs of photo substitution: examine the photo edges under magnification.'
      : 'The print around the portrait is intact and the ghost image matches the portrait.',
  });
}

export const photoSubstitutionCheck: Check = { id: CHECK_IDS.photoZone, title: TITLE, needs: { lights: ['white'], identified: true, mrz: false }, run: runPhotoSubstitution };
