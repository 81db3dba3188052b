// A learned class's reference images as files: PNG, with the class resolution recorded, so they read
// back exactly as they were learned (a lossy format would add its own noise to every comparison).
import sharp from 'sharp';
import type { Light } from '../contract/capture.contract';
import type { RgbImage } from '../imaging/light-image';

export async function encodeImage(rgb: RgbImage, dpi: number): Promise<Buffer> {
  return sharp(Buffer.from(rgb.data.buffer, rgb.data.byteOffset, rgb.data.length), { raw: { width: rgb.width, height: rgb.height, channels: 3 } })
    .withDensity(dpi)
    .png({ compressionLevel: 9, adaptiveFiltering: true })
    .toBuffer();
}

export async function encodeReference(images: Partial<Record<Light, RgbImage>> & { white: RgbImage }, dpi: number): Promise<Partial<Record<Light, Buffer>> & { white: Buffer }> {
  const out: Partial<Record<Light, Buffer>> = {};
  for (const [light, rgb] of Object.entries(images) as [Light, RgbImage | undefined][]) if (rgb) out[light] = await encodeImage(rgb, dpi);
  return out as Partial<Record<Light, Buffer>> & { white: Buffer };
}
