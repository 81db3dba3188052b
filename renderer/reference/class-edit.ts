// Pure helpers for editing a reference class: a zone from a mouse drag, nudging, a fresh zone id,
// and validation in plain words before the class is sent to reference:save.
import type { Box } from '../../electron/contract/capture.contract';
import type { DocumentClass, ReferenceZone } from '../../electron/contract/reference.contract';
import { t } from '../i18n/t';

export interface ImageSize {
  w: number;
  h: number;
}

/** The box spanned by two corner points, rounded to whole reference pixels and clamped to the image. */
export function boxFromDrag(a: { x: number; y: number }, b: { x: number; y: number }, size: ImageSize): Box {
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
  const x0 = clamp(Math.min(a.x, b.x), size.w);
  const y0 = clamp(Math.min(a.y, b.y), size.h);
  const x1 = clamp(Math.max(a.x, b.x), size.w);
  const y1 = clamp(Math.max(a.y, b.y), size.h);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Arrow keys move the box; with `resize` they change its width and height instead. */
export function nudge(box: Box, dx: number, dy: number, resize: boolean): Box {
  return resize ? { ...box, w: Math.max(1, box.w + dx), h: Math.max(1, box.h + dy) } : { ...box, x: box.x + dx, y: box.y + dy };
}

export function newZoneId(zones: readonly ReferenceZone[]): string {
  const taken = new Set(zones.map((z) => z.id));
  let n = zones.length + 1;
  while (taken.has(`zone-${n}`)) n++;
  return `zone-${n}`;
}

export function newZone(zones: readonly ReferenceZone[], box: Box): ReferenceZone {
  return { id: newZoneId(zones), kind: 'pattern', label: '', box, personal: false, expect: {} };
}

/** Every problem that would make the class unusable, in words an expert can act on. */
export function validateClass(cls: DocumentClass, size: ImageSize | null): string[] {
  if (!size) return [t('zone.error.noImage')];
  const problems: string[] = [];
  const seen = new Set<string>();
  cls.zones.forEach((zone, index) => {
    const n = index + 1;
    const label = zone.label.trim();
    const named = { n, label: label || t('zone.new') };
    if (!label) problems.push(t('zone.error.label', { n }));
    const { x, y, w, h } = zone.box;
    if (!(w > 0 && h > 0)) problems.push(t('zone.error.empty', named));
    else if (x < 0 || y < 0 || x + w > size.w || y + h > size.h) problems.push(t('zone.error.outside', { ...named, w: size.w, h: size.h }));
    if (seen.has(zone.id)) problems.push(t('zone.error.duplicate', { ...named, id: zone.id }));
    seen.add(zone.id);
    const colour = zone.expect.uv?.colour;
    if (colour !== undefined && !/^#[0-9a-fA-F]{6}$/.test(colour)) problems.push(t('zone.error.colour', named));
  });
  return problems;
}

/** One line per light: what the zone is expected to do ("IR invisible · UV fluoresces #3366ff"). */
export function expectationSummary(zone: ReferenceZone): string[] {
  const parts: string[] = [];
  if (zone.expect.ir) parts.push(t('zone.expect.ir', { value: t(`zone.ir.${zone.expect.ir}`) }));
  const uv = zone.expect.uv;
  if (uv) {
    const value = [t(uv.fluoresces ? 'zone.uv.fluoresces' : 'zone.uv.dull'), uv.colour ?? '', uv.fixedPattern ? t('zone.fixedPattern') : ''].filter(Boolean).join(' · ');
    parts.push(t('zone.expect.uv', { value }));
  }
  if (zone.expect.white) parts.push(t('zone.expect.white', { value: t(zone.expect.white.fixedPattern ? 'zone.white.fixed' : 'zone.white.variable') }));
  return parts;
}
