// The reference package container: UTF-8 JSON lines. Line 1 is the manifest (class ids and
// versions, every file with its size and SHA-256); then one line per file, in manifest order, with
// its path and base64 content. The detached `.sig` file carries an Ed25519 signature over the exact
// bytes of the package. Format documented in docs/reference-format.md.
import { createHash, sign } from 'node:crypto';
import { z } from 'zod';
import { LoupeError } from '../common/loupe-error';
import { publicKeyDer, publicKeyFromRaw } from '../trust/public-key';
import type { StationKey } from '../trust/station-key';

export const PACKAGE_FORMAT = 'loupe.reference-package/1';
export const SIGNATURE_FORMAT = 'loupe.reference-signature/1';
export const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;
export const MAX_ENTRY_BYTES = 20 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 64 * 1024;
const MAX_FILES = 5000;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    createdAt: z.string(),
    signer: z.string().max(200),
    classes: z.array(z.object({ id: z.string().max(200), version: z.number().int().min(1) }).strict()).min(1).max(1000),
    files: z.array(z.object({ path: z.string().max(300), size: z.number().int().min(0), sha256: Sha256 }).strict()).max(MAX_FILES),
  })
  .strict();
export type PackageManifest = z.infer<typeof ManifestSchema>;

export const SignatureSchema = z
  .object({
    format: z.literal(SIGNATURE_FORMAT),
    algorithm: z.literal('ed25519'),
    signer: z.string().max(200),
    /** Signer's public key, base64 SPKI DER. */
    publicKey: z.string().max(2000),
    /** Size and hash of the signed package: only for clear diagnostics (truncation); the signature decides. */
    packageSize: z.number().int().min(0),
    packageSha256: Sha256,
    signature: z.string().max(200),
  })
  .strict();
export type PackageSignature = z.infer<typeof SignatureSchema>;

const EntrySchema = z.object({ path: z.string().max(300), data: z.string() }).strict();

export interface PackageFile {
  path: string;
  data: Buffer;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Serialises a manifest and its files; the manifest's file list is derived from `files`. */
export function encodePackage(header: Omit<PackageManifest, 'files'>, files: PackageFile[]): Buffer {
  const manifest: PackageManifest = { ...header, files: files.map((f) => ({ path: f.path, size: f.data.length, sha256: sha256(f.data) })) };
  const lines = [JSON.stringify(manifest), ...files.map((f) => JSON.stringify({ path: f.path, data: f.data.toString('base64') }))];
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

export function signPackage(bytes: Buffer, signer: StationKey): PackageSignature {
  return {
    format: SIGNATURE_FORMAT,
    algorithm: 'ed25519',
    signer: signer.name,
    publicKey: publicKeyDer(publicKeyFromRaw(signer.publicKey)).toString('base64'),
    packageSize: bytes.length,
    packageSha256: sha256(bytes),
    signature: sign(null, bytes, signer.privateKey).toString('base64'),
  };
}

function malformed(message: string): LoupeError {
  return new LoupeError('reference', 'PackageRefused', `malformed reference package: ${message}`);
}

function parseLine<T>(line: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw malformed(`${what} is not valid JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw malformed(`${what}: ${parsed.error.issues.slice(0, 2).map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Parses the container (after the signature was verified) and checks every file against the manifest. */
export function decodePackage(bytes: Buffer): { manifest: PackageManifest; files: PackageFile[] } {
  const text = bytes.toString('utf8');
  if (!text.endsWith('\n')) throw malformed('the last line is incomplete (truncated file)');
  const lines = text.slice(0, -1).split('\n');
  const manifest = parseLine(lines[0] ?? '', ManifestSchema, 'manifest');
  if (lines.length - 1 !== manifest.files.length) throw malformed(`manifest lists ${manifest.files.length} files, the package holds ${lines.length - 1}`);
  const files = manifest.files.map((expected, i) => {
    const entry = parseLine(lines[i + 1] as string, EntrySchema, `file entry ${i + 1}`);
    if (entry.path !== expected.path) throw malformed(`file entry ${i + 1} is '${entry.path}', the manifest says '${expected.path}'`);
    if (expected.size > MAX_ENTRY_BYTES || entry.data.length > Math.ceil((MAX_ENTRY_BYTES * 4) / 3) + 4) throw malformed(`'${expected.path}' is larger than ${MAX_ENTRY_BYTES} bytes`);
    const data = Buffer.from(entry.data, 'base64');
    if (data.toString('base64') !== entry.data) throw malformed(`'${expected.path}' is not valid base64`);
    if (data.length !== expected.size) throw malformed(`'${expected.path}' has ${data.length} bytes, the manifest says ${expected.size}`);
    if (sha256(data) !== expected.sha256) throw new LoupeError('reference', 'PackageRefused', `hash mismatch: '${expected.path}' does not match its SHA-256 in the manifest`);
    return { path: entry.path, data };
  });
  return { manifest, files };
}
