// Reference packages from outside (another station's or an expert's export, on removable media):
// the package and its detached signature, imported all or nothing (reference-package.ts). A
// package is imported (every class and image checked) or refused with the reference domain's
// PackageRefused — including a package a trusted signer signed over hostile content, so mutated
// packages are also signed again by the trusted key to reach the container, the manifest, the
// class files and the images behind the signature.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openReferenceLibrary } from '../../../electron/reference';
import { signPackage } from '../../../electron/reference/package-format';
import { exportPackage, importPackage, type ImportResult } from '../../../electron/reference/reference-package';
import type { ReferenceLibrary } from '../../../electron/reference/reference-library';
import { loadOrCreateStationKey, type StationKey } from '../../../electron/trust/station-key';
import type { TrustMember } from '../../../electron/trust/trust-member';
import { tinyClass, writeClassFolder } from '../../integration/reference/reference-fixtures';
import { anyTarget, loupeErrorOf, mutatedBytes, mutatedText, utf8, type AnyFuzzTarget, type FuzzTarget } from '../fuzz-kit';

interface ReferenceSamples {
  dir: string;
  key: StationKey;
  library: ReferenceLibrary;
  packages: Uint8Array[];
  signatures: string[];
  run: number;
}

let samples: ReferenceSamples | undefined;

async function setUp(): Promise<void> {
  if (samples) return;
  const dir = mkdtempSync(join(tmpdir(), 'loupe-fuzz-reference-'));
  const key = loadOrCreateStationKey(join(dir, 'data'), 'Fuzz lab');
  const source = join(dir, 'source');
  await writeClassFolder(source, tinyClass('fuzz-one'));
  await writeClassFolder(source, tinyClass('fuzz-two', { series: '2031' }));
  const exporter = openReferenceLibrary({ builtinDir: source, userDir: join(dir, 'exporter') });
  const packages: Uint8Array[] = [];
  const signatures: string[] = [];
  for (const ids of [['fuzz-one'], ['fuzz-one', 'fuzz-two']]) {
    const out = join(dir, `${ids.join('+')}.loupe-ref`);
    exportPackage(exporter, ids, out, key, new Date('2026-01-05T10:00:00Z'));
    packages.push(new Uint8Array(readFileSync(out)));
    signatures.push(readFileSync(`${out}.sig`, 'utf8'));
  }
  // The importing station: an empty library, so a package that passes is imported (and written).
  const library = openReferenceLibrary({ builtinDir: join(dir, 'none'), userDir: join(dir, 'importer') });
  samples = { dir, key, library, packages, signatures, run: 0 };
}

async function tearDown(): Promise<void> {
  if (samples) rmSync(samples.dir, { recursive: true, force: true });
  samples = undefined;
}

export type PackageInput =
  /** Package bytes mutated; the signature file is the original's, or made again over the mutated bytes. */
  | { kind: 'package'; bytes: Uint8Array; resign: boolean }
  /** The signature file's text mutated, over an intact package. */
  | { kind: 'signature'; which: number; signature: string };

function files(input: PackageInput): { bytes: Buffer; signature: string } {
  const s = samples!;
  if (input.kind === 'signature') return { bytes: Buffer.from(s.packages[input.which % s.packages.length]!), signature: input.signature };
  const bytes = Buffer.from(input.bytes);
  return { bytes, signature: input.resign ? JSON.stringify(signPackage(bytes, s.key)) : s.signatures[0]! };
}

const packageTarget: FuzzTarget<PackageInput> = {
  name: 'reference-package',
  area: 'reference',
  setUp,
  tearDown,
  timeBoundMs: 4000,
  input: () =>
    fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('package' as const), bytes: mutatedBytes(samples!.packages), resign: fc.boolean() }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('package' as const), bytes: mutatedText(samples!.packages.map((p) => Buffer.from(p).toString('utf8'))).map(utf8), resign: fc.constant(true) }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('signature' as const), which: fc.nat({ max: 1 }), signature: mutatedText(samples!.signatures) }), weight: 1 },
    ),
  run: async (input) => {
    const s = samples!;
    const { bytes, signature } = files(input);
    const file = join(s.dir, `offered-${s.run++ % 2}.loupe-ref`);
    writeFileSync(file, bytes);
    writeFileSync(`${file}.sig`, signature);
    const member: TrustMember = { station: s.key.station, publicKey: s.key.publicKey, name: 'Fuzz lab', for: 'reference', status: 'active', addedBy: null, addedAt: '2026-01-01T00:00:00Z', revokedAt: null };
    return importPackage(s.library, file, `${file}.sig`, (station) => (station === s.key.station ? member : undefined));
  },
  isOwnError: loupeErrorOf('reference', ['PackageRefused']),
  check: (result) => {
    const r = result as ImportResult;
    if (typeof r.signer !== 'string' || !Array.isArray(r.imported) || !Array.isArray(r.skipped)) throw new Error('not an import result');
  },
  bytes: (input) => {
    const { bytes, signature } = files(input);
    return new Uint8Array(Buffer.concat([bytes, Buffer.from(`\n--- signature ---\n${signature}`)]));
  },
};

export const REFERENCE_TARGETS: AnyFuzzTarget[] = [anyTarget(packageTarget)];
