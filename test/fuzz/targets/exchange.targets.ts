// Trend bundles and hub requests from outside: a bundle file (removable media, a pull from the
// hub, a push to it), its lines (items and proofs of origin), and the signature headers of a hub
// request. A bundle is refused with the exchange domain's BundleError (its fault one of
// exchange.errors.ts) or decoded into items that pass their schema; a line is an item or a reason;
// a request's headers pass or are refused with the hub's HubError.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { BundleItemSchema, BundleManifestSchema } from '../../../electron/contract/trends.contract';
import { BUNDLE_LIMITS, decodeBundle, encodeBundleSections, ownSections, type DecodedBundle } from '../../../electron/exchange/bundle-codec';
import { startBundleDecodeSync } from '../../../electron/exchange/bundle-decode-pool';
import { parseBundleLine } from '../../../electron/exchange/bundle-lines';
import { signOrigin } from '../../../electron/exchange/origin-proof';
import { AUTH_HEADERS, sha256Hex, signRequest } from '../../../electron/exchange/request-signing';
import { RequestVerifier } from '../../../electron/hub/hub-auth';
import type { StationIdentity } from '../../../electron/trust/station-identity';
import { makeAlertItem, makeRecord, newIdentity, recordItem } from '../../helpers/trend-fixtures';
import { anyTarget, loupeErrorOf, mutatedBytes, mutatedText, utf8, type FuzzTarget } from '../fuzz-kit';

interface ExchangeSamples {
  signer: StationIdentity;
  origin: StationIdentity;
  bundles: Uint8Array[];
  /** Payload text of the bundles (JSON lines, origin lines among them). */
  payloads: string[];
  manifests: string[];
}

let samples: ExchangeSamples | undefined;

function buildSamples(): ExchangeSamples {
  const signer = newIdentity();
  const origin = newIdentity();
  const own = [recordItem(makeRecord(signer.station, 1)), recordItem(makeRecord(signer.station, 2, { notes: null, series: null })), makeAlertItem(signer.station, 3)];
  const forwarded = [recordItem(makeRecord(origin.station, 4)), recordItem(makeRecord(origin.station, 5, { week: '2025-W01' }))];
  const options = { scope: 'national' as const, k: null, since: null, createdAt: new Date('2026-01-05T10:00:00Z') };
  const bundles = [
    encodeBundleSections(ownSections(own, signer), signer, options),
    encodeBundleSections([...ownSections(own.slice(0, 1), signer), { proof: signOrigin(origin, forwarded.map((i) => (i.type === 'record' ? i.record.id : i.alert.id)))[0]!, items: forwarded }], signer, options),
    encodeBundleSections([], signer, { ...options, scope: 'international', k: 5, since: '2025-W40' }),
  ].map((b) => new Uint8Array(b));
  const payloads: string[] = [];
  const manifests: string[] = [];
  for (const b of bundles) {
    const file = Buffer.from(b);
    const manifestEnd = file.indexOf(0x0a, 15);
    const signatureEnd = file.indexOf(0x0a, manifestEnd + 1);
    manifests.push(file.subarray(15, manifestEnd).toString('utf8'));
    const payload = file.subarray(signatureEnd + 1);
    payloads.push(payload.length ? gunzipSync(payload).toString('utf8') : '');
  }
  return { signer, origin, bundles, payloads: payloads.filter((p) => p.length > 0), manifests };
}

function setUp(): Promise<void> {
  samples ??= buildSamples();
  return Promise.resolve();
}

const s = (): ExchangeSamples => {
  if (!samples) throw new Error('exchange samples not built (setUp first)');
  return samples;
};

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A bundle file signed by `signer` around the given manifest text and payload bytes. */
function signedFile(signer: StationIdentity, manifestText: string, payload: Buffer): Buffer {
  const head = Buffer.from(`LOUPE-BUNDLE/1\n${manifestText}\n`, 'utf8');
  return Buffer.concat([head, Buffer.from(`${signer.sign(head).toString('base64')}\n`), payload]);
}

/** The manifest of a valid bundle, with the payload's true digest and sizes (or `declared` for the inflated size). */
function manifestFor(signer: StationIdentity, payload: Buffer, declared: number): string {
  return JSON.stringify({
    schema: 'loupe.bundle/1',
    signer: { station: signer.station, publicKey: signer.publicKey },
    createdAt: '2026-01-05T10:00:00.000Z',
    scope: 'national',
    k: null,
    since: null,
    counts: { records: 1, alerts: 0 },
    payload: { encoding: 'gzip+jsonl', sha256: sha256(payload), bytes: payload.length, uncompressedBytes: declared },
  });
}

