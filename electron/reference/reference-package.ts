// Export and import of signed reference packages, so a network's experts can share classes offline.
// Import is all or nothing: the signature (against the station's trust list for reference packages,
// the trust domain's), every hash, every name, every
// class and every reference image (decoded in full) are checked before anything is written; a
// trusted signer can still send a bad class. Accepted classes are staged in a temporary folder
// inside the user library and moved into place together.
import { verify } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import { makePrivateDir, writePrivateFile } from '../common/private-files';
import { decodeBase64Exact, ED25519_SIGNATURE_BYTES } from '../common/strict-base64';
import type { DocumentClass } from '../contract/reference.contract';
import { makeStagingDir, swapDirs, writeFileAtomic } from './atomic-files';
import { parseClassJson } from './class-folder';
import { checkClassImages, duplicateImageNames } from './reference-images';
import { MAX_PACKAGE_BYTES, MAX_SIGNATURE_BYTES, PACKAGE_FORMAT, SignatureSchema, decodePackage, encodePackage, signPackage, type PackageFile, type PackageSignature } from './package-format';
import type { ReferenceLibrary } from './reference-library';
import { keyIdentity, publicKeyFromRaw } from '../trust/public-key';
import type { StationKey } from '../trust/station-key';
import type { TrustMember } from '../trust/trust-member';

/** The active member trusted for reference packages whose key has this station id, if any. */
export type SignerLookup = (station: string) => TrustMember | undefined;

export interface ExportResult {
  file: string;
  sigFile: string;
  bytes: number;
  classes: { id: string; version: number }[];
}

export interface ImportResult {
  signer: string;
  imported: { id: string; version: number }[];
  skipped: { id: string; reason: string }[];
}

const CLASS_ID = /^[a-z0-9][a-z0-9._-]{0,95}$/;
const FILE_NAME = /^[A-Za-z0-9._-]+\.(json|png|jpg|jpeg)$/;

function refuse(message: string): LoupeError {
  return new LoupeError('reference', 'PackageRefused', message);
}

/** Entry names are exactly `<class-id>/<file>`: no absolute paths, parent steps, NUL or backslashes. */
export function checkEntryPath(path: string): { classId: string; name: string } {
  if (path.includes('\0')) throw refuse(`refused entry name with a NUL byte: ${JSON.stringify(path)}`);
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) throw refuse(`refused absolute or non-portable entry name '${path}'`);
  const parts = path.split('/');
  if (parts.some((p) => p === '..' || p === '.')) throw refuse(`refused entry name with a path step '${path}'`);
  const [classId, name] = parts;
  if (parts.length !== 2 || !classId || !name || !CLASS_ID.test(classId) || !FILE_NAME.test(name) || name.startsWith('.')) {
    throw refuse(`refused entry name '${path}' (expected <class-id>/<file>)`);
  }
  return { classId, name };
}

export function exportPackage(library: ReferenceLibrary, ids: string[], outFile: string, signer: StationKey, now: Date = new Date()): ExportResult {
  if (ids.length === 0) throw refuse('nothing to export: give at least one class id');
  if (new Set(ids).size !== ids.length) throw refuse('duplicate class id in the export list');
  const files: PackageFile[] = [];
  const classes = ids.map((id) => {
    const { cls, dir } = library.get(id);
    files.push({ path: `${id}/class.json`, data: readFileSync(join(dir, 'class.json')) });
    for (const name of new Set(Object.values(cls.images))) files.push({ path: `${id}/${name}`, data: readFileSync(join(dir, name)) });
    return { id, version: cls.version };
  });
  const bytes = encodePackage({ format: PACKAGE_FORMAT, createdAt: now.toISOString(), signer: signer.name, classes }, files);
  if (bytes.length > MAX_PACKAGE_BYTES) throw refuse(`package would be ${bytes.length} bytes, more than the ${MAX_PACKAGE_BYTES} allowed`);
  const sigFile = `${outFile}.sig`;
  writeFileAtomic(outFile, bytes);
  writeFileAtomic(sigFile, `${JSON.stringify(signPackage(bytes, signer), null, 2)}\n`);
  return { file: outFile, sigFile, bytes: bytes.length, classes };
}

function readSignature(sigFile: string): PackageSignature {
  if (!existsSync(sigFile)) throw new LoupeError('reference', 'PackageNotFound', `signature file ${sigFile} not found (a package is only imported with its .sig)`);
  if (statSync(sigFile).size > MAX_SIGNATURE_BYTES) throw refuse(`signature file ${sigFile} is too large`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(sigFile, 'utf8'));
  } catch {
    throw refuse(`bad signature: ${sigFile} is not a Loupe signature file`);
  }
  const parsed = SignatureSchema.safeParse(json);
  if (!parsed.success) throw refuse(`bad signature: ${sigFile} is not a Loupe signature file`);
  return parsed.data;
}

