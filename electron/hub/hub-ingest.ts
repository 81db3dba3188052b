// The hub's import path for a pushed bundle: the same bytes twice is answered from the bundle table
// without decoding; otherwise decodeBundle against the hub trust list (active stations), then the
// hub's stricter rules, then one store transaction. Any refusal leaves the database unchanged.
import { createHash } from 'node:crypto';
import { BUNDLE_LIMITS, BundleError, decodeBundle, type BundleLimits } from '../exchange/bundle-codec';
import { HubConflictError, HubIngestError } from './hub-errors';
import { prepareItems } from './hub-items';
import type { HubStore, IngestOutcome } from './hub-store';

export type IngestResult = IngestOutcome & { sha256: string; signer: string };

const MAX_REPORTED = 20;

export async function ingestBundle(store: HubStore, bytes: Buffer, pushedBy: string, limits: BundleLimits = BUNDLE_LIMITS): Promise<IngestResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = await store.bundleSeq(sha256);
  if (known !== undefined) {
    return { status: 'already-have', seq: known, sha256, signer: '', records: { added: 0, duplicates: 0 }, alerts: { added: 0, duplicates: 0 } };
  }
  const keys = await store.activeKeys();
  let decoded;
  try {
    decoded = decodeBundle(bytes, (station) => keys.get(station), limits);
  } catch (error) {
    if (error instanceof BundleError) throw new HubIngestError(error.fault === 'too-large' ? 413 : 400, error.fault, error.message);
    throw error;
  }
  // A station may use a bundle with some bad lines; the hub is the network's shared store and
  // takes a bundle whole or not at all, so a record with an extra field never gets in.
  if (decoded.refused.length > 0) {
    throw new HubIngestError(400, 'refused-lines', `${decoded.refused.length} line(s) of the bundle are not valid; nothing was stored`, decoded.refused.slice(0, MAX_REPORTED));
  }
  const signer = decoded.manifest.signer.station;
  // A member speaks only for itself: items attributed to another station are refused.
  const foreign = decoded.items.filter((i) => (i.type === 'record' ? i.record.station : i.alert.station) !== signer);
  if (foreign.length > 0) {
    throw new HubIngestError(400, 'station-mismatch', `${foreign.length} item(s) name another station than the signer ${signer}; nothing was stored`);
  }
  try {
    const outcome = await store.ingest({ sha256, bytes, signer, pushedBy, items: prepareItems(decoded.items) });
    return { ...outcome, sha256, signer };
  } catch (error) {
    if (error instanceof HubConflictError) throw new HubIngestError(409, 'conflict', error.message, error.conflicts.slice(0, MAX_REPORTED));
    throw error;
  }
}
