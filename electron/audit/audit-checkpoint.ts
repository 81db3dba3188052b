// A signed checkpoint of the audit trail (docs/audit-trail.md): the station key's Ed25519 signature
// over the canonical encoding (common/canonical-fields.ts) of
//   tag "loupe.audit-checkpoint/1", entry id, head hash, time (ISO 8601), signer's raw public key (base64)
// — "at this time the log ended at this entry, whose hash was this". A chain rewritten from an
// earlier entry on, or cut short, no longer matches a checkpoint; forging one needs the station key.
import { verify } from 'node:crypto';
import { canonicalFields } from '../common/canonical-fields';
import { decodeBase64Exact, ED25519_SIGNATURE_BYTES } from '../common/strict-base64';
import { publicKeyFromRaw } from '../trust/public-key';

export const AUDIT_CHECKPOINT_TAG = 'loupe.audit-checkpoint/1';

export interface AuditCheckpoint {
  /** The checkpoint's own number (rows of audit_checkpoints: 1, 2, 3...). */
  id: number;
  /** The last entry it covers (0: the log was empty) and that entry's hash. */
  entryId: number;
  headHash: string;
  at: string;
  /** The raw Ed25519 public key that signed, base64. */
  publicKey: string;
  signature: string;
}

/** What signs a checkpoint: the station key (trust/station-identity.ts has this shape). */
export interface CheckpointSigner {
  readonly publicKey: string;
  sign(data: Buffer): Buffer;
}

export function checkpointPayload(c: Pick<AuditCheckpoint, 'entryId' | 'headHash' | 'at' | 'publicKey'>): Buffer {
  return canonicalFields(AUDIT_CHECKPOINT_TAG, [c.entryId, c.headHash, c.at, c.publicKey]);
}

export function signCheckpoint(head: { entryId: number; hash: string }, at: Date, signer: CheckpointSigner): Omit<AuditCheckpoint, 'id'> {
  const unsigned = { entryId: head.entryId, headHash: head.hash, at: at.toISOString(), publicKey: signer.publicKey };
  return { ...unsigned, signature: signer.sign(checkpointPayload(unsigned)).toString('base64') };
}

/** Whether the checkpoint's signature verifies with `publicKey` (raw, base64) — and was made by that key. */
export function checkpointSignatureValid(c: AuditCheckpoint, publicKey: string): boolean {
  if (c.publicKey !== publicKey) return false;
  // Canonical base64 of exactly 64 bytes: altered signature text never decodes to the signed bytes.
  const signature = decodeBase64Exact(c.signature, ED25519_SIGNATURE_BYTES);
  if (signature === null) return false;
  try {
    return verify(null, checkpointPayload(c), publicKeyFromRaw(publicKey), signature);
  } catch {
    return false;
  }
}
