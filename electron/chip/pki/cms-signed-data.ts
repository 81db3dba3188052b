// CMS SignedData (RFC 5652 §5) as ICAO uses it for EF.SOD (9303-10 §4.6.2), EF.CardSecurity
// (TR-03110-3 §A.1.2.5) and CSCA master lists (9303-12 §8): the encapsulated content, the
// certificates carried, and each SignerInfo with its signed attributes kept byte-exact (the
// signature covers their DER SET encoding).
import { concat, hex } from '../bytes';
import { malformed } from '../chip-error';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeNested, decodeTlv, expectTag, tlvChildren, type Tlv, type TlvDecodeOptions } from '../tlv/ber-tlv-reader';
import { readOctetString, readOid, readTime, readUnsignedIntegerBytes } from '../tlv/der-values';
import { readAlgorithmIdentifier, type AlgorithmIdentifier } from './algorithm-identifier';
import { OID } from './object-identifiers';
import { readCertificate, type Certificate } from './x509-certificate';
import { readName, type X509Name } from './x509-name';

export type SignerIdentifier =
  | { readonly kind: 'issuer-serial'; readonly issuer: X509Name; readonly serialNumber: string }
  | { readonly kind: 'key-id'; readonly keyId: string };

export interface SignerInfo {
  readonly sid: SignerIdentifier;
  readonly digestAlgorithm: AlgorithmIdentifier;
  /** The signed attributes re-tagged as SET OF ('31'), as the signature covers them; null when absent. */
  readonly signedAttributes: Uint8Array | null;
  readonly contentType: string | null;
  readonly messageDigest: Uint8Array | null;
  readonly signingTime: Date | null;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
}

export interface SignedData {
  readonly contentType: string;
  readonly content: Uint8Array;
  readonly certificates: readonly Certificate[];
  readonly crls: readonly Uint8Array[];
  readonly signers: readonly SignerInfo[];
}

/** OCTET STRING content, primitive or (BER) constructed from segments. */
function octets(t: Tlv): Uint8Array {
  if (t.tag === ASN1.OCTET_STRING) return t.value;
  if (t.tag === (ASN1.OCTET_STRING | 0x20)) return concat(...tlvChildren(t).map(octets));
  throw malformed('expected an octet string');
}

/** SignedData from a ContentInfo (or from the bytes of EF.SOD's '77' wrapper's content). */
export function decodeSignedData(bytes: Uint8Array, options: TlvDecodeOptions = { skipPadding: true }): SignedData {
  let top = decodeTlv(bytes, options);
  if (top.tag === 0x77) top = tlvChildren(top)[0] ?? top;
  const [type, explicit] = tlvChildren(expectTag(top, ASN1.SEQUENCE, 'content info'));
  if (!type || !explicit || readOid(type) !== OID.signedData) throw malformed('not a CMS SignedData');
  const [sd] = tlvChildren(explicit);
  if (!sd) throw malformed('empty SignedData');
  const parts = tlvChildren(expectTag(sd, ASN1.SEQUENCE, 'SignedData'));
  const [, , encap] = parts;
  if (!encap) throw malformed('SignedData without content');
  const [eType, eContent] = tlvChildren(expectTag(encap, ASN1.SEQUENCE, 'encapsulated content'));
  if (!eType || !eContent) throw malformed('SignedData without its content');
  const [inner] = tlvChildren(eContent);
  if (!inner) throw malformed('SignedData with empty content');
  const certificates: Certificate[] = [];
  const crls: Uint8Array[] = [];
  let signerSet: Tlv | undefined;
  for (const p of parts.slice(3)) {
    if (p.tag === 0xa0) for (const c of tlvChildren(p)) if (c.tag === ASN1.SEQUENCE) certificates.push(readCertificate(decodeTlv(c.encoded)));
    if (p.tag === 0xa1) for (const c of tlvChildren(p)) crls.push(c.encoded);
    if (p.tag === ASN1.SET) signerSet = p;
  }
  if (!signerSet) throw malformed('SignedData without signer');
  return {
    contentType: readOid(eType),
    content: octets(inner),
    certificates,
    crls,
    signers: tlvChildren(signerSet).map(readSignerInfo),
  };
}

function readSignerInfo(t: Tlv): SignerInfo {
  const fields = tlvChildren(expectTag(t, ASN1.SEQUENCE, 'SignerInfo'));
  const [, sidTlv, digestTlv] = fields;
  if (!sidTlv || !digestTlv) throw malformed('incomplete SignerInfo');
  let sid: SignerIdentifier;
  if (sidTlv.tag === ASN1.SEQUENCE) {
    const [issuer, serial] = tlvChildren(sidTlv);
    if (!issuer || !serial) throw malformed('incomplete signer identifier');
    sid = { kind: 'issuer-serial', issuer: readName(issuer), serialNumber: hex(readUnsignedIntegerBytes(serial)) };
  } else if (sidTlv.tag === 0x80) {
    sid = { kind: 'key-id', keyId: hex(sidTlv.value) };
  } else throw malformed('unknown signer identifier');
  let at = 3;
  let signedAttributes: Uint8Array | null = null;
  let contentType: string | null = null;
  let messageDigest: Uint8Array | null = null;
  let signingTime: Date | null = null;
  if (fields[at]?.tag === 0xa0) {
    const attrs = fields[at++]!;
    // The signature is computed over the DER encoding of SET OF Attribute (RFC 5652 §5.4).
    signedAttributes = concat(new Uint8Array([ASN1.SET]), attrs.encoded.subarray(1));
    for (const attr of tlvChildren(attrs)) {
      const [oid, values] = tlvChildren(attr);
      if (!oid || !values) continue;
      const [value] = decodeNested(values);
      if (!value) continue;
      switch (readOid(oid)) {
        case OID.contentType:
          contentType = readOid(value);
          break;
        case OID.messageDigest:
          messageDigest = readOctetString(value);
          break;
        case OID.signingTime:
          signingTime = readTime(value);
          break;
      }
    }
  }
  const sigAlg = fields[at++];
  const sig = fields[at];
  if (!sigAlg || !sig) throw malformed('incomplete SignerInfo');
  return { sid, digestAlgorithm: readAlgorithmIdentifier(digestTlv), signedAttributes, contentType, messageDigest, signingTime, signatureAlgorithm: readAlgorithmIdentifier(sigAlg), signature: readOctetString(sig) };
}
