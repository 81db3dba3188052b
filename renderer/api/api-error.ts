// The renderer's view of an error that crossed the boundary as { kind, message }.
// `Network` and `Unauthorized` are added here: they happen between the page and the host.
import type { ErrorKind } from '../../electron/contract/errors';

export type UiErrorKind = ErrorKind | 'Network' | 'Unauthorized';

// A record, so that a kind added to the contract fails the type-check here until it is handled.
const KNOWN_KINDS: Record<UiErrorKind, true> = {
  InvalidInput: true, UnsupportedImage: true, ImageTooLarge: true, NotFound: true, UnknownLayout: true, OcrFailed: true,
  NotSignedIn: true, DeviceError: true, Busy: true, Internal: true, Network: true, Unauthorized: true,
};
const KNOWN = Object.keys(KNOWN_KINDS);

export class LoupeApiError extends Error {
  readonly kind: UiErrorKind;

  constructor(kind: string, message: string) {
    super(message);
    this.name = 'LoupeApiError';
    this.kind = KNOWN.includes(kind) ? (kind as UiErrorKind) : 'Internal';
  }
}

/** Any thrown value → { kind, message } for display. Electron IPC errors arrive as plain Errors. */
export function toUiError(error: unknown): { kind: UiErrorKind; message: string } {
  if (error instanceof LoupeApiError) return { kind: error.kind, message: error.message };
  if (error instanceof Error) {
    // The preload sends errors as "[Kind] message" (only the message crosses contextBridge).
    const tagged = /^\[(\w+)\] ([\s\S]*)$/.exec(error.message);
    if (tagged && KNOWN.includes(tagged[1]!)) return { kind: tagged[1] as UiErrorKind, message: tagged[2]! };
    // Electron wraps handler errors: "Error invoking remote method 'x': LoupeError: [Kind] message".
    const kind = KNOWN.find((k) => new RegExp(`\\b${k}\\b`).test(error.message));
    return { kind: (kind as UiErrorKind | undefined) ?? 'Internal', message: error.message };
  }
  return { kind: 'Internal', message: String(error) };
}
