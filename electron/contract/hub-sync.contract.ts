// Synchronisation with the regional hub from the desktop (docs/hub.md, "At the station"): the same
// sync as `loupe trends sync`, its progress as events, and its outcome in words the screen maps to
// messages. `fault` is a closed set so every case has its own plain-words message.
import { z } from 'zod';

export const HUB_SYNC_FAULTS = [
  /** No hub address is saved. */
  'no-hub',
  /** The saved address or CA file cannot be used. */
  'bad-settings',
  /** Nothing answered at the address (refused, unknown host, network down, connection dropped). */
  'unreachable',
  'timeout',
  /** The hub does not know this station's key (or knows another key for it). */
  'not-trusted',
  /** The clocks of the station and the hub differ by more than the hub accepts. */
  'clock-skew',
  /** The hub's TLS certificate is not trusted (self-signed, unknown CA, expired, wrong name). */
  'certificate',
  /** An https address for a hub that speaks plain HTTP, or the other way round. */
  'protocol',
  /** The hub refused a bundle of this station. */
  'refused',
  /** The hub answered with an error of its own (or is not a Loupe hub). */
  'hub-error',
  /** A sync is already running. */
  'busy',
  'other',
] as const;
export const HubSyncFaultSchema = z.enum(HUB_SYNC_FAULTS);
export type HubSyncFault = z.infer<typeof HubSyncFaultSchema>;

const Count = z.number().int().min(0);

export const HubSyncCountsSchema = z.object({
  pushed: Count,
  alreadyOnHub: Count,
  toPush: Count,
  pulled: Count,
  importedRecords: Count,
  importedAlerts: Count,
});
export type HubSyncCounts = z.infer<typeof HubSyncCountsSchema>;

export const HubSyncResultSchema = HubSyncCountsSchema.extend({
  hub: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  ok: z.boolean(),
  fault: HubSyncFaultSchema.nullable(),
  /** The technical detail behind a fault (shown small, under the plain-words message). */
  detail: z.string().nullable(),
  adoptedMembers: Count,
  /** Pulled bundles this station refused as a whole, by reason (e.g. unknown-signer). */
  refusedBundles: z.record(z.string(), Count),
  /** Pulled from the hub's first bundle again: asked for, or the trusted stations changed (absent in results saved before). */
  rescanned: z.boolean().optional(),
});
export type HubSyncResult = z.infer<typeof HubSyncResultSchema>;

export const HubSyncRequestSchema = z
  .object({
    adoptHubMembers: z.boolean(),
    /** Pull every hub bundle again (those held are skipped), as `loupe trends sync --rescan`. */
    rescan: z.boolean().optional(),
  })
  .strict();

export const HubStatusSchema = z.object({
  hubUrl: z.string().nullable(),
  /** The CA certificate trusted for the hub, when one is set. */
  ca: z.object({ subject: z.string(), validTo: z.string(), fingerprint: z.string() }).nullable(),
  running: z.boolean(),
  last: HubSyncResultSchema.nullable(),
  lastSuccessAt: z.string().nullable(),
});
export type HubStatus = z.infer<typeof HubStatusSchema>;

export const HubSyncProgressSchema = HubSyncCountsSchema.extend({
  hub: z.string(),
  stage: z.enum(['start', 'push', 'pull', 'done']),
});
export type HubSyncProgress = z.infer<typeof HubSyncProgressSchema>;
