// Image → MRZ reading: decode, locate (any quarter turn), deskew and normalise the crop, OCR,
// place symbols in the fixed-pitch grid, then the same parse/validate/repair path as typed text.
import sharp from 'sharp';
import type { MrzGeometry, MrzReading } from '../contract/mrz.contract';
import { downscale } from '../imaging/affine-sample';
import { rotateQuarter, type GreyImage } from '../imaging/grey-image';
import { decodeGrey, openImage } from '../imaging/load-image';
import { cropMrz, quarterMap, type MrzCrop } from './mrz-image-crop';
import { locateMrz, type MrzBlock } from './mrz-locate';
import { recognizeSymbols } from './mrz-ocr-engine';
import { fuseCell } from './mrz-cell-fusion';
import { glyphTemplates } from './mrz-glyph-templates';
import { cellU, cellV, fitGrid, type FittedLine } from './mrz-grid-fit';
import { mrzLineLength, placeSymbols } from './mrz-ocr-grid';
import { scoreGrid, type TemplateScore } from './mrz-template-match';
import { readMrzText } from './mrz-text-reader';
import { unitConfidence } from './mrz-confidence';
import { checkedReading } from './mrz-reading-check';

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

async function readCrop(crop: MrzCrop, now: Date | undefined, page: string): Promise<MrzReading> {
  const length = mrzLineLength(crop.grid);
  const grid = fitGrid(crop.image, crop.grid, crop.pitch, length);
  if (process.env.LOUPE_DEBUG_CROP) await sharp(await toPng(crop.image)).toFile(process.env.LOUPE_DEBUG_CROP);
  const { symbols } = await recognizeSymbols(await toPng(crop.image));
  const { cells } = placeSymbols(symbols, grid, crop.pitch, length);
  const centres = grid.map((g) => Array.from({ length }, (_, col) => ({ u: cellU(g, col), v: cellV(g, col) })));
  const scores = scoreGrid(crop.image, centres, await glyphTemplates());
  const fused = cells.map((row, line) => row.map((c, col) => fuseCell(c, scores[line]![col]!)));
  const lines = fused.map((row) => row.map((c) => c.char).join(''));
  const confidence = unitConfidence(fused.flat().reduce((s, c) => s + c.conf, 0) / (length * fused.length));
  const reading = readMrzText(lines, { source: 'ocr', candidates: fused, confidence, ...(now ? { now } : {}) });
  return { ...reading, geometry: cropGeometry(crop, grid, length, scores, page) };
}

/** The MRZ's place on the page: crop corners, line ends and pitch in page pixels, and the font score. */
function cropGeometry(crop: MrzCrop, grid: FittedLine[], length: number, scores: TemplateScore[][][], page: string): MrzGeometry {
  const [o, right, , bottom] = crop.corners;
  const ex = [(right![0] - o![0]) / crop.image.width, (right![1] - o![1]) / crop.image.width];
  const ey = [(bottom![0] - o![0]) / crop.image.height, (bottom![1] - o![1]) / crop.image.height];
  const toPage = (u: number, v: number): [number, number] => [o![0] + u * ex[0]! + v * ey[0]!, o![1] + u * ex[1]! + v * ey[1]!];
  const best = scores.flat().map((cell) => cell[0]?.score ?? 0);
  return {
    image: page,
    corners: crop.corners,
    lines: grid.map((g) => ({ first: toPage(cellU(g, 0), cellV(g, 0)), last: toPage(cellU(g, length - 1), cellV(g, length - 1)) })),
    // Mean pitch along each line (first to last cell): the fitted b is the pitch at column 0 only,
    // and perspective makes the pitch drift along the line.
    pitchPx: (grid.reduce((s, g) => s + (cellU(g, length - 1) - cellU(g, 0)) / (length - 1), 0) / grid.length) * Math.hypot(ex[0]!, ex[1]!),
    fontScore: Math.round(unitConfidence(best.reduce((s, v) => s + v, 0) / Math.max(1, best.length)) * 1000) / 1000,
  };
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
  let reading = await readCrop(cropMrz(full, located.block, map, false), now, path);
  // The locator cannot tell upright from upside-down; the check digits can.
  if (!reading.valid) reading = better(reading, await readCrop(cropMrz(full, located.block, map, true), now, path));
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
  return checkedReading({ ...result, timingsMs: { ...result.timingsMs, ...timings } });
}

