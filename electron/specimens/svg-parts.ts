// Small SVG building blocks for the specimen page, all in millimetre user units.
import type { Rect } from './page-layout';
import type { Rng } from './prng';

export const VIZ_FONT = 'DejaVu Sans';
export const VIZ_VALUE_FONT = 'DejaVu Sans Condensed';
/** fontconfig family name of OCR-B: with a space; 'OCR-B' silently falls back to another font. */
export const OCRB_FONT = 'OCR B';
/** Horizontal offset of an OCR B glyph's centre from its origin, in em (measured: advance 0.725 em). */
export const OCRB_CENTRE_EM = 0.3625;

const f = (n: number): string => (Math.round(n * 1000) / 1000).toString();

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export interface TextStyle {
  family?: string;
  weight?: 'normal' | 'bold';
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
  opacity?: number;
}

export function svgText(x: number, y: number, size: number, content: string, style: TextStyle): string {
  const anchor = style.anchor && style.anchor !== 'start' ? ` text-anchor="${style.anchor}"` : '';
  const opacity = style.opacity !== undefined ? ` fill-opacity="${f(style.opacity)}"` : '';
  return `<text x="${f(x)}" y="${f(y)}" font-family="${style.family ?? VIZ_FONT}" font-size="${f(size)}" font-weight="${style.weight ?? 'normal'}" fill="${style.fill}"${opacity}${anchor}>${escapeXml(content)}</text>`;
}

/**
 * One MRZ line, every character placed on its own 2.54 mm cell (ICAO 9303 Part 3 §4.1, 10 cpi).
 * One <text> per character: librsvg ignores per-glyph x lists and would set the glyphs at the font's
 * own advance (0.725 em ≈ 2.44 mm), not at the ICAO pitch.
 */
export function mrzLineText(
  line: string,
  left: number,
  baseline: number,
  pitch: number,
  fontSize: number,
  fill: string,
  face: { family: string; centreEm: number } = { family: OCRB_FONT, centreEm: OCRB_CENTRE_EM },
): string {
  const glyphs = Array.from(line, (c, i) => `<text x="${f(left + (i + 0.5) * pitch - face.centreEm * fontSize)}" y="${f(baseline)}">${escapeXml(c)}</text>`).join('');
  return `<g font-family="${face.family}" font-size="${f(fontSize)}" fill="${fill}">${glyphs}</g>`;
}

export function rect(r: Rect, fill: string, extra = ''): string {
  return `<rect x="${f(r.x)}" y="${f(r.y)}" width="${f(r.w)}" height="${f(r.h)}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

export interface PortraitInks {
  background: string;
  figure: string;
  hair: string;
}

/** Neutral head-and-shoulders placeholder: no real face is ever drawn on a specimen. */
export function silhouette(r: Rect, inks: PortraitInks, opacity = 1): string {
  const cx = r.x + r.w / 2;
  const headY = r.y + r.h * 0.4;
  const rx = r.w * 0.2;
  const ry = r.h * 0.21;
  const shoulderY = r.y + r.h * 0.72;
  const body =
    `M${f(r.x + r.w * 0.06)} ${f(r.y + r.h)}` +
    `C${f(r.x + r.w * 0.08)} ${f(shoulderY)} ${f(cx - r.w * 0.2)} ${f(shoulderY - r.h * 0.04)} ${f(cx - r.w * 0.1)} ${f(shoulderY - r.h * 0.06)}` +
    `L${f(cx + r.w * 0.1)} ${f(shoulderY - r.h * 0.06)}` +
    `C${f(cx + r.w * 0.2)} ${f(shoulderY - r.h * 0.04)} ${f(r.x + r.w * 0.92)} ${f(shoulderY)} ${f(r.x + r.w * 0.94)} ${f(r.y + r.h)}Z`;
  const neck = { x: cx - rx * 0.45, y: headY + ry * 0.6, w: rx * 0.9, h: shoulderY - headY - ry * 0.5 };
  return (
    `<g opacity="${f(opacity)}">` +
    rect(r, inks.background) +
    `<path d="${body}" fill="${inks.figure}"/>` +
    rect(neck, inks.figure) +
    `<ellipse cx="${f(cx)}" cy="${f(headY)}" rx="${f(rx)}" ry="${f(ry)}" fill="${inks.figure}"/>` +
    `<path d="M${f(cx - rx * 1.02)} ${f(headY - ry * 0.05)}C${f(cx - rx * 1.1)} ${f(headY - ry * 1.35)} ${f(cx + rx * 1.1)} ${f(headY - ry * 1.35)} ${f(cx + rx * 1.02)} ${f(headY - ry * 0.05)}C${f(cx + rx * 0.7)} ${f(headY - ry * 0.75)} ${f(cx - rx * 0.7)} ${f(headY - ry * 0.75)} ${f(cx - rx * 1.02)} ${f(headY - ry * 0.05)}Z" fill="${inks.hair}"/>` +
    `</g>`
  );
}

/** Catmull-Rom spline through the points, as cubic Bézier segments. */
function smoothPath(points: [number, number][]): string {
  const [first] = points;
  if (!first) return '';
  let d = `M${f(first[0])} ${f(first[1])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)] as [number, number];
    const p1 = points[i] as [number, number];
    const p2 = points[i + 1] as [number, number];
    const p3 = points[Math.min(points.length - 1, i + 2)] as [number, number];
    d += `C${f(p1[0] + (p2[0] - p0[0]) / 6)} ${f(p1[1] + (p2[1] - p0[1]) / 6)} ${f(p2[0] - (p3[0] - p1[0]) / 6)} ${f(p2[1] - (p3[1] - p1[1]) / 6)} ${f(p2[0])} ${f(p2[1])}`;
  }
  return d;
}

