// The chip domain's typed error: a kind from the closed set of the contract, a message in plain
// words (never a station path), and an optional status word when the chip refused a command.
import { LoupeError } from '../common/loupe-error';
import type { ChipErrorDto, ChipErrorKind } from '../contract/chip.contract';

export class ChipError extends Error {
  constructor(
    readonly kind: ChipErrorKind,
    message: string,
    readonly statusWord?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChipError';
  }

  toDto(): ChipErrorDto {
    return { kind: this.kind, message: this.message };
  }
}

/** Malformed chip data (TLV structure, certificate, data group): where and why. */
export function malformed(what: string): ChipError {
  return new ChipError('MalformedData', what);
}

export function chipAssert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ChipError('Internal', `invariant failed: ${message}`);
}

export function assertNever(value: never, what = 'value'): never {
  throw new ChipError('Internal', `unexpected ${what}: ${JSON.stringify(value)}`);
}

/**
 * The chip's error as the station's typed error (common/loupe-error.ts): the same kind and message,
 * so the command line's exit code and the screen's handling follow from its category.
 */
export function chipLoupeError(error: ChipError): LoupeError<'chip'> {
  return new LoupeError('chip', error.kind, error.message, { cause: error });
}
