import { categoryOf } from '../contract/error-categories';
import type { ErrorCategory, ErrorDomain, ErrorDto, ErrorKindOf } from '../contract/errors';

export interface LoupeErrorOptions {
  cause?: unknown;
  /** Data the receiver may act on beyond the message (the hub answers it as `details`). */
  details?: readonly unknown[];
}

/**
 * A typed error for malformed input or unavailable resources: the domain that refuses, and one of
 * its kinds (electron/contract/<domain>.errors.ts) or a generic one. Findings are data, not errors.
 */
export class LoupeError<D extends ErrorDomain = ErrorDomain> extends Error {
  readonly details: readonly unknown[];

  constructor(
    readonly domain: D,
    readonly kind: ErrorKindOf<D>,
    message: string,
    options: LoupeErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LoupeError';
    this.details = options.details ?? [];
  }

  get category(): ErrorCategory {
    return categoryOf(this.domain, this.kind);
  }

  toDto(): ErrorDto {
    return { kind: this.kind, message: this.message };
  }
}

/** The category of anything thrown: an error that is not a LoupeError is the station's own failure. */
export function errorCategory(error: unknown): ErrorCategory {
  return error instanceof LoupeError ? error.category : 'internal';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new LoupeError('common', 'Internal', `invariant failed: ${message}`);
}

export function assertNever(value: never, what = 'value'): never {
  throw new LoupeError('common', 'Internal', `unexpected ${what}: ${JSON.stringify(value)}`);
}
