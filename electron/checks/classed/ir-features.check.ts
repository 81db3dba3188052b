// IR features (ICAO 9303 Part 2: B900 inspection): zones printed in IR-absorbing ink stay dark in
// the infrared image, the others drop out. The white image says where ink is, so an empty field
// is not mistaken for a dropped-out one.
import type { Evidence } from '../../contract/examination.contract';
import type { ReferenceZone } from '../../contract/reference.contract';
import { viewGrey } from '../../identify/frame-sample';
import { CHECK_IDS, type Check, type CheckInput, type Identification, type LightImage } from '../check-input';
import { fmt, grow, notPerformed, percentile, physical, requireInputs, zoneEvidence } from './classed-common';

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
  if (!req.ok) return physical(CHECK_IDS.irFeatures, TITLE, notPerformed(req.reason, EXPECTED));
  const zones = req.id.cls.zones.filter((z) => z.expect.ir);
  if (!zones.length) return physical(CHECK_IDS.irFeatures, TITLE, notPerformed(`the class ${req.id.cls.id} defines no IR expectation`, EXPECTED));
  const evidence: Evidence[] = [];
  const notes: string[] = [];
  let compared = 0;
  for (const zone of zones) {
    const m = measureIrZone(req.id, req.capture.white, req.capture.ir, zone);
    if (m.ink < 20) continue; // nothing printed there (an empty optional field)
    compared++;
    const visible = zone.expect.ir === 'visible';
    const bad = visible ? m.ratio < IR_VISIBLE_MIN : m.ratio > IR_INVISIBLE_MAX;
    if (bad) {
      const note = `${zone.label}: ${visible ? 'drops out' : 'stays dark'} in IR (ratio ${fmt(m.ratio)}), expected ${zone.expect.ir}`;
      notes.push(note);
      evidence.push(zoneEvidence(req.id, 'ir', req.capture.ir, zone.box, note));
    }
  }
  return physical(CHECK_IDS.irFeatures, TITLE, {
    status: evidence.length ? 'fail' : compared ? 'pass' : 'not-performed',
    measured: evidence.length ? notes.join('; ') : `${compared} IR zone(s) as expected`,
    expected: EXPECTED,
    evidence,
    explanation: evidence.length
      ? 'Ink that behaves differently under infrared from the issuer’s print points to an altered zone or a counterfeit.'
      : 'Every printed zone absorbs or drops out in infrared as the class specifies.',
  });
}

export const irFeaturesCheck: Check = { id: CHECK_IDS.irFeatures, title: TITLE, needs: { lights: ['white', 'ir'], identified: true, mrz: false }, run: runIrFeatures };
