// Minimal PNM (netpbm) decoder for scanimage output: some SANE backends ignore --format=png and
// write PNM, which sharp cannot read. Handles P4 (1-bit), P5 (grey), P6 (RGB), 8 and 16 bit,
// and '#' comment lines in the header (scanimage writes "# SANE data follows").
import { MAX_INPUT_PIXELS } from '../../electron/imaging/load-image';
import { DeviceError } from '../protocol';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

export function isPnm(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] !== undefined && bytes[1] >= 0x34 && bytes[1] <= 0x36; // P4..P6
}

export function decodePnm(bytes: Buffer): RawImage {
  if (!isPnm(bytes)) throw new DeviceError('InvalidInput', 'not a binary PNM image');
  const kind = bytes[1] === 0x34 ? 4 : bytes[1] === 0x35 ? 5 : 6;
  const fields: number[] = [];
  let i = 2;
  const wanted = kind === 4 ? 2 : 3;
  while (fields.length < wanted) {
    while (i < bytes.length && /\s/.test(String.fromCharCode(bytes[i] ?? 0))) i++;
    if (bytes[i] === 0x23) {
      while (i < bytes.length && bytes[i] !== 0x0a) i++;
      continue;
    }
    let n = '';
    while (i < bytes.length && (bytes[i] ?? 0) >= 0x30 && (bytes[i] ?? 0) <= 0x39) n += String.fromCharCode(bytes[i++] ?? 0);
    if (n === '') throw new DeviceError('InvalidInput', 'malformed PNM header');
    fields.push(Number(n));
  }
  i++; // the single whitespace byte before the raster
  const [width = 0, height = 0, maxval = 1] = fields;
  const channels = kind === 6 ? 3 : 1;
  // The header is the scanner's claim: checked before anything is allocated for it (a header of
  // 65535 × 65535 over a few bytes asked for a 4 GB buffer), and the raster must hold all of it.
  if (!(Number.isSafeInteger(width) && Number.isSafeInteger(height) && width >= 1 && height >= 1)) throw new DeviceError('InvalidInput', `the scanner's PNM image has no size (${width} × ${height})`);
  if (width * height > MAX_INPUT_PIXELS) throw new DeviceError('InvalidInput', `the scanner's PNM image is too large: ${width} × ${height} px (limit ${MAX_INPUT_PIXELS / 1e6} MP)`);
  if (kind !== 4 && !(maxval >= 1 && maxval <= 65535)) throw new DeviceError('InvalidInput', `the scanner's PNM image has a maximum value of ${maxval} (1 to 65535)`);
  const rasterBytes = kind === 4 ? Math.ceil(width / 8) * height : width * height * channels * (maxval > 255 ? 2 : 1);
  if (bytes.length - i < rasterBytes) throw new DeviceError('InvalidInput', `the scanner's PNM image is cut short: ${Math.max(0, bytes.length - i)} of ${rasterBytes} raster bytes`);
  const out = Buffer.alloc(width * height * channels);
  if (kind === 4) {
    const rowBytes = Math.ceil(width / 8);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const bit = ((bytes[i + y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        out[y * width + x] = bit ? 0 : 255; // in P4, 1 is black
      }
    return { data: out, width, height, channels: 1 };
  }
  const wide = maxval > 255;
  for (let p = 0; p < out.length; p++) {
    const v = wide ? ((bytes[i + 2 * p] ?? 0) << 8) | (bytes[i + 2 * p + 1] ?? 0) : (bytes[i + p] ?? 0);
    out[p] = Math.round((v * 255) / maxval);
  }
  return { data: out, width, height, channels };
}