/** Verifies the package bytes: known signer, complete file, valid Ed25519 signature. */
function verifyPackage(bytes: Buffer, sig: PackageSignature, trust: SignerLookup): TrustMember {
  let station: string;
  try {
    station = keyIdentity(sig.publicKey).station;
  } catch {
    throw refuse("bad signature: the signature file's public key is not an Ed25519 key");
  }
  // The key decides, never the name the signature file gives.
  const signer = trust(station);
  if (!signer) throw refuse(`unknown signer '${sig.signer}' (station ${station}): not on this station's trust list for reference packages`);
  if (bytes.length < sig.packageSize) throw refuse(`truncated package: ${bytes.length} of ${sig.packageSize} signed bytes`);
  // Canonical base64 of exactly 64 bytes: altered signature text never decodes to the signed bytes.
  const signature = decodeBase64Exact(sig.signature, ED25519_SIGNATURE_BYTES);
  let valid: boolean;
  try {
    valid = signature !== null && verify(null, bytes, publicKeyFromRaw(signer.publicKey), signature);
  } catch {
    valid = false; // a malformed signature (wrong length) is simply not valid
  }
  if (!valid) throw refuse(`bad signature: the package was altered or not signed by '${signer.name}'`);
  return signer;
}

interface IncomingClass {
  cls: DocumentClass;
  files: PackageFile[];
}

function collectClasses(bytes: Buffer): IncomingClass[] {
  const { manifest, files } = decodePackage(bytes);
  const seenIds = new Set<string>();
  for (const { id } of manifest.classes) {
    if (!CLASS_ID.test(id)) throw refuse(`refused class id '${id}'`);
    if (seenIds.has(id)) throw refuse(`duplicate class id '${id}' in the package`);
    seenIds.add(id);
  }
  const byClass = new Map<string, PackageFile[]>();
  const seenPaths = new Set<string>();
  for (const file of files) {
    const { classId } = checkEntryPath(file.path);
    if (seenPaths.has(file.path)) throw refuse(`duplicate entry '${file.path}' in the package`);
    seenPaths.add(file.path);
    if (!seenIds.has(classId)) throw refuse(`entry '${file.path}' belongs to no class listed in the manifest`);
    byClass.set(classId, [...(byClass.get(classId) ?? []), file]);
  }
  return manifest.classes.map(({ id, version }) => {
    const classFiles = byClass.get(id) ?? [];
    const json = classFiles.find((f) => f.path === `${id}/class.json`);
    if (!json) throw refuse(`class '${id}' has no class.json in the package`);
    const parsed = parseClassJson(json.data.toString('utf8'));
    if (!parsed.ok) throw refuse(`class '${id}': ${parsed.reason}`);
    const { cls } = parsed;
    if (cls.id !== id) throw refuse(`class.json in '${id}/' describes class '${cls.id}'`);
    if (cls.version !== version) throw refuse(`class '${id}' is version ${cls.version}, the manifest says ${version}`);
    for (const [light, name] of Object.entries(cls.images)) {
      if (!classFiles.some((f) => f.path === `${id}/${name}`)) throw refuse(`class '${id}': ${light} reference image '${name}' is not in the package`);
    }
    return { cls, files: classFiles };
  });
}

/**
 * Exactly one usable image per light: no light sharing another's file, no file the class does not
 * name, every image decoded in full and sized as the class declares (reference-images.ts).
 */
async function checkIncomingImages({ cls, files }: IncomingClass): Promise<void> {
  const duplicate = duplicateImageNames(cls);
  if (duplicate) throw refuse(`class '${cls.id}': ${duplicate}`);
  const named = new Set(Object.values(cls.images));
  for (const file of files) {
    const { name } = checkEntryPath(file.path);
    if (name !== 'class.json' && !named.has(name)) throw refuse(`class '${cls.id}': the package holds '${name}', which its class.json does not name as a reference image`);
  }
  const reason = await checkClassImages(cls, (name) => files.find((f) => f.path === `${cls.id}/${name}`)?.data ?? null);
  if (reason) throw refuse(`class '${cls.id}': ${reason}`);
}

export async function importPackage(library: ReferenceLibrary, file: string, sigFile: string, trust: SignerLookup): Promise<ImportResult> {
  if (!existsSync(file)) throw new LoupeError('reference', 'PackageNotFound', `package ${file} not found`);
  const size = statSync(file).size;
  if (size > MAX_PACKAGE_BYTES) throw refuse(`package is ${size} bytes, more than the ${MAX_PACKAGE_BYTES} allowed`);
  const sig = readSignature(sigFile);
  const bytes = readFileSync(file);
  const signer = verifyPackage(bytes, sig, trust);
  const incoming = collectClasses(bytes);
  // Every class, including those the station already has: one bad class refuses the whole package.
  for (const entry of incoming) await checkIncomingImages(entry);

  const imported: ImportResult['imported'] = [];
  const skipped: ImportResult['skipped'] = [];
  const accepted: IncomingClass[] = [];
  for (const entry of incoming) {
    const current = library.find(entry.cls.id);
    if (current && current.cls.version >= entry.cls.version) {
      skipped.push({ id: entry.cls.id, reason: `station already has version ${current.cls.version} (package: ${entry.cls.version})` });
    } else {
      accepted.push(entry);
      imported.push({ id: entry.cls.id, version: entry.cls.version });
    }
  }
  if (accepted.length > 0) {
    const staging = makeStagingDir(library.userDir, 'import');
    try {
      const swaps = accepted.map(({ cls, files }) => {
        const staged = join(staging, cls.id);
        makePrivateDir(staged);
        for (const f of files) writePrivateFile(join(staging, f.path), f.data);
        return { target: join(library.userDir, cls.id), staged };
      });
      swapDirs(swaps, library.userDir);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    library.reload();
  }
  return { signer: signer.name, imported, skipped };
}
