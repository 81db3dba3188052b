// Verifies signed hub requests: an active station of the trust list, a timestamp within the allowed
// clock skew, a nonce never seen within that window, and the Ed25519 signature over the request.
// The cheap checks run on the headers alone, before a pushed body is read.
import { verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { publicKeyFromRaw } from '../trust/public-key';
import { decodeBase64Exact, ED25519_SIGNATURE_BYTES } from '../common/strict-base64';
import { AUTH_HEADERS, canonicalRequest, NONCE_PATTERN, SIGNATURE_PATTERN, TIMESTAMP_PATTERN } from '../exchange/request-signing';
import { HubError } from './hub-errors';

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
const MAX_NONCES = 1_000_000;

export interface SignedHeaders {
  station: string;
  publicKey: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

export class RequestVerifier {
  /** station + nonce → time after which it may be forgotten. */
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly keyOf: (station: string) => Promise<string | undefined>,
    private readonly now: () => number = Date.now,
    private readonly skewMs = MAX_CLOCK_SKEW_MS,
  ) {}

  /** Whether the request carries signature headers at all (else the dashboard cookie may apply). */
  static isSigned(headers: IncomingHttpHeaders): boolean {
    return headers[AUTH_HEADERS.signature] !== undefined || headers[AUTH_HEADERS.station] !== undefined;
  }

  /** Header checks: format, active station, clock skew. */
  async checkHeaders(headers: IncomingHttpHeaders): Promise<SignedHeaders> {
    const station = header(headers, AUTH_HEADERS.station);
    const timestamp = header(headers, AUTH_HEADERS.timestamp);
    const nonce = header(headers, AUTH_HEADERS.nonce);
    const signature = header(headers, AUTH_HEADERS.signature);
    if (!station || !timestamp || !nonce || !signature) throw new HubError('missing-signature', 'this request must be signed by a station of the trust list');
    if (!/^[0-9a-f]{16}$/.test(station) || !TIMESTAMP_PATTERN.test(timestamp) || !NONCE_PATTERN.test(nonce) || !SIGNATURE_PATTERN.test(signature)) {
      throw new HubError('bad-signature', 'malformed signature headers');
    }
    const publicKey = await this.keyOf(station);
    if (publicKey === undefined) throw new HubError('unknown-station', `station ${station} is not an active member of this hub`);
    const skew = Math.abs(this.now() - Number(timestamp));
    if (skew > this.skewMs) throw new HubError('clock-skew', `request time differs from the hub clock by ${Math.round(skew / 1000)} s (at most ${this.skewMs / 1000} s allowed)`);
    return { station, publicKey, timestamp, nonce, signature };
  }

  /** Signature check, then the nonce is spent. */
  verifySignature(signed: SignedHeaders, method: string, pathAndQuery: string, bodySha256: string): void {
    const message = canonicalRequest(method, pathAndQuery, signed.timestamp, signed.nonce, bodySha256);
    const signature = decodeBase64Exact(signed.signature, ED25519_SIGNATURE_BYTES);
    if (signature === null || !verify(null, message, publicKeyFromRaw(signed.publicKey), signature)) {
      throw new HubError('bad-signature', `signature does not verify for station ${signed.station}`);
    }
    this.forgetExpired();
    const key = `${signed.station}:${signed.nonce}`;
    if (this.nonces.has(key)) throw new HubError('replay', 'this request was already received (replayed nonce)');
    if (this.nonces.size >= MAX_NONCES) throw new HubError('replay', 'too many requests in the replay window; retry shortly');
    // Kept until its timestamp leaves the skew window; after that the timestamp check refuses it.
    this.nonces.set(key, Number(signed.timestamp) + this.skewMs);
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [key, until] of this.nonces) {
      if (until >= now) break; // insertion order ≈ time order; stop at the first still-valid
      this.nonces.delete(key);
    }
  }
}
