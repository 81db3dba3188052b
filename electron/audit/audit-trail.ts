// The station's audit trail (docs/audit-trail.md): the audit log's hash chain (written by the station
// store, store/audit-chain.ts) made tamper-evident by checkpoints of its head signed with the station
// key — at every start of the station and every hour while it runs — verified here, and exported
// for an oversight body as a signed file (audit-export.codec.ts).
import type { AuditVerification } from '../contract/audit.contract';
import { AUDIT_GENESIS_HASH as GENESIS, type StationStore } from '../store';
import { signCheckpoint, type AuditCheckpoint, type CheckpointSigner } from './audit-checkpoint';
import { checkAuditChain } from './audit-chain-check';
import { AuditCheckpointStore } from './audit-checkpoint-store';
import { encodeAuditExport, type AuditExportContent } from './audit-export.codec';

/** How often a running station signs its head: an hour bounds what a cut of the log's tail can hide unseen. */
export const CHECKPOINT_INTERVAL_MS = 60 * 60 * 1000;

export interface CheckpointTimer {
  stop(): void;
}

export class AuditTrail {
  private readonly checkpoints: AuditCheckpointStore;

  /**
   * `key`: the station key — signs checkpoints and exports; its public half checks them. Null when
   * the data folder holds no key: the trail can be verified (any checkpoint is then unverifiable).
   */
  constructor(
    private readonly store: StationStore,
    private readonly key: CheckpointSigner | null,
  ) {
    this.checkpoints = new AuditCheckpointStore(store);
  }

  /** Signs the chain's head as it is now. */
  checkpoint(now: Date = new Date()): AuditCheckpoint {
    const signer = this.requireKey();
    return this.checkpoints.add(signCheckpoint(this.store.auditHead(), now, signer));
  }

  /**
   * Signs a checkpoint now and then every `intervalMs` until stopped (the station's start and its
   * hours). The timer does not keep the process alive; stop() is called on close.
   */
  startCheckpoints(intervalMs: number = CHECKPOINT_INTERVAL_MS, onError: (error: unknown) => void = () => undefined): CheckpointTimer {
    const tick = () => {
      try {
        this.checkpoint();
      } catch (error) {
        // A busy database at the hour is no reason to stop the station; the next hour signs again.
        onError(error);
      }
    };
    tick();
    const timer = setInterval(tick, intervalMs);
    timer.unref?.();
    return { stop: () => clearInterval(timer) };
  }

  verify(): AuditVerification {
    return checkAuditChain({
      rows: this.store.auditRows(),
      anchor: { entryId: 0, hash: GENESIS },
      checkpoints: this.checkpoints.all(),
      publicKey: this.key?.publicKey ?? null,
      allCheckpoints: true,
    });
  }

  /**
   * The entries from the first written at or after `since` to the head, with the hash of the entry
   * before them and the checkpoints that cover them — after signing a checkpoint of the head now, so
   * the file's last checkpoint covers its last entry.
   */
  exportSince(since: Date, now: Date = new Date()): { bytes: Buffer; content: AuditExportContent } {
    const signer = this.requireKey();
    this.checkpoint(now);
    const rows = this.store.auditRows();
    const sinceIso = since.toISOString();
    const start = rows.findIndex((r) => r.at >= sinceIso);
    const entries = start < 0 ? [] : rows.slice(start);
    const before = start < 0 ? rows.at(-1) : rows[start - 1];
    const previous = before ? { entryId: before.id, hash: before.hash ?? GENESIS } : { entryId: 0, hash: GENESIS };
    const content: AuditExportContent = {
      createdAt: now.toISOString(),
      since: sinceIso,
      previous,
      entries,
      checkpoints: this.checkpoints.all().filter((c) => c.entryId >= previous.entryId),
    };
    return { bytes: encodeAuditExport(content, signer), content };
  }

  private requireKey(): CheckpointSigner {
    if (this.key === null) throw new Error('the audit trail has no station key to sign with');
    return this.key;
  }
}
