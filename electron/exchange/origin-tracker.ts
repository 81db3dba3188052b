// Which proof of origin covers each item of a bundle, line by line (docs/trends.md, "Origin of
// items"). An origin line opens a section: the items after it, up to the next origin line, must be
// items of that origin whose ids the proof lists. Items before any origin line are proven by the
// bundle's own signature, so they must be the signer's. An item that fails either rule is refused,
// and a refused line refuses the bundle: one station can never speak for another.
// The proofs' signatures are checked by the receiver against its trust list (verifyOriginProof).
import type { OriginProof } from './origin-proof';

/** The section of items that are the signer's own, proven by the bundle signature (no origin line). */
export const SIGNER_SECTION = -1;

export class OriginTracker {
  private section = SIGNER_SECTION;
  private station: string;
  private ids: Set<string> | null = null;
  /** Sections opened so far. */
  count = 0;

  constructor(private readonly signer: string) {
    this.station = signer;
  }

  /** An origin line: the items that follow are that proof's. Returns the section's index. */
  open(proof: OriginProof): number {
    const ids = new Set<string>();
    const buffer = Buffer.from(proof.ids.buffer, proof.ids.byteOffset, proof.ids.byteLength);
    for (let at = 0; at < buffer.length; at += 32) ids.add(buffer.toString('hex', at, at + 32));
    this.ids = ids;
    this.station = proof.station;
    this.section = this.count++;
    return this.section;
  }

  /** The section proving an item of `station` with `id`, or the reason it is not proven. */
  check(station: string, id: string): number | string {
    if (station !== this.station) {
      return this.ids === null
        ? `origin: an item of station ${station} in a bundle signed by ${this.signer}, without that station's proof`
        : `origin: an item of station ${station} under the proof of station ${this.station}`;
    }
    if (this.ids !== null && !this.ids.has(id)) return `origin: item ${id.slice(0, 12)}… is not among the ids station ${station} signed`;
    return this.section;
  }
}
