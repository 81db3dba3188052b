// What refuses a bundle or a line of it, and the size limits decoding enforces. In a file of their
// own so the codec, the line reader and the decoding worker share them without import cycles.

export const BUNDLE_LIMITS = {
  /** Largest bundle file accepted. */
  maxFileBytes: 512 * 1024 * 1024,
  /** Largest inflated payload accepted (decompression bombs stop here). */
  maxUncompressedBytes: 2 * 1024 * 1024 * 1024 - 1,
  /** Largest single JSON line (a record with eight crops fits well below). */
  maxLineBytes: 8 * 1024 * 1024,
  maxItems: 5_000_000,
} as const;
export type BundleLimits = { [K in keyof typeof BUNDLE_LIMITS]: number };

export type BundleFault =
  | 'truncated'
  | 'not-a-bundle'
  | 'bad-manifest'
  | 'unknown-signer'
  | 'key-mismatch'
  | 'bad-signature'
  | 'too-large'
  | 'payload-mismatch'
  | 'decompression-bomb'
  | 'corrupt-payload'
  // An item is not provably its station's (origin-proof.ts): outside a proof, or not in the one above it.
  | 'unproven-origin'
  // A proof of origin names a station that is not on the receiver's trust list.
  | 'unknown-origin'
  // A proof of origin does not verify with its station's trusted key.
  | 'bad-origin-signature'
  // Not the bundle's fault: the decoding worker failed (crashed, or stopped responding).
  | 'decode-failed';

/** A bundle refused as a whole: nothing in it may be used. */
export class BundleError extends Error {
  constructor(
    readonly fault: BundleFault,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

export interface RefusedLine {
  line: number;
  reason: string;
  /** The id an item claimed when it did not match its content (a conflict if that id is known). */
  claimedId?: string;
  /** Refused because its origin is not proven (the bundle is refused as 'unproven-origin'). */
  origin?: true;
}
