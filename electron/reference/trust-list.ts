// The signers whose reference packages this station accepts (<dataDir>/reference/trust.json).
// A package is accepted only when its signature verifies with a key on this list; the name in a
// signature file is informative, the key fingerprint decides.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LoupeError } from '../common/loupe-error';
import { writeFileAtomic } from './atomic-files';
import { keyFingerprint, parsePublicKey } from '../trust/public-key';

export const TRUST_SCHEMA = 'loupe.trust/1';

const TrustedSignerSchema = z
  .object({
    name: z.string().min(1).max(200),
    /** SPKI PEM. */
    publicKey: z.string().min(1).max(4000),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    addedAt: z.string(),
  })
  .strict();
export type TrustedSigner = z.infer<typeof TrustedSignerSchema>;

const TrustFileSchema = z.object({ schema: z.literal(TRUST_SCHEMA), signers: z.array(TrustedSignerSchema) }).strict();

export function trustListPath(dataDir: string): string {
  return join(dataDir, 'reference', 'trust.json');
}

export class TrustList {
  private constructor(
    readonly file: string,
    private signers: TrustedSigner[],
  ) {}

  /** A missing file is an empty list; a damaged one is an error (never silently trust or distrust). */
  static load(file: string): TrustList {
    if (!existsSync(file)) return new TrustList(file, []);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new LoupeError('InvalidInput', `trust list ${file} is not valid JSON`);
    }
    const parsed = TrustFileSchema.safeParse(json);
    if (!parsed.success) throw new LoupeError('InvalidInput', `trust list ${file} is damaged: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    for (const signer of parsed.data.signers) {
      if (keyFingerprint(parsePublicKey(signer.publicKey)) !== signer.fingerprint) throw new LoupeError('InvalidInput', `trust list ${file}: fingerprint of '${signer.name}' does not match its key`);
    }
    return new TrustList(file, parsed.data.signers);
  }

  static forDataDir(dataDir: string): TrustList {
    return TrustList.load(trustListPath(dataDir));
  }

  list(): TrustedSigner[] {
    return this.signers.map((s) => ({ ...s }));
  }

  findByFingerprint(fingerprint: string): TrustedSigner | undefined {
    return this.signers.find((s) => s.fingerprint === fingerprint);
  }

  /** Adds (or renames) a signer by public key; saved at once. */
  add(name: string, publicKeyText: string, now: Date = new Date()): TrustedSigner {
    if (!name.trim()) throw new LoupeError('InvalidInput', 'a trusted signer needs a name');
    const key = parsePublicKey(publicKeyText);
    const signer: TrustedSigner = {
      name: name.trim(),
      publicKey: key.export({ format: 'pem', type: 'spki' }).toString(),
      fingerprint: keyFingerprint(key),
      addedAt: now.toISOString(),
    };
    this.signers = [...this.signers.filter((s) => s.fingerprint !== signer.fingerprint), signer];
    this.save();
    return signer;
  }

  /** Removes signers by name or fingerprint; returns how many were removed. */
  remove(nameOrFingerprint: string): number {
    const before = this.signers.length;
    this.signers = this.signers.filter((s) => s.name !== nameOrFingerprint && s.fingerprint !== nameOrFingerprint);
    if (this.signers.length !== before) this.save();
    return before - this.signers.length;
  }

  private save(): void {
    writeFileAtomic(this.file, `${JSON.stringify({ schema: TRUST_SCHEMA, signers: this.signers }, null, 2)}\n`);
  }
}
