import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_FORMAT, encodePackage, exportPackage, importPackage, openReferenceLibrary, signPackage, userReferenceDir, type SignerLookup } from '../../../electron/reference';
import { loadOrCreateStationKey, type StationKey } from '../../../electron/trust/station-key';
import { useStationTrusts } from '../../helpers/station-trust';
import { useTempDir } from '../../helpers/temp-dir';
import { BUILTIN_DIR, snapshot, tinyClass, tinyPng } from './reference-fixtures';

const temp = useTempDir('loupe-reference-pkg-');
const trusts = useStationTrusts();
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
  trusts.trustSigner(dataB, 'Border lab A', keyA.publicKeyPem);
});

/** Imports into station B and asserts the error and that B's library did not change at all. */
async function expectRefused(file: string, sigFile: string, message: RegExp, trust: SignerLookup = trusts.signers(dataB)): Promise<void> {
  const lib = libraryOf(dataB);
  const before = snapshot(lib.userDir);
  const listed = lib.list();
  await expect(importPackage(lib, file, sigFile, trust)).rejects.toThrow(message);
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
    await expectRefused(join(temp, 'flipped.loupe-ref'), `${pkg}.sig`, /bad signature/);

    const badSig = JSON.parse(sig) as { signature: string };
    const raw = Buffer.from(badSig.signature, 'base64');
    raw[5]! ^= 0x80;
    writeFileSync(join(temp, 'bad.sig'), JSON.stringify({ ...badSig, signature: raw.toString('base64') }));
    await expectRefused(pkg, join(temp, 'bad.sig'), /bad signature/);

    writeFileSync(join(temp, 'short.sig'), JSON.stringify({ ...badSig, signature: raw.subarray(0, 10).toString('base64') }));
    await expectRefused(pkg, join(temp, 'short.sig'), /bad signature/);

    writeFileSync(join(temp, 'garbage.sig'), 'not json');
    await expectRefused(pkg, join(temp, 'garbage.sig'), /bad signature: .* not a Loupe signature/);

    writeFileSync(join(temp, 'truncated.loupe-ref'), bytes.subarray(0, bytes.length - 1000));
    await expectRefused(join(temp, 'truncated.loupe-ref'), `${pkg}.sig`, /truncated package/);

    const stranger = loadOrCreateStationKey(join(temp, 'stranger'), 'Stranger');
    writeFileSync(join(temp, 'stranger.sig'), JSON.stringify(signPackage(bytes, stranger)));
    await expectRefused(pkg, join(temp, 'stranger.sig'), /unknown signer 'Stranger'/);
    await expectRefused(pkg, `${pkg}.sig`, /unknown signer 'Border lab A'/, trusts.signers(join(temp, 'station-without-signers')));
    // A key trusted for trend bundles only is not trusted for reference packages.
    trusts.of(join(temp, 'station-trends-only')).add({ name: 'Border lab A', publicKey: keyA.publicKey, for: 'trends', addedBy: 'test' });
    await expectRefused(pkg, `${pkg}.sig`, /unknown signer 'Border lab A'.*not on this station's trust list for reference packages/, trusts.signers(join(temp, 'station-trends-only')));
  });

  it('correctly signed packages with bad content are refused and nothing is imported', async () => {
    const png = await tinyPng();
    const good = tinyClass('evil-p');
    const imgs = (id: string) => ['white.png', 'ir.png', 'uv.png'].map((n) => ({ path: `${id}/${n}`, data: png }));
    const json = (cls: unknown) => Buffer.from(JSON.stringify(cls));

    const schema = await craftedPackage('schema.loupe-ref', [{ path: 'evil-p/class.json', data: json({ ...good, zones: [{ id: 'z', kind: 'hologram' }] }) }, ...imgs('evil-p')]);
    await expectRefused(schema.file, schema.sig, /class 'evil-p': class.json does not match/);

    for (const path of ['../evil-p/class.json', '/etc/evil-p.json', 'evil-p/../../x.png', 'evil-p/a\0.png', 'evil-p\\x.png', 'evil-p/sub/x.png']) {
      const traversal = await craftedPackage('traversal.loupe-ref', [{ path: 'evil-p/class.json', data: json(good) }, ...imgs('evil-p'), { path, data: png }]);
      await expectRefused(traversal.file, traversal.sig, /refused/);
    }

    const dup = await craftedPackage('dup.loupe-ref', [{ path: 'evil-p/class.json', data: json(good) }, ...imgs('evil-p')], [{ id: 'evil-p', version: 1 }, { id: 'evil-p', version: 1 }]);
    await expectRefused(dup.file, dup.sig, /duplicate class id 'evil-p'/);

    const missing = await craftedPackage('missing.loupe-ref', [{ path: 'evil-p/class.json', data: json(good) }, ...imgs('evil-p').slice(0, 2)]);
    await expectRefused(missing.file, missing.sig, /uv reference image 'uv.png' is not in the package/);

    // Hash mismatch: the manifest's hash of one file is changed, and the whole package re-signed.
    const honest = encodePackage({ format: PACKAGE_FORMAT, createdAt: '2030-01-01T00:00:00.000Z', signer: keyA.name, classes: [{ id: 'evil-p', version: 1 }] }, [{ path: 'evil-p/class.json', data: json(good) }, ...imgs('evil-p')]);
    const lines = honest.toString('utf8').split('\n');
    const manifest = JSON.parse(lines[0] as string) as { files: { sha256: string }[] };
    manifest.files[1]!.sha256 = '0'.repeat(64);
    lines[0] = JSON.stringify(manifest);
    const mismatch = signedCopy('mismatch.loupe-ref', Buffer.from(lines.join('\n')));
    await expectRefused(mismatch.file, mismatch.sig, /hash mismatch: 'evil-p\/white.png'/);

    const cut = signedCopy('cut.loupe-ref', honest.subarray(0, honest.length - 10));
    await expectRefused(cut.file, cut.sig, /malformed reference package/);
  });

  it('refuses the whole package when one reference image is not a usable image, naming the class and the light', async () => {
    const png = await tinyPng();
    const noisy = await sharp({ create: { width: 49, height: 35, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer();
    const json = (cls: unknown) => Buffer.from(JSON.stringify(cls));
    // A good class first: it must not be imported either when the other one is refused.
    const goodFiles = [{ path: 'good-p/class.json', data: json(tinyClass('good-p')) }, ...['white.png', 'ir.png', 'uv.png'].map((n) => ({ path: `good-p/${n}`, data: png }))];
    const classes = [{ id: 'good-p', version: 1 }, { id: 'evil-p', version: 1 }];
    const refused = async (name: string, images: Record<string, Buffer>, message: RegExp, cls = tinyClass('evil-p'), extra: { path: string; data: Buffer }[] = []) => {
      const files = [{ path: 'evil-p/class.json', data: json(cls) }, ...Object.entries(images).map(([n, data]) => ({ path: `evil-p/${n}`, data })), ...extra];
      const crafted = await craftedPackage(`${name}.loupe-ref`, [...goodFiles, ...files], classes);
      await expectRefused(crafted.file, crafted.sig, message);
    };
    const flipped = Buffer.from(noisy);
    for (let i = Math.floor(flipped.length / 3); i < Math.floor(flipped.length / 3) + 64; i++) flipped[i]! ^= 0x5a;

    // Not images at all: the defect that used to stop every examination after the import.
    await refused('text', { 'white.png': Buffer.from('these are not the images you are looking for\n'), 'ir.png': png, 'uv.png': png }, /class 'evil-p': white reference image 'white.png' is not a PNG or JPEG image/);
    // A real PNG header over truncated or corrupt data: only a full decode finds these.
    await refused('truncated', { 'white.png': png, 'ir.png': noisy.subarray(0, Math.floor(noisy.length / 2)), 'uv.png': png }, /class 'evil-p': ir reference image 'ir.png' is damaged: its pixels could not be decoded/);
    await refused('corrupt', { 'white.png': png, 'ir.png': png, 'uv.png': flipped }, /class 'evil-p': uv reference image 'uv.png' is damaged: its pixels could not be decoded/);
    // Formats the library does not take, or a format under another's name.
    await refused('gif', { 'white.png': png, 'ir.png': png, 'uv.png': await sharp(png).gif().toBuffer() }, /class 'evil-p': uv reference image 'uv.png' is a gif image; reference images must be PNG or JPEG/);
    await refused('misnamed', { 'white.png': await sharp(png).jpeg().toBuffer(), 'ir.png': png, 'uv.png': png }, /class 'evil-p': white reference image 'white.png' holds a JPEG image under another file type's name/);
    // Pixel size against the class's size and dpi (125 × 88 mm at 10 dpi: 49 × 35 px, ± 2 px).
    const double = await sharp(png).resize(98, 70).png().toBuffer();
    await refused('size', { 'white.png': png, 'ir.png': png, 'uv.png': double }, /class 'evil-p': uv reference image 'uv.png' is 98×70 px; the class is 125×88 mm at 10 dpi, so 49×35 px/);
    await refused('dpi', { 'white.png': png, 'ir.png': png, 'uv.png': png }, /class 'evil-p': white reference image 'white.png' is 49×35 px; the class is 125×88 mm at 20 dpi, so 98×69 px/, tinyClass('evil-p', { dpi: 20 }));
    // Exactly one image per light: none shared by two lights, none the class does not name.
    await refused('shared', { 'white.png': png, 'uv.png': png }, /class 'evil-p': ir reference image 'white.png' is also its white image/, tinyClass('evil-p', { images: { white: 'white.png', ir: 'white.png', uv: 'uv.png' } }));
    await refused('extra', { 'white.png': png, 'ir.png': png, 'uv.png': png, 'ir2.png': png }, /class 'evil-p': the package holds 'ir2.png', which its class.json does not name/);
  });

  it('accepts PNG and JPEG images within a millimetre of the declared size', async () => {
    const json = (cls: unknown) => Buffer.from(JSON.stringify(cls));
    const cls = tinyClass('fine-p', { images: { white: 'white.jpg', ir: 'ir.png', uv: 'uv.jpeg' } });
    const jpeg = await sharp(await tinyPng(180)).resize(51, 33).jpeg().toBuffer();
    const files = [{ path: 'fine-p/class.json', data: json(cls) }, { path: 'fine-p/white.jpg', data: jpeg }, { path: 'fine-p/ir.png', data: await tinyPng(90) }, { path: 'fine-p/uv.jpeg', data: jpeg }];
    const crafted = await craftedPackage('fine.loupe-ref', files, [{ id: 'fine-p', version: 1 }]);
    const lib = libraryOf(join(temp, 'station-c'));
    trusts.trustSigner(join(temp, 'station-c'), 'Border lab A', keyA.publicKeyPem);
    const result = await importPackage(lib, crafted.file, crafted.sig, trusts.signers(join(temp, 'station-c')));
    expect(result.imported).toEqual([{ id: 'fine-p', version: 1 }]);
    expect((await lib.summaries()).find((c) => c.id === 'fine-p')?.broken).toBeNull();
  });

  it('imports a trusted package on a second station, then skips what it already has', async () => {
    const libB = libraryOf(dataB);
    const result = await importPackage(libB, pkg, `${pkg}.sig`, trusts.signers(dataB));
    expect(result).toEqual({ signer: 'Border lab A', imported: [{ id: 'aurora-td3', version: 2 }, { id: 'harbor-td1', version: 2 }], skipped: [] });
    expect(libB.get('aurora-td3')).toMatchObject({ source: 'user', cls: { version: 2, series: '2025' } });
    const libA = libraryOf(dataA);
    for (const light of ['white', 'ir', 'uv'] as const) {
      expect(readFileSync(libB.imagePath('harbor-td1', light) as string)).toEqual(readFileSync(libA.imagePath('harbor-td1', light) as string));
    }
    expect(Object.keys(snapshot(libB.userDir)).filter((p) => p.startsWith('.'))).toEqual([]);

    const again = await importPackage(libB, pkg, `${pkg}.sig`, trusts.signers(dataB));
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((s) => s.id)).toEqual(['aurora-td3', 'harbor-td1']);
    expect(again.skipped[0]?.reason).toMatch(/already has version 2/);
  });

  it('trusts a signer by its key (PEM or raw), renames it when added again, and revokes it by name', async () => {
    const dataD = join(temp, 'station-d');
    const trust = trusts.of(dataD);
    const signer = trust.add({ name: 'Lab C', publicKey: keyA.publicKeyPem, for: 'reference', addedBy: 'test' });
    expect(signer).toMatchObject({ station: keyA.station, publicKey: keyA.publicKey, name: 'Lab C', for: 'reference', status: 'active', addedBy: 'test', revokedAt: null });
    expect(trust.add({ name: 'Lab C, Belgrade', publicKey: keyA.publicKey, for: 'reference', addedBy: 'other' })).toMatchObject({ name: 'Lab C, Belgrade', addedBy: 'test', addedAt: signer.addedAt });
    expect(() => trust.add({ name: 'RSA', publicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', for: 'reference', addedBy: 'test' })).toThrow(/not a public key/);
    expect(trust.remove('Lab C, Belgrade', 'reference').map((m) => m.station)).toEqual([keyA.station]);
    expect(trust.list({ for: 'reference' })).toEqual([expect.objectContaining({ name: 'Lab C, Belgrade', status: 'revoked', revokedAt: expect.any(String) })]);
    await expectRefused(pkg, `${pkg}.sig`, /unknown signer 'Border lab A'/, trusts.signers(dataD));
  });
});
