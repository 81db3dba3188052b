// UV features (ICAO 9303 Part 2, §5 "inspection with UV light"): each planned fluorescent feature
// glows at its place, in its colour, with its pattern; zones planned dull stay dull.
import type { Evidence } from '../../contract/examination.contract';
import type { ReferenceZone } from '../../contract/reference.contract';
import { viewGrey, viewRgb } from '../../identify/frame-sample';
import { ncc } from '../../identify/ncc';
import { calibratedBound } from '../../reference/calibrated-bounds';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput, Identification, LightImage } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { CLAUSE, fmt, grow, percentile, requireInputs, zoneEvidence } from './classed-common';

const TITLE = 'UV security features';
const EXPECTED = 'every planned fluorescent feature present, in place, with its colour and pattern; dull zones dull';

/**
 * Thresholds, calibrated on genuine captures (none/light/heavy, 30 each; see
 * every design): the dimmest genuine feature rises ≥ 56 levels above the substrate (heavy; median
 * 104), dull zones ≤ 15; hue error ≤ 10°; fixed-pattern NCC ≥ 0.88 (heavy).
 */
export const UV_PRESENT_MIN = 35;
export const UV_DULL_MAX = 30;
export const UV_HUE_MAX_DEG = 45;
export const UV_PATTERN_MIN = 0.5;

const lum = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

function hue(r: number, g: number, b: number): number | null {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  if (d < 8) return null;
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h *= 60;
  return h < 0 ? h + 360 : h;
}

function hexRgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

export interface UvZoneMeasure {
  zone: string;
  contrast: number;
  hueError: number | null;
  pattern: number | null;
}

/** Brightness of the zone (95th percentile) above the substrate around it (ring median), colour, pattern. */
export function measureUvZone(id: Identification, capture: LightImage, reference: LightImage, zone: ReferenceZone): UvZoneMeasure {
  const dpi = id.cls.dpi;
  const step = Math.max(1, Math.round(dpi / 100));
  const inside = viewRgb(capture.rgb, id.homography, zone.box, step);
  const ring = viewRgb(capture.rgb, id.homography, grow(zone.box, (2 / 25.4) * dpi), step * 2);
  const ringLums: number[] = [];
  const rw = ring.width;
  const inner = { x0: Math.floor(ring.width * 0.15), x1: Math.ceil(ring.width * 0.85), y0: Math.floor(ring.height * 0.15), y1: Math.ceil(ring.height * 0.85) };
  let sr = 0;
  let sg = 0;
  let sb = 0;
  for (let p = 0; p < ring.valid.length; p++) {
    const x = p % rw;
    const y = Math.floor(p / rw);
    if (!ring.valid[p] || (x >= inner.x0 && x < inner.x1 && y >= inner.y0 && y < inner.y1)) continue;
    ringLums.push(lum(ring.data[p * 3]!, ring.data[p * 3 + 1]!, ring.data[p * 3 + 2]!));
    sr += ring.data[p * 3]!;
    sg += ring.data[p * 3 + 1]!;
    sb += ring.data[p * 3 + 2]!;
  }
  const substrate = percentile(ringLums, 0.5);
  const n = Math.max(1, ringLums.length);
  const lums: number[] = [];
  for (let p = 0; p < inside.valid.length; p++) if (inside.valid[p]) lums.push(lum(inside.data[p * 3]!, inside.data[p * 3 + 1]!, inside.data[p * 3 + 2]!));
  const contrast = percentile(lums, 0.95) - substrate;
  let hueError: number | null = null;
  const colour = zone.expect.uv?.colour;
  if (colour && contrast > 0) {
    let cr = 0;
    let cg = 0;
    let cb = 0;
    let k = 0;
    for (let p = 0; p < inside.valid.length; p++) {
      if (!inside.valid[p]) continue;
      const r = inside.data[p * 3]!;
      const g = inside.data[p * 3 + 1]!;
      const b = inside.data[p * 3 + 2]!;
      if (lum(r, g, b) < substrate + contrast * 0.6) continue;
      cr += r;
      cg += g;
      cb += b;
      k++;
    }
    if (k > 0) {
      const h1 = hue(cr / k - sr / n, cg / k - sg / n, cb / k - sb / n);
      const h2 = hue(...hexRgb(colour));
      if (h1 !== null && h2 !== null) hueError = Math.min(Math.abs(h1 - h2), 360 - Math.abs(h1 - h2));
    }
  }
  let pattern: number | null = null;
  if (zone.expect.uv?.fixedPattern) {
    const ref = viewGrey(reference.grey, [1, 0, 0, 0, 1, 0, 0, 0, 1], zone.box, step);
    const cap = viewGrey(capture.grey, id.homography, zone.box, step);
    pattern = ncc(ref.img.data, cap.img.data, cap.valid);
  }
  return { zone: zone.id, contrast, hueError, pattern };
}

export function runUvFeatures(input: CheckInput) {
  const req = requireInputs(input, ['uv']);
  if (!req.ok) return notPerformed(uvFeaturesCheck, req.reason, CLAUSE);
  const zones = req.id.cls.zones.filter((z) => z.expect.uv);
  if (!zones.length) return notPerformed(uvFeaturesCheck, `the class ${req.id.cls.id} defines no UV expectation`, CLAUSE);
  const evidence: Evidence[] = [];
  const notes: string[] = [];
  for (const zone of zones) {
    const m = measureUvZone(req.id, req.capture.uv, req.reference.uv, zone);
    const problems: string[] = [];
    const bound = (measure: string, fallback: number) => calibratedBound(req.id.cls, CHECK_IDS.uvFeatures, measure, fallback, zone.id);
    if (zone.expect.uv!.fluoresces) {
      const present = bound('contrast', UV_PRESENT_MIN);
      if (m.contrast < present) problems.push(`no fluorescence (+${fmt(m.contrast, 0)} over the substrate, expected ≥ ${fmt(present, 0)})`);
      else {
        if (m.hueError !== null && m.hueError > bound('hue-error', UV_HUE_MAX_DEG)) problems.push(`wrong colour (hue off by ${fmt(m.hueError, 0)}°)`);
        if (m.pattern !== null && m.pattern < bound('pattern', UV_PATTERN_MIN)) problems.push(`pattern differs from the reference (NCC ${fmt(m.pattern)})`);
      }
    } else if (m.contrast > bound('contrast', UV_DULL_MAX)) problems.push(`fluoresces (+${fmt(m.contrast, 0)}) where the class expects none`);
    if (problems.length) {
      notes.push(`${zone.label}: ${problems.join(', ')}`);
      evidence.push(zoneEvidence(req.id, 'uv', req.capture.uv, zone.box, `${zone.label}: ${problems.join(', ')}`));
    }
  }
  return result(uvFeaturesCheck, {
    status: evidence.length ? 'fail' : 'pass',
    measured: evidence.length ? notes.join('; ') : `${zones.length} UV zone(s) as expected`,
    expected: EXPECTED,
    evidence,
    explanation: evidence.length
      ? 'A missing, displaced or wrongly coloured UV feature points to a counterfeit printed without the issuer’s fluorescent inks.'
      : 'The fluorescent features of the class are present at their places with their colours.',
  });
}

export const uvFeaturesCheck: Check<'document'> = {
  id: CHECK_IDS.uvFeatures,
  title: TITLE,
  layer: 'physical',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: ['uv'], identified: true, mrz: false },
  run: runUvFeatures,
};
