// Ground-truth regions of a specimen page, in pixels of the undegraded page at the render dpi.
import type { Box } from '../contract/capture.contract';
import type { SpecimenRegion } from '../contract/specimen.contract';
import { estimateTextWidth, type PageLayout, type Rect } from './page-layout';
import type { SpecimenDesign, VizField } from './specimen-designs';
import { valueFontSize } from './specimen-svg';
import type { Fibre } from './svg-parts';

export interface RegionInputs {
  design: SpecimenDesign;
  layout: PageLayout;
  printed: Partial<Record<VizField, string>>;
  fibres: Fibre[];
  uvNumber: { x: number; y: number; size: number; text: string } | null;
  dpi: number;
}

/** Box of a line of text set at (x, baseline): accented capitals reach ≈ 0.93 em, descenders ≈ 0.24 em. */
export function textBox(x: number, baseline: number, size: number, width: number): Rect {
  return { x: x - 0.2, y: baseline - size * 0.97, w: width + 0.4, h: size * 1.22 };
}

/** A millimetre rectangle as a pixel box of the page at `dpi`, clipped to the page. */
export function pageBoxPx(r: Rect, layout: PageLayout, dpi: number): Box {
  const k = dpi / 25.4;
  const x = Math.max(0, Math.round(r.x * k));
  const y = Math.max(0, Math.round(r.y * k));
  const right = Math.min(Math.round(layout.widthMm * k), Math.round((r.x + r.w) * k));
  const bottom = Math.min(Math.round(layout.heightMm * k), Math.round((r.y + r.h) * k));
  return { x, y, w: Math.max(1, right - x), h: Math.max(1, bottom - y) };
}

export function buildRegions(input: RegionInputs): SpecimenRegion[] {
  const { design, layout, dpi } = input;
  const px = (r: Rect): Box => pageBoxPx(r, layout, dpi);
  const regions: SpecimenRegion[] = [];
  const add = (id: string, kind: SpecimenRegion['kind'], r: Rect, ref?: string): void => {
    regions.push(ref === undefined ? { id, kind, box: px(r) } : { id, kind, box: px(r), ref });
  };

  add('header', 'header', layout.header, `${design.title} header with state name and SPECIMEN`);
  add('pattern', 'pattern', { x: 0, y: layout.header.h, w: layout.widthMm, h: layout.mrz.zone.y - layout.header.h }, `${design.pattern} guilloche background`);
  add('photo', 'photo', layout.portrait, 'portrait (neutral placeholder)');
  if (layout.ghost) add('ghost', 'ghost', layout.ghost, 'ghost portrait');
  add('signature', 'signature', layout.signature, "holder's signature");
  add('mrz', 'mrz', layout.mrz.box);
  layout.mrz.lineBoxes.forEach((box, i) => add(`mrz-line-${i + 1}`, 'mrz', box, `line ${i + 1}`));

  const fieldBoxes = new Map<VizField, Rect>();
  for (const slot of layout.slots) {
    const text = input.printed[slot.field];
    add(`label-${slot.field}`, 'label', textBox(slot.labelX, slot.labelY, slot.labelSize, estimateTextWidth(slot.label, slot.labelSize)), slot.field);
    if (!text) continue;
    const size = valueFontSize(slot, text);
    const box = textBox(slot.valueX, slot.valueY, size, Math.min(slot.maxWidth, estimateTextWidth(text, size, true)));
    fieldBoxes.set(slot.field, box);
    add(`field-${slot.field}`, 'field', box, slot.field);
  }

  const e = layout.emblem;
  const emblemBox = (c: { cx: number; cy: number; r: number }): Rect => ({ x: c.cx - c.r - 0.6, y: c.cy - c.r - 0.6, w: 2 * c.r + 1.2, h: 2 * c.r + 1.2 });
  add('uv-emblem', 'uv-feature', emblemBox(e), `emblem; colour=${design.uv.emblem.name} ${design.uv.emblem.colour}`);
  if (design.uv.emblem2) add('uv-emblem-2', 'uv-feature', emblemBox(layout.emblem2), `portrait overlay emblem; colour=${design.uv.emblem2.name} ${design.uv.emblem2.colour}`);
  if (input.uvNumber && design.uv.numberInk) {
    const n = input.uvNumber;
    add('uv-number', 'uv-feature', textBox(n.x, n.y, n.size, n.text.length * n.size * 0.62), `document number in fluorescent ink; colour=${design.uv.numberInk.name} ${design.uv.numberInk.colour}`);
  }
  input.fibres.forEach((fibre, i) => add(`uv-fibre-${i + 1}`, 'uv-feature', fibre.box, `fibre; colour=${fibre.colourName} ${fibre.colour}`));

  add('ir-mrz', 'ir-feature', layout.mrz.box, 'MRZ in B900-absorbing ink');
  for (const field of design.ir.fields) {
    const box = fieldBoxes.get(field);
    if (box) add(`ir-${field}`, 'ir-feature', box, `${field} in IR-absorbing ink`);
  }
  if (design.ir.portrait) {
    add('ir-photo', 'ir-feature', layout.portrait, 'portrait in carbon-based print');
    if (layout.ghost) add('ir-ghost', 'ir-feature', layout.ghost, 'ghost portrait in carbon-based print');
  }
  if (layout.irBand) add('ir-band', 'ir-feature', { x: layout.irBand.x - 0.2, y: layout.irBand.y - 0.2, w: layout.irBand.w + 0.4, h: layout.irBand.h + 0.4 }, 'guilloche band in IR-absorbing ink');
  return regions;
}
