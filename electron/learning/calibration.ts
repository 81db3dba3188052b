// Calibrating a learned class's checks on its own genuine captures. Each capture is measured by the
// class checks' own measures against the class's reference (as an examination would), and each
// check's bound is set from the spread of those genuine measurements: never tighter than the
// check's default, which was calibrated across the reader's capture conditions (blur, noise, JPEG;
// docs/security-checks.md), and wider where this class's genuine documents vary more than the
// default allows. The measurements are kept with the bound, so the expert sees how many captures
// back it and how close the genuine worst comes to it, and growing the class adds to them.
import type { CalibratedBound, DocumentClass, ReferenceZone } from '../contract/reference.contract';
import { CHECK_IDS } from '../checks/check-ids';
import type { CheckInput, Identification } from '../checks/check-input';
import { measureFieldErasure, measureIrZone, measurePhoto, measureUvZone } from '../checks/classed';
import { ERASURE_LIFT_MIN } from '../checks/classed/viz-erasure.check';
import { IR_INVISIBLE_MAX, IR_RELATIVE_MIN, IR_VISIBLE_MIN, measureIrRelative } from '../checks/classed/ir-features.check';
import { UV_HUE_MAX_DEG, UV_PATTERN_MIN, UV_PRESENT_MIN } from '../checks/classed/uv-features.check';
import { BAD_TILE_FRACTION, TILE_MIN } from '../checks/classed/visible-template.check';
import { EDGE_MAX, GHOST_MIN, RING_MIN } from '../checks/classed/photo-substitution.check';
import { personalBoxes } from '../identify/reference-frame';
import { tileCorrelation } from '../identify/tile-correlation';

/** One genuine measurement of one measure (of one zone). */
export interface Sample {
  check: string;
  measure: string;
  zone?: string;
  value: number;
}

/** Measurements are stored rounded: more digits say nothing about a genuine document. */
const round = (v: number, digits = 3): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Every class-check measure of one genuine capture, read through its alignment to the class. */
export function measureCapture(input: CheckInput): Sample[] {
  const id = input.identification!;
  const cls = id.cls;
  const out: Sample[] = [];
  const add = (check: string, measure: string, value: number | null, zone?: string): void => {
    if (value !== null && Number.isFinite(value)) out.push({ check, measure, value: round(value), ...(zone ? { zone } : {}) });
  };
  const white = input.images.white;
  const refWhite = id.reference.white;
  if (white && refWhite) {
    const tiles = tileCorrelation(white, refWhite, id.homography, personalBoxes(cls), cls.dpi, 4, undefined, false);
    if (tiles.length >= 4) add(CHECK_IDS.visibleTemplate, 'bad-tile-fraction', tiles.filter((t) => t.score < TILE_MIN).length / tiles.length);
    const erasure = measureFieldErasure(input);
    if (Array.isArray(erasure)) for (const m of erasure) add(CHECK_IDS.vizErasure, 'lift', m.lift);
    const photo = measurePhoto(input);
    if (photo) {
      add(CHECK_IDS.photoZone, 'ring', photo.ring);
      add(CHECK_IDS.photoZone, 'edge', photo.edge);
      if (cls.zones.some((z) => z.kind === 'ghost')) add(CHECK_IDS.photoZone, 'ghost', photo.ghost);
    }
  }
  const uv = input.images.uv;
  if (uv && id.reference.uv) {
    for (const zone of cls.zones.filter((z) => z.expect.uv?.fluoresces)) {
      const m = measureUvZone(id, uv, id.reference.uv, zone);
      add(CHECK_IDS.uvFeatures, 'contrast', m.contrast, zone.id);
      add(CHECK_IDS.uvFeatures, 'hue-error', m.hueError, zone.id);
      add(CHECK_IDS.uvFeatures, 'pattern', m.pattern, zone.id);
    }
  }
  const ir = input.images.ir;
  if (white && ir) {
    for (const zone of cls.zones.filter((z) => z.expect.ir)) {
      if (!zone.personal && zone.expect.ir === 'visible' && id.reference.ir) {
        const rel = measureIrRelative(id, ir, id.reference.ir, zone);
        if (rel.reference > 0.005) add(CHECK_IDS.irFeatures, 'relative', rel.ratio, zone.id);
        continue;
      }
      const m = measureIrZone(id, white, ir, zone);
      if (m.ink >= 20) add(CHECK_IDS.irFeatures, 'ratio', m.ratio, zone.id);
    }
  }
  return out;
}

