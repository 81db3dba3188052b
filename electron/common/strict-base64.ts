// Strict base64 for signatures and keys. Node's decoder skips characters outside the alphabet,
// accepts missing padding and ignores non-zero padding bits, so "altered" signature text can still
// decode to the signed bytes: a signature whose text was tampered with would verify. Here the text
// must be the one canonical encoding of bytes of the expected length, and nothing else.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes of canonical base64 text, or null when the text is not exactly that (any length). */
export function decodeCanonicalBase64(text: string): Buffer | null {
  if (typeof text !== 'string' || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero padding bits decode to the same bytes: re-encoding tells them apart.
  return bytes.toString('base64') === text ? bytes : null;
}

/** Bytes of canonical base64 text that encodes exactly `byteLength` bytes, or null. */
export function decodeBase64Exact(text: string, byteLength: number): Buffer | null {
  if (typeof text !== 'string' || text.length !== 4 * Math.ceil(byteLength / 3)) return null;
  const bytes = decodeCanonicalBase64(text);
  return bytes && bytes.length === byteLength ? bytes : null;
}

/** An Ed25519 signature is 64 bytes: 88 characters of canonical base64. */
export const ED25519_SIGNATURE_BYTES = 64;
/** A raw Ed25519 public key is 32 bytes: 44 characters of canonical base64. */
export const ED25519_PUBLIC_KEY_BYTES = 32;
