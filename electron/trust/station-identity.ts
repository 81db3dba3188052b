// The station's identity towards other stations and the hub: its station id (derived from its
// public key) and the raw public key, and a signer. What it signs (trend bundles, origin proofs,
// hub requests, reference packages) is signed with the one station key (station-key.ts).
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { rawPublicKey, stationIdFromPublicKey } from './public-key';

export interface StationIdentity {
  readonly station: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  readonly publicKey: string;
  sign(data: Buffer): Buffer;
}

export function identityFromPrivateKey(privateKey: KeyObject): StationIdentity {
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { station: stationIdFromPublicKey(publicKey), publicKey, sign: (data) => sign(null, data, privateKey) };
}
