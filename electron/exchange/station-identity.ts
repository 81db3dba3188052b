// The station's Ed25519 signing key, created on first use and kept in the data directory (0600).
// The station id is derived from the public key, so it cannot be claimed by another key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StationIdentity {
  readonly station: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  readonly publicKey: string;
  sign(data: Buffer): Buffer;
}

const KEY_FILE = 'station-ed25519.pem';

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
  const raw = Buffer.from(publicKeyB64, 'base64');
  if (raw.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function identityFromPrivateKey(privateKey: KeyObject): StationIdentity {
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { station: stationIdFromPublicKey(publicKey), publicKey, sign: (data) => sign(null, data, privateKey) };
}

/** Loads the station key from `keyDir`, creating it (atomically, mode 0600) the first time. */
export function loadOrCreateStationIdentity(keyDir: string): StationIdentity {
  const file = join(keyDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    // link() refuses to replace: when two processes race on first run, both end up with the winner's key.
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(tmp);
    }
  }
  return identityFromPrivateKey(createPrivateKey(readFileSync(file)));
}
