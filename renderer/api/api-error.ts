// The renderer's view of an error that crossed the boundary as { kind, message }: what the screen does
// with it follows from its category (electron/contract/error-categories.ts), as the host's status and
// the command line's exit code do. `Network` and `Unauthorized` are added here: they happen between
// the page and the host.
import { categoryOfKind } from '../../electron/contract/error-categories';
import type { ErrorCategory, ErrorKind } from '../../electron/contract/errors';
import { assertNever } from '../util/assert-never';

export type UiErrorKind = ErrorKind | 'Network' | 'Unauthorized';
export type UiErrorCategory = ErrorCategory | 'network' | 'unauthorized';

export interface UiError {
  kind: UiErrorKind;
  category: UiErrorCategory;
  message: string;
}

/** The kind and category of a kind string as received; a kind this build does not know is Internal. */
function known(kind: string): { kind: UiErrorKind; category: UiErrorCategory } {
  if (kind === 'Network') return { kind, category: 'network' };
  if (kind === 'Unauthorized') return { kind, category: 'unauthorized' };
  const category = categoryOfKind(kind);
  return category ? { kind: kind as ErrorKind, category } : { kind: 'Internal', category: 'internal' };
}

export function uiError(kind: UiErrorKind, message: string): UiError {
  return { ...known(kind), message };
}

export class LoupeApiError extends Error {
  readonly kind: UiErrorKind;
  readonly category: UiErrorCategory;

  constructor(kind: string, message: string) {
    super(message);
    this.name = 'LoupeApiError';
    ({ kind: this.kind, category: this.category } = known(kind));
  }
}

/** Any thrown value → { kind, category, message } for display. Electron IPC errors arrive as plain Errors. */
export function toUiError(error: unknown): UiError {
  if (error instanceof LoupeApiError) return { kind: error.kind, category: error.category, message: error.message };
  if (error instanceof Error) {
    // The preload sends errors as "[Kind] message" (only the message crosses contextBridge).
    const tagged = /^\[([\w-]+)\] ([\s\S]*)$/.exec(error.message);
    if (tagged && categoryOfKind(tagged[1]!)) return uiError(tagged[1] as ErrorKind, tagged[2]!);
    // Electron wraps handler errors: "Error invoking remote method 'x': LoupeError: [Kind] message".
    const wrapped = /\[([\w-]+)\] /.exec(error.message);
    if (wrapped && categoryOfKind(wrapped[1]!)) return uiError(wrapped[1] as ErrorKind, error.message);
    return uiError('Internal', error.message);
  }
  return uiError('Internal', String(error));
}

/** A refusal the person can fix where they are (a dialog shows it beside the form). */
export function fixableHere(error: UiError): boolean {
  switch (error.category) {
    case 'bad-input':
    case 'not-allowed':
    case 'conflict':
    case 'not-found':
      return true;
    case 'too-large':
    case 'unsupported':
    case 'not-signed-in':
    case 'busy':
    case 'unavailable':
    case 'internal':
    case 'network':
    case 'unauthorized':
      return false;
    default:
      return assertNever(error.category);
  }
}
