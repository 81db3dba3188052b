// Verification of an audit trail (docs/audit-trail.md), the same for the station's own database and
// for an export file at an oversight body's desk: the chain walked entry by entry from an anchor
// (the genesis hash, or the hash of the entry before an export's first), then every signed
// checkpoint checked against the station key and the chain. Reports the first broken place only:
// after it, what follows says nothing reliable about what was done.
import type { AuditBreak, AuditVerification } from '../contract/audit.contract';
import { auditEntryHash, type AuditRow } from '../store';
import { checkpointSignatureValid, type AuditCheckpoint } from './audit-checkpoint';

export interface ChainCheckInput {
  /** The entries in id order, exactly as stored. */
  readonly rows: readonly AuditRow[];
  /** The entry before the first row: id 0 and the genesis hash for a whole log. */
  readonly anchor: { readonly entryId: number; readonly hash: string };
  readonly checkpoints: readonly AuditCheckpoint[];
  /** The station's raw Ed25519 public key (base64); null when the station has none to check with. */
  readonly publicKey: string | null;
  /** The checkpoints are all there are (the station's table: numbered 1, 2, 3...), not a selection (an export). */
  readonly allCheckpoints: boolean;
}

const range = (from: number, to: number) => (from === to ? `entry ${from} is` : `entries ${from} to ${to} are`);

function walkChain(rows: readonly AuditRow[], anchor: ChainCheckInput['anchor']): { computed: Map<number, string>; head: { entryId: number; hash: string }; broken: AuditBreak | null } {
  // Who stores which hash: an entry that links to an entry other than its predecessor was moved.
  const owner = new Map<string, number>();
  for (const r of rows) if (r.hash !== null) owner.set(r.hash, r.id);
  const computed = new Map<number, string>([[anchor.entryId, anchor.hash]]);
  let prevId = anchor.entryId;
  let prevHash = anchor.hash;
  let broken: AuditBreak | null = null;
  for (const r of rows) {
    const own = auditEntryHash(r, r.prev_hash);
    computed.set(r.id, own);
    if (broken === null) broken = linkBreak(r, own, prevId, prevHash, owner);
    prevId = r.id;
    prevHash = own;
  }
  return { computed, head: { entryId: prevId, hash: prevHash }, broken };
}

function linkBreak(r: AuditRow, own: string, prevId: number, prevHash: string, owner: ReadonlyMap<string, number>): AuditBreak | null {
  if (r.id > prevId + 1) return { kind: 'deleted', entryId: prevId + 1, message: `${range(prevId + 1, r.id - 1)} missing: deleted from the log` };
  if (r.id <= prevId) return { kind: 'reordered', entryId: r.id, message: `entry ${r.id} comes after entry ${prevId}: entries were moved` };
  if (r.prev_hash !== prevHash) {
    const linked = r.prev_hash === null ? undefined : owner.get(r.prev_hash);
    if (linked !== undefined && linked !== prevId) return { kind: 'reordered', entryId: r.id, message: `entry ${r.id} holds the entry that followed entry ${linked}: entries were moved` };
    // The entry before verified on its own (its fields hash to its stored hash): when this entry is
    // consistent too, the one before was altered and its hash computed again.
    if (r.hash === own && prevId > 0) return { kind: 'edited', entryId: prevId, message: `entry ${prevId} was altered: entry ${r.id} was chained to a different entry ${prevId}` };
    return { kind: 'edited', entryId: r.id, message: `entry ${r.id} was altered: it no longer links to the entry before it` };
  }
  if (r.hash !== own) return { kind: 'edited', entryId: r.id, message: `entry ${r.id} was altered: its stored fields no longer match its hash` };
  return null;
}

function checkpointBreak(input: ChainCheckInput, computed: ReadonlyMap<number, string>, head: { entryId: number }): AuditBreak | null {
  let previous: AuditCheckpoint | null = null;
  let lastGoodEntry = input.anchor.entryId;
  for (const c of input.checkpoints) {
    const expectedId = previous === null ? 1 : previous.id + 1;
    if (input.allCheckpoints && c.id !== expectedId) {
      return { kind: 'bad-checkpoint', entryId: c.entryId, message: `signed checkpoint ${expectedId === c.id - 1 ? expectedId : `${expectedId} to ${c.id - 1}`} missing: removed from the log` };
    }
    previous = c;
    if (input.publicKey === null) return { kind: 'bad-checkpoint', entryId: c.entryId, message: `checkpoint ${c.id} cannot be checked: the station has no key to check it with` };
    if (!checkpointSignatureValid(c, input.publicKey)) {
      return { kind: 'bad-checkpoint', entryId: c.entryId, message: `checkpoint ${c.id} (signed ${c.at}) does not verify with the station key: forged, altered or signed by another key` };
    }
    if (c.entryId > head.entryId) {
      return { kind: 'cut', entryId: head.entryId + 1, message: `${range(head.entryId + 1, c.entryId)} missing: the checkpoint signed ${c.at} covered them, the log was cut short` };
    }
    // A checkpoint before an export's first entry cannot be checked there (exports hold none).
    if (c.entryId < input.anchor.entryId) continue;
    if (computed.get(c.entryId) !== c.headHash) {
      return { kind: 'rewritten', entryId: c.entryId, message: `the log up to entry ${c.entryId} is not the one signed ${c.at}: rewritten after entry ${lastGoodEntry}` };
    }
    lastGoodEntry = c.entryId;
  }
  return null;
}

export function checkAuditChain(input: ChainCheckInput): AuditVerification {
  const { computed, head, broken } = walkChain(input.rows, input.anchor);
  const atCheckpoint = checkpointBreak(input, computed, head);
  const first = broken && atCheckpoint ? (atCheckpoint.entryId < broken.entryId ? atCheckpoint : broken) : (broken ?? atCheckpoint);
  const last = input.checkpoints.at(-1);
  return {
    intact: first === null,
    entries: input.rows.length,
    firstEntryId: input.rows[0]?.id ?? null,
    head,
    checkpoints: input.checkpoints.length,
    lastCheckpoint: last ? { entryId: last.entryId, headHash: last.headHash, at: last.at } : null,
    break: first,
  };
}
