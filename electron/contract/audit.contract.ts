// The audit trail's verification, as the station's screen, the command line (--json) and an
// oversight body's desk read it (docs/audit-trail.md).
import { z } from 'zod';

/**
 * How the trail is broken, at its first broken place:
 * - `edited`: an entry's stored fields (or its link) no longer hash to what was chained;
 * - `deleted`: entries are missing inside the chain (a gap in the ids);
 * - `reordered`: an entry links to an entry other than the one before it;
 * - `cut`: entries a signed checkpoint covered are missing from the end;
 * - `rewritten`: the chain verifies link by link but is not the one a checkpoint signed (rewritten
 *   whole from some entry on);
 * - `bad-checkpoint`: a checkpoint whose signature does not verify with the station key (forged,
 *   altered, signed by another key), or a checkpoint missing between two others.
 */
export const AUDIT_BREAK_KINDS = ['edited', 'deleted', 'reordered', 'cut', 'rewritten', 'bad-checkpoint'] as const;
export const AuditBreakKindSchema = z.enum(AUDIT_BREAK_KINDS);
export type AuditBreakKind = z.infer<typeof AuditBreakKindSchema>;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const AuditBreakSchema = z.object({
  kind: AuditBreakKindSchema,
  /** The first entry concerned (for `cut`: the first entry missing; for checkpoints: the entry it covers). */
  entryId: z.number().int().min(0),
  /** Plain English for the command line; the screen words it from `kind` and `entryId`. */
  message: z.string(),
});
export type AuditBreak = z.infer<typeof AuditBreakSchema>;

export const AuditCheckpointSummarySchema = z.object({ entryId: z.number().int().min(0), headHash: Hex64, at: z.string() });

export const AuditVerificationSchema = z.object({
  intact: z.boolean(),
  /** How many entries were checked, and the first one's id (null: none). */
  entries: z.number().int().min(0),
  firstEntryId: z.number().int().min(0).nullable(),
  /** The last entry checked and its hash (id 0 and the genesis hash for an empty log). */
  head: z.object({ entryId: z.number().int().min(0), hash: z.string() }),
  checkpoints: z.number().int().min(0),
  /** The newest signed checkpoint (null: none). */
  lastCheckpoint: AuditCheckpointSummarySchema.nullable(),
  break: AuditBreakSchema.nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
