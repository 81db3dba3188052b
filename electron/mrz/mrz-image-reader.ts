// Image → MRZ reading: decode, locate (any quarter turn), deskew and normalise the crop, OCR,
// place symbols in the fixed-pitch grid, then the same parse/validate/repair path as typed text.
import sharp from 'sharp';
import type { MrzGeometry, MrzReading } from '../contract/mrz.contract';
import { downscale } from '../imaging/affine-sample';
import { rotateQuarter, type GreyImage } from '../imaging/grey-image';
import { decodeGrey, openImage } from '../imaging/load-image';
import { cropMrz, quarterMap, type MrzCrop, type PointMap } from './mrz-image-crop';
import { locateMrz, type MrzBlock } from './mrz-locate';
import { fuseCell } from './mrz-cell-fusion';
import { glyphTemplates, referenceGlyphBox, TEMPLATE_FAMILIES, type GlyphTemplate } from './mrz-glyph-templates';
import { cellU, cellV, measureGlyphs, measureGrid, shiftLine, type FittedLine, type MeasuredLine } from './mrz-grid-fit';
import { mrzLineLength, type CellReading } from './mrz-ocr-grid';
import { scoreCell, scoreGrid, type TemplateScore } from './mrz-template-match';
import { unitConfidence } from './mrz-confidence';
import { checkedReading } from './mrz-reading-check';
import { readMrzText } from './mrz-text-reader';
import { confirmedCells, documentGlyphs, rescoreWithDocument } from './mrz-document-glyphs';
import { addClassifierScores, classifyCells, glyphClassifier } from './mrz-glyph-classifier';
import { cellContrast, emptyCells } from './mrz-cell-window';

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

/**
 * Samples the MRZ from the page so that its glyphs come out at the size of OCR-B at the crop scale:
 * the glyph box is measured on a first crop, and a condensed, wide or tall font is stretched to match.
 */
function normalisedCrop(full: GreyImage, block: MrzBlock, map: PointMap, flip: boolean, templates: GlyphTemplate[]): MrzCrop {
  const crop = cropMrz(full, block, map, flip);
  const box = measureGlyphs(crop.image, crop.grid, crop.pitch);
  if (!box) return crop;
  const ref = referenceGlyphBox(templates);
  const clamp = (v: number) => Math.min(1.8, Math.max(0.6, v));
  const stretch = { x: clamp(ref.width / box.width), y: clamp(ref.height / box.height) };
  if (Math.abs(stretch.x - 1) < 0.05 && Math.abs(stretch.y - 1) < 0.05) return crop;
  return cropMrz(full, block, map, flip, stretch);
}

/**
 * Which `length` consecutive columns of each measured line are the MRZ: the windows whose cells look
 * most like characters (page furniture next to a line scores low), preferring each line's measured
 * first glyph, and keeping the lines left-aligned (ICAO 9303 Part 3 §4.3: every line starts at the
 * same position), so junk clinging to one line's start cannot shift that line alone.
 */
function chooseWindows(lines: MeasuredLine[], best: number[][], from: number[], length: number): number[] {
  const options = lines.map((line, i) => {
    const out: { k: number; sum: number; start: number }[] = [];
    for (let k = Math.min(0, line.span - length); k <= Math.max(0, line.span - length); k++) {
      let sum = k === 0 ? ANCHOR_BONUS : 0;
      for (let j = 0; j < length; j++) sum += best[i]![k + j - from[i]!] ?? 0;
      out.push({ k, sum, start: cellU(line, k) });
    }
    return out;
  });
  let bestCombo: number[] = lines.map(() => 0);
  let bestTotal = -Infinity;
  const walk = (i: number, chosen: { k: number; sum: number; start: number }[]): void => {
    if (i === lines.length) {
      let total = chosen.reduce((s, c) => s + c.sum, 0);
      for (let p = 1; p < chosen.length; p++) {
        if (Math.abs(chosen[p]!.start - chosen[0]!.start) > 0.5 * lines[0]!.b) total -= MISALIGNED_PENALTY;
      }
      if (total > bestTotal + 1e-9) {
        bestTotal = total;
        bestCombo = chosen.map((c) => c.k);
      }
      return;
    }
    for (const o of options[i]!) walk(i + 1, [...chosen, o]);
  };
  walk(0, []);
  return bestCombo;
}

/** In template-score units: lines that do not start together cost more than two good cells. */
const MISALIGNED_PENALTY = 2;

/** In template-score units (a good glyph scores 0.8–0.95): half a cell's worth for the located start. */
const ANCHOR_BONUS = 0.5;

/** A reading with the crop and the cell centres it was read from (for training on real lines). */
export interface CropReading {
  reading: MrzReading;
  image: GreyImage;
  centres: { u: number; v: number }[][];
}

