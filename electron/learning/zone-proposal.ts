// The zones a learned class proposes to the expert: the MRZ (where the reader found it), the
// portrait and its ghost image, and every other place the genuine captures differ — the data fields
// and the signature. Everything else is the issuer's fixed print, one background zone. Field zones
// are widened along their line of writing up to the next print, since a longer name than any of the
// learning captures carry must still fall inside its zone.
import type { Box } from '../contract/capture.contract';
import type { ReferenceZone } from '../contract/reference.contract';
import type { GreyImage } from '../imaging/grey-image';
import type { RgbImage } from '../imaging/light-image';
import type { ClassFrame } from './class-frame';
import { boxArea, clampBox, intersection, union, type Region } from './personal-regions';
import { findGhost, findPortraitRectangle, portraitRegion } from './portrait-search';
import type { VariationMap } from './variation-map';

export interface ProposedZones {
  zones: ReferenceZone[];
  /** What the proposal could not decide, in plain words (shown to the expert). */
  notes: string[];
}

/** Text darker than the paper by this much is print (labels, values); pastel background print is paler. */
const PRINT_LEVELS = 70;
/** A region of fewer differing cells (mm²) is noise (a speck, a scratch in one capture). */
const MIN_CELLS = 4;
/** Lower than this (mm), a region is no line of text (the smallest VIZ characters are about 1.5 mm high). */
const MIN_HEIGHT_MM = 2;
const mm = (frame: ClassFrame, v: number): number => (v / 25.4) * frame.dpi;

function percentileOf(data: Uint8Array, q: number): number {
  const hist = new Uint32Array(256);
  for (const v of data) hist[v]!++;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen > q * data.length) return v;
  }
  return 255;
}

function meanIn(img: GreyImage, box: Box): number {
  let s = 0;
  let n = 0;
  for (let y = Math.max(0, box.y); y < Math.min(img.height, box.y + box.h); y++) {
    for (let x = Math.max(0, box.x); x < Math.min(img.width, box.x + box.w); x++) {
      s += img.data[y * img.width + x]!;
      n++;
    }
  }
  return n ? s / n : 255;
}

/** The median grey level of the ring of `margin` pixels around `box` (what the box is printed on). */
function ringMedian(img: GreyImage, box: Box, margin: number): number {
  const histogram = new Uint32Array(256);
  let n = 0;
  for (let y = Math.max(0, box.y - margin); y < Math.min(img.height, box.y + box.h + margin); y++) {
    for (let x = Math.max(0, box.x - margin); x < Math.min(img.width, box.x + box.w + margin); x++) {
      if (y >= box.y && y < box.y + box.h && x >= box.x && x < box.x + box.w) continue;
      histogram[img.data[y * img.width + x]!]!++;
      n++;
    }
  }
  if (!n) return 255;
  let seen = 0;
  for (let v = 0; v < 256; v++) if ((seen += histogram[v]!) > n / 2) return v;
  return 255;
}

/** Columns of `box` (within rows y0..y1) that hold print darker than `paper − PRINT_LEVELS` in `img`. */
function printColumns(img: GreyImage, y0: number, y1: number, x0: number, x1: number, paper: number): boolean[] {
  const out: boolean[] = [];
  for (let x = x0; x < x1; x++) {
    let dark = 0;
    for (let y = y0; y < y1; y++) if (img.data[y * img.width + x]! < paper - PRINT_LEVELS) dark++;
    out.push(dark >= 2);
  }
  return out;
}

/**
 * Widens a field zone to the right (values are written left to right, ICAO 9303 Part 3 §3.1) up to
 * 1 mm short of the next fixed print or zone on its line, or the page margin.
 */
function widen(box: Box, reference: GreyImage, paper: number, obstacles: Box[], frame: ClassFrame): Box {
  const margin = Math.round(mm(frame, 2));
  const gap = Math.round(mm(frame, 1));
  let limit = frame.width - margin;
  for (const o of obstacles) {
    if (o === box || o.y >= box.y + box.h || o.y + o.h <= box.y) continue;
    if (o.x >= box.x + box.w) limit = Math.min(limit, o.x - gap);
  }
  const start = box.x + box.w;
  if (limit > start) {
    // The middle half of the line: the zone's edges may graze the labels above and below it.
    const cols = printColumns(reference, Math.max(0, Math.round(box.y + box.h / 4)), Math.min(frame.height, Math.round(box.y + (3 * box.h) / 4)), start, limit, paper);
    const hit = cols.indexOf(true);
    if (hit >= 0) limit = start + hit - gap;
  }
  return limit > start ? { ...box, w: limit - box.x } : box;
}