export type BundleInput =
  /** The file's bytes as they are (mostly refused at the head: the signature covers it). */
  | { kind: 'file'; file: Uint8Array }
  /** Payload lines mutated, then gzip'd and signed by a trusted station: past the signature. */
  | { kind: 'lines'; text: string }
  /** Gzip bytes mutated, the inflated size claimed (possibly gigabytes), signed. */
  | { kind: 'gzip'; payload: Uint8Array; declared: number | null }
  /** The manifest's text mutated (sizes, counts, keys), signed over what it became. */
  | { kind: 'manifest'; manifest: string; bundle: number };

function bundleBytes(input: BundleInput): Buffer {
  const { signer, bundles } = s();
  switch (input.kind) {
    case 'file':
      return Buffer.from(input.file);
    case 'lines': {
      const raw = Buffer.from(input.text, 'utf8');
      const payload = gzipSync(raw);
      return signedFile(signer, manifestFor(signer, payload, raw.length), payload);
    }
    case 'gzip': {
      const payload = Buffer.from(input.payload);
      let declared = input.declared;
      if (declared === null) {
        try {
          declared = gunzipSync(payload).length;
        } catch {
          declared = payload.length * 4;
        }
      }
      return signedFile(signer, manifestFor(signer, payload, declared!), payload);
    }
    case 'manifest': {
      const file = Buffer.from(bundles[input.bundle % bundles.length]!);
      const signatureEnd = file.indexOf(0x0a, file.indexOf(0x0a, 15) + 1);
      return signedFile(signer, input.manifest, file.subarray(signatureEnd + 1));
    }
  }
}

function checkDecoded(result: unknown): void {
  const decoded = result as DecodedBundle;
  BundleManifestSchema.parse(decoded.manifest);
  for (const item of decoded.items) BundleItemSchema.parse(item);
  for (const r of decoded.refused) if (!(Number.isInteger(r.line) && r.line > 0 && typeof r.reason === 'string')) throw new Error(`refused line ${JSON.stringify(r)}`);
}

const HUGE_SIZES = [2 ** 31 - 2, 2 ** 31 - 1, 2 ** 32, 2 ** 53 - 1, 0, 1];

export const bundleTarget: FuzzTarget<BundleInput> = {
  name: 'bundle',
  area: 'exchange',
  setUp,
  input: () =>
    fc.oneof(
      fc.record({ kind: fc.constant('file' as const), file: fc.oneof(fc.uint8Array({ maxLength: 600 }), mutatedBytes(s().bundles)) }),
      fc.record({ kind: fc.constant('lines' as const), text: mutatedText(s().payloads) }),
      fc.record({
        kind: fc.constant('gzip' as const),
        payload: mutatedBytes(s().payloads.map((p) => new Uint8Array(gzipSync(Buffer.from(p))))),
        declared: fc.option(fc.oneof(fc.constantFrom(...HUGE_SIZES), fc.nat({ max: 1 << 20 }))),
      }),
      fc.record({ kind: fc.constant('manifest' as const), manifest: mutatedText(s().manifests), bundle: fc.nat({ max: 2 }) }),
    ),
  examples: () => {
    const small = new Uint8Array(gzipSync(Buffer.from(s().payloads[0]!)));
    return [
      // Sizes that claim gigabytes over a payload of a few hundred bytes; a bomb declared small.
      { kind: 'gzip' as const, payload: small, declared: 2 ** 31 - 2 },
      { kind: 'gzip' as const, payload: small, declared: 2 ** 53 - 1 },
      { kind: 'gzip' as const, payload: new Uint8Array(gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 })), declared: 1024 },
      { kind: 'manifest' as const, bundle: 0, manifest: s().manifests[0]!.replace(/"bytes":\d+/, '"bytes":9007199254740991') },
      { kind: 'manifest' as const, bundle: 0, manifest: s().manifests[0]!.replace(/"records":\d+/, '"records":4294967296') },
      { kind: 'lines' as const, text: `${'{"type":"origin","origin":{"station":"0000000000000000","ids":"'}${'A'.repeat(1 << 20)}","signature":"x"}}\n` },
    ];
  },
  run: (input) => {
    const { signer, origin } = s();
    const trusted = new Map([[signer.station, signer.publicKey], [origin.station, origin.publicKey]]);
    return decodeBundle(bundleBytes(input), (station) => trusted.get(station));
  },
  isOwnError: loupeErrorOf('exchange'),
  check: checkDecoded,
  bytes: (input) => new Uint8Array(bundleBytes(input)),
};

/** One line of a payload: an item, a proof of origin, or a reason it is refused — never an exception. */
export const bundleLineTarget: FuzzTarget<string> = {
  name: 'bundle-line',
  area: 'exchange',
  setUp,
  input: () => fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), mutatedText(s().payloads.flatMap((p) => p.split('\n').filter(Boolean)))),
  run: parseBundleLine,
  isOwnError: () => false,
  check: (result) => {
    const r = result as ReturnType<typeof parseBundleLine>;
    if ('reason' in r) return;
    if (r.type === 'record') BundleItemSchema.parse({ type: 'record', record: r.record });
    else if (r.type === 'alert') BundleItemSchema.parse({ type: 'alert', alert: r.alert });
    else if (r.proof.ids.length % 32 !== 0 || r.proof.signature.length !== 64) throw new Error('a proof of origin of the wrong shape');
  },
  bytes: utf8,
};

