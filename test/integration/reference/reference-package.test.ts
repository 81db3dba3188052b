import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PACKAGE_FORMAT,
  TrustList,
  encodePackage,
  exportPackage,
  importPackage,
  loadOrCreateStationKey,
  openReferenceLibrary,
  signPackage,
  userReferenceDir,
  type StationKey,
} from '../../../electron/reference';
import { useTempDir } from '../../helpers/temp-dir';
import { BUILTIN_DIR, snapshot, tinyClass, tinyPng } from './reference-fixtures';

const temp = useTempDir('loupe-reference-pkg-');
const dataA = join(temp, 'station-a');
const dataB = join(temp, 'station-b');
const libraryOf = (dataDir: string) => openReferenceLibrary({ builtinDir: BUILTIN_DIR, userDir: userReferenceDir(dataDir) });
let keyA: StationKey;
let pkg: string;

beforeAll(() => {
  keyA = loadOrCreateStationKey(dataA, 'Border lab A');
  const libA = libraryOf(dataA);
  // Edited copies (version 2) so they are newer than station B's built-in classes.
  for (const id of ['aurora-td3', 'harbor-td1']) libA.save({ ...libA.get(id).cls, series: '2025' });
  pkg = join(temp, 'classes.loupe-ref');
  exportPackage(libA, ['aurora-td3', 'harbor-td1'], pkg, keyA);
  TrustList.forDataDir(dataB).add('Border lab A', keyA.publicKeyPem);
});

/** Imports into station B and asserts the error and that B's library did not change at all. */
function expectRefused(file: string, sigFile: string, message: RegExp, trust = TrustList.forDataDir(dataB)): void {
  const lib = libraryOf(dataB);
  const before = snapshot(lib.userDir);
  const listed = lib.list();
  expect(() => importPackage(lib, file, sigFile, trust)).toThrow(message);
  expect(snapshot(lib.userDir)).toEqual(before);
  expect(libraryOf(dataB).list()).toEqual(listed);
}

function signedCopy(name: string, bytes: Buffer): { file: string; sig: string } {
  const file = join(temp, name);
  writeFileSync(file, bytes);
  writeFileSync(`${file}.sig`, JSON.stringify(signPackage(bytes, keyA)));
  return { file, sig: `${file}.sig` };
}

async function craftedPackage(name: string, files: { path: string; data: Buffer }[], classes = [{ id: 'evil-p', version: 1 }]) {
  return signedCopy(name, encodePackage({ format: PACKAGE_FORMAT, createdAt: '2030-01-01T00:00:00.000Z', signer: keyA.name, classes }, files));
}

describe('station key', () => {
  it('is created once, private key readable by the owner only', () => {
    const mode = statSync(join(dataA, 'keys', 'station-ed25519.key')).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(loadOrCreateStationKey(dataA).fingerprint).toBe(keyA.fingerprint);
    expect(loadOrCreateStationKey(dataA).name).toBe('Border lab A');
  });
});

