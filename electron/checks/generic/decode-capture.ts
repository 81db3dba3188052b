// Decodes a capture's images once per light into RGB + grey, the form every check reads.
// Sizes are not forced to agree: checks that compare two lights test that themselves and
// report 'not-performed' when they differ (see sameGeometry in capture-geometry.ts).
import type { Light } from '../../contract/capture.contract';
import { openImage } from '../../imaging/load-image';
import { LoupeError } from '../../common/loupe-error';
import type { CheckInput, LightImage } from '../check-input';

async function decodeLight(light: Light, path: string): Promise<LightImage> {
  const { image, density } = await openImage(path);
  try {
    // One decode to RGB; grey is derived from it with the Rec. 601 weights sharp uses as well.
    const { data, info } = await image.clone().flatten({ background: '#ffffff' }).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const channels = info.channels;
    const { width, height } = info;
    const rgb = new Uint8Array(width * height * 3);
    const grey = new Uint8Array(width * height);
    for (let p = 0, i = 0; p < width * height; p++, i += channels) {
      const r = data[i]!;
      const g = channels >= 3 ? data[i + 1]! : r;
      const b = channels >= 3 ? data[i + 2]! : r;
      rgb[p * 3] = r;
      rgb[p * 3 + 1] = g;
      rgb[p * 3 + 2] = b;
      grey[p] = (r * 299 + g * 587 + b * 114 + 500) / 1000;
    }
    // sharp reports 72 dpi for files without a density: that is a default, not a measurement.
    const dpi = density && density !== 72 ? density : undefined;
    return { light, rgb: { data: rgb, width, height }, grey: { data: grey, width, height }, ...(dpi ? { dpi } : {}) };
  } catch (err) {
    if (err instanceof LoupeError) throw err;
    throw new LoupeError('imaging', 'UnsupportedImage', `cannot decode the ${light} image ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Decodes each given light once (in parallel). Malformed files throw LoupeError. */
export async function decodeCaptureImages(paths: Partial<Record<Light, string>>): Promise<CheckInput['images']> {
  const entries = Object.entries(paths).filter((e): e is [Light, string] => typeof e[1] === 'string');
  const decoded = await Promise.all(entries.map(([light, path]) => decodeLight(light, path)));
  const images: CheckInput['images'] = {};
  for (const img of decoded) images[img.light] = img;
  return images;
}