interface Rule {
  direction: 'min' | 'max';
  default: number;
}

/** The default bound and its direction for each measure (the checks' own constants). */
function ruleFor(sample: Pick<Sample, 'check' | 'measure' | 'zone'>, zones: ReferenceZone[]): Rule | null {
  switch (`${sample.check}/${sample.measure}`) {
    case `${CHECK_IDS.visibleTemplate}/bad-tile-fraction`:
      return { direction: 'max', default: BAD_TILE_FRACTION };
    case `${CHECK_IDS.vizErasure}/lift`:
      return { direction: 'max', default: ERASURE_LIFT_MIN };
    case `${CHECK_IDS.photoZone}/ring`:
      return { direction: 'min', default: RING_MIN };
    case `${CHECK_IDS.photoZone}/ghost`:
      return { direction: 'min', default: GHOST_MIN };
    case `${CHECK_IDS.photoZone}/edge`:
      return { direction: 'max', default: EDGE_MAX };
    case `${CHECK_IDS.uvFeatures}/contrast`:
      return { direction: 'min', default: UV_PRESENT_MIN };
    case `${CHECK_IDS.uvFeatures}/hue-error`:
      return { direction: 'max', default: UV_HUE_MAX_DEG };
    case `${CHECK_IDS.uvFeatures}/pattern`:
      return { direction: 'min', default: UV_PATTERN_MIN };
    case `${CHECK_IDS.irFeatures}/relative`:
      return { direction: 'min', default: IR_RELATIVE_MIN };
    case `${CHECK_IDS.irFeatures}/ratio`: {
      const zone = zones.find((z) => z.id === sample.zone);
      if (!zone?.expect.ir) return null;
      return zone.expect.ir === 'visible' ? { direction: 'min', default: IR_VISIBLE_MIN } : { direction: 'max', default: IR_INVISIBLE_MAX };
    }
    default:
      return null;
  }
}

function spread(values: number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

/** Three significant digits: a bound is no more precise than the captures behind it. */
function sig(v: number): number {
  if (v === 0) return 0;
  const digits = 3 - Math.ceil(Math.log10(Math.abs(v)));
  return Math.round(v * 10 ** digits) / 10 ** digits;
}

/**
 * The bound from genuine samples: the default, widened where the genuine worst comes within two
 * standard deviations of it or within a factor 1.5 (the defaults sit about that far beyond the worst
 * genuine capture of the bench corpus, heavy captures included; learning captures are cleaner).
 */
export function boundFrom(rule: Rule, samples: number[]): number {
  if (!samples.length) return rule.default;
  const sd = spread(samples);
  if (rule.direction === 'max') {
    const worst = Math.max(...samples);
    return sig(Math.max(rule.default, worst + 2 * sd, worst > 0 ? 1.5 * worst : worst));
  }
  const worst = Math.min(...samples);
  return sig(Math.min(rule.default, worst - 2 * sd, worst > 0 ? worst / 1.5 : worst));
}

/** Bounds of every measure the samples hold, for the class's current zones (a removed zone's samples are dropped). */
export function calibrate(cls: Pick<DocumentClass, 'zones'>, samples: Sample[]): CalibratedBound[] {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    if (s.zone && !cls.zones.some((z) => z.id === s.zone)) continue;
    const key = `${s.check}\u0000${s.measure}\u0000${s.zone ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: CalibratedBound[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const rule = ruleFor(first, cls.zones);
    if (!rule) continue;
    const values = list.map((s) => s.value).slice(-1000);
    out.push({ check: first.check, measure: first.measure, ...(first.zone ? { zone: first.zone } : {}), direction: rule.direction, value: boundFrom(rule, values), default: rule.default, samples: values });
  }
  return out.sort((a, b) => a.check.localeCompare(b.check) || (a.zone ?? '').localeCompare(b.zone ?? '') || a.measure.localeCompare(b.measure));
}

/** The genuine samples a class already holds (to grow it), one per stored measurement. */
export function storedSamples(cls: DocumentClass): Sample[] {
  return (cls.calibration ?? []).flatMap((b) => b.samples.map((value) => ({ check: b.check, measure: b.measure, value, ...(b.zone ? { zone: b.zone } : {}) })));
}

export type { Identification };