describe('signed package round trip', () => {
  it('corrupt or untrusted packages are refused and nothing is imported', async () => {
    const bytes = readFileSync(pkg);
    const sig = readFileSync(`${pkg}.sig`, 'utf8');

    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    writeFileSync(join(temp, 'flipped.loupe-ref'), flipped);
    expectRefused(join(temp, 'flipped.loupe-ref'), `${pkg}.sig`, /bad signature/);

    const badSig = JSON.parse(sig) as { signature: string };
    const raw = Buffer.from(badSig.signature, 'base64');
    raw[5]! ^= 0x80;
    writeFileSync(join(temp, 'bad.sig'), JSON.stringify({ ...badSig, signature: raw.toString('base64') }));
    expectRefused(pkg, join(temp, 'bad.sig'), /bad signature/);

    writeFileSync(join(temp, 'short.sig'), JSON.stringify({ ...badSig, signature: raw.subarray(0, 10).toString('base64') }));
    expectRefused(pkg, join(temp, 'short.sig'), /bad signature/);

    writeFileSync(join(temp, 'garbage.sig'), 'not json');
    expectRefused(pkg, join(temp, 'garbage.sig'), /bad signature: .* not a Loupe signature/);

    writeFileSync(join(temp, 'truncated.loupe-ref'), bytes.subarray(0, bytes.length - 1000));
    expectRefused(join(temp, 'truncated.loupe-ref'), `${pkg}.sig`, /truncated package/);

    const stranger = loadOrCreateStationKey(join(temp, 'stranger'), 'Stranger');
    writeFileSync(join(temp, 'stranger.sig'), JSON.stringify(signPackage(bytes, stranger)));
    expectRefused(pkg, join(temp, 'stranger.sig'), /unknown signer 'Stranger'/);
    expectRefused(pkg, `${pkg}.sig`, /unknown signer 'Border lab A'/, TrustList.load(join(temp, 'empty-trust.json')));
  });

  it('correctly signed packages with bad content are refused and nothing is imported', async () => {
    const png = await tinyPng();
    const good = tinyClass('evil-p');
    const imgs = (id: string) => ['white.png', 'ir.png', 'uv.png'].map((n) => ({ path: `${id}/${n}`, data: png }));
    const json = (cls: unknown) => Buffer.from(JSON.stringify(cls));

    const schema = await craftedPackage('schema.loupe-ref', [{ path: 'evil-p/class.json', data: json({ ...good, zones: [{ id: 'z', kind: 'hologram' }] }) }, ...imgs('evil-p')]);
    expectRefused(schema.file, schema.sig, /class 'evil-p': class.json does not match/);

    for (const path of ['../evil-p/class.json', '/etc/evil-p.json', 'evil-p/../../x.png', 'evil-p/a\0.png', 'evil-p\\x.png', 'evil-p/sub/x.png']) {
      const traversal = await craftedPackage('traversal.loupe-ref', [{ path: 'evil-p/class.json', data: json(good) }, ...imgs('evil-p'), { path, data: png }]);
      expectRefused(traversal.file, traversal.sig, /refused/);
    }

    const dup = await craftedPackage('dup.loupe-ref', [{ path: 'evil-p/class.json', data: json(good) }, ...imgs('evil-p')], [{ id: 'evil-p', version: 1 }, { id: 'evil-p', version: 1 }]);
    expectRefused(dup.file, dup.sig, /duplicate class id 'evil-p'/);

    const missing = await craftedPackage('missing.loupe-ref', [{ path: 'evil-p/class.json', data: json(good) }, ...imgs('evil-p').slice(0, 2)]);
    expectRefused(missing.file, missing.sig, /uv reference image 'uv.png' is not in the package/);

    // Hash mismatch: the manifest's hash of one file is changed, and the whole package re-signed.
    const honest = encodePackage({ format: PACKAGE_FORMAT, createdAt: '2030-01-01T00:00:00.000Z', signer: keyA.name, classes: [{ id: 'evil-p', version: 1 }] }, [{ path: 'evil-p/class.json', data: json(good) }, ...imgs('evil-p')]);
    const lines = honest.toString('utf8').split('\n');
    const manifest = JSON.parse(lines[0] as string) as { files: { sha256: string }[] };
    manifest.files[1]!.sha256 = '0'.repeat(64);
    lines[0] = JSON.stringify(manifest);
    const mismatch = signedCopy('mismatch.loupe-ref', Buffer.from(lines.join('\n')));
    expectRefused(mismatch.file, mismatch.sig, /hash mismatch: 'evil-p\/white.png'/);

    const cut = signedCopy('cut.loupe-ref', honest.subarray(0, honest.length - 10));
    expectRefused(cut.file, cut.sig, /malformed reference package/);
  });

  it('imports a trusted package on a second station, then skips what it already has', () => {
    const libB = libraryOf(dataB);
    const result = importPackage(libB, pkg, `${pkg}.sig`, TrustList.forDataDir(dataB));
    expect(result).toEqual({ signer: 'Border lab A', imported: [{ id: 'aurora-td3', version: 2 }, { id: 'harbor-td1', version: 2 }], skipped: [] });
    expect(libB.get('aurora-td3')).toMatchObject({ source: 'user', cls: { version: 2, series: '2025' } });
    const libA = libraryOf(dataA);
    for (const light of ['white', 'ir', 'uv'] as const) {
      expect(readFileSync(libB.imagePath('harbor-td1', light) as string)).toEqual(readFileSync(libA.imagePath('harbor-td1', light) as string));
    }
    expect(Object.keys(snapshot(libB.userDir)).filter((p) => p.startsWith('.'))).toEqual([]);

    const again = importPackage(libB, pkg, `${pkg}.sig`, TrustList.forDataDir(dataB));
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((s) => s.id)).toEqual(['aurora-td3', 'harbor-td1']);
    expect(again.skipped[0]?.reason).toMatch(/already has version 2/);
  });

  it('manages the trust list by name and fingerprint', () => {
    const trust = TrustList.load(join(temp, 'trust-test.json'));
    const signer = trust.add('Lab C', keyA.publicKeyPem);
    expect(TrustList.load(join(temp, 'trust-test.json')).findByFingerprint(keyA.fingerprint)?.name).toBe('Lab C');
    expect(signer.fingerprint).toBe(keyA.fingerprint);
    expect(() => trust.add('RSA', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toThrow(/not a public key/);
    expect(trust.remove('Lab C')).toBe(1);
    expect(TrustList.load(join(temp, 'trust-test.json')).list()).toEqual([]);
    writeFileSync(join(temp, 'damaged-trust.json'), '{"schema":"loupe.trust/1","signers":[{"name":1}]}');
    expect(() => TrustList.load(join(temp, 'damaged-trust.json'))).toThrow(/damaged/);
  });
});
