// OCR-B glyph templates at the crop scale (pitch 30 px). The MRZ font is fixed by ICAO 9303 Part 3 §4.1
// (OCR-B, size 1), so every genuine MRZ glyph has a known shape: the templates are a font-exact second
// opinion next to the OCR engine, strongest exactly where it is weakest (M/H, O/0, S/5, B/8).
import sharp from 'sharp';
import { ensureSpecimenFonts } from '../imaging/font-setup';
import { MRZ_ALPHABET } from './mrz-ocr-engine';

/** Template window, in crop pixels, centred on the cell centre (mid cap height). */
export const TEMPLATE_W = 32;
export const TEMPLATE_H = 42;
const PITCH = 30;
const MM = PITCH / 2.54; // crop pixels per millimetre
const FONT_SIZE = (2.42 / 0.72) * MM; // OCR-B size 1: cap height 2.42 mm; cap height = 0.72 em
const CAP = 2.42 * MM;
const CELL = 64; // render cell, roomy enough for any glyph plus blur

export interface GlyphTemplate {
  char: string;
  /** Zero-mean, unit-norm ink values (ink = 255 − grey), TEMPLATE_W × TEMPLATE_H, one per blur level. */
  levels: Float32Array[];
  /** Ink centroid relative to the window centre. */
  cx: number;
  cy: number;
  /** Ink bounding box size (unblurred, ink > half), in crop pixels. */
  width: number;
  height: number;
}

export const BLUR_LEVELS = [0.6, 1.6];

let cache: Promise<GlyphTemplate[]> | null = null;

function normalise(ink: Float32Array): Float32Array {
  let mean = 0;
  for (const v of ink) mean += v;
  mean /= ink.length;
  let norm = 0;
  const out = new Float32Array(ink.length);
  for (let i = 0; i < ink.length; i++) {
    out[i] = ink[i]! - mean;
    norm += out[i]! * out[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

async function renderRow(sigma: number): Promise<{ data: Buffer; width: number }> {
  const chars = [...MRZ_ALPHABET];
  const width = CELL * chars.length;
  const baseline = CELL / 2 + CAP / 2;
  // Each glyph centred in its cell, one <text> per glyph (librsvg ignores per-glyph x lists).
  // OCR-B advance is 0.725 em, so a glyph's centre is at x + 0.3625 em.
  const texts = chars
    .map((c, i) => `<text x="${(i * CELL + CELL / 2 - 0.3625 * FONT_SIZE).toFixed(2)}" y="${baseline.toFixed(2)}">${c === '<' ? '&lt;' : c}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${CELL}"><rect width="100%" height="100%" fill="#fff"/><g font-family="OCR B" font-size="${FONT_SIZE.toFixed(3)}" fill="#000">${texts}</g></svg>`;
  let img = sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).greyscale();
  if (sigma >= 0.3) img = img.blur(sigma);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width };
}

async function build(): Promise<GlyphTemplate[]> {
  ensureSpecimenFonts();
  const rows = await Promise.all(BLUR_LEVELS.map(renderRow));
  return [...MRZ_ALPHABET].map((char, i) => {
    const x0 = i * CELL + CELL / 2 - TEMPLATE_W / 2;
    const y0 = CELL / 2 - TEMPLATE_H / 2;
    let sx = 0, sy = 0, s = 0;
    let bx0 = TEMPLATE_W, bx1 = -1, by0 = TEMPLATE_H, by1 = -1;
    const levels = rows.map(({ data, width }, level) => {
      const ink = new Float32Array(TEMPLATE_W * TEMPLATE_H);
      for (let y = 0; y < TEMPLATE_H; y++) {
        for (let x = 0; x < TEMPLATE_W; x++) {
          const v = 255 - data[(y0 + y) * width + x0 + x]!;
          ink[y * TEMPLATE_W + x] = v;
          if (level === 0) {
            sx += v * x;
            sy += v * y;
            s += v;
            if (v > 128) {
              bx0 = Math.min(bx0, x);
              bx1 = Math.max(bx1, x);
              by0 = Math.min(by0, y);
              by1 = Math.max(by1, y);
            }
          }
        }
      }
      return normalise(ink);
    });
    return { char, levels, cx: sx / s - TEMPLATE_W / 2, cy: sy / s - TEMPLATE_H / 2, width: bx1 - bx0 + 1, height: by1 - by0 + 1 };
  });
}

export function glyphTemplates(): Promise<GlyphTemplate[]> {
  if (!cache) cache = build();
  return cache;
}

/** Median glyph box of the OCR-B letters and digits at the crop scale: the size the readers expect. */
export function referenceGlyphBox(templates: GlyphTemplate[]): { width: number; height: number } {
  const glyphs = templates.filter((t) => t.char !== '<');
  const mid = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
  return { width: mid(glyphs.map((t) => t.width)), height: mid(glyphs.map((t) => t.height)) };
}
