// What the trust domain refuses besides the generic kinds (errors.ts).
export const TRUST_ERROR_KINDS = [
  /** The station is not on that trust list (or not trusted for that purpose). */
  'MemberNotFound',
  /** Not an Ed25519 public key (raw base64, PEM or base64 DER), or not the key a station id names. */
  'KeyRefused',
  /** The station's own key in the data folder cannot be read. */
  'StationKeyUnreadable',
  /** A file given to the CSCA trust store is not a master list, a certificate or a CRL this station can read. */
  'TrustFileRefused',
  /** A master list or CRL whose signature does not verify against the certificates it must chain to. */
  'SignatureRefused',
] as const;
export type TrustErrorKind = (typeof TRUST_ERROR_KINDS)[number];
