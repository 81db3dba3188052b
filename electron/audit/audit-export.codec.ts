// The audit export (docs/audit-trail.md): what a station hands an oversight body, in the house style
// of the project's signed files (chip evidence packages, reference packages): UTF-8 JSON lines —
// line 1 the header (station key, since when, the entry before the first one and its hash, counts),
// then one line per entry exactly as stored, one line per signed checkpoint, and last the signature
// line: Ed25519 by the station key over the exact bytes of every line before it. Keys and signatures
// are strict base64 (common/strict-base64.ts). Reading is all or nothing: the size, the signature
// over the exact bytes, then every line's shape; what the chain inside says is the verifier's.
import { z } from 'zod';
import { LoupeError } from '../common/loupe-error';
import { openSignedLines, parseJsonLine, signLines, type SignedLinesFormat } from '../common/signed-lines';
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

function refuse(message: string): LoupeError<'audit'> {
  return new LoupeError('audit', 'AuditFileRefused', message);
}

const SIGNED: SignedLinesFormat = { signatureFormat: AUDIT_EXPORT_SIGNATURE_FORMAT, what: 'audit export', altered: 'bad signature: the file was altered after it was signed (or is not whole)', maxBytes: MAX_AUDIT_EXPORT_BYTES, refuse };
const parseLine = <T>(line: string, schema: z.ZodType<T>, what: string): T => parseJsonLine(line, schema, what, refuse);

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
  return signLines(lines, signer, SIGNED);
}

/**
 * Reads an export: the signature over the exact bytes first, then every line. `expectedKey` (raw,
 * base64): the station key the reader expects — a file signed by another key is refused.
 */
export function decodeAuditExport(data: Uint8Array, expectedKey?: string): DecodedAuditExport {
  const { lines, signerKey } = openSignedLines(data, SIGNED);
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