/** A handwritten-looking signature: a tall initial, cursive up-and-down strokes with small loops, a swash. */
export function signaturePath(rng: Rng, r: Rect): string {
  const top = r.y + r.h * 0.1;
  const bottom = r.y + r.h * 0.85;
  const mid = (top + bottom) / 2;
  let x = r.x + r.w * rng.range(0.05, 0.15);
  const points: [number, number][] = [[x, mid + r.h * 0.2], [x + r.w * 0.03, top], [x + r.w * 0.01, bottom]];
  x += r.w * 0.05;
  const strokes = rng.int(7, 12);
  for (let i = 0; i < strokes && x < r.x + r.w * 0.85; i++) {
    const up = i % 2 === 0;
    const reach = rng.range(0.3, 1);
    points.push([x, up ? mid - (mid - top) * reach : mid + (bottom - mid) * reach * 0.6]);
    // Now and then the pen goes back a little: a loop, as in an 'l' or an 'e'.
    x += r.w * (rng.chance(0.2) ? -0.025 : rng.range(0.04, 0.09));
  }
  const last = points[points.length - 1] as [number, number];
  const signature = smoothPath(points);
  const swash = smoothPath([last, [last[0] + r.w * 0.05, bottom], [r.x + r.w * rng.range(0.3, 0.5), bottom + r.h * 0.05], [r.x + r.w * 0.15, bottom - r.h * 0.05]]);
  return signature + swash;
}

export interface Fibre {
  d: string;
  colour: string;
  colourName: string;
  box: Rect;
}

/** Fluorescent security fibres embedded in the paper: short, thin, curved, random per sheet. */
export function makeFibres(rng: Rng, page: Rect, count: number, inks: readonly { colour: string; name: string }[]): Fibre[] {
  const fibres: Fibre[] = [];
  for (let i = 0; i < count && inks.length > 0; i++) {
    const len = rng.range(2, 5);
    const angle = rng.range(0, Math.PI);
    const x0 = rng.range(page.x + 2, page.x + page.w - 2);
    const y0 = rng.range(page.y + 2, page.y + page.h - 2);
    const x1 = x0 + len * Math.cos(angle);
    const y1 = y0 + len * Math.sin(angle);
    const bend = rng.range(-0.35, 0.35) * len;
    const cx = (x0 + x1) / 2 - bend * Math.sin(angle);
    const cy = (y0 + y1) / 2 + bend * Math.cos(angle);
    const ink = rng.pick(inks);
    const xs = [x0, x1, cx];
    const ys = [y0, y1, cy];
    const box = { x: Math.min(...xs) - 0.3, y: Math.min(...ys) - 0.3, w: Math.max(...xs) - Math.min(...xs) + 0.6, h: Math.max(...ys) - Math.min(...ys) + 0.6 };
    fibres.push({ d: `M${f(x0)} ${f(y0)}Q${f(cx)} ${f(cy)} ${f(x1)} ${f(y1)}`, colour: ink.colour, colourName: ink.name, box });
  }
  return fibres;
}