async function readCrop(crop: MrzCrop, templates: GlyphTemplate[], now: Date | undefined, page: string): Promise<CropReading> {
  const length = mrzLineLength(crop.grid);
  const measured = measureGrid(crop.image, crop.grid, crop.pitch);
  // Score every column any candidate window may use, then keep each line's best window.
  const ranges = measured.map((l) => ({ from: Math.min(0, l.span - length), to: Math.max(length, l.span) }));
  const wide = measured.map((l, i) => Array.from({ length: ranges[i]!.to - ranges[i]!.from }, (_, j) => ({ u: cellU(l, ranges[i]!.from + j), v: cellV(l, ranges[i]!.from + j) })));
  const wideScores = scoreGrid(crop.image, wide, templates);
  // A cell without ink is not a character, however its noise happens to correlate.
  const contrast = wide.map((row) => row.map((c) => cellContrast(crop.image, c.u, c.v)));
  const typical = [...contrast.flat()].sort((p, q) => p - q)[contrast.flat().length >> 1] ?? 0;
  const charLike = wideScores.map((row, i) => row.map((c, j) => (contrast[i]![j]! < 0.35 * typical ? 0 : (c[0]?.score ?? 0))));
  const offsets = chooseWindows(measured, charLike, ranges.map((r) => r.from), length);
  const grid = measured.map((l, i) => shiftLine(l, offsets[i]!, length));
  const centres = grid.map((g) => Array.from({ length }, (_, col) => ({ u: cellU(g, col), v: cellV(g, col) })));
  const classifier = glyphClassifier();
  const stock = wideScores.map((row, i) => row.slice(offsets[i]! - ranges[i]!.from, offsets[i]! - ranges[i]!.from + length));
  const opinions = classifier ? classifyCells(crop.image, centres, classifier) : null;
  const scores = addClassifierScores(stock, classifier, opinions);
  if (process.env.LOUPE_DEBUG_CROP) await sharp(await toPng(crop.image)).toFile(process.env.LOUPE_DEBUG_CROP.replace(/\.png$/, `-${Math.round(crop.corners[0]![0])}.png`));
  // What each reader alone would say: where they disagree, the other's choice stays an alternative.
  const tops = centres.map((row, line) =>
    row.map((_, col) => {
      const own = new Set<string>();
      const t = stock[line]![col]![0];
      if (t) own.add(t.char);
      const o = opinions?.[line]?.[col];
      if (o && classifier) {
        let best = 0;
        for (let k = 1; k < o.length; k++) if (o[k]! > o[best]!) best = k;
        own.add(classifier.alphabet[best]!);
      }
      return own;
    }),
  );
  const read = (cellScores: TemplateScore[][][]): MrzReading => {
    // The glyph templates and the classifier read every cell; the general OCR engine is not consulted
    // (on pages made by others it cost a third of the time and lost documents: docs/mrz-engine.md).
    const fused = cellScores.map((row, line) => row.map((cell, col) => withDissent(fuseCell(null, cell), tops[line]![col]!)));
    const lines = fused.map((row) => row.map((c) => c.char).join(''));
    const confidence = unitConfidence(fused.flat().reduce((s, c) => s + c.conf, 0) / (length * fused.length));
    return readMrzText(lines, { source: 'ocr', candidates: fused, confidence, ...(now ? { now } : {}) });
  };
  let reading = read(scores);
  // Second pass with this document's own glyphs, taken from the cells its check digits prove.
  const proven = confirmedCells(reading);
  if (proven.length >= MIN_PROVEN_CELLS) {
    const rescored = rescoreWithDocument(crop.image, centres, stock, documentGlyphs(crop.image, centres, proven));
    const adapted = addClassifierScores(rescored, classifier, opinions);
    const second = keepDoubts(read(adapted), reading);
    if (better(second, reading) === second) reading = second;
  }
  const empty = emptyCells(crop.image, centres);
  if (empty.length > 0) reading = withEmptyCells(reading, empty);
  // The font score stays what the geometry check calibrated: how well the glyphs match OCR-B itself.
  const ocrb = templates.filter((t) => t.family === TEMPLATE_FAMILIES[0]);
  const ocrbScores = reading.lines.map((text, line) =>
    [...text].map((char, col) => {
      const t = ocrb.filter((x) => x.char === char);
      const c = centres[line]?.[col];
      return t.length && c ? (scoreCell(crop.image, c.u, c.v, t)[0]?.score ?? 0) : 0;
    }),
  );
  return { reading: { ...reading, geometry: cropGeometry(crop, grid, length, ocrbScores, page) }, image: crop.image, centres };
}

