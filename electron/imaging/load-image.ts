// Untrusted image files enter here: size limits and clear errors before any pixel work.
import { readFile, stat } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { LoupeError } from '../common/loupe-error';
import type { GreyImage } from './grey-image';

/** Largest image accepted: a 600 dpi A4 scan is ~35 MP; anything far beyond is refused up front. */
export const MAX_INPUT_PIXELS = 80_000_000;
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;
/**
 * Longest side accepted, whatever the pixel count: the decoders hold a few rows at a time, so a
 * header claiming 80 000 000 × 1 px (within the pixel limit) over a few bytes of data made libvips
 * take about 1 GB and 2 s before it found the data missing. 65 535 px is the most a JPEG or WebP
 * side can be (16-bit fields), and more than 2.7 m of document at 600 dpi.
 */
export const MAX_INPUT_SIDE = 65_535;

sharp.cache(false);

/** Reads a file and returns a validated sharp pipeline plus its metadata. */
export async function openImage(path: string): Promise<{ image: Sharp; width: number; height: number; density?: number }> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new LoupeError('imaging', 'InvalidInput', `not a file: ${path}`);
    size = info.size;
  } catch (err) {
    if (err instanceof LoupeError) throw err;
    throw new LoupeError('imaging', 'ImageNotFound', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (size === 0) throw new LoupeError('imaging', 'UnsupportedImage', `empty file: ${path}`);
  if (size > MAX_INPUT_BYTES) throw new LoupeError('imaging', 'ImageTooLarge', `file too large (${size} bytes, limit ${MAX_INPUT_BYTES}): ${path}`);
  const bytes = await readFile(path);
  return openImageBuffer(bytes, path);
}

export async function openImageBuffer(bytes: Buffer, label = 'image'): Promise<{ image: Sharp; width: number; height: number; density?: number }> {
  let meta: Metadata;
  try {
    // Metadata reads only the header: a decompression bomb is caught here before decoding.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new LoupeError('imaging', 'UnsupportedImage', `not a supported image (PNG, JPEG, TIFF, WebP...): ${label}`);
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new LoupeError('imaging', 'UnsupportedImage', `image has no dimensions: ${label}`);
  if (width * height > MAX_INPUT_PIXELS) {
    throw new LoupeError('imaging', 'ImageTooLarge', `image too large: ${width}×${height} px (limit ${MAX_INPUT_PIXELS / 1e6} MP): ${label}`);
  }
  if (width > MAX_INPUT_SIDE || height > MAX_INPUT_SIDE) {
    throw new LoupeError('imaging', 'ImageTooLarge', `image too large: ${width}×${height} px (at most ${MAX_INPUT_SIDE} px a side): ${label}`);
  }
  const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).autoOrient();
  return { image, width, height, ...(meta.density ? { density: meta.density } : {}) };
}

/**
 * A decoding failure as a typed error. The header was read before (openImageBuffer), so what fails
 * here is the pixel data: a file cut short, corrupt compressed data, or (rarely, for formats whose
 * header hides the true size) the pixel limit.
 */
export function decodeError(err: unknown, label = 'image'): LoupeError {
  if (err instanceof LoupeError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(reason)) return new LoupeError('imaging', 'ImageTooLarge', `image too large (limit ${MAX_INPUT_PIXELS / 1e6} MP): ${label}`);
  return new LoupeError('imaging', 'UnsupportedImage', `the image is damaged or incomplete and cannot be decoded: ${label}`, { cause: err });
}

/**
 * Opens and fully decodes the bytes once: the header alone does not show a truncated or corrupt
 * file, and a capture must be refused with its reason before anything of it is kept.
 */
export async function openCompleteImage(bytes: Buffer, label = 'image'): Promise<{ image: Sharp; width: number; height: number; density?: number }> {
  const opened = await openImageBuffer(bytes, label);
  try {
    await opened.image.clone().raw().toBuffer();
  } catch (err) {
    throw decodeError(err, label);
  }
  return opened;
}

/** Decodes to 8-bit greyscale (luminance), optionally resized so the long side is at most `maxSide`. */
export async function decodeGrey(image: Sharp, maxSide?: number): Promise<GreyImage> {
  // Transparent pixels become paper (white); alpha would otherwise double the row stride.
  let pipeline = image.clone().flatten({ background: '#ffffff' }).greyscale();
  if (maxSide) pipeline = pipeline.resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true });
  try {
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height), width: info.width, height: info.height };
  } catch (err) {
    throw decodeError(err);
  }
}
