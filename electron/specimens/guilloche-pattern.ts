// Guilloche background print: fine interlaced curves (rosettes, wave bands) in light inks, the
// classic deterrent against scanning and reprinting. Built once per design (it is part of the
// design, not of the document), as SVG path data in millimetres.
import type { PageLayout, Rect } from './page-layout';
import type { SpecimenDesign } from './specimen-designs';

export interface PatternStroke {
  d: string;
  colour: string;
  width: number;
}

const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

function polyline(points: [number, number][], closed: boolean): string {
  let d = '';
  points.forEach(([x, y], i) => {
    d += `${i === 0 ? 'M' : 'L'}${fmt(x)} ${fmt(y)}`;
  });
  return closed ? `${d}Z` : d;
}

/** A (k+1)-fold rose of a circle plus an epicycle: x = a cos t + b cos kt, y = a sin t − b sin kt. */
export function rosettePath(cx: number, cy: number, a: number, b: number, k: number, phase: number, steps = 720): string {
  const points: [number, number][] = [];
  for (let i = 0; i < steps; i++) {
    const t = (i / steps) * 2 * Math.PI;
    const u = t + phase;
    points.push([cx + a * Math.cos(u) + b * Math.cos(k * t + phase), cy + a * Math.sin(u) - b * Math.sin(k * t + phase)]);
  }
  return polyline(points, true);
}

/** Families of phase-shifted sine waves across a band: the interlacing gives the moiré weave. */
export function waveBand(area: Rect, spacing: number, amplitude: number, wavelength: number, shift: number, step = 0.6): string {
  let d = '';
  const count = Math.ceil(area.h / spacing) + 2;
  for (let i = -1; i < count; i++) {
    const y0 = area.y + i * spacing;
    const points: [number, number][] = [];
    for (let x = area.x; x <= area.x + area.w + step; x += step) {
      const t = (2 * Math.PI * (x - area.x)) / wavelength;
      points.push([x, y0 + amplitude * Math.sin(t + i * shift) + amplitude * 0.35 * Math.sin(2.7 * t - i * shift * 0.5)]);
    }
    d += polyline(points, false);
  }
  return d;
}

function rosetteFamily(cx: number, cy: number, radius: number, k: number, count: number): string {
  let d = '';
  for (let i = 0; i < count; i++) {
    const f = 1 - i * (0.55 / count);
    d += rosettePath(cx, cy, radius * 0.72 * f, radius * 0.28 * f, k, (i * Math.PI) / (k + 1) / 2);
  }
  return d;
}

export function buildPattern(design: SpecimenDesign, layout: PageLayout): PatternStroke[] {
  const [c1, c2, c3] = design.palette.pattern;
  const page: Rect = { x: 0, y: 0, w: layout.widthMm, h: layout.heightMm };
  const s = layout.heightMm / 88;
  const strokes: PatternStroke[] = [];
  if (design.pattern === 'waves') {
    strokes.push({ d: waveBand(page, 1.7 * s, 1.2 * s, 14 * s, 0.35), colour: c1, width: 0.11 });
    strokes.push({ d: waveBand(page, 2.3 * s, 1.6 * s, 21 * s, -0.5), colour: c2, width: 0.1 });
    strokes.push({ d: rosetteFamily(layout.emblem.cx, layout.emblem.cy, layout.emblem.r * 1.15, 11, 6), colour: c3, width: 0.12 });
  } else {
    strokes.push({ d: waveBand(page, 2.2 * s, 0.9 * s, 18 * s, 0.6), colour: c3, width: 0.1 });
    const r = Math.min(layout.widthMm, layout.heightMm) * 0.42;
    strokes.push({ d: rosetteFamily(layout.emblem.cx, layout.emblem.cy, r, 17, 9), colour: c1, width: 0.12 });
    strokes.push({ d: rosetteFamily(layout.emblem.cx, layout.emblem.cy, r * 0.62, 11, 6), colour: c2, width: 0.12 });
    strokes.push({ d: rosetteFamily(layout.widthMm * 0.08, layout.heightMm * 0.3, r * 0.45, 7, 4), colour: c2, width: 0.08 });
  }
  return strokes;
}

/** Dense wave band printed in an IR-absorbing ink: visible in white light and under B900. All ink stays inside `band`. */
export function irBandPath(band: Rect): string {
  const amplitude = 0.5;
  const reach = amplitude * 1.35 + 0.1;
  const inner: Rect = { x: band.x, y: band.y + reach, w: band.w, h: Math.max(0, band.h - 2 * reach) };
  let d = '';
  for (let y0 = inner.y, i = 0; y0 <= inner.y + inner.h + 1e-9; y0 += 0.7, i++) {
    const points: [number, number][] = [];
    for (let x = band.x; x <= band.x + band.w + 1e-9; x += 0.4) {
      const t = (2 * Math.PI * (x - band.x)) / 6;
      points.push([x, y0 + amplitude * Math.sin(t + i * 0.9) + amplitude * 0.35 * Math.sin(2.7 * t - i * 0.45)]);
    }
    d += polyline(points, false);
  }
  return d;
}

/** The UV emblem: a rosette medallion printed in invisible fluorescent ink. */
export function uvEmblemPath(cx: number, cy: number, r: number, k: number): string {
  return rosetteFamily(cx, cy, r, k, 5) + rosettePath(cx, cy, r * 0.25, r * 0.08, 5, 0, 240);
}
