// Inflating a verified bundle payload, bounded by the size its signed manifest declares: at once
// (in-thread decoding) or piece by piece (the decoding worker, so the first lines are validated
// while the rest still inflates). Both refuse the same payloads with the same faults.
import { createGunzip, gunzipSync } from 'node:zlib';
import { BundleError } from './bundle-error';

/** The whole payload inflated at once, bounded by its signed size (in-thread decoding). */
export function inflatePayload(payload: Buffer, declared: number): Buffer {
  let text: Buffer;
  try {
    // The signed size bounds the inflation; a payload that inflates beyond it is refused mid-way.
    text = payload.length === 0 ? Buffer.alloc(0) : gunzipSync(payload, { maxOutputLength: Math.max(1, declared) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new BundleError('decompression-bomb', 'payload inflates beyond its declared size');
    throw new BundleError('corrupt-payload', 'payload is not valid gzip');
  }
  if (text.length !== declared) throw new BundleError('payload-mismatch', 'inflated payload size differs from the manifest');
  return text;
}

/**
 * The payload inflated piece by piece into `onText`, with the same bounds and faults as
 * inflatePayload (a bomb is stopped as soon as it passes the signed size).
 */
export function inflatePayloadStream(payload: Uint8Array, declared: number, onText: (text: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (payload.length === 0) {
      if (declared !== 0) reject(new BundleError('payload-mismatch', 'inflated payload size differs from the manifest'));
      else resolve();
      return;
    }
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    // As inflatePayload: at least one byte may come out before a bomb is called a bomb.
    const bound = Math.max(1, declared);
    let total = 0;
    let failed = false;
    const fail = (error: BundleError) => {
      if (failed) return;
      failed = true;
      gunzip.destroy();
      reject(error);
    };
    gunzip.on('data', (text: Buffer) => {
      if (failed) return;
      total += text.length;
      if (total > bound) return fail(new BundleError('decompression-bomb', 'payload inflates beyond its declared size'));
      try {
        onText(text);
      } catch (e) {
        failed = true;
        gunzip.destroy();
        reject(e);
      }
    });
    gunzip.on('error', () => fail(new BundleError('corrupt-payload', 'payload is not valid gzip')));
    gunzip.on('end', () => {
      if (failed) return;
      if (total !== declared) fail(new BundleError('payload-mismatch', 'inflated payload size differs from the manifest'));
      else resolve();
    });
    gunzip.end(payload);
  });
}
