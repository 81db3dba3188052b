// Reading the capture "through" the reference: a box of reference pixels is resampled from the
// capture with the alignment homography, at a chosen step, so reference and capture crops can be
// compared pixel for pixel. Box-filter pyramids keep the resampling alias-free when the step is large.
import type { RgbImage } from '../imaging/light-image';
import type { Box } from '../contract/capture.contract';
import { downscale } from '../imaging/affine-sample';
import { createGrey, type GreyImage } from '../imaging/grey-image';
import { applyH, localScale, multiplyH, scaleH, type Homography } from './homography';

const pyramids = new WeakMap<GreyImage, Map<number, GreyImage>>();

/** The image box-downscaled by an integer factor, cached per image. */
export function pyramidLevel(img: GreyImage, factor: number): GreyImage {
  if (factor <= 1) return img;
  let levels = pyramids.get(img);
  if (!levels) {
    levels = new Map();
    pyramids.set(img, levels);
  }
  let level = levels.get(factor);
  if (!level) {
    level = downscale(img, factor);
    levels.set(factor, level);
  }
  return level;
}

/** Bilinear sample of `src` at output pixel centres mapped by `outToSrc` (continuous coordinates). */
export function warpGrey(src: GreyImage, outToSrc: Homography, width: number, height: number, fill = -1): { img: GreyImage; valid: Uint8Array } {
  const out = createGrey(width, height);
  const valid = new Uint8Array(width * height);
  const { data, width: w, height: h } = src;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const [sx, sy] = applyH(outToSrc, u + 0.5, v + 0.5);
      const x = sx - 0.5;
      const y = sy - 0.5;
      const p = v * width + u;
      if (!(x >= 0 && y >= 0 && x < w - 1 && y < h - 1)) {
        out.data[p] = fill < 0 ? 0 : fill;
        continue;
      }
      const x0 = x | 0;
      const y0 = y | 0;
      const fx = x - x0;
      const fy = y - y0;
      const i = y0 * w + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + w]! + (data[i + w + 1]! - data[i + w]!) * fx;
      out.data[p] = (top + (bottom - top) * fy + 0.5) | 0;
      valid[p] = 1;
    }
  }
  return { img: out, valid };
}

export interface FrameView {
  img: GreyImage;
  /** 1 where the sample fell inside the source image. */
  valid: Uint8Array;
}

/**
 * The reference box `box` seen in `src` (whose pixels relate to reference pixels by `refToSrc`),
 * sampled every `step` reference pixels from the pyramid level closest to that density.
 */
export function viewGrey(src: GreyImage, refToSrc: Homography, box: Box, step: number): FrameView {
  const width = Math.max(1, Math.round(box.w / step));
  const height = Math.max(1, Math.round(box.h / step));
  const scale = localScale(refToSrc, box.x + box.w / 2, box.y + box.h / 2);
  const factor = Math.max(1, Math.floor(step * scale * 0.9));
  const level = pyramidLevel(src, factor);
  const outToRef: Homography = [step, 0, box.x, 0, step, box.y, 0, 0, 1];
  const map = multiplyH(scaleH(1 / factor), multiplyH(refToSrc, outToRef));
  return warpGrey(level, map, width, height);
}

/** The reference box seen in an RGB capture, sampled on a grid of `step` reference pixels (nearest pixel). */
export function viewRgb(src: RgbImage, refToSrc: Homography, box: Box, step: number): { data: Uint8Array; width: number; height: number; valid: Uint8Array } {
  const width = Math.max(1, Math.round(box.w / step));
  const height = Math.max(1, Math.round(box.h / step));
  const data = new Uint8Array(width * height * 3);
  const valid = new Uint8Array(width * height);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const [sx, sy] = applyH(refToSrc, box.x + (u + 0.5) * step, box.y + (v + 0.5) * step);
      const x = Math.floor(sx);
      const y = Math.floor(sy);
      if (x < 0 || y < 0 || x >= src.width || y >= src.height) continue;
      const p = v * width + u;
      const i = (y * src.width + x) * 3;
      data[p * 3] = src.data[i]!;
      data[p * 3 + 1] = src.data[i + 1]!;
      data[p * 3 + 2] = src.data[i + 2]!;
      valid[p] = 1;
    }
  }
  return { data, width, height, valid };
}

/** Bounding box in capture pixels of a reference box (its four corners mapped), clipped to the image. */
export function mapBox(refToCapture: Homography, box: Box, width: number, height: number): Box {
  const pts = [applyH(refToCapture, box.x, box.y), applyH(refToCapture, box.x + box.w, box.y), applyH(refToCapture, box.x + box.w, box.y + box.h), applyH(refToCapture, box.x, box.y + box.h)];
  const x0 = Math.max(0, Math.min(...pts.map((p) => p[0])));
  const y0 = Math.max(0, Math.min(...pts.map((p) => p[1])));
  const x1 = Math.min(width, Math.max(...pts.map((p) => p[0])));
  const y1 = Math.min(height, Math.max(...pts.map((p) => p[1])));
  return { x: Math.round(x0), y: Math.round(y0), w: Math.max(1, Math.round(x1 - x0)), h: Math.max(1, Math.round(y1 - y0)) };
}
