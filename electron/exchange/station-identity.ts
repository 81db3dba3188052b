// The station's identity in the trends network: its Ed25519 key (created on first use, see
// reference/station-key.ts) and a station id derived from the public key, so that an id cannot be
// claimed by another key.
import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { decodeBase64Exact, ED25519_PUBLIC_KEY_BYTES } from '../common/strict-base64';
import { loadOrCreateStationKey } from '../reference/station-key';

export interface StationIdentity {
  readonly station: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  readonly publicKey: string;
  sign(data: Buffer): Buffer;
}

export function stationIdFromPublicKey(publicKeyB64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyB64, 'base64')).digest('hex').slice(0, 16);
}

export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** A KeyObject for a raw 32-byte Ed25519 public key given in base64. */
export function publicKeyFromRaw(publicKeyB64: string): KeyObject {
  const raw = decodeBase64Exact(publicKeyB64, ED25519_PUBLIC_KEY_BYTES);
  if (raw === null) throw new Error('an Ed25519 public key is 32 bytes in canonical base64');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function identityFromPrivateKey(privateKey: KeyObject): StationIdentity {
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { station: stationIdFromPublicKey(publicKey), publicKey, sign: (data) => sign(null, data, privateKey) };
}

/** The station's identity for trend bundles: the same Ed25519 key that signs its reference packages (`<dataDir>/keys/`). */
export function loadOrCreateStationIdentity(dataDir: string): StationIdentity {
  return identityFromPrivateKey(loadOrCreateStationKey(dataDir).privateKey);
}
