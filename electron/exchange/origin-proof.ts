// Proof of origin for trend items (docs/trends.md, "Origin of items"). A bundle's signature says who
// sent it; it does not say who made each item, and bundles forward items received from other
// stations. So every item must be provably its origin station's: the origin signs, with its own
// station key, the sorted list of the ids of a group of its items:
//
//   LOUPE-ORIGIN/1\n<station id>\n<number of ids>\n<sha256 of the ids' 32-byte values, concatenated> hex
//
// The first line keeps this signature from being valid as a bundle head or a hub request (the same
// key signs those). Ids are content hashes, so a proof covers exactly those contents: a forwarder
// may pass on any subset of the items unchanged, with the proof, and nothing else.
import { createHash, verify } from 'node:crypto';
import { decodeBase64Exact, decodeCanonicalBase64, ED25519_SIGNATURE_BYTES } from '../common/strict-base64';
import { BundleError } from './bundle-error';
import { publicKeyFromRaw, stationIdFromPublicKey } from '../trust/public-key';
import type { StationIdentity } from '../trust/station-identity';
import type { TrustLookup } from './bundle-codec';

const STATEMENT = 'LOUPE-ORIGIN/1\n';
const ID_BYTES = 32;
/** Ids in one proof: its line (ids in base64) stays well below the bundle's line limit. */
export const MAX_ORIGIN_IDS = 100_000;

/** One origin's signature over a sorted set of its item ids. */
export interface OriginProof {
  station: string;
  /** The ids as 32-byte values, strictly ascending, concatenated. */
  ids: Uint8Array;
  signature: Uint8Array;
}

/** A proof as a bundle line's JSON value. */
export interface OriginProofJson {
  station: string;
  ids: string;
  signature: string;
}

function statement(station: string, ids: Uint8Array): Buffer {
  const digest = createHash('sha256').update(ids).digest('hex');
  return Buffer.from(`${STATEMENT}${station}\n${ids.length / ID_BYTES}\n${digest}`, 'utf8');
}

/** Ids (hex) as the proof's sorted 32-byte values, duplicates removed. */
export function packIds(ids: Iterable<string>): Buffer {
  const sorted = [...new Set(ids)].sort();
  const packed = Buffer.allocUnsafe(sorted.length * ID_BYTES);
  sorted.forEach((id, i) => packed.write(id, i * ID_BYTES, 'hex'));
  return packed;
}

/** The ids of a proof, as lowercase hex. */
export function unpackIds(ids: Uint8Array): string[] {
  const buffer = Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength);
  const out: string[] = new Array(ids.length / ID_BYTES);
  for (let i = 0; i < out.length; i++) out[i] = buffer.toString('hex', i * ID_BYTES, (i + 1) * ID_BYTES);
  return out;
}

/** This station's proofs over its own items (at most MAX_ORIGIN_IDS ids each). */
export function signOrigin(identity: StationIdentity, ids: Iterable<string>): OriginProof[] {
  const packed = packIds(ids);
  const proofs: OriginProof[] = [];
  for (let at = 0; at < packed.length; at += MAX_ORIGIN_IDS * ID_BYTES) {
    const part = packed.subarray(at, Math.min(packed.length, at + MAX_ORIGIN_IDS * ID_BYTES));
    proofs.push({ station: identity.station, ids: part, signature: identity.sign(statement(identity.station, part)) });
  }
  return proofs;
}

export function proofToJson(proof: OriginProof): OriginProofJson {
  return { station: proof.station, ids: Buffer.from(proof.ids).toString('base64'), signature: Buffer.from(proof.signature).toString('base64') };
}

/**
 * A proof read from a bundle line: canonical base64, a whole number of ids (1 to MAX_ORIGIN_IDS),
 * strictly ascending. Returns the reason it is refused, or the proof (signature not checked yet:
 * that needs the receiver's trust list, see verifyOriginProof).
 */
export function proofFromJson(value: OriginProofJson): OriginProof | string {
  if (!/^[0-9a-f]{16}$/.test(value.station)) return 'origin: not a station id';
  const signature = decodeBase64Exact(value.signature, ED25519_SIGNATURE_BYTES);
  if (signature === null) return 'origin: the signature is not 64 bytes of canonical base64';
  const ids = decodeCanonicalBase64(value.ids);
  if (ids === null || ids.length === 0 || ids.length % ID_BYTES !== 0) return 'origin: the ids are not 32-byte values in canonical base64';
  if (ids.length / ID_BYTES > MAX_ORIGIN_IDS) return `origin: more than ${MAX_ORIGIN_IDS} ids`;
  for (let at = ID_BYTES; at < ids.length; at += ID_BYTES) {
    if (Buffer.compare(ids.subarray(at - ID_BYTES, at), ids.subarray(at, at + ID_BYTES)) >= 0) return 'origin: the ids are not in ascending order';
  }
  return { station: value.station, ids, signature };
}

/**
 * Checks a proof against the receiver's trust list: the origin must be trusted (its key is the one
 * the station id is derived from) and its signature must verify. Throws BundleError otherwise: the
 * whole bundle is refused.
 */
export function verifyOriginProof(proof: OriginProof, trust: TrustLookup): void {
  const key = trust(proof.station);
  if (key === undefined) throw new BundleError('unknown-origin', `the bundle carries items of station ${proof.station}, which is not on the trust list`);
  if (stationIdFromPublicKey(key) !== proof.station) throw new BundleError('unknown-origin', `the trusted key of station ${proof.station} does not match its id`);
  if (!verify(null, statement(proof.station, proof.ids), publicKeyFromRaw(key), proof.signature)) {
    throw new BundleError('bad-origin-signature', `the proof of origin of station ${proof.station}'s items does not verify: they were altered or not signed by that station`);
  }
}
