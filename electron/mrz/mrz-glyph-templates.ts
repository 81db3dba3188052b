// MRZ glyph templates at the crop scale (pitch 30 px). ICAO 9303 Part 3 §4.1 prescribes OCR-B, size 1,
// but printers use their own OCR-B implementations and some states other monospaced faces: templates are
// rendered from OCR-B and from a few monospaced families, each scaled to OCR-B's cap height and median
// glyph width (the crop is normalised to that same box), and the reader picks the family that fits the
// document best (mrz-template-match.ts).
import sharp from 'sharp';
import { ensureSpecimenFonts } from '../imaging/font-setup';
import { MRZ_ALPHABET } from './mrz-ocr-engine';

/** Template window, in crop pixels, centred on the cell centre (mid cap height). */
export const TEMPLATE_W = 32;
export const TEMPLATE_H = 42;
const PITCH = 30;
const MM = PITCH / 2.54; // crop pixels per millimetre
const CAP = 2.42 * MM; // OCR-B size 1: cap height 2.42 mm
const CELL = 64; // render cell, roomy enough for any glyph plus blur

/** Families the templates are made from; OCR-B first (the ICAO font, and the reference box). */
// The others were kept for how often they give a real MRZ glyph its best match (measured on the
// development set: DejaVu Sans Mono and Liberation Mono almost never did). Bundled in assets/fonts.
export const TEMPLATE_FAMILIES = ['OCR B', 'JetBrains Mono', 'B612 Mono', 'Noto Mono', 'Inconsolata'];

export interface GlyphTemplate {
  char: string;
  family: string;
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

/** A glyph window with zero mean and unit norm, so templates and cells compare by correlation. */
export function normalise(ink: Float32Array): Float32Array {
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

interface RenderedRow {
  data: Buffer;
  width: number;
}

/** One row of glyphs, each centred in its own cell; `scaleX` narrows or widens the family to the reference. */
export async function renderRow(family: string, fontSize: number, scaleX: number, sigma: number): Promise<RenderedRow> {
  const chars = [...MRZ_ALPHABET];
  const width = CELL * chars.length;
  // Each glyph in its own <text>, centred with text-anchor (librsvg ignores per-glyph x lists);
  // the vertical placement is fixed afterwards from the measured ink box.
  const texts = chars
    .map((c, i) => `<text x="${((i * CELL + CELL / 2) / scaleX).toFixed(2)}" y="${(CELL * 0.75).toFixed(2)}">${c === '<' ? '&lt;' : c}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${CELL}"><rect width="100%" height="100%" fill="#fff"/><g transform="scale(${scaleX.toFixed(4)},1)" font-family="${family}" font-size="${fontSize.toFixed(3)}" text-anchor="middle" fill="#000">${texts}</g></svg>`;
  let img = sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).greyscale();
  if (sigma >= 0.3) img = img.blur(sigma);
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width };
}

interface InkBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function inkBox(row: RenderedRow, index: number): InkBox {
  let x0 = CELL, x1 = -1, y0 = CELL, y1 = -1;
  for (let y = 0; y < CELL; y++) {
    for (let x = 0; x < CELL; x++) {
      if (255 - row.data[y * row.width + index * CELL + x]! <= 128) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return { x0, x1, y0, y1 };
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1]!;
const glyphIndices = [...MRZ_ALPHABET].map((c, i) => (c === '<' ? -1 : i)).filter((i) => i >= 0);
const H_INDEX = MRZ_ALPHABET.indexOf('H');

/** Font size and horizontal scale that give a family OCR-B's cap height and median glyph width. */
export async function fitFamily(family: string, refWidth: number | null): Promise<{ fontSize: number; scaleX: number }> {
  const trial = 40;
  const row = await renderRow(family, trial, 1, 0);
  const h = inkBox(row, H_INDEX);
  const fontSize = (trial * CAP) / (h.y1 - h.y0 + 1);
  if (refWidth === null) return { fontSize, scaleX: 1 };
  const widths = glyphIndices.map((i) => {
    const b = inkBox(row, i);
    return ((b.x1 - b.x0 + 1) * fontSize) / trial;
  });
  return { fontSize, scaleX: refWidth / median(widths) };
}

async function buildFamily(family: string, refWidth: number | null): Promise<GlyphTemplate[]> {
  const { fontSize, scaleX } = await fitFamily(family, refWidth);
  const rows = await Promise.all(BLUR_LEVELS.map((sigma) => renderRow(family, fontSize, scaleX, sigma)));
  const capTop = inkBox(rows[0]!, H_INDEX).y0;
  return [...MRZ_ALPHABET].map((char, i) => {
    // Window centred on the cell horizontally and on mid cap height vertically (as the crop's cells are).
    const x0 = i * CELL + CELL / 2 - TEMPLATE_W / 2;
    const y0 = Math.round(capTop + CAP / 2 - TEMPLATE_H / 2);
    let sx = 0, sy = 0, s = 0;
    let bx0 = TEMPLATE_W, bx1 = -1, by0 = TEMPLATE_H, by1 = -1;
    const levels = rows.map(({ data, width }, level) => {
      const ink = new Float32Array(TEMPLATE_W * TEMPLATE_H);
      for (let y = 0; y < TEMPLATE_H; y++) {
        for (let x = 0; x < TEMPLATE_W; x++) {
          const yy = y0 + y;
          const v = yy < 0 || yy >= CELL ? 0 : 255 - data[yy * width + x0 + x]!;
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
    return { char, family, levels, cx: sx / s - TEMPLATE_W / 2, cy: sy / s - TEMPLATE_H / 2, width: bx1 - bx0 + 1, height: by1 - by0 + 1 };
  });
}

async function build(): Promise<GlyphTemplate[]> {
  ensureSpecimenFonts();
  const ocrb = await buildFamily(TEMPLATE_FAMILIES[0]!, null);
  const ref = referenceGlyphBox(ocrb);
  const others = await Promise.all(TEMPLATE_FAMILIES.slice(1).map((f) => buildFamily(f, ref.width)));
  return [...ocrb, ...others.flat()];
}

export function glyphTemplates(): Promise<GlyphTemplate[]> {
  if (!cache) cache = build();
  return cache;
}

/** Median glyph box of the OCR-B letters and digits at the crop scale: the size the readers expect. */
export function referenceGlyphBox(templates: GlyphTemplate[]): { width: number; height: number } {
  const glyphs = templates.filter((t) => t.char !== '<' && t.family === TEMPLATE_FAMILIES[0]);
  return { width: median(glyphs.map((t) => t.width)), height: median(glyphs.map((t) => t.height)) };
}
