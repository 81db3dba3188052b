// Image → MRZ reading: decode, locate (any quarter turn), deskew and normalise the crop, OCR,
// place symbols in the fixed-pitch grid, then the same parse/validate/repair path as typed text.
import sharp from 'sharp';
import type { MrzReading } from '../contract/mrz.contract';
import { downscale } from '../imaging/affine-sample';
import { rotateQuarter, type GreyImage } from '../imaging/grey-image';
import { decodeGrey, openImage } from '../imaging/load-image';
import { cropMrz, quarterMap, type MrzCrop } from './mrz-image-crop';
import { locateMrz, type MrzBlock } from './mrz-locate';
import { recognizeSymbols } from './mrz-ocr-engine';
import { mrzLineLength, placeSymbols, type CellReading } from './mrz-ocr-grid';
import { readMrzText } from './mrz-text-reader';

export interface ReadMrzImageOptions {
  /** Infrared image of the same page: preferred, the background print vanishes in B900 (Part 2). */
  irPath?: string;
  now?: Date;
}

/** Long side of the image the locator analyses: enough for 2.54 mm pitch at any document size. */
const ANALYSIS_SIDE = 1000;

interface Located {
  block: MrzBlock;
  quarter: 0 | 1 | 2 | 3;
  factor: number;
  small: GreyImage;
}

function locate(full: GreyImage): Located | null {
  const factor = Math.max(1, Math.ceil(Math.max(full.width, full.height) / ANALYSIS_SIDE));
  const small = downscale(full, factor);
  for (const quarter of [0, 1, 3] as const) {
    const block = locateMrz(rotateQuarter(small, quarter));
    if (block) return { block, quarter, factor, small };
  }
  return null;
}

function toPng(img: GreyImage): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 1 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** OCRs cells the first pass left empty, each glyph spaced out on its own strip (one extra OCR call). */
async function fillMissing(crop: MrzCrop, rows: (CellReading | null)[][]): Promise<void> {
  const missing: { line: number; col: number }[] = [];
  rows.forEach((row, line) => row.forEach((c, col) => c === null && missing.push({ line, col })));
  if (missing.length === 0 || missing.length > 20) return;
  const p = crop.pitch;
  const cellW = Math.round(p * 1.2);
  const cellH = Math.round(p * 1.6);
  const stride = 2 * p;
  const width = stride * missing.length + p;
  const height = cellH + p;
  const strip = new Uint8Array(width * height).fill(255);
  missing.forEach(({ line, col }, k) => {
    const g = crop.grid[line]!;
    const sx = Math.round(g.u0 + col * p - cellW / 2);
    const sy = Math.round(g.v - cellH / 2);
    for (let y = 0; y < cellH; y++) {
      for (let x = 0; x < cellW; x++) {
        const ix = sx + x;
        const iy = sy + y;
        if (ix < 0 || iy < 0 || ix >= crop.image.width || iy >= crop.image.height) continue;
        strip[(y + p / 2) * width + (k * stride + p / 2 + x)] = crop.image.data[iy * crop.image.width + ix]!;
      }
    }
  });
  const { symbols } = await recognizeSymbols(await toPng({ data: strip, width, height }));
  for (const s of symbols) {
    const k = Math.round(((s.x0 + s.x1) / 2 - p / 2 - cellW / 2) / stride);
    const m = missing[k];
    if (!m || s.text.trim().length !== 1) continue;
    const row = rows[m.line]!;
    if (!row[m.col]) row[m.col] = { char: s.text.trim(), conf: s.confidence * 0.9, alternatives: [] };
  }
}

async function readCrop(crop: MrzCrop, now: Date | undefined): Promise<MrzReading> {
  const length = mrzLineLength(crop.grid);
  const { symbols } = await recognizeSymbols(await toPng(crop.image));
  const { cells } = placeSymbols(symbols, crop.grid, crop.pitch, length);
  await fillMissing(crop, cells);
  // A cell still empty after the second pass is reported as unreadable ('?'), never guessed.
  const lines = cells.map((row) => row.map((c) => c?.char ?? '?').join(''));
  const candidates = cells.map((row) => row.map((c) => c ?? { char: '?', conf: 0, alternatives: [] }));
  const known = cells.flat().filter((c): c is CellReading => c !== null);
  const confidence = known.length === 0 ? 0 : known.reduce((s, c) => s + c.conf, 0) / (length * cells.length);
  return readMrzText(lines, { source: 'ocr', candidates, confidence, ...(now ? { now } : {}) });
}

/** Ranks two readings of the same crop (upright vs. turned): valid first, then fewer findings, then confidence. */
function better(a: MrzReading, b: MrzReading): MrzReading {
  if (a.valid !== b.valid) return a.valid ? a : b;
  const failsA = a.details.filter((d) => !d.valid).length;
  const failsB = b.details.filter((d) => !d.valid).length;
  if (failsA !== failsB) return failsA < failsB ? a : b;
  return a.confidence >= b.confidence ? a : b;
}

async function readPage(path: string, now: Date | undefined, timings: Record<string, number>): Promise<MrzReading | null> {
  let t = performance.now();
  const { image } = await openImage(path);
  const full = await decodeGrey(image);
  timings.decode = (timings.decode ?? 0) + performance.now() - t;
  t = performance.now();
  const located = locate(full);
  timings.locate = (timings.locate ?? 0) + performance.now() - t;
  if (!located) return null;
  t = performance.now();
  const map = quarterMap(located.quarter, located.small.width, located.small.height, located.factor);
  let reading = await readCrop(cropMrz(full, located.block, map, false), now);
  // The locator cannot tell upright from upside-down; the check digits can.
  if (!reading.valid) reading = better(reading, await readCrop(cropMrz(full, located.block, map, true), now));
  timings.ocr = (timings.ocr ?? 0) + performance.now() - t;
  return reading;
}

/** Image → MRZ reading. Throws LoupeError for unreadable files; "no MRZ found" is a finding. */
export async function readMrzFromImage(path: string, options: ReadMrzImageOptions = {}): Promise<MrzReading> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const pages = options.irPath ? [options.irPath, path] : [path];
  let reading: MrzReading | null = null;
  for (const page of pages) {
    const r = await readPage(page, options.now, timings);
    if (r) reading = reading ? better(reading, r) : r;
    if (reading?.valid) break;
  }
  const result: MrzReading = reading ?? {
    ...readMrzText([], { source: 'ocr', confidence: 0 }),
    findings: [{ code: 'mrz-not-found', severity: 'fail', message: `no machine readable zone found in ${pages.join(' or ')}` }],
  };
  timings.total = performance.now() - started;
  for (const k of Object.keys(timings)) timings[k] = Math.round(timings[k]! * 10) / 10;
  return { ...result, timingsMs: { ...result.timingsMs, ...timings } };
}

