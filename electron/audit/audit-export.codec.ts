// The audit export (docs/audit-trail.md): what a station hands an oversight body, in the house style
// of the project's signed files (chip evidence packages, reference packages): UTF-8 JSON lines —
// line 1 the header (station key, since when, the entry before the first one and its hash, counts),
// then one line per entry exactly as stored, one line per signed checkpoint, and last the signature
// line: Ed25519 by the station key over the exact bytes of every line before it. Keys and signatures
// are strict base64 (common/strict-base64.ts). Reading is all or nothing: the size, the signature
// over the exact bytes, then every line's shape; what the chain inside says is the verifier's.
import { createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';
import { LoupeError } from '../common/loupe-error';
import { decodeBase64Exact, ED25519_PUBLIC_KEY_BYTES, ED25519_SIGNATURE_BYTES } from '../common/strict-base64';
import type { AuditRow } from '../store';
import { stationIdFromPublicKey } from '../trust/public-key';
import type { AuditCheckpoint, CheckpointSigner } from './audit-checkpoint';

export const AUDIT_EXPORT_FORMAT = 'loupe.audit-export/1';
export const AUDIT_EXPORT_SIGNATURE_FORMAT = 'loupe.audit-export-signature/1';
/** A busy station writes some thousands of entries a month; a file far larger than years of them is not an export. */
export const MAX_AUDIT_EXPORT_BYTES = 256 * 1024 * 1024;

export interface AuditExportContent {
  createdAt: string;
  since: string;
  /** The entry before the first one exported (id 0 and the genesis hash: the log's start). */
  previous: { entryId: number; hash: string };
  entries: readonly AuditRow[];
  checkpoints: readonly AuditCheckpoint[];
}

export interface DecodedAuditExport extends AuditExportContent {
  /** The raw Ed25519 key (base64) whose signature over the file verified, and its station id. */
  publicKey: string;
  station: string;
}

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const When = z.string().max(40).refine((t) => !Number.isNaN(Date.parse(t)), 'is not a date');
const RawKey = z.string().refine((t) => decodeBase64Exact(t, ED25519_PUBLIC_KEY_BYTES) !== null, 'is not a raw Ed25519 key in canonical base64');
const Signature = z.string().refine((t) => decodeBase64Exact(t, ED25519_SIGNATURE_BYTES) !== null, 'is not 64 bytes of canonical base64');
const Id = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const HeaderSchema = z
  .object({
    format: z.literal(AUDIT_EXPORT_FORMAT),
    station: z.string().regex(/^[0-9a-f]{16}$/),
    publicKey: RawKey,
    createdAt: When,
    since: When,
    previous: z.object({ entryId: Id, hash: Hex64 }).strict(),
    entries: Id,
    checkpoints: Id,
  })
  .strict();

const EntrySchema = z
  .object({
    id: Id,
    at: z.string(),
    officerName: z.string().nullable(),
    officerBadge: z.string().nullable(),
    action: z.string(),
    subject: z.string().nullable(),
    details: z.string().nullable(),
    prevHash: Hex64.nullable(),
    hash: Hex64.nullable(),
  })
  .strict();

const CheckpointSchema = z.object({ checkpoint: Id, entryId: Id, headHash: Hex64, at: When, publicKey: RawKey, signature: Signature }).strict();

const SignatureSchema = z
  .object({ format: z.literal(AUDIT_EXPORT_SIGNATURE_FORMAT), algorithm: z.literal('ed25519'), publicKey: z.string().max(100), signature: z.string().max(200) })
  .strict();

function refuse(message: string): LoupeError<'audit'> {
  return new LoupeError('audit', 'AuditFileRefused', message);
}

const entryLine = (r: AuditRow): z.infer<typeof EntrySchema> => ({
  id: r.id,
  at: r.at,
  officerName: r.officer_name,
  officerBadge: r.officer_badge,
  action: r.action,
  subject: r.subject,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const checkpointLine = (c: AuditCheckpoint): z.infer<typeof CheckpointSchema> => ({ checkpoint: c.id, entryId: c.entryId, headHash: c.headHash, at: c.at, publicKey: c.publicKey, signature: c.signature });

export function encodeAuditExport(content: AuditExportContent, signer: CheckpointSigner): Buffer {
  const header: z.infer<typeof HeaderSchema> = {
    format: AUDIT_EXPORT_FORMAT,
    station: stationIdFromPublicKey(signer.publicKey),
    publicKey: signer.publicKey,
    createdAt: content.createdAt,
    since: content.since,
    previous: content.previous,
    entries: content.entries.length,
    checkpoints: content.checkpoints.length,
  };
  const lines = [JSON.stringify(header), ...content.entries.map((r) => JSON.stringify(entryLine(r))), ...content.checkpoints.map((c) => JSON.stringify(checkpointLine(c)))];
  const body = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  const signature = { format: AUDIT_EXPORT_SIGNATURE_FORMAT, algorithm: 'ed25519', publicKey: signer.publicKey, signature: signer.sign(body).toString('base64') };
  const out = Buffer.concat([body, Buffer.from(`${JSON.stringify(signature)}\n`, 'utf8')]);
  if (out.length > MAX_AUDIT_EXPORT_BYTES) throw refuse(`the export would be ${out.length} bytes, more than the ${MAX_AUDIT_EXPORT_BYTES} allowed: export a shorter period (--since)`);
  return out;
}

function parseLine<T>(line: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw refuse(`${what} is not valid JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw refuse(`${what}: ${parsed.error.issues.slice(0, 2).map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  return parsed.data;
}

function verifySignatureLine(body: Buffer, line: string): string {
  const sig = parseLine(line, SignatureSchema, 'the signature line');
  const raw = decodeBase64Exact(sig.publicKey, ED25519_PUBLIC_KEY_BYTES);
  const signature = decodeBase64Exact(sig.signature, ED25519_SIGNATURE_BYTES);
  if (raw === null) throw refuse("the signature line's public key is not a raw Ed25519 key in canonical base64");
  if (signature === null) throw refuse('the signature is not 64 bytes of canonical base64');
  let valid: boolean;
  try {
    valid = verify(null, body, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }), signature);
  } catch {
    valid = false;
  }
  if (!valid) throw refuse('bad signature: the file was altered after it was signed (or is not whole)');
  return sig.publicKey;
}

/**
 * Reads an export: the signature over the exact bytes first, then every line. `expectedKey` (raw,
 * base64): the station key the reader expects — a file signed by another key is refused.
 */
export function decodeAuditExport(data: Uint8Array, expectedKey?: string): DecodedAuditExport {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length > MAX_AUDIT_EXPORT_BYTES) throw refuse(`the file is ${buffer.length} bytes, more than the ${MAX_AUDIT_EXPORT_BYTES} allowed`);
  if (buffer.length === 0 || buffer[buffer.length - 1] !== 0x0a) throw refuse('the last line is incomplete (a truncated file?)');
  const lastStart = buffer.lastIndexOf(0x0a, buffer.length - 2) + 1;
  if (lastStart === 0) throw refuse('not an audit export: it has no signature line');
  const body = buffer.subarray(0, lastStart);
  const signerKey = verifySignatureLine(body, buffer.subarray(lastStart, buffer.length - 1).toString('utf8'));
  const lines = body.subarray(0, body.length - 1).toString('utf8').split('\n');
  const header = parseLine(lines[0] ?? '', HeaderSchema, 'the header');
  if (header.publicKey !== signerKey) throw refuse('the file is signed by another key than the station key it names');
  if (header.station !== stationIdFromPublicKey(signerKey)) throw refuse("the header's station id is not its key's");
  if (expectedKey !== undefined && signerKey !== expectedKey) {
    throw refuse(`the file is signed by station ${header.station}, not by the key given (station ${stationIdFromPublicKey(expectedKey)})`);
  }
  if (lines.length - 1 !== header.entries + header.checkpoints) {
    throw refuse(`the header announces ${header.entries} entries and ${header.checkpoints} checkpoints, the file holds ${lines.length - 1} lines`);
  }
  const entries = lines.slice(1, 1 + header.entries).map((line, i): AuditRow => {
    const e = parseLine(line, EntrySchema, `entry line ${i + 1}`);
    return { id: e.id, at: e.at, officer_name: e.officerName, officer_badge: e.officerBadge, action: e.action, subject: e.subject, details: e.details, prev_hash: e.prevHash, hash: e.hash };
  });
  const checkpoints = lines.slice(1 + header.entries).map((line, i): AuditCheckpoint => {
    const c = parseLine(line, CheckpointSchema, `checkpoint line ${i + 1}`);
    return { id: c.checkpoint, entryId: c.entryId, headHash: c.headHash, at: c.at, publicKey: c.publicKey, signature: c.signature };
  });
  return { publicKey: signerKey, station: header.station, createdAt: header.createdAt, since: header.since, previous: header.previous, entries, checkpoints };
}
