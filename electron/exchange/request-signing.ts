// Signed hub requests (docs/hub.md, "Authentication"). The station signs, with its Ed25519 key,
//
//   LOUPE-HUB-REQUEST/1\nMETHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nsha256(body) hex
//
// and sends its station id, the timestamp (ms since epoch), the nonce and the signature as headers.
// The first line keeps a request signature from ever being valid as anything else the key signs
// (bundle heads start with LOUPE-BUNDLE/1).
import { createHash, randomBytes } from 'node:crypto';
import type { StationIdentity } from '../trust/station-identity';

export const AUTH_HEADERS = {
  station: 'x-loupe-station',
  timestamp: 'x-loupe-timestamp',
  nonce: 'x-loupe-nonce',
  signature: 'x-loupe-signature',
} as const;

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
export const TIMESTAMP_PATTERN = /^\d{13}$/;
export const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{86}==$/;

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonicalRequest(method: string, pathAndQuery: string, timestamp: string, nonce: string, bodySha256: string): Buffer {
  return Buffer.from(`LOUPE-HUB-REQUEST/1\n${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${bodySha256}`, 'utf8');
}

/** Headers that authenticate one request of `identity`. */
export function signRequest(identity: StationIdentity, method: string, pathAndQuery: string, body: Buffer = Buffer.alloc(0), now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  const nonce = randomBytes(18).toString('base64url');
  const signature = identity.sign(canonicalRequest(method, pathAndQuery, timestamp, nonce, sha256Hex(body))).toString('base64');
  return {
    [AUTH_HEADERS.station]: identity.station,
    [AUTH_HEADERS.timestamp]: timestamp,
    [AUTH_HEADERS.nonce]: nonce,
    [AUTH_HEADERS.signature]: signature,
  };
}
