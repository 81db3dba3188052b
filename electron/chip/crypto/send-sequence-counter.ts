// The send sequence counter of secure messaging (ICAO 9303-11 §9.8.2): 8 bytes for 3DES, 16 for AES;
// incremented before each command and each response is protected or checked.
import { concat } from '../bytes';

export function incrementSsc(ssc: Uint8Array): Uint8Array {
  const out = new Uint8Array(ssc);
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = (out[i]! + 1) & 0xff;
    if (out[i] !== 0) break;
  }
  return out;
}

/** After BAC: the 4 least significant bytes of RND.IC then of RND.IFD (9303-11 §9.8.2). */
export function bacInitialSsc(rndIc: Uint8Array, rndIfd: Uint8Array): Uint8Array {
  return concat(rndIc.subarray(4, 8), rndIfd.subarray(4, 8));
}

/** After PACE or chip authentication: zero, of the cipher's block size (9303-11 §9.8.2). */
export function zeroSsc(blockSize: 8 | 16): Uint8Array {
  return new Uint8Array(blockSize);
}
