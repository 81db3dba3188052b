// The signed bundle: the unit of exchange between stations, countries and the hub, on removable
// media or over HTTP (docs/trends.md, "Bundle format"):
//
//   LOUPE-BUNDLE/1\n
//   <manifest: one line of JSON>\n
//   <Ed25519 signature over the two lines above, base64>\n
//   <payload: gzip of JSON lines, one BundleItem per line>
//
// The manifest carries the payload's sha256 and sizes, so the signature covers everything. Decoding
// treats the file as hostile: every size is bounded before it is read or inflated, the signer must
// be on the trust list, and each line is validated on its own (a bad line is refused, not fatal).
import { createHash, verify } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { decodeBase64Exact, ED25519_SIGNATURE_BYTES } from '../common/strict-base64';
import {
  BUNDLE_SCHEMA,
  BundleManifestSchema,
  type BundleItem,
  type BundleManifest,
} from '../contract/trends.contract';
import { BUNDLE_LIMITS, BundleError, type BundleLimits, type RefusedLine } from './bundle-error';
import { inflatePayload } from './bundle-inflate';
import { BundleLineReader } from './bundle-lines';
import { proofToJson, signOrigin, verifyOriginProof, type OriginProof } from './origin-proof';
import { OriginTracker } from './origin-tracker';
import { publicKeyFromRaw, stationIdFromPublicKey } from '../trust/public-key';
import type { StationIdentity } from '../trust/station-identity';

const MAGIC = 'LOUPE-BUNDLE/1\n';
const MAX_HEADER_BYTES = 16 * 1024;

export { BUNDLE_LIMITS, BundleError, type BundleLimits, type RefusedLine } from './bundle-error';

export interface DecodedBundle {
  manifest: BundleManifest;
  items: BundleItem[];
  /** Lines that failed validation (schema, size, id not matching content, origin not proven). */
  refused: RefusedLine[];
  /** The proofs of origin the bundle carries (verified against the trust list). */
  proofs: OriginProof[];
}

/**
 * Items under one proof of origin, in a bundle: `proof` null for items the bundle's own signature
 * proves (the signer's, written before any origin line).
 */
export interface BundleSection {
  proof: OriginProof | null;
  items: readonly BundleItem[];
}

/** Who may sign bundles: station id → raw public key (base64), or undefined when unknown. */
export type TrustLookup = (station: string) => string | undefined;

export interface EncodeOptions {
  scope: BundleManifest['scope'];
  k: number | null;
  since: string | null;
  createdAt?: Date;
}

const itemStation = (item: BundleItem) => (item.type === 'record' ? item.record.station : item.alert.station);
const itemId = (item: BundleItem) => (item.type === 'record' ? item.record.id : item.alert.id);

/**
 * A bundle of this station's own items, under its proof of origin so that receivers can forward
 * them. Items of other stations are written without a proof (a receiver refuses the bundle):
 * forwarding them takes their origin's proof, see encodeBundleSections.
 */
export function encodeBundle(items: readonly BundleItem[], signer: StationIdentity, options: EncodeOptions): Buffer {
  const others = items.filter((i) => itemStation(i) !== signer.station);
  const own = items.filter((i) => itemStation(i) === signer.station);
  return encodeBundleSections([...(others.length > 0 ? [{ proof: null, items: others }] : []), ...ownSections(own, signer)], signer, options);
}

/** The station's own items under its proofs (one per MAX_ORIGIN_IDS ids), in their order. */
export function ownSections(items: readonly BundleItem[], signer: StationIdentity): BundleSection[] {
  const proofs = signOrigin(signer, items.map(itemId));
  if (proofs.length <= 1) return proofs.map((proof) => ({ proof, items }));
  // Ids are sorted across proofs: each proof's last id bounds its items.
  const lastIds = proofs.map((p) => Buffer.from(p.ids.subarray(p.ids.length - 32)).toString('hex'));
  const sections = proofs.map((proof) => ({ proof, items: [] as BundleItem[] }));
  for (const item of items) sections[lastIds.findIndex((last) => itemId(item) <= last)]!.items.push(item);
  return sections;
}

/** A bundle of sections, each under its origin's proof (or the signer's own, proven by the bundle). */
export function encodeBundleSections(sections: readonly BundleSection[], signer: StationIdentity, options: EncodeOptions): Buffer {
  const lines: string[] = [];
  const items: BundleItem[] = [];
  // Items without a proof come first: once an origin line is written, the items after it are its.
  const ordered = [...sections.filter((s) => s.proof === null), ...sections.filter((s) => s.proof !== null)];
  for (const section of ordered) {
    if (section.items.length === 0) continue;
    if (section.proof) lines.push(JSON.stringify({ type: 'origin', origin: proofToJson(section.proof) }));
    for (const item of section.items) lines.push(JSON.stringify(item));
    items.push(...section.items);
  }
  const payloadText = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  const raw = Buffer.from(payloadText, 'utf8');
  const payload = gzipSync(raw, { level: 6 });
  const manifest: BundleManifest = BundleManifestSchema.parse({
    schema: BUNDLE_SCHEMA,
    signer: { station: signer.station, publicKey: signer.publicKey },
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    scope: options.scope,
    k: options.k,
    since: options.since,
    counts: {
      records: items.filter((i) => i.type === 'record').length,
      alerts: items.filter((i) => i.type === 'alert').length,
    },
    payload: { encoding: 'gzip+jsonl', sha256: sha256(payload), bytes: payload.length, uncompressedBytes: raw.length },
  });
  const head = Buffer.from(`${MAGIC}${JSON.stringify(manifest)}\n`, 'utf8');
  const signature = signer.sign(head).toString('base64');
  return Buffer.concat([head, Buffer.from(`${signature}\n`, 'utf8'), payload]);
}

