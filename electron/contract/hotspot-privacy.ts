// Where an expert-alert hotspot may lie on a class's reference image: off the holder's data. The
// same rule runs in the publishing form (to colour a box as it is drawn) and on the Node side
// (which refuses the alert), so both always agree. Pure data and arithmetic: no Node, no DOM.
import type { Box } from './capture.contract';
import type { DocumentClass, ReferenceZone } from './reference.contract';

/** Zone kinds that show the holder or their data, whatever their `personal` flag says. */
export const PERSONAL_ZONE_KINDS: ReadonlySet<string> = new Set(['photo', 'ghost', 'mrz', 'field', 'signature']);

/** Zones that vary per document: never compared pixel by pixel, masked in every crop. */
export function isPersonalZone(zone: Pick<ReferenceZone, 'kind' | 'personal'>): boolean {
  return zone.personal || PERSONAL_ZONE_KINDS.has(zone.kind);
}

/** Security-feature kinds: a `personal` one repeats the holder's data in a special ink (the document
 * number in fluorescent ink, the portrait in carbon-based print). */
const FEATURE_ZONE_KINDS: ReadonlySet<string> = new Set(['uv-feature', 'ir-feature']);

/**
 * Zones a hotspot must stay off: the holder's portrait, ghost image, data fields, MRZ and signature,
 * and the features that repeat them in a special ink. Not every `personal` zone: the issuing state's
 * name on a shared design varies per document (so it is never compared pixel by pixel) but is no
 * data of the holder, and an expert may well point at it.
 */
export function isHolderDataZone(zone: Pick<ReferenceZone, 'kind' | 'personal'>): boolean {
  return PERSONAL_ZONE_KINDS.has(zone.kind) || (zone.personal && FEATURE_ZONE_KINDS.has(zone.kind));
}

/**
 * An overlap is trivial (a hand-drawn edge slipping onto a neighbouring zone) when it is at most
 * this share of the hotspot AND of the personal zone. Anything more points at the holder's data.
 */
export const TRIVIAL_OVERLAP_SHARE = 0.05;

export interface PersonalOverlap {
  zoneId: string;
  label: string;
  kind: string;
  /** Share of the hotspot's area inside the zone (0..1). */
  ofHotspot: number;
  /** Share of the zone's area inside the hotspot (0..1). */
  ofZone: number;
}

function intersectionArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The size of the class's reference images in pixels (its page size at its resolution). */
export function referenceSizePx(cls: Pick<DocumentClass, 'size' | 'dpi'>): { w: number; h: number } {
  return { w: Math.round((cls.size.widthMm / 25.4) * cls.dpi), h: Math.round((cls.size.heightMm / 25.4) * cls.dpi) };
}

/**
 * A hotspot that is exactly one of the class's own non-personal zones (the quick choice by
 * checkbox): the reference author drew and classified that zone, so it is accepted as it is even
 * where the feature lies over data fields (an emblem printed across the portrait, say). Boxes are
 * compared after rounding to whole pixels, as the form rounds them.
 */
export function featureZoneOf(box: Box, cls: Pick<DocumentClass, 'zones'>): ReferenceZone | null {
  const same = (a: number, b: number) => Math.abs(Math.round(a) - Math.round(b)) <= 1;
  return cls.zones.find((z) => !isPersonalZone(z) && same(z.box.x, box.x) && same(z.box.y, box.y) && same(z.box.w, box.w) && same(z.box.h, box.h)) ?? null;
}

/** Edges of a box drawn by hand inside a feature zone may stray this far (reference pixels) past it. */
const INSIDE_TOLERANCE_PX = 2;

/**
 * A non-personal security feature (a fluorescent emblem, an IR-visible print) that the box lies in:
 * the box points at part of that feature — a blurred tip of the emblem printed over the portrait — and
 * is accepted like the whole zone. The page-wide background and the header band are no such feature:
 * every box lies in them.
 */
export function featureZoneAround(box: Box, cls: Pick<DocumentClass, 'zones'>): ReferenceZone | null {
  const t = INSIDE_TOLERANCE_PX;
  return (
    cls.zones.find(
      (z) =>
        FEATURE_ZONE_KINDS.has(z.kind) &&
        !isPersonalZone(z) &&
        box.x >= z.box.x - t &&
        box.y >= z.box.y - t &&
        box.x + box.w <= z.box.x + z.box.w + t &&
        box.y + box.h <= z.box.y + z.box.h + t,
    ) ?? null
  );
}

/** Holder-data zones the box overlaps more than trivially, largest overlap first (the first is the one named). */
export function personalOverlaps(box: Box, cls: Pick<DocumentClass, 'zones'>): PersonalOverlap[] {
  if (featureZoneOf(box, cls) || featureZoneAround(box, cls)) return [];
  const area = Math.max(1, box.w * box.h);
  const out: PersonalOverlap[] = [];
  for (const zone of cls.zones) {
    if (!isHolderDataZone(zone)) continue;
    const inter = intersectionArea(box, zone.box);
    if (inter === 0) continue;
    const ofHotspot = inter / area;
    const ofZone = inter / Math.max(1, zone.box.w * zone.box.h);
    if (ofHotspot > TRIVIAL_OVERLAP_SHARE || ofZone > TRIVIAL_OVERLAP_SHARE) out.push({ zoneId: zone.id, label: zone.label, kind: zone.kind, ofHotspot, ofZone });
  }
  // The printed zone is named before a feature with the same box (the portrait before its carbon print).
  const rank = (o: PersonalOverlap) => (PERSONAL_ZONE_KINDS.has(o.kind) ? 0 : 1);
  return out.sort((a, b) => b.ofHotspot - a.ofHotspot || rank(a) - rank(b));
}
