// Modular inverse (extended Euclid) for PACE-CAM's CA_IC = SK_Map,IC · SK_IC⁻¹ mod n (ICAO 9303-11
// §4.4.3.5.1) and ECDSA.
export function modInverse(value: bigint, modulus: bigint): bigint {
  let [a, b] = [((value % modulus) + modulus) % modulus, modulus];
  let [x0, x1] = [1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [x0, x1] = [x1, x0 - q * x1];
  }
  if (a !== 1n) throw new RangeError('value is not invertible');
  return ((x0 % modulus) + modulus) % modulus;
}
