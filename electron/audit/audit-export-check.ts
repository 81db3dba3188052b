// An audit export verified at a desk with no station data (docs/audit-trail.md): the file's own
// signature is checked when it is read (audit-export.codec.ts); here the chain inside it, from the
// entry before its first, and every checkpoint it holds against the key that signed it.
import type { AuditVerification } from '../contract/audit.contract';
import { checkAuditChain } from './audit-chain-check';
import type { DecodedAuditExport } from './audit-export.codec';

export function verifyAuditExport(file: DecodedAuditExport): AuditVerification {
  return checkAuditChain({ rows: file.entries, anchor: file.previous, checkpoints: file.checkpoints, publicKey: file.publicKey, allCheckpoints: false });
}
