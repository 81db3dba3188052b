// What the trust domain refuses besides the generic kinds (errors.ts).
export const TRUST_ERROR_KINDS = [
  /** The station is not on that trust list (or not trusted for that purpose). */
  'MemberNotFound',
  /** Not an Ed25519 public key (raw base64, PEM or base64 DER), or not the key a station id names. */
  'KeyRefused',
  /** The station's own key in the data folder cannot be read. */
  'StationKeyUnreadable',
] as const;
export type TrustErrorKind = (typeof TRUST_ERROR_KINDS)[number];
