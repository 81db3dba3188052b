// Erasure traces in the personalised fields: chemical or mechanical erasure of a printed value
// bleaches the background print under it, and the new value is printed over a paler, flatter patch.
// The values differ from document to document, so the text is never compared; only the background
// between the letters is: how much brighter it is inside each field zone than in the ring of fixed
// print around the zone, minus the same difference on the reference. Lighting, blur and JPEG act on
// the zone and its ring alike, so this "lift" stays near 0 on genuine captures and rises where the
// background print was bleached. The contrast of the background print is reported alongside.
import type { Box } from '../../contract/capture.contract';
import type { ReferenceZone } from '../../contract/reference.contract';
import { viewGrey, type FrameView } from '../../identify/frame-sample';
import { calibratedBound } from '../../reference/calibrated-bounds';
import type { GreyImage } from '../../imaging/grey-image';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { CLAUSE, fmt, grow, requireInputs, zoneEvidence } from './classed-common';

const TITLE = 'Erasure traces in the data fields';
const EXPECTED = 'the background print under every data field is as strong as on the reference';

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];
/** Sampling step in reference pixels (300 dpi references → 150 dpi). */
const STEP = 2;
/** Ring of fixed print around a zone, in reference pixels (≈ 2.5 mm at 300 dpi). */
const RING = 30;
/** A sample darker than the zone's paper level by this much is ink (text), not background print. */
const INK_DROP = 45;
/** Below this background contrast (grey levels) on the reference, the zone has no print to bleach. */
const MIN_REFERENCE_CONTRAST = 4;

/**
 * Lift (grey levels) from which a field's background counts as bleached. Calibrated on the
 * bench:checks corpus (100 genuine captures per level, every design): the largest lift of any field
 * of a genuine capture was 1.3 (none), 1.6 (light), 3.1 (heavy: noise and JPEG on small zones);
 * the erased field of a data-alteration forgery lifts 4.2–8.5 (none), 3.6–7.8 (light), 2.9–6.9 (heavy).
 */
export const ERASURE_LIFT_MIN = 3.4;

export interface ZoneErasure {
  zone: ReferenceZone;
  /** Brightening of the zone's background relative to its ring, capture minus reference, grey levels. */
  lift: number;
  /** (capture zone contrast / capture ring contrast) ÷ (reference zone contrast / reference ring contrast). */
  ratio: number;
}

interface Background {
  /** Mean grey level of the non-ink samples. */
  level: number;
  /** Their standard deviation: the contrast of the background print. */
  contrast: number;
}

interface Stats {
  zone: Background;
  ring: Background;
}

function view(img: GreyImage, refToImg: number[], box: Box): FrameView {
  return viewGrey(img, refToImg, box, STEP);
}

/** Background statistics inside `inner` and in the ring of `outer` around it (without the `exclude` boxes). */
function backgroundStats(v: FrameView, inner: Box, outer: Box, exclude: Box[]): Stats | null {
  const { img, valid } = v;
  // Grey-level histograms: percentiles and moments in one pass, no sorting.
  const zone = new Uint32Array(256);
  const ring = new Uint32Array(256);
  const toCol = (x: number) => Math.round((x - outer.x) / STEP - 0.5);
  const toRow = (y: number) => Math.round((y - outer.y) / STEP - 0.5);
  const kind = new Uint8Array(img.width * img.height).fill(2); // 0 excluded, 1 zone, 2 ring
  const paint = (b: Box, value: number) => {
    for (let row = Math.max(0, toRow(b.y)); row < Math.min(img.height, toRow(b.y + b.h)); row++) {
      kind.fill(value, row * img.width + Math.max(0, toCol(b.x)), row * img.width + Math.max(0, Math.min(img.width, toCol(b.x + b.w))));
    }
  };
  for (const b of exclude) paint(b, 0);
  paint(inner, 1);
  for (let p = 0; p < kind.length; p++) {
    if (!valid[p] || kind[p] === 0) continue;
    (kind[p] === 1 ? zone : ring)[img.data[p]!]!++;
  }
  const z = background(zone);
  const r = background(ring);
  return z && r ? { zone: z, ring: r } : null;
}

