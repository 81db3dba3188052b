// The station's Ed25519 signing key for reference packages, created on first use in <dataDir>/keys/.
// The private key never leaves the station (0600, like every file in the data folder); the public
// key is what other stations put on their trust list.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { decodeCanonicalBase64 } from '../common/strict-base64';
import { writeFileAtomic } from './atomic-files';

export interface StationKey {
  name: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
}

const PRIVATE_FILE = 'station-ed25519.key';
const PUBLIC_FILE = 'station-ed25519.pub';
const META_FILE = 'station.json';

function derOf(base64: string): Buffer {
  const der = decodeCanonicalBase64(base64);
  if (der === null) throw new Error('not canonical base64');
  return der;
}

/** Parses a public key given as PEM (SPKI) or as base64 DER; only Ed25519 keys are accepted. */
export function parsePublicKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    const trimmed = text.trim();
    key = trimmed.startsWith('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: derOf(trimmed), format: 'der', type: 'spki' });
  } catch {
    throw new LoupeError('reference', 'InvalidInput', 'not a public key (expected an Ed25519 key as PEM or base64 DER)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new LoupeError('reference', 'InvalidInput', `public key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  return key;
}

export function publicKeyDer(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' });
}

/** SHA-256 of the SPKI DER encoding, hex: identifies a signer independently of the name it claims. */
export function keyFingerprint(key: KeyObject): string {
  return createHash('sha256').update(publicKeyDer(key)).digest('hex');
}

export function loadOrCreateStationKey(dataDir: string, name?: string): StationKey {
  const dir = join(dataDir, 'keys');
  const privatePath = join(dir, PRIVATE_FILE);
  const metaPath = join(dir, META_FILE);
  if (!existsSync(privatePath)) {
    const pair = generateKeyPairSync('ed25519');
    writeFileAtomic(privatePath, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    writeFileAtomic(join(dir, PUBLIC_FILE), pair.publicKey.export({ format: 'pem', type: 'spki' }));
    writeFileAtomic(metaPath, `${JSON.stringify({ name: name ?? `station@${hostname()}`, createdAt: new Date().toISOString() }, null, 2)}\n`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(privatePath, 'utf8'));
  } catch {
    throw new LoupeError('reference', 'InvalidInput', `station key ${privatePath} is unreadable`);
  }
  const publicKey = createPublicKey(privateKey);
  let storedName = name;
  if (!storedName && existsSync(metaPath)) {
    try {
      storedName = String((JSON.parse(readFileSync(metaPath, 'utf8')) as { name?: unknown }).name ?? '');
    } catch {
      storedName = undefined;
    }
  }
  return {
    name: storedName || `station@${hostname()}`,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}
