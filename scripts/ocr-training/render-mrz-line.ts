// Renders one MRZ line the way a document scanner sees it: OCR-B at the ICAO 9303 part 3
// §4.2 pitch of 2.54 mm (10 characters per inch), then optional blur, noise, downscaling
// and JPEG compression. Used to measure OCR models and by the model's unit test.
import sharp from 'sharp';
import { createRandom } from './mrz-text-generator';

export type Degradation = 'clean' | 'blur' | 'heavy';
export const DEGRADATIONS: readonly Degradation[] = ['clean', 'blur', 'heavy'];

const RENDER_DPI = 300;
/** 2.54 mm = 0.1 inch per character. */
const PITCH_PX = RENDER_DPI / 10;
/** OCR-B's advance is 0.72 em, so 10 pt (41.67 px at 300 dpi) gives exactly the MRZ pitch. */
const FONT_PX = (10 / 72) * RENDER_DPI;
const MARGIN_PX = 40;
const HEIGHT_PX = 110;

interface DegradationSpec {
  blurSigma: number;
  noiseSigma: number;
  dpi: number;
  jpegQuality: number | null;
}

function spec(level: Degradation): DegradationSpec {
  switch (level) {
    case 'clean':
      return { blurSigma: 0, noiseSigma: 0, dpi: RENDER_DPI, jpegQuality: null };
    case 'blur':
      return { blurSigma: 0.8, noiseSigma: 14, dpi: RENDER_DPI, jpegQuality: null };
    case 'heavy':
      return { blurSigma: 1.3, noiseSigma: 18, dpi: 220, jpegQuality: 60 };
    default: {
      const unknown: never = level;
      throw new RangeError(`unknown degradation ${String(unknown)}`);
    }
  }
}

function escapeXml(c: string): string {
  return c === '<' ? '&lt;' : c === '&' ? '&amp;' : c === '>' ? '&gt;' : c;
}

/** SVG with one <text> per character at an exact x position, so the pitch is exact. */
export function mrzLineSvg(line: string): string {
  const width = MARGIN_PX * 2 + line.length * PITCH_PX;
  const baseline = Math.round(HEIGHT_PX / 2 + FONT_PX * 0.35);
  const glyphs = [...line]
    .map((c, i) => `<text x="${MARGIN_PX + i * PITCH_PX}" y="${baseline}">${escapeXml(c)}</text>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT_PX}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<g font-family="OCR B" font-size="${FONT_PX.toFixed(3)}" fill="#000">${glyphs}</g></svg>`
  );
}

/** Gaussian noise from a seeded generator (Box–Muller), so images are reproducible. */
function addNoise(pixels: Buffer, sigma: number, seed: number): void {
  const random = createRandom(seed);
  for (let i = 0; i < pixels.length; i += 1) {
    const u = Math.max(random(), 1e-12);
    const g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    pixels[i] = Math.min(255, Math.max(0, Math.round((pixels[i] ?? 0) + g * sigma)));
  }
}

/** A rendered line as an encoded image (PNG, or JPEG for 'heavy') with its dpi recorded. */
export async function renderMrzLine(line: string, level: Degradation, seed = 1): Promise<Buffer> {
  const s = spec(level);
  let image = sharp(Buffer.from(mrzLineSvg(line))).greyscale();
  if (s.blurSigma > 0) image = image.blur(s.blurSigma);
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  if (s.noiseSigma > 0) addNoise(data, s.noiseSigma, seed);
  let out = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  if (s.dpi !== RENDER_DPI) out = out.resize(Math.round((info.width * s.dpi) / RENDER_DPI));
  out = out.withMetadata({ density: s.dpi });
  return s.jpegQuality === null ? out.png().toBuffer() : out.jpeg({ quality: s.jpegQuality }).toBuffer();
}
