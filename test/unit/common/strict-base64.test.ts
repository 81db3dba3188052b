// Signatures are read as canonical base64 of their exact length: Node's lenient decoder would let
// altered signature text (stray characters, changed padding bits, missing padding) verify.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBase64Exact, decodeCanonicalBase64 } from '../../../electron/common/strict-base64';
import { TREND_RECORD_SCHEMA, type BundleItem, type TrendRecordContent } from '../../../electron/contract/trends.contract';
import { BundleError, verifyBundleHead, encodeBundle } from '../../../electron/exchange/bundle-codec';
import { contentId } from '../../../electron/exchange/canonical-json';
import { identityFromPrivateKey } from '../../../electron/trust/station-identity';
import { RequestVerifier } from '../../../electron/hub/hub-auth';
import { HubError } from '../../../electron/hub/hub-errors';
import { AUTH_HEADERS, signRequest, sha256Hex } from '../../../electron/exchange/request-signing';
import { exportPackage, importPackage, openReferenceLibrary, userReferenceDir } from '../../../electron/reference';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import { useTempDir } from '../../helpers/temp-dir';
import { BUILTIN_DIR } from '../../integration/reference/reference-fixtures';
import { useStationTrusts } from '../../helpers/station-trust';

/** Text that Node's decoder turns into the same bytes as `b64`, though it is not that text. */
function malleableVariants(b64: string): Record<string, string> {
  const padded = b64.endsWith('==');
  const last = b64.length - (padded ? 3 : 2);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // The last data character before '==' carries 4 padding bits: set one of them.
  const bumped = alphabet[alphabet.indexOf(b64[last]!) ^ 1]!;
  const variants = {
    'padding bits set': `${b64.slice(0, last)}${bumped}${b64.slice(last + 1)}`,
    'stray character': `${b64.slice(0, 10)}!${b64.slice(10)}`,
    'inner whitespace': `${b64.slice(0, 20)} ${b64.slice(20)}`,
    'padding dropped': b64.replace(/=+$/, ''),
    'url-safe alphabet': b64.replace(/\+/g, '-').replace(/\//g, '_'),
  };
  // A random signature without '+' or '/' has no url-safe variant: that one is the text itself.
  return Object.fromEntries(Object.entries(variants).filter(([, text]) => text !== b64));
}

describe('strict base64', () => {
  it('decodes canonical text of the expected length only', () => {
    const bytes = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff));
    const text = bytes.toString('base64');
    expect(decodeBase64Exact(text, 64)).toEqual(bytes);
    expect(decodeBase64Exact(text, 63)).toBeNull();
    expect(decodeCanonicalBase64(text)).toEqual(bytes);
    for (const [what, variant] of Object.entries(malleableVariants(text))) {
      if (variant !== text && what !== 'url-safe alphabet') expect(Buffer.from(variant, 'base64'), `${what}: Node decodes it to the same bytes`).toEqual(bytes);
      expect(decodeBase64Exact(variant, 64), what).toBeNull();
      expect(decodeCanonicalBase64(variant), what).toBeNull();
    }
    expect(decodeCanonicalBase64('')).toEqual(Buffer.alloc(0));
    expect(decodeCanonicalBase64('=')).toBeNull();
  });
});

const signer = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);

function record(): BundleItem {
  const content: TrendRecordContent = {
    schema: TREND_RECORD_SCHEMA, station: signer.station, country: 'SRB', issuer: 'UTO', documentType: 'Passport', series: null, documentClassId: null,
    fraudType: 'counterfeit', revealedBy: [], caughtBy: [], missedBy: [], context: { pointOfEntry: 'POE-1', line: 'second', direction: 'entry' },
    week: '2026-W47', notes: null, crops: [], supersedes: null,
  };
  return { type: 'record', record: { ...content, id: contentId(content) } };
}

describe('altered signature text is refused', () => {
  it('in a trend bundle', () => {
    const bundle = encodeBundle([record()], signer, { scope: 'national', k: null, since: null });
    const trust = (s: string) => (s === signer.station ? signer.publicKey : undefined);
    expect(() => verifyBundleHead(bundle, trust)).not.toThrow();
    const text = bundle.toString('latin1');
    const head = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
    const end = text.indexOf('\n', head);
    const signature = text.slice(head, end);
    for (const [what, variant] of Object.entries(malleableVariants(signature))) {
      const altered = Buffer.concat([bundle.subarray(0, head), Buffer.from(variant, 'latin1'), bundle.subarray(end)]);
      let fault = 'accepted';
      try {
        verifyBundleHead(altered, trust);
      } catch (e) {
        fault = e instanceof BundleError ? e.fault : String(e);
      }
      expect(fault, what).toBe('bad-signature');
    }
  });

  it('in a hub request', async () => {
    const verifier = new RequestVerifier(async (s) => (s === signer.station ? signer.publicKey : undefined));
    const headers = signRequest(signer, 'GET', '/v1/bundles?after=0');
    const good = await verifier.checkHeaders(headers);
    expect(() => verifier.verifySignature(good, 'GET', '/v1/bundles?after=0', sha256Hex(Buffer.alloc(0)))).not.toThrow();
    // Same request, its signature text with padding bits set: Node would decode the same 64 bytes.
    const altered = { ...headers, [AUTH_HEADERS.signature]: malleableVariants(headers[AUTH_HEADERS.signature]!)['padding bits set']! };
    const fresh = new RequestVerifier(async (s) => (s === signer.station ? signer.publicKey : undefined));
    const signed = await fresh.checkHeaders(altered);
    expect(() => fresh.verifySignature(signed, 'GET', '/v1/bundles?after=0', sha256Hex(Buffer.alloc(0)))).toThrow(HubError);
  });

  const temp = useTempDir('loupe-strict-b64-');
  const trusts = useStationTrusts();
  it('in a reference package signature file', async () => {
    const key = loadOrCreateStationKey(join(temp, 'a'), 'Lab A');
    const libA = openReferenceLibrary({ builtinDir: BUILTIN_DIR, userDir: userReferenceDir(join(temp, 'a')) });
    libA.save({ ...libA.get('aurora-td3').cls, series: '2031' });
    const pkg = join(temp, 'one.loupe-ref');
    exportPackage(libA, ['aurora-td3'], pkg, key);
    trusts.trustSigner(join(temp, 'b'), 'Lab A', key.publicKeyPem);
    const trustB = trusts.signers(join(temp, 'b'));
    const sig = JSON.parse(readFileSync(`${pkg}.sig`, 'utf8')) as { signature: string };
    for (const [what, variant] of Object.entries(malleableVariants(sig.signature))) {
      const file = join(temp, `altered-${what.replace(/\W/g, '-')}.sig`);
      writeFileSync(file, JSON.stringify({ ...sig, signature: variant }));
      const libB = openReferenceLibrary({ builtinDir: BUILTIN_DIR, userDir: userReferenceDir(join(temp, 'b')) });
      await expect(importPackage(libB, pkg, file, trustB), what).rejects.toThrow(/bad signature/);
    }
    const libB = openReferenceLibrary({ builtinDir: BUILTIN_DIR, userDir: userReferenceDir(join(temp, 'b')) });
    expect((await importPackage(libB, pkg, `${pkg}.sig`, trustB)).imported.length).toBeGreaterThan(0);
  });
});
