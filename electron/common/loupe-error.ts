import type { ErrorDto, ErrorKind } from '../contract/errors';

/** A typed error for malformed input or unavailable resources. Findings are data, not errors. */
export class LoupeError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LoupeError';
  }

  toDto(): ErrorDto {
    return { kind: this.kind, message: this.message };
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new LoupeError('Internal', `invariant failed: ${message}`);
}

export function assertNever(value: never, what = 'value'): never {
  throw new LoupeError('Internal', `unexpected ${what}: ${JSON.stringify(value)}`);
}
