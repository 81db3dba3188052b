// What a DER object of the eMRTD PKI is, from its outer structure alone, so a file handed to the
// station is read as what it is and refused in plain words otherwise:
//   Certificate  ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version?, serial, signature, issuer, validity SEQUENCE, ... }, ... }
//   CertificateList ::= SEQUENCE { tbsCertList SEQUENCE { version INTEGER?, signature, issuer, thisUpdate Time, ... }, ... }
//   ContentInfo  ::= SEQUENCE { contentType OID, [0] content }  (CMS, RFC 5652 §3: master lists, 9303-12 §8)
//   EF.SOD       ::= '77' { ContentInfo }                         (9303-10 §4.6.2)
// (RFC 5280 §4.1 and §5.1.) A certificate's tbs has a validity SEQUENCE where a CRL's has a Time.
import { ChipError } from '../chip-error';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeTlv, tlvChildren, type Tlv } from '../tlv/ber-tlv-reader';
import { readOid } from '../tlv/der-values';
import { LDS_TAG } from '../lds/lds-files';
import { OID } from './object-identifiers';

export type PkiObjectKind =
  | { readonly kind: 'certificate' }
  | { readonly kind: 'crl' }
  | { readonly kind: 'signed-data'; readonly contentType: string }
  | { readonly kind: 'sod' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The kind, and the object's own bytes (without the '00'/'FF' padding a file read from a chip may end with). */
export type PkiObject = PkiObjectKind & { readonly der: Uint8Array };

const isTime = (t: Tlv | undefined) => t?.tag === ASN1.UTC_TIME || t?.tag === ASN1.GENERALIZED_TIME;

export function pkiObject(bytes: Uint8Array): PkiObject {
  let top: Tlv;
  try {
    top = decodeTlv(bytes, { skipPadding: true });
  } catch (e) {
    return { kind: 'unknown', reason: e instanceof ChipError ? e.message : 'not DER', der: bytes };
  }
  return { ...kindOf(top), der: top.encoded };
}

function kindOf(top: Tlv): PkiObjectKind {
  try {
    if (top.tag === LDS_TAG.SOD) return { kind: 'sod' };
    if (top.tag !== ASN1.SEQUENCE) return { kind: 'unknown', reason: 'it does not start with a DER SEQUENCE' };
    const [first] = tlvChildren(top);
    if (first?.tag === ASN1.OID) {
      const type = readOid(first);
      if (type !== OID.signedData) return { kind: 'unknown', reason: `it is CMS content of type ${type}, not SignedData` };
      const [, explicit] = tlvChildren(top);
      const [sd] = explicit ? tlvChildren(explicit) : [];
      const encap = sd ? tlvChildren(sd)[2] : undefined;
      const [eType] = encap ? tlvChildren(encap) : [];
      return { kind: 'signed-data', contentType: eType ? readOid(eType) : '' };
    }
    if (first?.tag !== ASN1.SEQUENCE) return { kind: 'unknown', reason: 'it is neither a certificate, a CRL nor CMS SignedData' };
    const fields = tlvChildren(first);
    if (fields[0]?.tag === 0xa0) return { kind: 'certificate' };
    const i = fields[0]?.tag === ASN1.INTEGER ? 1 : 0;
    if (isTime(fields[i + 2])) return { kind: 'crl' };
    if (fields[i + 3]?.tag === ASN1.SEQUENCE) return { kind: 'certificate' };
    return { kind: 'unknown', reason: 'it is neither a certificate, a CRL nor CMS SignedData' };
  } catch (e) {
    return { kind: 'unknown', reason: e instanceof ChipError ? e.message : 'its structure cannot be read' };
  }
}
