// IR features (ICAO 9303 Part 2: B900 inspection): zones printed in IR-absorbing ink stay dark in
// the infrared image, the others drop out. The white image says where ink is, so an empty field
// is not mistaken for a dropped-out one.
import type { Box } from '../../contract/capture.contract';
import type { Evidence } from '../../contract/examination.contract';
import type { ReferenceZone } from '../../contract/reference.contract';
import { viewGrey } from '../../identify/frame-sample';
import { calibratedBound } from '../../reference/calibrated-bounds';
import type { Homography } from '../../identify/homography';
import type { GreyImage } from '../../imaging/grey-image';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput, Identification, LightImage } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { CLAUSE, fmt, grow, percentile, requireInputs, zoneEvidence } from './classed-common';

const TITLE = 'IR features';
const EXPECTED = 'zones in IR-absorbing ink dark under infrared, the others near paper white';

/** Ink darker than the local paper by this much in white light is "printed" (text, portrait; not the pastel pattern). */
const INK_DELTA = 60;
/**
 * IR/white darkness ratio over the printed pixels. Calibrated on genuine captures (none/light/heavy,
 * 30 each, every design): IR-visible zones ≥ 0.57 (median 0.95), IR-invisible ≤ 0.26
 * (p99 0.17); a dropped-out zone measures ≈ 0.
 */
export const IR_VISIBLE_MIN = 0.4;
export const IR_INVISIBLE_MAX = 0.35;

/**
 * Fixed (non-personal) IR-absorbing print, measured against the class's own reference IR image:
 * the zone's mean darkness relative to the paper around it, capture ÷ reference. A mean is
 * unchanged by blur, so thin guilloche lines (which the white-light ink mask above mostly misses
 * once blurred: meridian-td3's band measured 0.13–0.19 on genuine light captures and 0.20 on the
 * reference itself) count in full. Measured on meridian-td3's band (bench corpus, 10 captures per
 * level): genuine none 1.00, light 0.99–1.05, heavy 0.95–1.11; the same box 1 mm … 9 mm off the
 * band (where the capture's IR shows bare paper, as a dropped-out band would) ≤ 0.12 (heavy).
 */
export const IR_RELATIVE_MIN = 0.5;

/** Paper level of the 1 mm ring around `zone` (median) and the mean of the zone, in one IR image. */
function ringAndMean(img: GreyImage, h: Homography, zone: Box, page: Box, dpi: number, step: number): { paper: number; mean: number } {
  const g = grow(zone, (1 / 25.4) * dpi);
  const x0 = Math.max(page.x, g.x);
  const y0 = Math.max(page.y, g.y);
  const box = { x: x0, y: y0, w: Math.min(page.x + page.w, g.x + g.w) - x0, h: Math.min(page.y + page.h, g.y + g.h) - y0 };
  const v = viewGrey(img, h, box, step);
  const ring: number[] = [];
  let sum = 0;
  let n = 0;
  for (let p = 0; p < v.valid.length; p++) {
    if (!v.valid[p]) continue;
    const x = box.x + ((p % v.img.width) + 0.5) * step;
    const y = box.y + (Math.floor(p / v.img.width) + 0.5) * step;
    const inside = x >= zone.x && y >= zone.y && x < zone.x + zone.w && y < zone.y + zone.h;
    if (inside) {
      sum += v.img.data[p]!;
      n++;
    } else ring.push(v.img.data[p]!);
  }
  return { paper: percentile(ring, 0.5), mean: n ? sum / n : 0 };
}

/** Relative IR darkness of a fixed zone: capture ÷ reference (1 = as dark as the reference). */
export function measureIrRelative(id: Identification, ir: LightImage, referenceIr: LightImage, zone: ReferenceZone): { zone: string; reference: number; capture: number; ratio: number } {
  const dpi = id.cls.dpi;
  const step = Math.max(1, Math.round(dpi / 150));
  const page = { x: 0, y: 0, w: referenceIr.grey.width, h: referenceIr.grey.height };
  const darkness = (m: { paper: number; mean: number }): number => (m.paper > 0 ? Math.max(0, 1 - m.mean / m.paper) : 0);
  const reference = darkness(ringAndMean(referenceIr.grey, [1, 0, 0, 0, 1, 0, 0, 0, 1], zone.box, page, dpi, step));
  const capture = darkness(ringAndMean(ir.grey, id.homography, zone.box, page, dpi, step));
  return { zone: zone.id, reference, capture, ratio: reference > 0.005 ? capture / reference : 1 };
}

export interface IrZoneMeasure {
  zone: string;
  /** Printed pixels found in white light. */
  ink: number;
  /** (IR paper − IR over ink) / (white paper − white over ink). */
  ratio: number;
}