/** An empty cell cannot be read: the reading is not valid, and the cell is uncertain with no reading at all. */
function withEmptyCells(reading: MrzReading, empty: { line: number; column: number }[]): MrzReading {
  const findings = [
    ...reading.findings,
    ...empty.map((c) => ({
      code: 'empty-cell', severity: 'fail' as const, line: c.line, start: c.column, end: c.column + 1,
      message: `No character is printed at line ${c.line + 1}, position ${c.column + 1} (every MRZ position holds a character or a filler)`,
    })),
  ];
  const keys = new Set(empty.map((c) => `${c.line}:${c.column}`));
  const charConfidence = reading.charConfidence.map((row, line) => row.map((v, col) => (keys.has(`${line}:${col}`) ? 0 : v)));
  const uncertain = [...reading.uncertain.filter((u) => !keys.has(`${u.line}:${u.column}`)), ...empty.map((c) => ({ ...c, alternatives: [] }))]
    .sort((a, b) => a.line - b.line || a.column - b.column);
  // An empty cell is no evidence: the reading's confidence counts it as nothing read.
  const cells = reading.lines.reduce((n, l) => n + l.length, 0);
  const confidence = unitConfidence(reading.confidence * (cells > 0 ? (cells - keys.size) / cells : 0));
  return { ...reading, valid: false, confidence, findings, charConfidence, uncertain };
}

/**
 * The second pass may not silence a doubt of the first about the character it kept: a cell uncertain
 * in the first reading stays uncertain (with the first reading's alternatives) when both read it alike.
 */
function keepDoubts(second: MrzReading, first: MrzReading): MrzReading {
  const doubts = new Map(second.uncertain.map((u) => [`${u.line}:${u.column}`, u]));
  for (const u of first.uncertain) {
    const key = `${u.line}:${u.column}`;
    const char = second.lines[u.line]?.[u.column];
    if (char === undefined || char !== first.lines[u.line]?.[u.column]) continue;
    const prev = doubts.get(key);
    doubts.set(key, { line: u.line, column: u.column, alternatives: [...new Set([...(prev?.alternatives ?? []), ...u.alternatives])].filter((a) => a !== char) });
  }
  const uncertain = [...doubts.values()].sort((a, b) => a.line - b.line || a.column - b.column);
  return { ...second, uncertain };
}

/**
 * Confidence given to a character that one reader preferred and the fused reading did not: enough to
 * list the cell as uncertain and to let the check-digit repair consider it, not enough to call a
 * protected field ambiguous on its own (mrz-uncertainty.ts).
 */
const DISSENT_CONFIDENCE = 0.05;

function withDissent(cell: CellReading, tops: Set<string>): CellReading {
  const alternatives = [...cell.alternatives];
  for (const char of tops) {
    if (char === cell.char) continue;
    const known = alternatives.find((a) => a.char === char);
    if (known) known.conf = Math.max(known.conf, DISSENT_CONFIDENCE);
    else alternatives.push({ char, conf: DISSENT_CONFIDENCE });
  }
  return { ...cell, alternatives };
}

/** Fewer proven cells make templates from one or two samples of a few characters: not worth a pass. */
const MIN_PROVEN_CELLS = 8;

/** The MRZ's place on the page: crop corners, line ends and pitch in page pixels, and the font score. */
function cropGeometry(crop: MrzCrop, grid: FittedLine[], length: number, ocrbScores: number[][], page: string): MrzGeometry {
  const [o, right, , bottom] = crop.corners;
  const ex = [(right![0] - o![0]) / crop.image.width, (right![1] - o![1]) / crop.image.width];
  const ey = [(bottom![0] - o![0]) / crop.image.height, (bottom![1] - o![1]) / crop.image.height];
  const toPage = (u: number, v: number): [number, number] => [o![0] + u * ex[0]! + v * ey[0]!, o![1] + u * ex[1]! + v * ey[1]!];
  const best = ocrbScores.flat();
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

/** Ranks two readings of the same crop: valid first, then fewer failed fields, then confidence (ties: the first). */
function better(a: MrzReading, b: MrzReading): MrzReading {
  if (a.valid !== b.valid) return a.valid ? a : b;
  const failsA = a.details.filter((d) => !d.valid).length;
  const failsB = b.details.filter((d) => !d.valid).length;
  if (failsA !== failsB) return failsA < failsB ? a : b;
  return a.confidence >= b.confidence ? a : b;
}

async function readPage(path: string, now: Date | undefined, timings: Record<string, number>): Promise<CropReading | null> {
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
  const templates = await glyphTemplates();
  let read = await readCrop(normalisedCrop(full, located.block, map, false, templates), templates, now, path);
  // The locator cannot tell upright from upside-down; the check digits can.
  if (!read.reading.valid) {
    const turned = await readCrop(normalisedCrop(full, located.block, map, true, templates), templates, now, path);
    if (better(read.reading, turned.reading) === turned.reading) read = turned;
  }
  timings.ocr = (timings.ocr ?? 0) + performance.now() - t;
  return read;
}

/** The MRZ of a page with the crop and cell centres it was read from; null when no MRZ is found. */
export async function readMrzCells(path: string): Promise<CropReading | null> {
  return readPage(path, undefined, {});
}

/** Image → MRZ reading. Throws LoupeError for unreadable files; "no MRZ found" is a finding. */
export async function readMrzFromImage(path: string, options: ReadMrzImageOptions = {}): Promise<MrzReading> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const pages = options.irPath ? [options.irPath, path] : [path];
  let reading: MrzReading | null = null;
  for (const page of pages) {
    const r = (await readPage(page, options.now, timings))?.reading;
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

