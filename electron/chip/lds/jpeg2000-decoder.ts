// JPEG 2000 decoding for DG2 faces and DG7 signatures: OpenJPEG compiled to WebAssembly
// (@cornerstonejs/codec-openjpeg), which reads JP2 files and bare codestreams; sharp's npm build
// has no JPEG 2000. The size is read from the header first, so a hostile header cannot make the
// decoder allocate an image of any size.
import { createRequire } from 'node:module';
import { ChipError } from '../chip-error';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  delete(): void;
}

interface OpenJpegModule {
  J2KDecoder: new () => J2KDecoder;
}

export interface DecodedRaster {
  readonly width: number;
  readonly height: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA) channels of 8 bits, interleaved. */
  readonly channels: 1 | 3 | 4;
  readonly pixels: Uint8Array;
}

/** Largest image accepted (a passport face is well under a megapixel). */
export const MAX_PIXELS = 40_000_000;

let modulePromise: Promise<OpenJpegModule> | null = null;

function openJpeg(): Promise<OpenJpegModule> {
  if (!modulePromise) {
    const require = createRequire(import.meta.url);
    const factory = require('@cornerstonejs/codec-openjpeg/decodewasmjs') as (options: object) => Promise<OpenJpegModule>;
    // The decoder prints progress to stdout: keep it quiet.
    modulePromise = factory({ print: () => {}, printErr: () => {} });
  }
  return modulePromise;
}

export async function decodeJpeg2000(encoded: Uint8Array): Promise<DecodedRaster> {
  const lib = await openJpeg();
  const decoder = new lib.J2KDecoder();
  try {
    const head = jpeg2000Size(encoded);
    if (!head || head.width <= 0 || head.height <= 0 || head.width * head.height > MAX_PIXELS) throw new Error(`image of ${head?.width} × ${head?.height}`);
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    const decoded = decoder.getDecodedBuffer();
    const count = info.componentCount;
    if (count !== 1 && count !== 3 && count !== 4) throw new Error(`${count} components`);
    const samples = info.width * info.height * count;
    const pixels = new Uint8Array(samples);
    if (info.bitsPerSample <= 8) {
      pixels.set(decoded.subarray(0, samples));
    } else {
      // 9–16 bits per sample come as 16-bit words: keep the top 8 bits.
      const words = new Uint16Array(decoded.buffer.slice(decoded.byteOffset, decoded.byteOffset + samples * 2));
      const shift = info.bitsPerSample - 8;
      for (let i = 0; i < samples; i++) pixels[i] = words[i]! >> shift;
    }
    return { width: info.width, height: info.height, channels: count as 1 | 3 | 4, pixels };
  } catch (e) {
    throw new ChipError('MalformedData', 'The JPEG 2000 image from the chip cannot be decoded.', undefined, { cause: e });
  } finally {
    decoder.delete();
  }
}

/**
 * The image size from the codestream's SIZ marker (ISO/IEC 15444-1 §A.5.1), which follows SOC
 * ('FF4F FF51'), in a bare codestream or inside the JP2 'jp2c' box: Xsiz − XOsiz by Ysiz − YOsiz.
 */
export function jpeg2000Size(bytes: Uint8Array): { width: number; height: number } | null {
  for (let i = 0; i + 22 <= bytes.length; i++) {
    if (bytes[i] !== 0xff || bytes[i + 1] !== 0x4f || bytes[i + 2] !== 0xff || bytes[i + 3] !== 0x51) continue;
    const v = new DataView(bytes.buffer, bytes.byteOffset + i + 4);
    if (i + 4 + 20 > bytes.length) return null;
    const [xsiz, ysiz, xo, yo] = [v.getUint32(4), v.getUint32(8), v.getUint32(12), v.getUint32(16)];
    return { width: xsiz - xo, height: ysiz - yo };
  }
  return null;
}