export function measureIrZone(id: Identification, white: LightImage, ir: LightImage, zone: ReferenceZone): IrZoneMeasure {
  const step = Math.max(1, Math.round(id.cls.dpi / 150));
  // Grown by 1 mm for the paper level, but never past the page: the scanner bed is dark under every light.
  const g = grow(zone.box, (1 / 25.4) * id.cls.dpi);
  const W = Math.round((id.cls.size.widthMm / 25.4) * id.cls.dpi);
  const H = Math.round((id.cls.size.heightMm / 25.4) * id.cls.dpi);
  const x0 = Math.max(0, g.x);
  const y0 = Math.max(0, g.y);
  const box = { x: x0, y: y0, w: Math.min(W, g.x + g.w) - x0, h: Math.min(H, g.y + g.h) - y0 };
  const w = viewGrey(white.grey, id.homography, box, step);
  const r = viewGrey(ir.grey, id.homography, box, step);
  const wVals: number[] = [];
  const rVals: number[] = [];
  for (let p = 0; p < w.valid.length; p++) {
    if (!w.valid[p]) continue;
    wVals.push(w.img.data[p]!);
    rVals.push(r.img.data[p]!);
  }
  const wPaper = percentile(wVals, 0.9);
  const rPaper = percentile(rVals, 0.9);
  let n = 0;
  let sw = 0;
  let sr = 0;
  for (let p = 0; p < w.valid.length; p++) {
    if (!w.valid[p] || w.img.data[p]! > wPaper - INK_DELTA) continue;
    n++;
    sw += w.img.data[p]!;
    sr += r.img.data[p]!;
  }
  if (n === 0) return { zone: zone.id, ink: 0, ratio: 0 };
  return { zone: zone.id, ink: n, ratio: (rPaper - sr / n) / Math.max(1, wPaper - sw / n) };
}

export function runIrFeatures(input: CheckInput) {
  const req = requireInputs(input, ['white', 'ir']);
  if (!req.ok) return notPerformed(irFeaturesCheck, req.reason, CLAUSE);
  const zones = req.id.cls.zones.filter((z) => z.expect.ir);
  if (!zones.length) return notPerformed(irFeaturesCheck, `the class ${req.id.cls.id} defines no IR expectation`, CLAUSE);
  const evidence: Evidence[] = [];
  const notes: string[] = [];
  let compared = 0;
  const referenceIr = req.id.reference.ir;
  for (const zone of zones) {
    if (!zone.personal && zone.expect.ir === 'visible' && referenceIr) {
      // Fixed print: the reference shows exactly how dark this zone must be.
      const rel = measureIrRelative(req.id, req.capture.ir, referenceIr, zone);
      if (rel.reference <= 0.005) continue;
      compared++;
      if (rel.ratio < calibratedBound(req.id.cls, CHECK_IDS.irFeatures, 'relative', IR_RELATIVE_MIN, zone.id)) {
        const note = `${zone.label}: drops out in IR (${fmt(rel.ratio * 100, 0)} % of the reference's darkness), expected visible`;
        notes.push(note);
        evidence.push(zoneEvidence(req.id, 'ir', req.capture.ir, zone.box, note));
      }
      continue;
    }
    const m = measureIrZone(req.id, req.capture.white, req.capture.ir, zone);
    if (m.ink < 20) continue; // nothing printed there (an empty optional field)
    compared++;
    const visible = zone.expect.ir === 'visible';
    const bad = visible ? m.ratio < calibratedBound(req.id.cls, CHECK_IDS.irFeatures, 'ratio', IR_VISIBLE_MIN, zone.id) : m.ratio > calibratedBound(req.id.cls, CHECK_IDS.irFeatures, 'ratio', IR_INVISIBLE_MAX, zone.id);
    if (bad) {
      const note = `${zone.label}: ${visible ? 'drops out' : 'stays dark'} in IR (ratio ${fmt(m.ratio)}), expected ${zone.expect.ir}`;
      notes.push(note);
      evidence.push(zoneEvidence(req.id, 'ir', req.capture.ir, zone.box, note));
    }
  }
  return result(irFeaturesCheck, {
    status: evidence.length ? 'fail' : compared ? 'pass' : 'not-performed',
    measured: evidence.length ? notes.join('; ') : `${compared} IR zone(s) as expected`,
    expected: EXPECTED,
    evidence,
    explanation: evidence.length
      ? 'Ink that behaves differently under infrared from the issuer’s print points to an altered zone or a counterfeit.'
      : 'Every printed zone absorbs or drops out in infrared as the class specifies.',
  });
}

export const irFeaturesCheck: Check<'document'> = {
  id: CHECK_IDS.irFeatures,
  title: TITLE,
  layer: 'physical',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: ['white', 'ir'], identified: true, mrz: false },
  run: runIrFeatures,
};
