// Which image a biometric or document image is, from its first bytes: JPEG (ISO/IEC 10918, SOI
// 'FFD8FF'), JPEG 2000 in its JP2 file format (ISO/IEC 15444-1 Annex I, signature box
// '0000000C 6A502020 0D0A870A') or as a bare codestream (SOC 'FF4F' then SIZ 'FF51').
export type ImageFormat = 'JPEG' | 'JPEG2000' | 'unknown';

export function sniffImageFormat(bytes: Uint8Array): ImageFormat {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  if (bytes.length >= 12 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0 && bytes[3] === 0x0c && bytes[4] === 0x6a && bytes[5] === 0x50 && bytes[6] === 0x20 && bytes[7] === 0x20) return 'JPEG2000';
  if (bytes[0] === 0xff && bytes[1] === 0x4f && bytes[2] === 0xff && bytes[3] === 0x51) return 'JPEG2000';
  return 'unknown';
}

/** Where an image starts inside a record whose header could not be trusted (first signature found). */
export function findImageStart(bytes: Uint8Array): number {
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (sniffImageFormat(bytes.subarray(i, i + 12)) !== 'unknown') return i;
  }
  return -1;
}
