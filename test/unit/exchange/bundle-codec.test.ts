import { createHash, generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TREND_RECORD_SCHEMA, type BundleItem, type TrendRecordContent } from '../../../electron/contract/trends.contract';
import { BundleError, decodeBundle, encodeBundle, verifyBundleHead } from '../../../electron/exchange/bundle-codec';
import { contentId } from '../../../electron/exchange/canonical-json';
import { identityFromPrivateKey } from '../../../electron/trust/station-identity';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import { useTempDir } from '../../helpers/temp-dir';

const signer = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const stranger = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const trust = (station: string) => (station === signer.station ? signer.publicKey : undefined);

function record(n: number): BundleItem {
  const content: TrendRecordContent = {
    schema: TREND_RECORD_SCHEMA,
    station: signer.station,
    country: 'SRB',
    issuer: 'UTO',
    documentType: 'Passport',
    series: '2019',
    documentClassId: 'uto-passport-2019',
    fraudType: 'forged-photo-substitution',
    revealedBy: ['UV emblem'],
    caughtBy: ['photo-substitution'],
    missedBy: [],
    context: { pointOfEntry: `POE-${n % 5}`, line: 'second', direction: 'entry' },
    week: '2026-W47',
    notes: null,
    crops: [],
    supersedes: null,
  };
  return { type: 'record', record: { ...content, id: contentId(content) } };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof BundleError) return e.fault;
    throw e;
  }
  return 'no error';
}

describe('signed bundles', () => {
  const items = Array.from({ length: 50 }, (_, i) => record(i));
  const bundle = encodeBundle(items, signer, { scope: 'national', k: null, since: null });

  it('round-trips records with a manifest that counts them', () => {
    const decoded = decodeBundle(bundle, trust);
    expect(decoded.refused).toEqual([]);
    expect(decoded.items).toEqual(items);
    expect(decoded.manifest.counts).toEqual({ records: 50, alerts: 0 });
    expect(decoded.manifest.signer.station).toBe(signer.station);
  });

  it('refuses an unknown signer, a forged key and a changed manifest', () => {
    expect(codeOf(() => decodeBundle(bundle, () => undefined))).toBe('unknown-signer');
    expect(codeOf(() => decodeBundle(bundle, () => stranger.publicKey))).toBe('key-mismatch');
    const tampered = Buffer.from(bundle);
    const at = tampered.indexOf('"national"');
    tampered.write('"nationaL"', at, 'latin1');
    expect(codeOf(() => decodeBundle(tampered, trust))).toBe('bad-manifest');
    const resigned = encodeBundle(items, stranger, { scope: 'national', k: null, since: null });
    expect(codeOf(() => decodeBundle(resigned, trust))).toBe('unknown-signer');
    // Same station id and key claimed, but signed by another key.
    const forged = Buffer.from(bundle);
    const sigStart = forged.indexOf(0x0a, forged.indexOf(0x0a) + 1) + 1;
    forged.write(stranger.sign(Buffer.from('x')).toString('base64'), sigStart, 'latin1');
    expect(codeOf(() => decodeBundle(forged, trust))).toBe('bad-signature');
  });

  it('refuses truncated files and a payload that differs from the signed one', () => {
    expect(codeOf(() => decodeBundle(bundle.subarray(0, 10), trust))).toBe('truncated');
    expect(codeOf(() => decodeBundle(bundle.subarray(0, 40), trust))).toBe('truncated');
    expect(codeOf(() => decodeBundle(bundle.subarray(0, bundle.length - 7), trust))).toBe('truncated');
    const flipped = Buffer.from(bundle);
    const at = flipped.length - 20;
    flipped.writeUInt8(flipped.readUInt8(at) ^ 0xff, at);
    expect(codeOf(() => decodeBundle(flipped, trust))).toBe('payload-mismatch');
    expect(codeOf(() => decodeBundle(Buffer.from('PK\u0003\u0004 this is a zip file, not a bundle'), trust))).toBe('not-a-bundle');
  });

  it('stops a payload that inflates beyond its declared size', () => {
    // A signed bundle whose payload is 64 MiB of zeros declared as 1 KiB.
    const honest = encodeBundle([], signer, { scope: 'national', k: null, since: null });
    const { manifest } = verifyBundleHead(honest, trust);
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const head = `LOUPE-BUNDLE/1\n${JSON.stringify({
      ...manifest,
      payload: { encoding: 'gzip+jsonl', sha256: createHash('sha256').update(bomb).digest('hex'), bytes: bomb.length, uncompressedBytes: 1024 },
    })}\n`;
    const file = Buffer.concat([Buffer.from(head), Buffer.from(`${signer.sign(Buffer.from(head)).toString('base64')}\n`), bomb]);
    expect(codeOf(() => decodeBundle(file, trust))).toBe('decompression-bomb');
  });

  it('refuses single lines that break the schema or whose id does not match the content', () => {
    const good = record(1);
    const badId = { type: 'record', record: { ...(good as { record: object }).record, id: 'f'.repeat(64) } } as unknown as BundleItem;
    const extraField = { type: 'record', record: { ...(good as { record: object }).record, holderName: 'X' } } as unknown as BundleItem;
    const decoded = decodeBundle(encodeBundle([good, badId, extraField], signer, { scope: 'national', k: null, since: null }), trust);
    expect(decoded.items).toEqual([good]);
    expect(decoded.refused.map((r) => r.line)).toEqual([3, 4]); // line 1: the signer's proof of origin
    expect(decoded.refused[0]!.reason).toMatch(/does not match its content/);
    expect(decoded.refused[1]!.reason).toMatch(/schema/);
  });
});

describe('station identity', () => {
  const dir = useTempDir();
  it('uses the station key (created once, private to the station) and derives the station id from it', () => {
    const a = loadOrCreateStationKey(dir);
    const b = loadOrCreateStationKey(dir);
    expect(b.station).toBe(a.station);
    expect(a.station).toMatch(/^[0-9a-f]{16}$/);
    expect(statSync(join(dir, 'keys', 'station-ed25519.key')).mode & 0o077).toBe(0);
  });
});
