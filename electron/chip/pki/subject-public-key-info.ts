// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) of the keys an eMRTD uses: RSA and EC keys of
// certificates and DG15, EC and DH keys of DG14 (ICAO 9303-11 §9.2.6), with explicit or named
// parameters.
import { malformed } from '../chip-error';
import type { DhDomain } from '../crypto/dh-groups';
import type { EcDomain } from '../crypto/ec-curves';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeTlv, expectTag, tlvChildren, type Tlv } from '../tlv/ber-tlv-reader';
import { der, readBitString, readInteger, readUnsignedIntegerBytes } from '../tlv/der-values';
import { bytesToBigInt } from '../bytes';
import { readAlgorithmIdentifier } from './algorithm-identifier';
import { encodeExplicitEcParameters, readEcParameters } from './ec-parameters';
import { OID } from './object-identifiers';

export type PublicKeyInfo =
  | { readonly kind: 'RSA'; readonly modulus: bigint; readonly exponent: bigint; readonly bits: number; readonly spki: Uint8Array }
  | { readonly kind: 'EC'; readonly domain: EcDomain; readonly curveName: string | null; readonly explicit: boolean; readonly point: Uint8Array; readonly spki: Uint8Array }
  | { readonly kind: 'DH'; readonly domain: DhDomain; readonly y: bigint; readonly spki: Uint8Array };

export function readSubjectPublicKeyInfo(t: Tlv): PublicKeyInfo {
  const [algorithm, key] = tlvChildren(expectTag(t, ASN1.SEQUENCE, 'subject public key info'));
  if (!algorithm || !key) throw malformed('incomplete public key');
  const alg = readAlgorithmIdentifier(algorithm);
  const bits = readBitString(key, 'public key');
  const spki = t.encoded;
  switch (alg.oid) {
    case OID.rsaEncryption:
    case OID.rsassaPss: {
      const [n, e] = tlvChildren(expectTag(decodeTlv(bits), ASN1.SEQUENCE, 'RSA public key'));
      if (!n || !e) throw malformed('incomplete RSA key');
      // Read as unsigned: some chips encode the modulus without the leading zero DER requires.
      const modulus = bytesToBigInt(readUnsignedIntegerBytes(n, 'RSA modulus'));
      const exponent = bytesToBigInt(readUnsignedIntegerBytes(e, 'RSA exponent'));
      if (modulus <= 0n || exponent <= 0n) throw malformed('RSA key out of range');
      return { kind: 'RSA', modulus, exponent, bits: modulus.toString(2).length, spki };
    }
    case OID.ecPublicKey: {
      if (!alg.parameters) throw malformed('EC key without parameters');
      const params = readEcParameters(alg.parameters);
      return { kind: 'EC', domain: params.domain, curveName: params.curveName, explicit: params.explicit, point: bits, spki };
    }
    case OID.dhKeyAgreement:
    case OID.dhPublicNumber: {
      if (!alg.parameters) throw malformed('DH key without parameters');
      const [p, g, third] = tlvChildren(expectTag(alg.parameters, ASN1.SEQUENCE, 'DH parameters'));
      if (!p || !g) throw malformed('incomplete DH parameters');
      // PKCS #3 (dhKeyAgreement): p, g, privateValueLength; X9.42 (dhpublicnumber): p, g, q, ...
      const q = alg.oid === OID.dhPublicNumber && third ? readInteger(third) : null;
      return { kind: 'DH', domain: { p: readInteger(p), g: readInteger(g), q }, y: readInteger(decodeTlv(bits)), spki };
    }
    default:
      throw malformed(`unsupported public key algorithm ${alg.oid}`);
  }
}

/** An EC SubjectPublicKeyInfo (explicit parameters, as chips often write them, or a named curve). */
export function encodeEcPublicKeyInfo(domain: EcDomain, point: Uint8Array, namedOid?: string): Uint8Array {
  const params = namedOid ? der.oid(namedOid) : encodeExplicitEcParameters(domain);
  return der.sequence(der.sequence(der.oid(OID.ecPublicKey), params), der.bitString(point));
}

export function encodeDhPublicKeyInfo(domain: DhDomain, y: bigint): Uint8Array {
  const params = domain.q !== null
    ? der.sequence(der.integer(domain.p), der.integer(domain.g), der.integer(domain.q))
    : der.sequence(der.integer(domain.p), der.integer(domain.g));
  return der.sequence(der.sequence(der.oid(domain.q !== null ? OID.dhPublicNumber : OID.dhKeyAgreement), params), der.bitString(der.integer(y)));
}

export function encodeRsaPublicKeyInfo(modulus: bigint, exponent: bigint): Uint8Array {
  return der.sequence(der.sequence(der.oid(OID.rsaEncryption), der.null()), der.bitString(der.sequence(der.integer(modulus), der.integer(exponent))));
}
