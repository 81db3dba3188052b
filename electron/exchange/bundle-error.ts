// What refuses a bundle or a line of it, and the size limits decoding enforces. In a file of their
// own so the codec, the line reader and the decoding worker share them without import cycles.
import { LoupeError, type LoupeErrorOptions } from '../common/loupe-error';
import type { ExchangeErrorKind } from '../contract/exchange.errors';

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

/**
 * A bundle refused as a whole: nothing in it may be used. Its fault is one of the exchange domain's
 * kinds (electron/contract/exchange.errors.ts), the string the import report and the hub answer with.
 */
export class BundleError extends LoupeError<'exchange'> {
  constructor(
    readonly fault: ExchangeErrorKind,
    message: string,
    options: LoupeErrorOptions = {},
  ) {
    super('exchange', fault, message, options);
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
