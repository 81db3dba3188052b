// Where protocols get their randomness: the system's CSPRNG, or fixed values in tests that replay
// the ICAO worked examples.
import { randomBytes } from 'node:crypto';

export type RandomSource = (length: number) => Uint8Array;

export const systemRandom: RandomSource = (length) => new Uint8Array(randomBytes(length));

/** A uniformly random scalar in [1, order − 1] (64 extra bits make the reduction's bias negligible). */
export function randomScalar(order: bigint, random: RandomSource): bigint {
  const bytes = random(Math.ceil(order.toString(16).length / 2) + 8);
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return (value % (order - 1n)) + 1n;
}
