// Image files from outside: a capture (a scanner's or a hot folder's file, an image given to
// `loupe mrz`), refused or opened in full before anything is kept (openCompleteImage), and the
// light images decoded for the checks and the reference library (decodeLightImage). Either answers
// with an image whose size is within the station's limits, or the imaging domain's
// UnsupportedImage / ImageTooLarge — whatever the header claims.
import fc from 'fast-check';
import sharp from 'sharp';
import { decodeLightImage } from '../../../electron/imaging/light-image';
import { MAX_INPUT_PIXELS, MAX_INPUT_SIDE, openCompleteImage } from '../../../electron/imaging/load-image';
import { pngDeclaring } from '../../helpers/png-header';
import { anyTarget, loupeErrorOf, mutatedBytes, type AnyFuzzTarget, type FuzzTarget } from '../fuzz-kit';

let samples: Uint8Array[] | undefined;

async function setUp(): Promise<void> {
  if (samples) return;
  const base = () => sharp({ create: { width: 40, height: 28, channels: 3, background: { r: 240, g: 200, b: 90 } } });
  const alpha = () => sharp({ create: { width: 24, height: 20, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } });
  const grey = await base().greyscale().png().toBuffer();
  samples = (
    await Promise.all([
      base().png().toBuffer(),
      base().withMetadata({ density: 300 }).jpeg({ quality: 80 }).toBuffer(),
      base().jpeg({ progressive: true }).toBuffer(),
      base().tiff({ compression: 'lzw' }).toBuffer(),
      base().webp().toBuffer(),
      alpha().png().toBuffer(),
      Promise.resolve(grey),
      base().png({ palette: true }).toBuffer(),
      base().gif().toBuffer(),
      Promise.resolve(pngDeclaring(60, 40)),
    ])
  ).map((b) => new Uint8Array(b));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** A 4×1 PNG whose header (IHDR, with a correct CRC) claims width × height: a few bytes of data. */
export function pngClaiming(width: number, height: number): Uint8Array {
  const png = Buffer.from(pngDeclaring(4, 1));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  let c = 0xffffffff;
  for (const b of png.subarray(12, 29)) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  png.writeUInt32BE((c ^ 0xffffffff) >>> 0, 29);
  return new Uint8Array(png);
}

/** Headers that claim gigapixels, or as much as the limit allows, over a few bytes of data. */
export function claimingExamples(): Uint8Array[] {
  return [pngClaiming(65535, 65535), pngClaiming(0x7fffffff, 1), pngClaiming(9999, 8000), pngClaiming(1, 80_000_001), pngClaiming(MAX_INPUT_PIXELS, 1), pngClaiming(1, MAX_INPUT_PIXELS)];
}

const isImagingError = loupeErrorOf('imaging', ['UnsupportedImage', 'ImageTooLarge']);

function checkSize(result: unknown): void {
  const { width, height } = result as { width: number; height: number };
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height <= MAX_INPUT_PIXELS && Math.max(width, height) <= MAX_INPUT_SIDE)) throw new Error(`an image of ${width} × ${height} was accepted`);
}

const input = () => fc.oneof({ arbitrary: fc.uint8Array({ maxLength: 256 }), weight: 1 }, { arbitrary: mutatedBytes(samples!), weight: 8 });

const captureTarget: FuzzTarget<Uint8Array> = {
  name: 'image-capture',
  area: 'imaging',
  setUp,
  timeBoundMs: 4000,
  input,
  examples: claimingExamples,
  run: (bytes) => openCompleteImage(Buffer.from(bytes), 'capture.png'),
  isOwnError: isImagingError,
  check: checkSize,
  bytes: (b) => b,
};

const lightTarget: FuzzTarget<Uint8Array> = {
  name: 'image-light',
  area: 'imaging',
  setUp,
  timeBoundMs: 4000,
  input,
  examples: claimingExamples,
  run: async (bytes) => {
    const light = await decodeLightImage(Buffer.from(bytes), 'white');
    return { width: light.rgb.width, height: light.rgb.height, light };
  },
  isOwnError: isImagingError,
  check: (result) => {
    checkSize(result);
    const { light } = result as { light: Awaited<ReturnType<typeof decodeLightImage>> };
    if (light.rgb.data.length !== light.rgb.width * light.rgb.height * 3 || light.grey.data.length !== light.rgb.width * light.rgb.height) throw new Error('pixel buffers do not match the size');
  },
  bytes: (b) => b,
};

export const IMAGING_TARGETS: AnyFuzzTarget[] = [anyTarget(captureTarget), anyTarget(lightTarget)];
