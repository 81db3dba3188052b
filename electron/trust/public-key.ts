// Ed25519 public keys of the trust domain, in every form a key reaches the station: the raw 32-byte
// key in base64 (what trend bundles, origin proofs, hub requests and the trust lists carry), SPKI as
// PEM (what reference packages and `loupe reference key` carry) or as base64 DER. Every form is read
// strictly (common/strict-base64.ts): text that is not exactly one key's encoding is refused, never
// decoded into something else. A key's station id is derived from it, so it cannot be claimed by
// another key.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { LoupeError } from '../common/loupe-error';
import { decodeBase64Exact, decodeCanonicalBase64, ED25519_PUBLIC_KEY_BYTES } from '../common/strict-base64';

/** The 16 hex digits that name a station: the start of the SHA-256 of its raw public key. */
export function stationIdFromPublicKey(publicKeyB64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyB64, 'base64')).digest('hex').slice(0, 16);
}

/** The raw 32-byte public key of an Ed25519 key, in base64. */
export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** A KeyObject for a raw 32-byte Ed25519 public key given in canonical base64. */
export function publicKeyFromRaw(publicKeyB64: string): KeyObject {
  const raw = decodeBase64Exact(publicKeyB64, ED25519_PUBLIC_KEY_BYTES);
  if (raw === null) throw new Error('an Ed25519 public key is 32 bytes in canonical base64');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function publicKeyDer(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' });
}

/** SHA-256 of the SPKI DER encoding, hex (how reference signers were told apart before station ids). */
export function keyFingerprint(key: KeyObject): string {
  return createHash('sha256').update(publicKeyDer(key)).digest('hex');
}

const NOT_A_KEY = 'not a public key: give a raw 32-byte Ed25519 public key in base64 (44 characters, as loupe trends identity prints it) or one in PEM (as loupe reference key prints it)';

/**
 * Parses a public key given as the raw 32 bytes in base64, as SPKI PEM, or as SPKI DER in base64;
 * only Ed25519 keys are accepted.
 */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    if (trimmed.startsWith('-----BEGIN')) key = createPublicKey(trimmed);
    else {
      const bytes = decodeCanonicalBase64(trimmed);
      if (bytes === null) throw new Error('not canonical base64');
      key = bytes.length === ED25519_PUBLIC_KEY_BYTES ? publicKeyFromRaw(trimmed) : createPublicKey({ key: bytes, format: 'der', type: 'spki' });
    }
  } catch {
    throw new LoupeError('trust', 'KeyRefused', NOT_A_KEY);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new LoupeError('trust', 'KeyRefused', `the public key is ${key.asymmetricKeyType ?? 'of an unknown kind'}, not Ed25519`);
  return key;
}

/** Any accepted form of an Ed25519 public key (parsePublicKey) → the raw key in canonical base64. */
export function memberKeyOf(text: string): string {
  return rawPublicKey(parsePublicKey(text));
}

/** The raw key (canonical base64) and station id of a public key given in any accepted form. */
export function keyIdentity(text: string): { publicKey: string; station: string } {
  const publicKey = memberKeyOf(text);
  return { publicKey, station: stationIdFromPublicKey(publicKey) };
}
