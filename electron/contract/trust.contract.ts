// The trust domain's entries (docs/trust.md): one format for every Ed25519 key a station or the hub
// trusts — its name, the raw public key, the station id derived from it, what it is trusted for,
// when and by whom it was added, and whether it still is. One entry per key and purpose: a key
// trusted for reference packages and for trend bundles has two entries, each with its own name,
// dates and status.
import { z } from 'zod';

/** What a member is trusted for: signing reference packages, signing trend bundles (and, at a hub, its requests). */
export const TRUST_PURPOSES = ['reference', 'trends'] as const;
export const TrustPurposeSchema = z.enum(TRUST_PURPOSES);
export type TrustPurpose = z.infer<typeof TrustPurposeSchema>;

export const TrustMemberSchema = z.object({
  /** 16 hex digits derived from the public key (sha256 of the raw key): an id no other key can claim. */
  station: z.string(),
  /** The raw 32-byte Ed25519 public key, base64 (44 characters). */
  publicKey: z.string(),
  name: z.string(),
  for: TrustPurposeSchema,
  status: z.enum(['active', 'revoked']),
  /** Who added it (an officer, a command-line user, a hub administrator); null when not recorded (before the trust domain). */
  addedBy: z.string().nullable(),
  addedAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type TrustMember = z.infer<typeof TrustMemberSchema>;
