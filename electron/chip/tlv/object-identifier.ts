// OBJECT IDENTIFIER content octets (X.690 §8.19) to and from dotted text.
import { TlvError } from './tlv-error';

export function decodeOid(value: Uint8Array, offset = 0): string {
  if (value.length === 0 || value.length > 64) throw new TlvError('bad-length', offset, 'object identifier');
  const arcs: bigint[] = [];
  let current = 0n;
  let started = false;
  for (const b of value) {
    if (!started && b === 0x80) throw new TlvError('bad-tag', offset, 'object identifier with a leading 80');
    current = (current << 7n) | BigInt(b & 0x7f);
    started = true;
    if ((b & 0x80) === 0) {
      arcs.push(current);
      current = 0n;
      started = false;
    }
  }
  if (started) throw new TlvError('truncated', offset, 'object identifier');
  const first = arcs.shift()!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs].join('.');
}

export function encodeOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`bad OID ${dotted}`);
    return BigInt(a);
  });
  if (arcs.length < 2) throw new RangeError(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (arc: bigint) => {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const arc of arcs.slice(2)) push(arc);
  return new Uint8Array(out);
}
