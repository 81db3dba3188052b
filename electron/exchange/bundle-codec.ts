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
import { gzipSync, gunzipSync } from 'node:zlib';
import {
  BUNDLE_SCHEMA,
  BundleItemSchema,
  BundleManifestSchema,
  type BundleItem,
  type BundleManifest,
} from '../contract/trends.contract';
import { validatedContentId } from './canonical-json';
import { publicKeyFromRaw, stationIdFromPublicKey, type StationIdentity } from './station-identity';

const MAGIC = 'LOUPE-BUNDLE/1\n';
const MAX_HEADER_BYTES = 16 * 1024;

export const BUNDLE_LIMITS = {
  /** Largest bundle file accepted. */
  maxFileBytes: 512 * 1024 * 1024,
  /** Largest inflated payload accepted (decompression bombs stop here). */
  maxUncompressedBytes: 2 * 1024 * 1024 * 1024 - 1,
  /** Largest single JSON line (a record with eight crops fits well below). */
  maxLineBytes: 8 * 1024 * 1024,
  maxItems: 5_000_000,
} as const;
export type BundleLimits = { [K in keyof typeof BUNDLE_LIMITS]: number };

export type BundleFault =
  | 'truncated'
  | 'not-a-bundle'
  | 'bad-manifest'
  | 'unknown-signer'
  | 'key-mismatch'
  | 'bad-signature'
  | 'too-large'
  | 'payload-mismatch'
  | 'decompression-bomb'
  | 'corrupt-payload';

/** A bundle refused as a whole: nothing in it may be used. */
export class BundleError extends Error {
  constructor(
    readonly fault: BundleFault,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

export interface RefusedLine {
  line: number;
  reason: string;
  /** The id an item claimed when it did not match its content (a conflict if that id is known). */
  claimedId?: string;
}

export interface DecodedBundle {
  manifest: BundleManifest;
  items: BundleItem[];
  /** Lines that failed validation (schema, size, id not matching content). */
  refused: RefusedLine[];
}

/** Who may sign bundles: station id → raw public key (base64), or undefined when unknown. */
export type TrustLookup = (station: string) => string | undefined;

export interface EncodeOptions {
  scope: BundleManifest['scope'];
  k: number | null;
  since: string | null;
  createdAt?: Date;
}

export function encodeBundle(items: readonly BundleItem[], signer: StationIdentity, options: EncodeOptions): Buffer {
  const payloadText = items.length === 0 ? '' : `${items.map((i) => JSON.stringify(i)).join('\n')}\n`;
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
  const signature = Buffer.from(file.subarray(manifestEnd + 1, signatureEnd).toString('latin1'), 'base64');
  if (signature.length !== 64 || !verify(null, file.subarray(0, manifestEnd + 1), publicKeyFromRaw(known), signature)) {
    throw new BundleError('bad-signature', `bundle signature does not verify for station ${manifest.signer.station}`);
  }
  return { manifest, payloadOffset: signatureEnd + 1 };
}

/** Verifies a bundle and validates every line; throws BundleError when the bundle as a whole is unusable. */
export function decodeBundle(file: Buffer, trust: TrustLookup, limits: BundleLimits = BUNDLE_LIMITS): DecodedBundle {
  const { manifest, payloadOffset } = verifyBundleHead(file, trust, limits);
  const payload = file.subarray(payloadOffset);
  if (payload.length !== manifest.payload.bytes) {
    throw new BundleError(payload.length < manifest.payload.bytes ? 'truncated' : 'payload-mismatch', `payload is ${payload.length} bytes; the manifest says ${manifest.payload.bytes}`);
  }
  if (sha256(payload) !== manifest.payload.sha256) throw new BundleError('payload-mismatch', 'payload does not match the signed manifest');
  if (manifest.payload.uncompressedBytes > limits.maxUncompressedBytes) {
    throw new BundleError('too-large', `payload would inflate to ${manifest.payload.uncompressedBytes} bytes; the limit is ${limits.maxUncompressedBytes}`);
  }
  let text: Buffer;
  try {
    // The signed size bounds the inflation; a payload that inflates beyond it is refused mid-way.
    text = payload.length === 0 ? Buffer.alloc(0) : gunzipSync(payload, { maxOutputLength: Math.max(1, manifest.payload.uncompressedBytes) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new BundleError('decompression-bomb', 'payload inflates beyond its declared size');
    throw new BundleError('corrupt-payload', 'payload is not valid gzip');
  }
  if (text.length !== manifest.payload.uncompressedBytes) throw new BundleError('payload-mismatch', 'inflated payload size differs from the manifest');
  return { manifest, ...parseLines(text, limits) };
}

function parseLines(text: Buffer, limits: BundleLimits): { items: BundleItem[]; refused: RefusedLine[] } {
  const items: BundleItem[] = [];
  const refused: RefusedLine[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf(0x0a, start);
    if (end < 0) end = text.length;
    line++;
    if (line > limits.maxItems) {
      refused.push({ line, reason: `more than ${limits.maxItems} lines; the rest is ignored` });
      break;
    }
    const length = end - start;
    if (length > limits.maxLineBytes) refused.push({ line, reason: `line of ${length} bytes exceeds ${limits.maxLineBytes}` });
    else if (length > 0) {
      const result = parseItem(text.toString('utf8', start, end));
      if ('reason' in result) refused.push({ line, ...result });
      else items.push(result);
    }
    start = end + 1;
  }
  return { items, refused };
}

function parseItem(json: string): BundleItem | { reason: string; claimedId?: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { reason: 'not valid JSON' };
  }
  const parsed = BundleItemSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { reason: `schema: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` };
  }
  const item = parsed.data;
  const content = item.type === 'record' ? item.record : item.alert;
  if (validatedContentId(content) !== content.id) return { reason: `id ${content.id.slice(0, 12)}… does not match its content`, claimedId: content.id };
  return item;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
