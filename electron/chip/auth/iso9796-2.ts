// ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery, as active authentication
// uses it with RSA (ICAO 9303-11 §6.1.2.1; no npm package implements it, so it is written here from
// the standard). The representative J = '6A' ‖ M1 ‖ H(M1 ‖ M2) ‖ trailer, where the trailer is 'BC'
// (SHA-1 implied) or '<hash id> CC' (ISO/IEC 10118-3 identifiers); the verifier opens the signature
// with raw RSA (s^e mod n, node:crypto RSA_NO_PADDING) and, for the signer's choice of min(J^d,
// n − J^d), takes n − J when J is not ≡ 12 mod 16 (ISO/IEC 9796-2 §B.6 for RSA).
import { constants, createHash, createPublicKey, publicDecrypt } from 'node:crypto';
import { bigIntToBytes, bytesToBigInt, concat, equalSecret } from '../bytes';
import type { HashName } from '../pki/signature-algorithm';
import type { PublicKeyInfo } from '../pki/subject-public-key-info';

const HASH_IDS: Record<number, HashName> = { 0x33: 'sha1', 0x34: 'sha256', 0x35: 'sha512', 0x36: 'sha384', 0x38: 'sha224' };
const DIGEST_LENGTH: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

export interface Iso9796Result {
  readonly valid: boolean;
  readonly hash: HashName | null;
  /** The recovered part M1 (the chip's random prefix for AA). */
  readonly recovered: Uint8Array | null;
  readonly detail: string;
}

const fail = (detail: string, hash: HashName | null = null): Iso9796Result => ({ valid: false, hash, recovered: null, detail });

export function verifyIso9796Scheme1(key: Extract<PublicKeyInfo, { kind: 'RSA' }>, signature: Uint8Array, m2: Uint8Array): Iso9796Result {
  const k = Math.ceil(key.bits / 8);
  if (signature.length === 0 || signature.length > k) return fail('the signature is not the length of the key');
  const s = bytesToBigInt(signature);
  if (s >= key.modulus) return fail('the signature is not smaller than the modulus');
  let jPrime: bigint;
  try {
    const publicKey = createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
    const opened = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, bigIntToBytes(s, k));
    jPrime = bytesToBigInt(new Uint8Array(opened));
  } catch {
    return fail('the signature cannot be opened with the key');
  }
  const j = (jPrime & 0xfn) === 0xcn ? jPrime : key.modulus - jPrime;
  if ((j & 0xfn) !== 0xcn) return fail('the recovered block has no valid trailer');
  const block = bigIntToBytes(j, k);
  let hash: HashName;
  let trailer: number;
  if (block[k - 1] === 0xbc) {
    hash = 'sha1';
    trailer = 1;
  } else if (block[k - 1] === 0xcc && HASH_IDS[block[k - 2]!]) {
    hash = HASH_IDS[block[k - 2]!]!;
    trailer = 2;
  } else {
    return fail('the recovered block names no supported hash');
  }
  // '01' start, '1' partial recovery, border nibble 'A': M1 fills the capacity (no padding).
  if (block[0] !== 0x6a) return fail('the recovered block does not start with the partial-recovery header', hash);
  const h = DIGEST_LENGTH[hash];
  if (k < 1 + h + trailer + 1) return fail('the key is too small for this hash', hash);
  const m1 = block.subarray(1, k - h - trailer);
  const expected = block.subarray(k - h - trailer, k - trailer);
  const actual = new Uint8Array(createHash(hash).update(concat(m1, m2)).digest());
  return equalSecret(expected, actual) ? { valid: true, hash, recovered: m1, detail: 'the signature recovers and its hash matches' } : fail('the hash in the signature does not match the challenge', hash);
}