export interface SignedRequestInput {
  headers: Record<string, string>;
  method: string;
  path: string;
  body: Uint8Array;
}

/** A hub request's signature headers (hub-auth.ts), mutated, for the path and body they claim. */
export const hubAuthTarget: FuzzTarget<SignedRequestInput> = {
  name: 'hub-auth',
  area: 'exchange',
  setUp,
  input: () => {
    const now = Date.parse('2026-01-05T10:00:00Z');
    const valid = [
      { method: 'GET', path: '/v1/bundles?after=0&limit=100', body: Buffer.alloc(0) },
      { method: 'POST', path: '/v1/bundles', body: Buffer.from(s().bundles[0]!) },
      { method: 'GET', path: '/v1/trends/records?issuer=UTO', body: Buffer.alloc(0) },
    ].map((r) => ({ ...r, headers: signRequest(s().signer, r.method, r.path, r.body, now) }));
    return fc.nat({ max: valid.length - 1 }).chain((i) => {
      const v = valid[i]!;
      return fc.record({
        headers: fc.record({
          [AUTH_HEADERS.station]: fc.oneof(fc.constant(v.headers[AUTH_HEADERS.station]!), mutatedText([v.headers[AUTH_HEADERS.station]!])),
          [AUTH_HEADERS.timestamp]: fc.oneof(fc.constant(v.headers[AUTH_HEADERS.timestamp]!), mutatedText([v.headers[AUTH_HEADERS.timestamp]!])),
          [AUTH_HEADERS.nonce]: fc.oneof(fc.constant(v.headers[AUTH_HEADERS.nonce]!), mutatedText([v.headers[AUTH_HEADERS.nonce]!])),
          [AUTH_HEADERS.signature]: fc.oneof(fc.constant(v.headers[AUTH_HEADERS.signature]!), mutatedText([v.headers[AUTH_HEADERS.signature]!])),
        }, { requiredKeys: [] }),
        method: fc.oneof(fc.constant(v.method), fc.constantFrom('get', 'PUT', 'DELETE', '')),
        path: fc.oneof(fc.constant(v.path), mutatedText([v.path])),
        body: fc.oneof(fc.constant(new Uint8Array(v.body)), mutatedBytes([new Uint8Array(v.body.length ? v.body : Buffer.from('x'))])),
      });
    });
  },
  run: async ({ headers, method, path, body }) => {
    const { signer } = s();
    const verifier = new RequestVerifier(async (station) => (station === signer.station ? signer.publicKey : undefined), () => Date.parse('2026-01-05T10:00:30Z'));
    const signed = await verifier.checkHeaders(headers);
    verifier.verifySignature(signed, method, path, sha256Hex(Buffer.from(body)));
    return signed;
  },
  isOwnError: loupeErrorOf('hub', ['missing-signature', 'unknown-station', 'bad-signature', 'clock-skew', 'replay']),
  bytes: (input) => utf8(JSON.stringify({ ...input, body: Buffer.from(input.body).toString('base64') })),
};

/**
 * The station's import path (trend-exchange.service.ts): startBundleDecodeSync, in this thread, with
 * every step read to the end (the decoding job, its chunks of records and the dictionary).
 */
export const bundleSessionTarget: FuzzTarget<BundleInput> = {
  ...bundleTarget,
  name: 'bundle-session',
  run: (input) => {
    const { signer, origin } = s();
    const trusted = new Map([[signer.station, signer.publicKey], [origin.station, origin.publicKey]]);
    const session = startBundleDecodeSync(bundleBytes(input), (station) => trusted.get(station), BUNDLE_LIMITS, { worker: 'never' });
    try {
      let records = 0;
      for (let step = session.nextSync(); ; step = session.nextSync()) {
        if (step.type === 'end') return { manifest: session.manifest, summary: step.summary, records };
        records += step.chunk.records.lines.length;
        if (step.chunk.records.offsets.length !== step.chunk.records.lines.length + 1) throw new Error('record offsets do not match the records');
      }
    } finally {
      session.close();
    }
  },
  check: (result) => {
    const { manifest, summary, records } = result as { manifest: unknown; summary: { lines: number; records: number; alerts: number }; records: number };
    BundleManifestSchema.parse(manifest);
    if (!(records <= summary.records && summary.records + summary.alerts <= summary.lines)) throw new Error(`summary ${JSON.stringify(summary)} for ${records} records in chunks`);
  },
};

export const EXCHANGE_TARGETS = [anyTarget(bundleTarget), anyTarget(bundleSessionTarget), anyTarget(bundleLineTarget), anyTarget(hubAuthTarget)];
