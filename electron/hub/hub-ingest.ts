// The hub's import path for a pushed bundle: the same bytes twice is answered from the bundle table
// without decoding; otherwise the bundle is verified against the hub trust list (active stations)
// and decoded in a worker thread while the store inserts the chunks already decoded, in one
// transaction with the hub's stricter rules. Any refusal leaves the database unchanged.
import { createHash } from 'node:crypto';
import { BUNDLE_LIMITS, BundleError, type BundleLimits } from '../exchange/bundle-codec';
import { startBundleDecode, type DecodeSession, type DecodeSessionOptions } from '../exchange/bundle-decode-pool';
import { HubError } from './hub-errors';
import type { IngestResult } from '../exchange/hub-protocol';
import type { HubStore } from './hub-store';

export type { IngestResult } from '../exchange/hub-protocol';

const MAX_REPORTED = 20;

function refusal(error: BundleError): Error {
  // The decoding worker failing is the hub's trouble, not the sender's: a 500, not a 400.
  if (error.fault === 'decode-failed') return new HubError('internal', error.message, { cause: error });
  // The answer names the first few conflicts or refused lines, however many there are.
  if (error.details.length <= MAX_REPORTED) return error;
  return new BundleError(error.fault, error.message, { details: error.details.slice(0, MAX_REPORTED) });
}

export async function ingestBundle(store: HubStore, bytes: Buffer, pushedBy: string, limits: BundleLimits = BUNDLE_LIMITS, options: DecodeSessionOptions = {}): Promise<IngestResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = await store.bundleSeq(sha256);
  if (known !== undefined) {
    return { status: 'already-have', seq: known, sha256, signer: '', records: { added: 0, duplicates: 0 }, alerts: { added: 0, duplicates: 0 } };
  }
  const keys = await store.activeKeys();
  let session: DecodeSession;
  try {
    session = await startBundleDecode(bytes, (station) => keys.get(station), limits, { ...options, layout: store.chunkLayout });
  } catch (error) {
    if (error instanceof BundleError) throw refusal(error);
    throw error;
  }
  try {
    const outcome = await store.ingestDecoded({ sha256, bytes, pushedBy, session });
    return { ...outcome, sha256, signer: session.manifest.signer.station };
  } catch (error) {
    if (error instanceof BundleError) throw refusal(error);
    throw error;
  } finally {
    session.close();
  }
}
