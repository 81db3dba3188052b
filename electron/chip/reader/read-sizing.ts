// How much one READ BINARY asks for (ICAO 9303-10 §3.3, 9303-11 §9.8): 223 bytes ('DF') without
// extended length — the protected answer (DO'87' of 228 bytes, DO'99', DO'8E') then fits the 256
// bytes of a short response — and a few kilobytes with extended length, within what EF.ATR/INFO
// allows. Sizes only shrink when the chip objects (6700, 6Cxx).
import type { ExtendedLengthInfo } from './card-capabilities';

export const SHORT_READ = 0xdf;
const EXTENDED_READ = 0x1000;
/** Room for the secure-messaging objects around the data in a response. */
const SM_OVERHEAD = 64;

export interface ReadSizing {
  chunk: number;
  extended: boolean;
  /** Where the decision on extended length came from, for the record. */
  readonly source: 'atr' | 'ef-atr-info' | 'none';
}

export function initialSizing(extended: boolean, info: ExtendedLengthInfo | null, source: ReadSizing['source']): ReadSizing {
  if (!extended) return { chunk: SHORT_READ, extended: false, source };
  const limit = info ? Math.max(SHORT_READ, Math.min(EXTENDED_READ, info.maxResponse - SM_OVERHEAD)) : EXTENDED_READ - SM_OVERHEAD;
  return { chunk: limit, extended: limit > SHORT_READ, source };
}
