// What makes a class's reference images usable: one file per light, each really decoding as the
// PNG or JPEG its name says, each with the pixel size the class declares (physical size at its
// dpi, since every zone box is in those pixels). Package import refuses a class that fails here,
// and the library marks a class on disk that fails here as broken (docs/reference-format.md).
import sharp from 'sharp';
import { LIGHTS, type Light } from '../contract/capture.contract';
import type { DocumentClass } from '../contract/reference.contract';
import { MAX_INPUT_PIXELS } from '../imaging/load-image';

/**
 * How far each side of an image may be from size × dpi: 1 mm, and at least 2 px (rounding of the
 * size at low dpi). A reference cropped a hair off its edge is still the same page; one scanned at
 * another resolution, or of another format, is not (its zone boxes would point elsewhere).
 */
export const SIZE_TOLERANCE_MM = 1;
const MIN_TOLERANCE_PX = 2;

/** The formats reference images may have, with the file name endings each may carry. */
const FORMAT_EXTENSIONS = { png: ['png'], jpeg: ['jpg', 'jpeg'] } as const;
type ReferenceFormat = keyof typeof FORMAT_EXTENSIONS;

/** The class's page in pixels of its reference images (the zone frame). */
export function expectedImageSize(cls: DocumentClass): { width: number; height: number } {
  return { width: Math.round((cls.size.widthMm / 25.4) * cls.dpi), height: Math.round((cls.size.heightMm / 25.4) * cls.dpi) };
}

function sizeTolerancePx(cls: DocumentClass): number {
  return Math.max(MIN_TOLERANCE_PX, (SIZE_TOLERANCE_MM / 25.4) * cls.dpi);
}

function isReferenceFormat(format: string | undefined): format is ReferenceFormat {
  return format === 'png' || format === 'jpeg';
}

function extensionOf(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1).toLowerCase();
}

/** `white reference image 'white.png'`: how every reason names the image it is about. */
export function imageLabel(light: Light, name: string): string {
  return `${light} reference image '${name}'`;
}

/** The lights a class has a reference image for: white always, infrared and ultraviolet unless it was learned without them. */
export function classLights(cls: DocumentClass): Light[] {
  return LIGHTS.filter((light) => cls.images[light] !== undefined);
}

/**
 * Why two lights cannot share one file: a class has exactly one image per light it names (white
 * always), and the same picture under two lights is not a reference of either.
 */
export function duplicateImageNames(cls: DocumentClass): string | null {
  const seen = new Map<string, Light>();
  for (const light of classLights(cls)) {
    const name = cls.images[light]!;
    const first = seen.get(name);
    if (first) return `${imageLabel(light, name)} is also its ${first} image: each light needs its own image`;
    seen.set(name, light);
  }
  return null;
}

/** Checks one reference image's bytes; returns why it is unusable, or null. Decodes every pixel. */
export async function checkReferenceImage(cls: DocumentClass, light: Light, name: string, data: Buffer): Promise<string | null> {
  const label = imageLabel(light, name);
  if (data.length === 0) return `${label} is an empty file`;
  let format: string | undefined;
  let width: number | undefined;
  let height: number | undefined;
  try {
    // The header first: the format, and a size that is wrong (or a decompression bomb) before any pixel work.
    const meta = await sharp(data, { limitInputPixels: false }).metadata();
    format = meta.format;
    width = meta.autoOrient?.width ?? meta.width;
    height = meta.autoOrient?.height ?? meta.height;
  } catch {
    return `${label} is not a PNG or JPEG image`;
  }
  if (!isReferenceFormat(format)) return `${label} is a ${format ?? 'unknown'} image; reference images must be PNG or JPEG`;
  if (!(FORMAT_EXTENSIONS[format] as readonly string[]).includes(extensionOf(name))) return `${label} holds a ${format.toUpperCase()} image under another file type's name`;
  const expected = expectedImageSize(cls);
  const tolerance = sizeTolerancePx(cls);
  if (!width || !height || width * height > MAX_INPUT_PIXELS || Math.abs(width - expected.width) > tolerance || Math.abs(height - expected.height) > tolerance) {
    return `${label} is ${width ?? '?'}×${height ?? '?'} px; the class is ${cls.size.widthMm}×${cls.size.heightMm} mm at ${cls.dpi} dpi, so ${expected.width}×${expected.height} px (±${Math.floor(tolerance)})`;
  }
  try {
    // A valid header says nothing about the rest: decode every pixel, refusing truncated or corrupt data.
    await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).autoOrient().raw().toBuffer();
  } catch (err) {
    return `${label} is damaged: its pixels could not be decoded (${(err as Error).message.split('\n')[0]?.trim() || 'corrupt image data'})`;
  }
  return null;
}

/**
 * Checks every image of a class: one distinct file per light it names, each present and usable. `read`
 * returns a file's bytes, or null when it does not exist (it may throw when it cannot read one).
 * Returns the first reason, or null.
 */
export async function checkClassImages(cls: DocumentClass, read: (name: string) => Buffer | null | Promise<Buffer | null>): Promise<string | null> {
  const duplicate = duplicateImageNames(cls);
  if (duplicate) return duplicate;
  for (const light of classLights(cls)) {
    const name = cls.images[light]!;
    let data: Buffer | null;
    try {
      data = await read(name);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      return `${imageLabel(light, name)} could not be read (${why})`;
    }
    if (data === null) return `${imageLabel(light, name)} is missing`;
    const reason = await checkReferenceImage(cls, light, name, data);
    if (reason) return reason;
  }
  return null;
}
