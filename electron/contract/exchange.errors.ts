// Why a signed bundle is refused as a whole (docs/trends.md, docs/hub.md). These strings are an API:
// the station's import report and the hub's answers carry them as `fault`, and other stations read
// them. Never rename one.
export const EXCHANGE_ERROR_KINDS = [
  'truncated',
  'not-a-bundle',
  'bad-manifest',
  'unknown-signer',
  'key-mismatch',
  'bad-signature',
  'too-large',
  'payload-mismatch',
  'decompression-bomb',
  'corrupt-payload',
  /** An item is not provably its station's (origin-proof.ts): outside a proof, or not in the one above it. */
  'unproven-origin',
  /** A proof of origin names a station that is not on the receiver's trust list. */
  'unknown-origin',
  /** A proof of origin does not verify with its station's trusted key. */
  'bad-origin-signature',
  /** Not the bundle's fault: the decoding worker failed (crashed, or stopped responding). */
  'decode-failed',
  /** An item carries the id of an item held (or earlier in the bundle) with other content. */
  'conflict',
  /** Lines of the bundle are not valid items (at the station's import). */
  'invalid-items',
  /** Lines of the bundle are not valid items (at the hub: the same, under the hub's name). */
  'refused-lines',
] as const;
export type ExchangeErrorKind = (typeof EXCHANGE_ERROR_KINDS)[number];
