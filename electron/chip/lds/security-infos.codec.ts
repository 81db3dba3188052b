// SecurityInfos (ICAO 9303-11 §9.2, BSI TR-03110-3 §A.1.1): the protocol descriptions of
// EF.CardAccess, EF.CardSecurity and DG14 — a SET OF SecurityInfo ::= SEQUENCE { protocol OID,
// requiredData ANY, optionalData ANY OPTIONAL }. Each kind is told apart by its protocol OID;
// unknown ones are kept with their OID, never dropped silently.
import { malformed } from '../chip-error';
import { readAlgorithmIdentifier, type AlgorithmIdentifier } from '../pki/algorithm-identifier';
import { OID } from '../pki/object-identifiers';
import { readSubjectPublicKeyInfo, type PublicKeyInfo } from '../pki/subject-public-key-info';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeTlv, expectTag, tlvChildren, type Tlv, type TlvDecodeOptions } from '../tlv/ber-tlv-reader';
import { der, readOid, readSmallInteger } from '../tlv/der-values';

export type SecurityInfo =
  | { readonly type: 'PACEInfo'; readonly oid: string; readonly version: number; readonly parameterId: number | null }
  | { readonly type: 'PACEDomainParameterInfo'; readonly oid: string; readonly domainParameter: AlgorithmIdentifier; readonly parameterId: number | null }
  | { readonly type: 'ChipAuthenticationInfo'; readonly oid: string; readonly version: number; readonly keyId: number | null }
  | { readonly type: 'ChipAuthenticationDomainParameterInfo'; readonly oid: string; readonly domainParameter: AlgorithmIdentifier; readonly keyId: number | null }
  | { readonly type: 'ChipAuthenticationPublicKeyInfo'; readonly oid: string; readonly publicKey: PublicKeyInfo; readonly keyId: number | null }
  | { readonly type: 'TerminalAuthenticationInfo'; readonly oid: string; readonly version: number }
  | { readonly type: 'ActiveAuthenticationInfo'; readonly oid: string; readonly version: number; readonly signatureAlgorithm: string }
  | { readonly type: 'Unknown'; readonly oid: string; readonly encoded: Uint8Array };

function depthUnder(oid: string, prefix: string): number | null {
  return oid.startsWith(`${prefix}.`) ? oid.slice(prefix.length + 1).split('.').length : null;
}

function optionalInt(t: Tlv | undefined, what: string): number | null {
  return t && t.tag === ASN1.INTEGER ? readSmallInteger(t, what) : null;
}

export function readSecurityInfo(t: Tlv): SecurityInfo {
  const [protocol, required, optional] = tlvChildren(expectTag(t, ASN1.SEQUENCE, 'SecurityInfo'));
  if (!protocol) throw malformed('SecurityInfo without a protocol');
  const oid = readOid(protocol, 'SecurityInfo protocol');
  const pace = depthUnder(oid, OID.idPACE);
  const ca = depthUnder(oid, OID.idCA);
  const pk = depthUnder(oid, OID.idPK);
  if (!required) return { type: 'Unknown', oid, encoded: t.encoded };
  if (pace === 2) return { type: 'PACEInfo', oid, version: readSmallInteger(required, 'PACE version'), parameterId: optionalInt(optional, 'parameterId') };
  if (pace === 1) return { type: 'PACEDomainParameterInfo', oid, domainParameter: readAlgorithmIdentifier(required), parameterId: optionalInt(optional, 'parameterId') };
  if (ca === 2) return { type: 'ChipAuthenticationInfo', oid, version: readSmallInteger(required, 'CA version'), keyId: optionalInt(optional, 'keyId') };
  if (ca === 1) return { type: 'ChipAuthenticationDomainParameterInfo', oid, domainParameter: readAlgorithmIdentifier(required), keyId: optionalInt(optional, 'keyId') };
  if (pk === 1) return { type: 'ChipAuthenticationPublicKeyInfo', oid, publicKey: readSubjectPublicKeyInfo(required), keyId: optionalInt(optional, 'keyId') };
  if (oid === OID.idTA) return { type: 'TerminalAuthenticationInfo', oid, version: readSmallInteger(required, 'TA version') };
  if (oid === OID.aaProtocolObject && optional) {
    return { type: 'ActiveAuthenticationInfo', oid, version: readSmallInteger(required, 'AA version'), signatureAlgorithm: readOid(optional, 'AA signature algorithm') };
  }
  return { type: 'Unknown', oid, encoded: t.encoded };
}

/** SecurityInfos from a SET OF SecurityInfo (padding after it tolerated, as chips pad files). */
export function decodeSecurityInfos(bytes: Uint8Array, options: TlvDecodeOptions = { skipPadding: true }): SecurityInfo[] {
  const set = expectTag(decodeTlv(bytes, options), ASN1.SET, 'SecurityInfos');
  return tlvChildren(set).map(readSecurityInfo);
}

export function encodeSecurityInfo(info: SecurityInfo, encodedPublicKey?: Uint8Array): Uint8Array {
  const opt = (n: number | null) => (n === null ? [] : [der.integer(n)]);
  switch (info.type) {
    case 'PACEInfo':
      return der.sequence(der.oid(info.oid), der.integer(info.version), ...opt(info.parameterId));
    case 'PACEDomainParameterInfo':
    case 'ChipAuthenticationDomainParameterInfo':
      throw new RangeError(`encoding of ${info.type} is not supported`);
    case 'ChipAuthenticationInfo':
      return der.sequence(der.oid(info.oid), der.integer(info.version), ...opt(info.keyId));
    case 'ChipAuthenticationPublicKeyInfo':
      return der.sequence(der.oid(info.oid), encodedPublicKey ?? info.publicKey.spki, ...opt(info.keyId));
    case 'TerminalAuthenticationInfo':
      return der.sequence(der.oid(info.oid), der.integer(info.version));
    case 'ActiveAuthenticationInfo':
      return der.sequence(der.oid(info.oid), der.integer(info.version), der.oid(info.signatureAlgorithm));
    case 'Unknown':
      return info.encoded;
  }
}

export function encodeSecurityInfos(infos: readonly SecurityInfo[]): Uint8Array {
  return der.set(...infos.map((i) => encodeSecurityInfo(i)));
}
