// Synthetic variations of one portrait, to form genuine pairs from a single photo of a person: crop,
// scale, lighting, JPEG, and a print-and-scan look (halftone screen, blur, colour cast). They vary
// the imaging, not the person (no ageing, no new pose, no new expression) — see docs/face-check.md.
import sharp from 'sharp';

export const VARIATIONS = ['original', 'small', 'dark', 'bright', 'jpeg', 'print-scan', 'blur', 'cast'] as const;
export type Variation = (typeof VARIATIONS)[number];

/** A dot screen (period `period` px) as a greyscale PNG, multiplied over the image like a halftone print. */
async function screen(width: number, height: number, period: number): Promise<Buffer> {
  const r = period * 0.42;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><pattern id="d" width="${period}" height="${period}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="${period}" height="${period}" fill="#fff"/><circle cx="${period / 2}" cy="${period / 2}" r="${r}" fill="#b8b8b8"/></pattern></defs><rect width="100%" height="100%" fill="url(#d)"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function printAndScan(input: Buffer, opts: { halftone?: number; blur?: number; cast?: [number, number, number] } = {}): Promise<Buffer> {
  const meta = await sharp(input).metadata();
  const width = meta.width ?? 1;
  const height = meta.height ?? 1;
  const dots = await screen(width, height, opts.halftone ?? 4);
  const [r, g, b] = opts.cast ?? [1.04, 1.0, 0.9];
  const printed = await sharp(input).removeAlpha().composite([{ input: dots, blend: 'multiply' }]).toBuffer();
  return sharp(printed)
    .blur(opts.blur ?? 0.9)
    .linear([0.88 * r, 0.88 * g, 0.88 * b], [22, 22, 22])
    .jpeg({ quality: 70 })
    .toBuffer();
}

export async function vary(input: Buffer, variation: Variation): Promise<Buffer> {
  const img = sharp(input).removeAlpha();
  const meta = await sharp(input).metadata();
  const width = meta.width ?? 1;
  switch (variation) {
    case 'original':
      return img.png().toBuffer();
    case 'small':
      // ~45 % of the size: eye distance roughly halves, still above the quality limit.
      return img.resize({ width: Math.max(24, Math.round(width * 0.45)) }).png().toBuffer();
    case 'dark':
      return img.linear(0.55, 0).png().toBuffer();
    case 'bright':
      return img.linear(1.25, 25).png().toBuffer();
    case 'jpeg':
      return img.jpeg({ quality: 18 }).toBuffer();
    case 'print-scan':
      return printAndScan(input);
    case 'blur':
      return img.blur(1.6).png().toBuffer();
    case 'cast':
      return img.linear([1.1, 0.95, 0.75], [10, 0, -5]).png().toBuffer();
    default: {
      const never: never = variation;
      throw new Error(`unknown variation ${String(never)}`);
    }
  }
}
