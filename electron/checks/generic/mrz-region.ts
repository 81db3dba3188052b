// Pixels of the MRZ quad in one light, split into glyph ink and paper by the white-light image
// (or by the image itself when no other light is given).
import { otsuThreshold } from '../../imaging/grey-image';
import type { LightImage } from '../check-input';
import { boundingBox, insideQuad, percentile, type Point } from './capture-geometry';
import type { Box } from '../../contract/capture.contract';

export interface InkContrast {
  /** Median level of the darkest half of the glyph pixels. */
  ink: number;
  /** Median level of the paper pixels around the glyphs. */
  paper: number;
  contrast: number;
  glyphPixels: number;
}

export interface MrzPixels {
  box: Box;
  /** Indices (into the image) of pixels inside the quad. */
  indices: Uint32Array;
}

export function mrzPixels(quad: readonly Point[], img: LightImage): MrzPixels {
  const { width, height } = img.grey;
  const box = boundingBox(quad, width, height);
  const out: number[] = [];
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) if (insideQuad(quad, x + 0.5, y + 0.5)) out.push(y * width + x);
  }
  return { box, indices: Uint32Array.from(out) };
}

/** Glyph mask: pixels of `mask` darker than Otsu's split of the quad's own histogram. */
export function glyphMask(pixels: MrzPixels, mask: LightImage): Uint8Array {
  const values = new Uint8Array(pixels.indices.length);
  for (let i = 0; i < values.length; i++) values[i] = mask.grey.data[pixels.indices[i]!]!;
  const t = otsuThreshold({ data: values, width: values.length, height: 1 });
  const glyph = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) glyph[i] = values[i]! <= t ? 1 : 0;
  return glyph;
}

/** Ink vs paper levels of `img` at the glyph positions given by `glyph` (one flag per quad pixel). */
export function inkContrast(pixels: MrzPixels, glyph: Uint8Array, img: LightImage): InkContrast {
  const ink: number[] = [];
  const paper: number[] = [];
  for (let i = 0; i < pixels.indices.length; i++) {
    const v = img.grey.data[pixels.indices[i]!]!;
    (glyph[i] ? ink : paper).push(v);
  }
  ink.sort((a, b) => a - b);
  paper.sort((a, b) => a - b);
  // The darkest half of the glyph mask: glyph edges blur into paper and would dilute the ink level.
  const inkLevel = percentile(ink.slice(0, Math.max(1, Math.ceil(ink.length / 2))), 0.5);
  const paperLevel = percentile(paper, 0.5);
  return { ink: inkLevel, paper: paperLevel, contrast: paperLevel - inkLevel, glyphPixels: ink.length };
}
