// The chip evidence package (docs/chip-domain.md, "Evidence packages"): UTF-8 JSON lines, in the
// house style of reference packages (reference/package-format.ts) but in one file, so a reading
// travels to an expert as one attachment. Line 1 is the manifest (when and how the chip was read,
// every file with its size and SHA-256, the clone checks' challenges and answers); then one line
// per file, in manifest order, with its name and base64 content; the last line is the signature:
// Ed25519 by the station key over the exact bytes of every line before it. Every binary field is
// strict base64 (common/strict-base64.ts): text that is not the one canonical encoding is refused.
// Reading is all or nothing: the signature first, then every line, size and hash.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { openSignedLines, parseJsonLine, signLines, type SignedLinesFormat } from '../../common/signed-lines';
import { decodeCanonicalBase64 } from '../../common/strict-base64';
import { AccessChoiceSchema, ChipAuthStatusSchema, ChipFileSchema, FileReadStatusSchema, type ChipFile } from '../../contract/chip.contract';
import { ChipError } from '../chip-error';
import type { ChipEvidence } from './chip-evidence';

export const EVIDENCE_FORMAT = 'loupe.chip-evidence/1';
export const EVIDENCE_SIGNATURE_FORMAT = 'loupe.chip-evidence-signature/1';
/** A chip holds a few hundred kilobytes (DG2's face is the largest file); far more is not a reading. */
export const MAX_EVIDENCE_BYTES = 32 * 1024 * 1024;
export const MAX_EVIDENCE_FILE_BYTES = 8 * 1024 * 1024;
/** Challenges, keys, APDUs and signatures: a 4096-bit RSA signature or a DH key is 512 bytes. */
const MAX_FIELD_BYTES = 4096;

/** What signs a package: the station key (trust/station-identity.ts has this shape). */
export interface EvidenceSigner {
  /** Raw 32-byte Ed25519 public key, base64. */
  readonly publicKey: string;
  sign(data: Buffer): Buffer;
}

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Base64 = z.string().max(Math.ceil(MAX_FIELD_BYTES / 3) * 4).refine((t) => decodeCanonicalBase64(t) !== null, 'is not canonical base64');
const When = z.string().max(40).refine((t) => !Number.isNaN(Date.parse(t)), 'is not a date');

const TranscriptSchema = z
  .object({
    oid: z.string().regex(/^\d+(\.\d+)+$/).max(100),
    keyId: z.number().int().min(0).nullable(),
    terminalPrivateKey: Base64,
    terminalPublicKey: Base64,
    command: Base64,
    response: Base64,
  })
  .strict();

const ManifestSchema = z
  .object({
    format: z.literal(EVIDENCE_FORMAT),
    createdAt: When,
    readAt: When,
    /** The station's name, for people: the signature's key decides who signed. */
    station: z.string().max(200),
    access: AccessChoiceSchema.strict(),
    extendedLength: z.boolean(),
    statuses: z.array(FileReadStatusSchema.strict()).max(40),
    files: z.array(z.object({ file: ChipFileSchema, size: z.number().int().min(0).max(MAX_EVIDENCE_FILE_BYTES), sha256: Sha256 }).strict()).max(20),
    activeAuthentication: z.object({ status: ChipAuthStatusSchema, detail: z.string().max(1000), challenge: Base64, answer: Base64.nullable() }).strict().nullable(),
    chipAuthentication: z.object({ status: ChipAuthStatusSchema, detail: z.string().max(1000), transcript: TranscriptSchema.nullable() }).strict().nullable(),
    paceCam: z.object({ chipMappingPublicKey: Base64, chipAuthenticationData: Base64 }).strict().nullable(),
  })
  .strict();
type Manifest = z.infer<typeof ManifestSchema>;

const EntrySchema = z.object({ file: ChipFileSchema, data: z.string() }).strict();

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => new Uint8Array(decodeCanonicalBase64(text)!);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function refuse(message: string): ChipError {
  return new ChipError('EvidenceRefused', message);
}

const SIGNED: SignedLinesFormat = { signatureFormat: EVIDENCE_SIGNATURE_FORMAT, what: 'chip evidence package', altered: 'bad signature: the package was altered after it was signed', maxBytes: MAX_EVIDENCE_BYTES, refuse };
const parseLine = <T>(line: string, schema: z.ZodType<T>, what: string): T => parseJsonLine(line, schema, what, refuse);

