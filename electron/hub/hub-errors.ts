// Errors of the hub, each with the HTTP status the server answers with and a stable `fault` code.
import type { BundleFault } from '../exchange/bundle-codec';

export interface ConflictReport {
  type: 'record' | 'alert';
  id: string;
}

/** Items whose id is already stored (or repeated in the bundle) with different content: the bundle is refused as a whole. */
export class HubConflictError extends Error {
  constructor(readonly conflicts: ConflictReport[]) {
    super(`${conflicts.length} item(s) carry the id of another item with different content; nothing was stored`);
    this.name = 'HubConflictError';
  }
}

export type HubFault = BundleFault | 'refused-lines' | 'conflict';

/** A pushed bundle the hub refuses; nothing of it was stored. */
export class HubIngestError extends Error {
  constructor(
    readonly status: 400 | 409 | 413,
    readonly fault: HubFault,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'HubIngestError';
  }
}

export { HubHttpError } from '../exchange/hub-protocol';