/** Reads and verifies the head only (magic, manifest, signature against the trust list). */
export function verifyBundleHead(file: Buffer, trust: TrustLookup, limits: BundleLimits = BUNDLE_LIMITS): { manifest: BundleManifest; payloadOffset: number } {
  if (file.length > limits.maxFileBytes) throw new BundleError('too-large', `bundle is ${file.length} bytes; the limit is ${limits.maxFileBytes}`);
  if (file.length < MAGIC.length) throw new BundleError('truncated', 'file ends before the bundle header');
  if (file.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new BundleError('not-a-bundle', 'not a Loupe bundle (header missing)');
  const manifestEnd = file.indexOf(0x0a, MAGIC.length);
  if (manifestEnd < 0) {
    throw new BundleError(file.length - MAGIC.length > MAX_HEADER_BYTES ? 'bad-manifest' : 'truncated', 'bundle manifest is not terminated');
  }
  if (manifestEnd - MAGIC.length > MAX_HEADER_BYTES) throw new BundleError('bad-manifest', 'bundle manifest is too long');
  const signatureEnd = file.indexOf(0x0a, manifestEnd + 1);
  if (signatureEnd < 0 || signatureEnd - manifestEnd > 200) throw new BundleError('truncated', 'bundle signature is missing or cut off');

  let manifest: BundleManifest;
  try {
    manifest = BundleManifestSchema.parse(JSON.parse(file.subarray(MAGIC.length, manifestEnd).toString('utf8')));
  } catch {
    throw new BundleError('bad-manifest', 'bundle manifest is not valid');
  }
  const known = trust(manifest.signer.station);
  if (known === undefined) throw new BundleError('unknown-signer', `station ${manifest.signer.station} is not on the trust list`);
  if (known !== manifest.signer.publicKey || stationIdFromPublicKey(known) !== manifest.signer.station) {
    throw new BundleError('key-mismatch', `the key in the bundle is not the trusted key of station ${manifest.signer.station}`);
  }
  // The signature line is the canonical base64 of 64 bytes and nothing else (strict-base64.ts).
  const signature = decodeBase64Exact(file.subarray(manifestEnd + 1, signatureEnd).toString('latin1'), ED25519_SIGNATURE_BYTES);
  if (signature === null || !verify(null, file.subarray(0, manifestEnd + 1), publicKeyFromRaw(known), signature)) {
    throw new BundleError('bad-signature', `bundle signature does not verify for station ${manifest.signer.station}`);
  }
  return { manifest, payloadOffset: signatureEnd + 1 };
}

/** Verifies the head, then the payload's length, sha256 and declared size; returns the payload (not inflated). */
export function verifyBundlePayload(file: Buffer, trust: TrustLookup, limits: BundleLimits = BUNDLE_LIMITS): { manifest: BundleManifest; payload: Buffer } {
  const { manifest, payloadOffset } = verifyBundleHead(file, trust, limits);
  const payload = file.subarray(payloadOffset);
  if (payload.length !== manifest.payload.bytes) {
    throw new BundleError(payload.length < manifest.payload.bytes ? 'truncated' : 'payload-mismatch', `payload is ${payload.length} bytes; the manifest says ${manifest.payload.bytes}`);
  }
  if (sha256(payload) !== manifest.payload.sha256) throw new BundleError('payload-mismatch', 'payload does not match the signed manifest');
  if (manifest.payload.uncompressedBytes > limits.maxUncompressedBytes) {
    throw new BundleError('too-large', `payload would inflate to ${manifest.payload.uncompressedBytes} bytes; the limit is ${limits.maxUncompressedBytes}`);
  }
  return { manifest, payload };
}

/**
 * Verifies a bundle and validates every line, in this thread; throws BundleError when the bundle as
 * a whole is unusable. (decodeBundleAsync in bundle-decode-pool.ts does the same in a worker.)
 */
export function decodeBundle(file: Buffer, trust: TrustLookup, limits: BundleLimits = BUNDLE_LIMITS, originTrust: TrustLookup = trust): DecodedBundle {
  const { manifest, payload } = verifyBundlePayload(file, trust, limits);
  const text = inflatePayload(payload, manifest.payload.uncompressedBytes);
  const items: BundleItem[] = [];
  const refused: RefusedLine[] = [];
  const proofs: OriginProof[] = [];
  const origins = new OriginTracker(manifest.signer.station);
  const take = (item: BundleItem, line: number) => {
    const origin = origins.check(itemStation(item), itemId(item));
    if (typeof origin === 'string') refused.push({ line, reason: origin, origin: true });
    else items.push(item);
  };
  const reader = new BundleLineReader(limits, {
    record: (record, _canonical, line) => take({ type: 'record', record }, line),
    alert: (alert, _canonical, line) => take({ type: 'alert', alert }, line),
    origin: (proof) => {
      verifyOriginProof(proof, originTrust);
      proofs.push(proof);
      origins.open(proof);
    },
    refused: (r) => refused.push(r),
  });
  reader.push(text);
  reader.end();
  return { manifest, items, refused, proofs };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
