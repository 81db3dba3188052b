// Whether the chip takes extended-length APDUs. ICAO 9303-10 §3.3 leaves extended length optional
// and says the chip indicates it in its ATR/ATS historical bytes or in EF.ATR/INFO; the reader uses
// extended reads only on that word:
//  - historical bytes (ISO/IEC 7816-4 §12.1.1): category '80' then compact-TLV objects; '7x' is the
//    card capabilities, whose third byte has b7 = "extended Lc and Le fields" and b6 = "extended
//    length information in EF.ATR/INFO";
//  - EF.ATR/INFO (ISO/IEC 7816-4 §12.7.1): DO '7F66' with the largest command and response lengths.
import { decodeTlvSeries, tlvChildren } from '../tlv/ber-tlv-reader';
import { readSmallInteger } from '../tlv/der-values';

export interface AtrCapabilities {
  /** Null when the ATR says nothing either way. */
  readonly extendedLength: boolean | null;
  readonly extendedLengthInfoInAtrInfo: boolean;
}

/** Historical bytes of an ATR (ISO/IEC 7816-3 §8.2): after T0 and the interface bytes, K of them. */
export function historicalBytes(atr: Uint8Array): Uint8Array | null {
  if (atr.length < 2 || (atr[0] !== 0x3b && atr[0] !== 0x3f)) return null;
  const t0 = atr[1]!;
  const k = t0 & 0x0f;
  let y = t0 >> 4;
  let i = 2;
  for (;;) {
    if (y & 1) i++;
    if (y & 2) i++;
    if (y & 4) i++;
    if (!(y & 8)) break;
    const td = atr[i++];
    if (td === undefined) return null;
    y = td >> 4;
  }
  return i + k <= atr.length ? atr.subarray(i, i + k) : null;
}

export function atrCapabilities(atr: Uint8Array | null): AtrCapabilities {
  const none = { extendedLength: null, extendedLengthInfoInAtrInfo: false };
  const hist = atr ? historicalBytes(atr) : null;
  if (!hist || hist[0] !== 0x80) return none;
  // Compact-TLV: tag in the high nibble, length in the low nibble.
  for (let i = 1; i < hist.length; ) {
    const tag = hist[i]! >> 4;
    const length = hist[i]! & 0x0f;
    const value = hist.subarray(i + 1, i + 1 + length);
    if (value.length < length) break;
    if (tag === 0x7 && length >= 3) {
      return { extendedLength: (value[2]! & 0x40) !== 0, extendedLengthInfoInAtrInfo: (value[2]! & 0x20) !== 0 };
    }
    i += 1 + length;
  }
  return none;
}

export interface ExtendedLengthInfo {
  readonly maxCommand: number;
  readonly maxResponse: number;
}

/** DO '7F66' of EF.ATR/INFO: two INTEGERs, the largest command and response data lengths. */
export function extendedLengthInfo(atrInfo: Uint8Array): ExtendedLengthInfo | null {
  try {
    for (const t of decodeTlvSeries(atrInfo, { skipPadding: true })) {
      if (t.tag !== 0x7f66) continue;
      const [command, response] = tlvChildren(t);
      if (!command || !response) return null;
      return { maxCommand: readSmallInteger(command), maxResponse: readSmallInteger(response) };
    }
  } catch {
    return null;
  }
  return null;
}
