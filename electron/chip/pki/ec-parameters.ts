// ECParameters (RFC 3279 §2.3.5, BSI TR-03111 §5.1.1): a named curve, or explicit prime-field
// parameters as many eMRTD certificates and DG14 keys carry them.
import { bytesToBigInt, concat, bigIntToBytes } from '../bytes';
import { malformed } from '../chip-error';
import { curveByOid, fieldLength, namedCurveOf, type EcDomain } from '../crypto/ec-curves';
import { ASN1 } from '../tlv/asn1-tags';
import { expectTag, tlvChildren, type Tlv } from '../tlv/ber-tlv-reader';
import { der, readInteger, readOctetString, readOid } from '../tlv/der-values';
import { OID } from './object-identifiers';

export interface EcParameters {
  readonly domain: EcDomain;
  /** The curve's name when the parameters are (or equal) a known curve. */
  readonly curveName: string | null;
  readonly explicit: boolean;
}

export function readEcParameters(t: Tlv): EcParameters {
  if (t.tag === ASN1.OID) {
    const oid = readOid(t);
    const named = curveByOid(oid);
    if (!named) throw malformed(`unsupported elliptic curve ${oid}`);
    return { domain: named, curveName: named.name, explicit: false };
  }
  const [version, fieldId, curve, base, order, cofactor] = tlvChildren(expectTag(t, ASN1.SEQUENCE, 'EC parameters'));
  if (!version || !fieldId || !curve || !base || !order) throw malformed('incomplete explicit EC parameters');
  const [fieldType, prime] = tlvChildren(expectTag(fieldId, ASN1.SEQUENCE, 'field ID'));
  if (!fieldType || !prime || readOid(fieldType) !== OID.primeField) throw malformed('EC parameters over a field other than a prime field');
  const [a, b] = tlvChildren(expectTag(curve, ASN1.SEQUENCE, 'curve'));
  if (!a || !b) throw malformed('incomplete curve');
  const p = readInteger(prime);
  const g = readOctetString(base, 'base point');
  const size = Math.ceil(p.toString(16).length / 2);
  if (g.length !== 1 + 2 * size || g[0] !== 4) throw malformed('base point not uncompressed');
  const domain: EcDomain = {
    p,
    a: bytesToBigInt(readOctetString(a)),
    b: bytesToBigInt(readOctetString(b)),
    gx: bytesToBigInt(g.subarray(1, 1 + size)),
    gy: bytesToBigInt(g.subarray(1 + size)),
    n: readInteger(order),
    h: cofactor ? readInteger(cofactor) : 1n,
  };
  if (p <= 3n || domain.n <= 1n || domain.h < 1n) throw malformed('EC parameters out of range');
  const named = namedCurveOf(domain);
  return { domain: named ?? domain, curveName: named?.name ?? null, explicit: true };
}

/** Explicit ECParameters (the encoding chips and test certificates use with ec_param_enc:explicit). */
export function encodeExplicitEcParameters(domain: EcDomain): Uint8Array {
  const size = fieldLength(domain);
  return der.sequence(
    der.integer(1),
    der.sequence(der.oid(OID.primeField), der.integer(domain.p)),
    der.sequence(der.octetString(bigIntToBytes(domain.a, size)), der.octetString(bigIntToBytes(domain.b, size))),
    der.octetString(concat(new Uint8Array([4]), bigIntToBytes(domain.gx, size), bigIntToBytes(domain.gy, size))),
    der.integer(domain.n),
    der.integer(domain.h),
  );
}
