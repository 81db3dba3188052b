// DES keys carry an odd-parity bit in the low bit of each byte (FIPS 46-3 §3): ICAO 9303-11 §9.7.1
// derives 3DES keys and then "adjusts the parity bits" (Appendix D.1).
export function adjustParity(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) {
    const b = key[i]! & 0xfe;
    let ones = 0;
    for (let v = b; v; v >>= 1) ones += v & 1;
    out[i] = b | (ones % 2 === 0 ? 1 : 0);
  }
  return out;
}
