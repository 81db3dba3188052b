// Single-file signed JSON lines, the house format of files that travel as one attachment (chip
// evidence packages, audit exports): UTF-8 lines, each ending in "\n", and a last line
// {"format":"<kind>-signature/1","algorithm":"ed25519","publicKey":"<raw key, base64>","signature":"<base64>"}
// holding the Ed25519 signature over the exact bytes of every line before it. Keys and signatures
// are strict base64 (strict-base64.ts): text that is not the one canonical encoding never verifies.
// Reading checks the size, the signature, then hands back the lines; each format checks its own.
import { createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';
import { decodeBase64Exact, ED25519_PUBLIC_KEY_BYTES, ED25519_SIGNATURE_BYTES } from './strict-base64';

export interface SignedLinesFormat {
  /** The signature line's `format`. */
  signatureFormat: string;
  /** What the file is called in messages ("chip evidence package", "audit export"). */
  what: string;
  /** What a file whose signature does not verify is told. */
  altered: string;
  maxBytes: number;
  /** The format's own error for a file it refuses. */
  refuse: (message: string) => Error;
}

export interface LineSigner {
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  sign(body: Buffer): Buffer;
}

const signatureSchema = (format: string) =>
  z.object({ format: z.literal(format), algorithm: z.literal('ed25519'), publicKey: z.string().max(100), signature: z.string().max(200) }).strict();

/** The lines (without their "\n") and the signature line after them, within the format's size. */
export function signLines(lines: readonly string[], signer: LineSigner, format: SignedLinesFormat): Buffer {
  const body = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  const signature = { format: format.signatureFormat, algorithm: 'ed25519', publicKey: signer.publicKey, signature: signer.sign(body).toString('base64') };
  const out = Buffer.concat([body, Buffer.from(`${JSON.stringify(signature)}\n`, 'utf8')]);
  if (out.length > format.maxBytes) throw format.refuse(`the ${format.what} would be ${out.length} bytes, more than the ${format.maxBytes} allowed`);
  return out;
}

/** One line as JSON checked against `schema`; `what` names the line in the refusal. */
export function parseJsonLine<T>(line: string, schema: z.ZodType<T>, what: string, refuse: (message: string) => Error): T {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw refuse(`${what} is not valid JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw refuse(`${what}: ${parsed.error.issues.slice(0, 2).map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * Checks the signature over the exact bytes before the last line, then returns the lines before it
 * and the signer's key (raw, base64). Anything else — too large, truncated, no signature line, a
 * key or signature not in canonical base64, a signature that does not verify — is refused.
 */
export function openSignedLines(data: Uint8Array, format: SignedLinesFormat): { lines: string[]; signerKey: string } {
  const { refuse } = format;
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length > format.maxBytes) throw refuse(`the ${format.what} is ${buffer.length} bytes, more than the ${format.maxBytes} allowed`);
  if (buffer.length === 0 || buffer[buffer.length - 1] !== 0x0a) throw refuse('the last line is incomplete (a truncated file?)');
  const lastStart = buffer.lastIndexOf(0x0a, buffer.length - 2) + 1;
  if (lastStart === 0) throw refuse(`not a ${format.what}: it has no signature line`);
  const body = buffer.subarray(0, lastStart);
  const sig = parseJsonLine(buffer.subarray(lastStart, buffer.length - 1).toString('utf8'), signatureSchema(format.signatureFormat), 'the signature line', refuse);
  const raw = decodeBase64Exact(sig.publicKey, ED25519_PUBLIC_KEY_BYTES);
  // Canonical base64 of exactly 64 bytes: altered signature text never decodes to the signed bytes.
  const signature = decodeBase64Exact(sig.signature, ED25519_SIGNATURE_BYTES);
  if (raw === null) throw refuse("the signature line's public key is not a raw Ed25519 key in canonical base64");
  if (signature === null) throw refuse('the signature is not 64 bytes of canonical base64');
  let valid: boolean;
  try {
    valid = verify(null, body, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }), signature);
  } catch {
    valid = false;
  }
  if (!valid) throw refuse(format.altered);
  return { lines: body.subarray(0, body.length - 1).toString('utf8').split('\n'), signerKey: sig.publicKey };
}