/** The package's bytes: manifest, files, and the signature line over both. */
export function encodeEvidencePackage(evidence: ChipEvidence, signer: EvidenceSigner, station: string, now: Date = new Date()): Buffer {
  const files = [...evidence.files.entries()];
  const manifest: Manifest = {
    format: EVIDENCE_FORMAT,
    createdAt: now.toISOString(),
    readAt: evidence.readAt.toISOString(),
    station,
    access: evidence.access,
    extendedLength: evidence.extendedLength,
    statuses: [...evidence.statuses],
    files: files.map(([file, data]) => ({ file, size: data.length, sha256: sha256(data) })),
    activeAuthentication: evidence.activeAuthentication && {
      status: evidence.activeAuthentication.status,
      detail: evidence.activeAuthentication.detail,
      challenge: b64(evidence.activeAuthentication.challenge),
      answer: evidence.activeAuthentication.answer && b64(evidence.activeAuthentication.answer),
    },
    chipAuthentication: evidence.chipAuthentication && {
      status: evidence.chipAuthentication.status,
      detail: evidence.chipAuthentication.detail,
      transcript: evidence.chipAuthentication.transcript && {
        oid: evidence.chipAuthentication.transcript.oid,
        keyId: evidence.chipAuthentication.transcript.keyId,
        terminalPrivateKey: b64(evidence.chipAuthentication.transcript.terminalPrivateKey),
        terminalPublicKey: b64(evidence.chipAuthentication.transcript.terminalPublicKey),
        command: b64(evidence.chipAuthentication.transcript.command),
        response: b64(evidence.chipAuthentication.transcript.response),
      },
    },
    paceCam: evidence.paceCam && { chipMappingPublicKey: b64(evidence.paceCam.chipMappingPublicKey), chipAuthenticationData: b64(evidence.paceCam.chipAuthenticationData) },
  };
  // What is written is what is read back: an encoder bug never produces a package no desk accepts.
  ManifestSchema.parse(manifest);
  return signLines([JSON.stringify(manifest), ...files.map(([file, data]) => JSON.stringify({ file, data: b64(data) }))], signer, SIGNED);
}

export interface DecodedEvidence {
  readonly evidence: ChipEvidence;
  /** The raw Ed25519 public key (base64) whose signature verified. */
  readonly signerKey: string;
  readonly station: string;
  readonly createdAt: Date;
}

/** Reads a package: the signature over the exact bytes, then every line; refuses anything else. */
export function decodeEvidencePackage(data: Uint8Array): DecodedEvidence {
  const { lines, signerKey } = openSignedLines(data, SIGNED);
  const manifest = parseLine(lines[0] ?? '', ManifestSchema, 'the manifest');
  if (lines.length - 1 !== manifest.files.length) throw refuse(`the manifest lists ${manifest.files.length} files, the package holds ${lines.length - 1}`);
  const files = new Map<ChipFile, Uint8Array>();
  manifest.files.forEach((expected, i) => {
    const entry = parseLine(lines[i + 1]!, EntrySchema, `file entry ${i + 1}`);
    if (entry.file !== expected.file) throw refuse(`file entry ${i + 1} is ${entry.file}, the manifest says ${expected.file}`);
    if (files.has(entry.file)) throw refuse(`${entry.file} is in the package twice`);
    if (entry.data.length > Math.ceil(MAX_EVIDENCE_FILE_BYTES / 3) * 4) throw refuse(`${entry.file} is larger than ${MAX_EVIDENCE_FILE_BYTES} bytes`);
    const decoded = decodeCanonicalBase64(entry.data);
    if (decoded === null) throw refuse(`${entry.file} is not canonical base64`);
    if (decoded.length !== expected.size) throw refuse(`${entry.file} has ${decoded.length} bytes, the manifest says ${expected.size}`);
    if (sha256(decoded) !== expected.sha256) throw refuse(`hash mismatch: ${entry.file} does not match its SHA-256 in the manifest`);
    files.set(entry.file, new Uint8Array(decoded));
  });
  const aa = manifest.activeAuthentication;
  const ca = manifest.chipAuthentication;
  const t = ca?.transcript;
  return {
    signerKey,
    station: manifest.station,
    createdAt: new Date(manifest.createdAt),
    evidence: {
      readAt: new Date(manifest.readAt),
      access: manifest.access,
      extendedLength: manifest.extendedLength,
      statuses: manifest.statuses,
      files,
      activeAuthentication: aa && { status: aa.status, detail: aa.detail, challenge: bytes(aa.challenge), answer: aa.answer === null ? null : bytes(aa.answer) },
      chipAuthentication: ca && {
        status: ca.status,
        detail: ca.detail,
        transcript: t ? { oid: t.oid, keyId: t.keyId, terminalPrivateKey: bytes(t.terminalPrivateKey), terminalPublicKey: bytes(t.terminalPublicKey), command: bytes(t.command), response: bytes(t.response) } : null,
      },
      paceCam: manifest.paceCam && { chipMappingPublicKey: bytes(manifest.paceCam.chipMappingPublicKey), chipAuthenticationData: bytes(manifest.paceCam.chipAuthenticationData) },
    },
  };
}