export function proposeZones(input: { frame: ClassFrame; white: GreyImage; whiteRgb: RgbImage; map: VariationMap; regions: Region[]; mrz: Box | null }): ProposedZones {
  const { frame, white, map, mrz } = input;
  const notes: string[] = [];
  const zones: ReferenceZone[] = [];
  const paper = percentileOf(white.data, 0.9);
  let regions = input.regions.filter((r) => r.cells >= MIN_CELLS && r.box.h >= mm(frame, MIN_HEIGHT_MM) - 1);

  if (mrz) {
    zones.push({ id: 'mrz', kind: 'mrz', label: 'Machine readable zone', box: clampBox(mrz, frame.width, frame.height), personal: true, expect: {} });
    regions = regions.filter((r) => intersection(r.box, mrz) < 0.3 * boxArea(r.box));
  } else notes.push('The MRZ was not read on the captures: draw its zone by hand.');

  const taken = zones.map((z) => z.box);
  const varying = portraitRegion(regions, frame.height, map.cell);
  const outlined = findPortraitRectangle(input.whiteRgb, frame.dpi, taken);
  // A rectangle around the differing area is the photo's own edge: prefer it when they overlap.
  let photo: Box | null = varying ? (outlined && intersection(outlined, varying.box) > 0.5 * boxArea(varying.box) ? outlined : varying.box) : outlined;
  if (photo) {
    photo = clampBox(photo, frame.width, frame.height);
    zones.push({ id: 'photo', kind: 'photo', label: 'Portrait', box: photo, personal: true, expect: {} });
    if (!varying) notes.push('The portrait is the same on every capture; its zone was placed on the outlined rectangle. Check it.');
    regions = regions.filter((r) => intersection(r.box, photo!) < 0.3 * boxArea(r.box));
    const ghost = findGhost(white, frame.dpi, photo, [...taken, ...regions.filter((r) => r.captures >= 2).map((r) => r.box)]);
    if (ghost) {
      const box = clampBox(ghost.box, frame.width, frame.height);
      zones.push({ id: 'ghost', kind: 'ghost', label: 'Ghost portrait', box, personal: true, expect: {}, note: 'Must show the same face as the main portrait.' });
      regions = regions.filter((r) => intersection(r.box, box) < 0.3 * boxArea(r.box));
    }
  } else notes.push('No portrait was found: draw its zone by hand if the document has one.');

  // The rest is personal data: values, the signature, personalised lines of the header.
  const boxes = regions.map((r) => r.box);
  const obstacles = [...zones.map((z) => z.box), ...boxes];
  let n = 0;
  for (const region of regions.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)) {
    n++;
    // What the region is printed on: its own mean, and the ring around it (1 mm), since light print
    // or a coloured stamp can make a region on a dark band bright on average.
    const background = Math.min(meanIn(white, region.box), ringMedian(white, region.box, Math.round(mm(frame, 1))));
    if (background < 100) {
      // Light print on a dark band: a personalised line of the header (the issuing state of a shared
      // design, a stamp). Not a data field: it has no background print for the erasure check to read.
      zones.push({ id: `header-${n}`, kind: 'header', label: 'Personalised header line', box: clampBox(region.box, frame.width, frame.height), personal: true, expect: {} });
      continue;
    }
    const box = clampBox(widen(region.box, white, paper, obstacles, frame), frame.width, frame.height);
    zones.push({ id: `field-${n}`, kind: 'field', label: `Data field ${n}`, box, personal: true, expect: {} });
  }
  return { zones: dedupe(zones), notes };
}

/** Zones of the same kind that overlap by most of the smaller one are one zone. */
function dedupe(zones: ReferenceZone[]): ReferenceZone[] {
  const out: ReferenceZone[] = [];
  for (const z of zones) {
    const twin = out.find((o) => o.kind === z.kind && intersection(o.box, z.box) > 0.6 * Math.min(boxArea(o.box), boxArea(z.box)));
    if (twin) twin.box = union(twin.box, z.box);
    else out.push({ ...z });
  }
  return out;
}
