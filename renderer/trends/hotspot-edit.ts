// Pure helpers of the hotspot editor: hotspots being drawn (with a key for React and the zone they
// came from, if chosen by checkbox), a free place for a hotspot added with the keyboard, keeping
// boxes on the image, and what goes to trends:publishAlert.
import { featureZoneOf, isPersonalZone, personalOverlaps, type PersonalOverlap } from '../../electron/contract/hotspot-privacy';
import type { Box, Light } from '../../electron/contract/capture.contract';
import type { DocumentClass, ReferenceZone } from '../../electron/contract/reference.contract';
import type { Hotspot } from '../../electron/contract/trends.contract';
import type { ImageSize } from '../reference/class-edit';

export interface DraftHotspot extends Box {
  key: string;
  light: Light;
  label: string;
  /** The feature zone it was chosen from (checkbox); null once drawn or moved by hand. */
  zoneId: string | null;
}

let counter = 0;
export function hotspotKey(): string {
  counter += 1;
  return `h${counter}`;
}

/** The light under which a zone's feature shows (as the Node side decides it for crops). */
export function zoneLight(zone: ReferenceZone): Light {
  if (zone.kind === 'uv-feature' || zone.expect.uv?.fluoresces) return 'uv';
  if (zone.kind === 'ir-feature') return 'ir';
  return 'white';
}

export function featureZones(cls: DocumentClass): ReferenceZone[] {
  return cls.zones.filter((z) => !isPersonalZone(z));
}

export function hotspotFromZone(zone: ReferenceZone): DraftHotspot {
  const r = (v: number) => Math.max(0, Math.round(v));
  return { key: hotspotKey(), light: zoneLight(zone), x: r(zone.box.x), y: r(zone.box.y), w: Math.max(1, r(zone.box.w)), h: Math.max(1, r(zone.box.h)), label: zone.label.slice(0, 120), zoneId: zone.id };
}

/** Keeps a box inside the image, at least one pixel wide and high. */
export function clampBox(box: Box, size: ImageSize): Box {
  const w = Math.max(1, Math.min(Math.round(box.w), size.w));
  const h = Math.max(1, Math.min(Math.round(box.h), size.h));
  return { x: Math.min(Math.max(0, Math.round(box.x)), size.w - w), y: Math.min(Math.max(0, Math.round(box.y)), size.h - h), w, h };
}

/** The first place, scanning rows from the top left, where a new box touches no personal zone. */
export function freeSpot(cls: DocumentClass, size: ImageSize): Box {
  const w = Math.round(size.w * 0.12);
  const h = Math.round(size.h * 0.1);
  const stepX = Math.max(1, Math.round(size.w * 0.02));
  const stepY = Math.max(1, Math.round(size.h * 0.02));
  for (let y = 0; y + h <= size.h; y += stepY) {
    for (let x = 0; x + w <= size.w; x += stepX) {
      const box = { x, y, w, h };
      if (personalOverlaps(box, cls).length === 0) return box;
    }
  }
  return { x: Math.round((size.w - w) / 2), y: Math.round((size.h - h) / 2), w, h };
}

/** After a move or resize the box is a hand-drawn one, unless it is back on its zone exactly. */
export function withBox(spot: DraftHotspot, box: Box, cls: DocumentClass): DraftHotspot {
  const zone = featureZoneOf(box, cls);
  return { ...spot, ...box, zoneId: zone && zone.id === spot.zoneId ? zone.id : null };
}

export function overlapOf(spot: DraftHotspot, cls: DocumentClass): PersonalOverlap | null {
  return personalOverlaps(spot, cls)[0] ?? null;
}

/** A published hotspot back in the editor (replacing an alert): a zone's own box counts as chosen from it. */
export function draftOf(hotspot: Hotspot, cls: DocumentClass): DraftHotspot {
  const zone = featureZoneOf(hotspot, cls);
  return { key: hotspotKey(), ...hotspot, zoneId: zone && zoneLight(zone) === hotspot.light ? zone.id : null };
}

export function toHotspot(spot: DraftHotspot): Hotspot {
  return { light: spot.light, x: spot.x, y: spot.y, w: spot.w, h: spot.h, label: spot.label.trim().slice(0, 120) };
}