/** Mean and spread of the samples within INK_DROP of the paper level (the 85th percentile): background print only. */
function background(histogram: Uint32Array): Background | null {
  let total = 0;
  for (const count of histogram) total += count;
  if (total < 50) return null;
  const rank = Math.floor(0.85 * (total - 1));
  let paper = 0;
  for (let seen = 0; paper < 255; paper++) {
    seen += histogram[paper]!;
    if (seen > rank) break;
  }
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let value = Math.max(0, paper - INK_DROP); value < 256; value++) {
    const count = histogram[value]!;
    n += count;
    sum += count * value;
    sq += count * value * value;
  }
  if (n < 20) return null;
  const level = sum / n;
  return { level, contrast: Math.sqrt(Math.max(0, sq / n - level * level)) };
}

/** The erasure measures of every data field zone of the identified class that has background print. */
export function measureFieldErasure(input: CheckInput): ZoneErasure[] | { reason: string } {
  const req = requireInputs(input, ['white']);
  if (!req.ok) return { reason: req.reason };
  const { cls, homography } = req.id;
  const fields = cls.zones.filter((z) => z.kind === 'field');
  if (!fields.length) return { reason: `the class ${cls.id} has no data field zones` };
  // Other personal zones (portrait, other values, MRZ) never count as the ring's fixed print.
  const personal = cls.zones.filter((z) => z.personal).map((z) => z.box);
  const results: ZoneErasure[] = [];
  for (const zone of fields) {
    const outer = grow(zone.box, RING);
    const exclude = personal.filter((b) => b !== zone.box);
    const ref = backgroundStats(view(req.reference.white.grey, IDENTITY, outer), zone.box, outer, exclude);
    const cap = backgroundStats(view(req.capture.white.grey, homography, outer), zone.box, outer, exclude);
    if (!ref || !cap || ref.zone.contrast < MIN_REFERENCE_CONTRAST || ref.ring.contrast < MIN_REFERENCE_CONTRAST || cap.ring.contrast <= 0) continue;
    results.push({
      zone,
      lift: cap.zone.level - cap.ring.level - (ref.zone.level - ref.ring.level),
      ratio: cap.zone.contrast / cap.ring.contrast / (ref.zone.contrast / ref.ring.contrast),
    });
  }
  return results;
}

export function runVizErasure(input: CheckInput) {
  const measured = measureFieldErasure(input);
  if (!Array.isArray(measured)) return notPerformed(vizErasureCheck, measured.reason, CLAUSE);
  if (!measured.length) return notPerformed(vizErasureCheck, 'no data field lies on background print that could show an erasure', CLAUSE);
  const liftMin = calibratedBound(input.identification!.cls, CHECK_IDS.vizErasure, 'lift', ERASURE_LIFT_MIN);
  const bleached = measured.filter((m) => m.lift >= liftMin);
  const palest = measured.reduce((a, b) => (b.lift > a.lift ? b : a));
  const describe = (m: ZoneErasure) => `${m.zone.label}: background ${fmt(m.lift, 1)} grey levels paler than around it (reference-relative), print contrast ${fmt(m.ratio * 100, 0)} %`;
  const id = input.identification!;
  const white = input.images.white!;
  return result(vizErasureCheck, {
    status: bleached.length ? 'fail' : 'pass',
    measured: bleached.length
      ? `background bleached under ${bleached.map((m) => `${m.zone.label} (+${fmt(m.lift, 1)})`).join(', ')}`
      : `${measured.length} fields; palest background +${fmt(Math.max(0, palest.lift), 1)} grey levels (${palest.zone.label})`,
    expected: `no field's background more than ${fmt(liftMin, 1)} grey levels paler than its surroundings, relative to the reference`,
    evidence: bleached.map((m) => zoneEvidence(id, 'white', white, m.zone.box, describe(m))),
    explanation: bleached.length
      ? 'The background print is paler and flatter under the outlined fields than around them: the value was erased and printed again. Compare the field under magnification and against the MRZ.'
      : 'The background print under the data fields is as strong as on the reference: no erasure trace.',
  });
}

export const vizErasureCheck: Check<'document'> = {
  id: CHECK_IDS.vizErasure,
  title: TITLE,
  layer: 'physical',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: ['white'], identified: true, mrz: false },
  run: runVizErasure,
};
