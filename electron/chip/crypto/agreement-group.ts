// One view of the two kinds of group PACE and chip authentication run in (ICAO 9303-11 §4.4.3,
// §6.2; BSI TR-03111 for EC): elliptic-curve points or integers modulo a prime. Every element that
// comes from the chip is validated when decoded (on the curve and not the identity; 1 < y < p − 1
// and in the subgroup when its order is known), so a hostile chip cannot steer a computation.
import { bigIntToBytes, bytesToBigInt, concat } from '../bytes';
import { ChipError } from '../chip-error';
import { modPow, type DhDomain } from './dh-groups';
import { fieldLength, pointType, type EcDomain, type EcPoint } from './ec-curves';
import { randomScalar, type RandomSource } from './random-source';

export interface AgreementGroup<E> {
  readonly kind: 'EC' | 'DH';
  readonly generator: E;
  /** The order of the generator (n, or q for DH; for DH without q: p − 1). */
  readonly order: bigint;
  randomPrivateKey(random: RandomSource): bigint;
  /** k·E (EC) or E^k mod p (DH). */
  multiply(element: E, scalar: bigint): E;
  /** E1 + E2 (EC) or E1·E2 mod p (DH). */
  combine(a: E, b: E): E;
  equals(a: E, b: E): boolean;
  /** EC: uncompressed point 04 ‖ x ‖ y; DH: the value on the length of p. */
  encode(element: E): Uint8Array;
  /** Validated decoding of an element received from the other side. */
  decode(bytes: Uint8Array): E;
  /** The shared secret of a key agreement: EC the x-coordinate, DH the value, on the field's length. */
  sharedSecret(element: E): Uint8Array;
  /** The same group with another generator (the mapped generator of PACE). */
  withGenerator(generator: E): AgreementGroup<E>;
}

function badKey(what: string): ChipError {
  return new ChipError('MalformedData', `The chip sent an invalid public key (${what}).`);
}

export function ecGroup(domain: EcDomain, generator?: EcPoint): AgreementGroup<EcPoint> {
  const Point = pointType(domain);
  const size = fieldLength(domain);
  const g = generator ?? Point.BASE;
  return {
    kind: 'EC',
    generator: g,
    order: domain.n,
    randomPrivateKey: (random) => randomScalar(domain.n, random),
    multiply: (element, scalar) => element.multiply(((scalar % domain.n) + domain.n) % domain.n),
    combine: (a, b) => a.add(b),
    equals: (a, b) => a.equals(b),
    encode: (element) => {
      const { x, y } = element.toAffine();
      return concat(new Uint8Array([4]), bigIntToBytes(x, size), bigIntToBytes(y, size));
    },
    decode: (bytes) => {
      if (bytes.length !== 1 + 2 * size || bytes[0] !== 4) throw badKey('not an uncompressed point of this curve');
      let point: EcPoint;
      try {
        point = Point.fromAffine({ x: bytesToBigInt(bytes.subarray(1, 1 + size)), y: bytesToBigInt(bytes.subarray(1 + size)) });
        point.assertValidity();
      } catch {
        throw badKey('not on the curve');
      }
      if (point.is0()) throw badKey('the point at infinity');
      return point;
    },
    sharedSecret: (element) => {
      if (element.is0()) throw badKey('shared secret at infinity');
      return bigIntToBytes(element.toAffine().x, size);
    },
    withGenerator: (next) => ecGroup(domain, next),
  };
}

export function dhGroup(domain: DhDomain, generator?: bigint): AgreementGroup<bigint> {
  const size = Math.ceil(domain.p.toString(16).length / 2);
  const g = generator ?? domain.g;
  const order = domain.q ?? domain.p - 1n;
  return {
    kind: 'DH',
    generator: g,
    order,
    randomPrivateKey: (random) => randomScalar(order, random),
    multiply: (element, scalar) => modPow(element, scalar, domain.p),
    combine: (a, b) => (a * b) % domain.p,
    equals: (a, b) => a === b,
    encode: (element) => bigIntToBytes(element, size),
    decode: (bytes) => {
      if (bytes.length === 0 || bytes.length > size) throw badKey('value longer than the modulus');
      const y = bytesToBigInt(bytes);
      if (y <= 1n || y >= domain.p - 1n) throw badKey('value out of range');
      if (domain.q !== null && modPow(y, domain.q, domain.p) !== 1n) throw badKey('not in the subgroup');
      return y;
    },
    sharedSecret: (element) => bigIntToBytes(element, size),
    withGenerator: (next) => dhGroup(domain, next),
  };
}
