// Hand-built hostile bundles: signed correctly by a trusted station, wrong in one precise way, so a
// test sees the hub refuse each for its own reason (docs/trends.md, "Bundle format").
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { StationIdentity } from '../../electron/trust/station-identity';

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A bundle whose payload is `payload` (already gzip) with the declared inflated size `declared`. */
export function signedBundleWithPayload(identity: StationIdentity, payload: Buffer, declared: number, counts = { records: 1, alerts: 0 }): Buffer {
  const manifest = {
    schema: 'loupe.bundle/1',
    signer: { station: identity.station, publicKey: identity.publicKey },
    createdAt: new Date().toISOString(),
    scope: 'national',
    k: null,
    since: null,
    counts,
    payload: { encoding: 'gzip+jsonl', sha256: sha256(payload), bytes: payload.length, uncompressedBytes: declared },
  };
  const head = Buffer.from(`LOUPE-BUNDLE/1\n${JSON.stringify(manifest)}\n`, 'utf8');
  return Buffer.concat([head, Buffer.from(`${identity.sign(head).toString('base64')}\n`), payload]);
}

/** A correctly signed bundle carrying arbitrary JSON lines (schema violations pass the signature). */
export function signedBundleOfLines(identity: StationIdentity, lines: readonly unknown[]): Buffer {
  const raw = Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8');
  return signedBundleWithPayload(identity, gzipSync(raw), raw.length);
}

/** 64 MB of zeros in ~64 KB of gzip, declared as 1 KB inflated. */
export function decompressionBomb(identity: StationIdentity): Buffer {
  return signedBundleWithPayload(identity, gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }), 1024);
}
