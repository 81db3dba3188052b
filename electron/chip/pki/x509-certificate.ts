// X.509 certificates of the eMRTD PKI (RFC 5280, ICAO 9303-12 §7.1): CSCA, link and document
// signer certificates, with what chain building needs — names, key identifiers, validity, the
// private key usage period of document signers, CA flags — and the public key, explicit EC
// parameters included. Decoding is bounded like every chip structure.
import { hex } from '../bytes';
import { malformed } from '../chip-error';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeTlv, expectTag, tlvChildren, type Tlv } from '../tlv/ber-tlv-reader';
import { readBitString, readBoolean, readOctetString, readOid, readSmallInteger, readTime, readUnsignedIntegerBytes } from '../tlv/der-values';
import { readAlgorithmIdentifier, type AlgorithmIdentifier } from './algorithm-identifier';
import { OID } from './object-identifiers';
import { readSubjectPublicKeyInfo, type PublicKeyInfo } from './subject-public-key-info';
import { readName, type X509Name } from './x509-name';

export interface Certificate {
  readonly encoded: Uint8Array;
  readonly tbs: Uint8Array;
  readonly version: number;
  /** Serial number, hex without leading zeros' sign byte. */
  readonly serialNumber: string;
  readonly issuer: X509Name;
  readonly subject: X509Name;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The key, or null when its algorithm is not supported (the certificate is still listed). */
  readonly publicKey: PublicKeyInfo | null;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
  readonly subjectKeyIdentifier: string | null;
  readonly authorityKeyIdentifier: string | null;
  readonly isCa: boolean | null;
  /** Key usage (RFC 5280 §4.2.1.3): a CSCA certifies keys and signs CRLs, a document signer signs (9303-12 Table 6). */
  readonly keyUsage: { readonly digitalSignature: boolean; readonly keyCertSign: boolean; readonly cRLSign: boolean } | null;
  /** Private key usage period (RFC 5280 §4.2.1.4 of 1999; ICAO 9303-12 Table 6 for DS certificates). */
  readonly privateKeyUsage: { readonly notBefore: Date | null; readonly notAfter: Date | null } | null;
  readonly selfIssued: boolean;
}

export function decodeCertificate(bytes: Uint8Array): Certificate {
  return readCertificate(decodeTlv(bytes));
}

export function readCertificate(t: Tlv): Certificate {
  const [tbsTlv, sigAlg, sigValue] = tlvChildren(expectTag(t, ASN1.SEQUENCE, 'certificate'));
  if (!tbsTlv || !sigAlg || !sigValue) throw malformed('incomplete certificate');
  const fields = tlvChildren(expectTag(tbsTlv, ASN1.SEQUENCE, 'TBS certificate'));
  let i = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const [v] = tlvChildren(fields[0]);
    version = (v ? readSmallInteger(v, 'version') : 0) + 1;
    i++;
  }
  const [serial, , issuerTlv, validity, subjectTlv, spki] = fields.slice(i);
  if (!serial || !issuerTlv || !validity || !subjectTlv || !spki) throw malformed('incomplete certificate');
  const [nb, na] = tlvChildren(expectTag(validity, ASN1.SEQUENCE, 'validity'));
  if (!nb || !na) throw malformed('certificate validity incomplete');
  let publicKey: PublicKeyInfo | null;
  try {
    publicKey = readSubjectPublicKeyInfo(spki);
  } catch {
    publicKey = null;
  }
  const extensions = fields.slice(i + 6).find((f) => f.tag === 0xa3);
  const ext = extensions ? readExtensions(extensions) : emptyExtensions();
  const issuer = readName(issuerTlv);
  const subject = readName(subjectTlv);
  return {
    encoded: t.encoded,
    tbs: tbsTlv.encoded,
    version,
    serialNumber: hex(readUnsignedIntegerBytes(serial, 'serial number')),
    issuer,
    subject,
    notBefore: readTime(nb),
    notAfter: readTime(na),
    publicKey,
    signatureAlgorithm: readAlgorithmIdentifier(sigAlg),
    signature: readBitString(sigValue),
    ...ext,
    selfIssued: issuer.key === subject.key,
  };
}

interface Extensions {
  subjectKeyIdentifier: string | null;
  authorityKeyIdentifier: string | null;
  isCa: boolean | null;
  keyUsage: Certificate['keyUsage'];
  privateKeyUsage: { notBefore: Date | null; notAfter: Date | null } | null;
}

function emptyExtensions(): Extensions {
  return { subjectKeyIdentifier: null, authorityKeyIdentifier: null, isCa: null, keyUsage: null, privateKeyUsage: null };
}

function readExtensions(t: Tlv): Extensions {
  const out = emptyExtensions();
  const [seq] = tlvChildren(t);
  if (!seq) return out;
  for (const ext of tlvChildren(expectTag(seq, ASN1.SEQUENCE, 'extensions'))) {
    const parts = tlvChildren(ext);
    const id = parts[0] ? readOid(parts[0]) : '';
    const valueTlv = parts[parts.length - 1];
    if (!valueTlv || valueTlv.tag !== ASN1.OCTET_STRING) continue;
    try {
      const value = decodeTlv(readOctetString(valueTlv));
      switch (id) {
        case OID.subjectKeyIdentifier:
          out.subjectKeyIdentifier = hex(readOctetString(value));
          break;
        case OID.authorityKeyIdentifier: {
          const keyId = tlvChildren(value).find((c) => c.tag === 0x80);
          out.authorityKeyIdentifier = keyId ? hex(keyId.value) : null;
          break;
        }
        case OID.basicConstraints: {
          const [ca] = tlvChildren(value);
          out.isCa = ca && ca.tag === ASN1.BOOLEAN ? readBoolean(ca) : false;
          break;
        }
        case OID.keyUsage: {
          // KeyUsage ::= BIT STRING { digitalSignature (0), ..., keyCertSign (5), cRLSign (6), ... }
          const bits = readBitString(value);
          const first = bits[0] ?? 0;
          out.keyUsage = { digitalSignature: (first & 0x80) !== 0, keyCertSign: (first & 0x04) !== 0, cRLSign: (first & 0x02) !== 0 };
          break;
        }
        case OID.privateKeyUsagePeriod: {
          const period = { notBefore: null as Date | null, notAfter: null as Date | null };
          for (const c of tlvChildren(value)) {
            // [0] / [1] IMPLICIT GeneralizedTime
            const time = readTime({ ...c, tag: ASN1.GENERALIZED_TIME });
            if (c.tag === 0x80) period.notBefore = time;
            if (c.tag === 0x81) period.notAfter = time;
          }
          out.privateKeyUsage = period;
          break;
        }
      }
    } catch {
      // An extension that does not decode is ignored, as an unknown one would be.
    }
  }
  return out;
}
