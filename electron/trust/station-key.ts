// The station's one Ed25519 key, created on first use in <dataDir>/keys/: it signs reference
// packages, trend bundles, origin proofs, hub requests and the audit trail's checkpoints and exports. The private key never leaves the station
// (0600, like every file in the data folder); the public key is what other stations and the hub put
// on their trust lists, as the raw key (loupe trends identity) or as PEM (loupe reference key).
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { makePrivateDir, writePrivateFile } from '../common/private-files';
import { keyFingerprint } from './public-key';
import { identityFromPrivateKey, type StationIdentity } from './station-identity';

export interface StationKey extends StationIdentity {
  /** The name it signs reference packages with (informative: the key decides). */
  readonly name: string;
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  /** SHA-256 of the public key's SPKI DER, hex. */
  readonly fingerprint: string;
}

/** Where the key lives: unchanged since the first version (stations in the field have their key there). */
const KEYS_DIR = 'keys';
const PRIVATE_FILE = 'station-ed25519.key';
const PUBLIC_FILE = 'station-ed25519.pub';
const META_FILE = 'station.json';

function writeKeyFile(path: string, data: Buffer | string): void {
  makePrivateDir(dirname(path));
  writePrivateFile(path, data);
}

/** The station key (created when missing). `name` names it for this use, and when it is created. */
export function loadOrCreateStationKey(dataDir: string, name?: string): StationKey {
  const dir = join(dataDir, KEYS_DIR);
  const privatePath = join(dir, PRIVATE_FILE);
  const metaPath = join(dir, META_FILE);
  if (!existsSync(privatePath)) {
    const pair = generateKeyPairSync('ed25519');
    writeKeyFile(privatePath, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    writeKeyFile(join(dir, PUBLIC_FILE), pair.publicKey.export({ format: 'pem', type: 'spki' }));
    writeKeyFile(metaPath, `${JSON.stringify({ name: name ?? `station@${hostname()}`, createdAt: new Date().toISOString() }, null, 2)}\n`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(privatePath, 'utf8'));
  } catch {
    throw new LoupeError('trust', 'StationKeyUnreadable', 'the station key (in the data folder, keys/) is unreadable');
  }
  let storedName = name;
  if (!storedName && existsSync(metaPath)) {
    try {
      storedName = String((JSON.parse(readFileSync(metaPath, 'utf8')) as { name?: unknown }).name ?? '');
    } catch {
      storedName = undefined;
    }
  }
  const publicKey = createPublicKey(privateKey);
  return {
    ...identityFromPrivateKey(privateKey),
    name: storedName || `station@${hostname()}`,
    privateKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}

/**
 * The station key when the data folder holds one, else null — for reading only (verifying what the
 * station signed), where creating a key would be wrong: a new key verifies nothing signed before.
 */
export function existingStationKey(dataDir: string): StationKey | null {
  return existsSync(join(dataDir, KEYS_DIR, PRIVATE_FILE)) ? loadOrCreateStationKey(dataDir) : null;
}
