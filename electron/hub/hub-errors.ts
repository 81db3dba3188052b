// The hub's own faults (electron/contract/hub.errors.ts); a bundle it refuses is the exchange
// domain's BundleError. Either is answered as `{ error: { fault, message, details? } }` with the
// HTTP status of its category (electron/common/error-status.ts).
import { LoupeError, type LoupeErrorOptions } from '../common/loupe-error';
import type { HubErrorKind } from '../contract/hub.errors';
import { BundleError } from '../exchange/bundle-codec';

export interface ConflictReport {
  type: 'record' | 'alert';
  id: string;
}

export class HubError extends LoupeError<'hub'> {
  constructor(
    readonly fault: HubErrorKind,
    message: string,
    options: LoupeErrorOptions = {},
  ) {
    super('hub', fault, message, options);
    this.name = 'HubError';
  }
}

/** Items whose id is already stored (or repeated in the bundle) with different content: the bundle is refused as a whole. */
export function conflictError(conflicts: readonly ConflictReport[]): BundleError {
  return new BundleError('conflict', `${conflicts.length} item(s) carry the id of another item with different content; nothing was stored`, { details: conflicts });
}
