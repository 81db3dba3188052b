// CSCA master lists (ICAO 9303-12 §8): CMS SignedData whose content, id-icao-cscaMasterList, is
//   CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }
// signed by a master list signer certified by the issuing State's CSCA. Each certificate is decoded
// on its own (its own element budget), so a list of hundreds stays within the bounds that protect
// against hostile input without raising them; one that does not decode is counted, not fatal.
import { ChipError, malformed } from '../chip-error';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeTlv, expectTag, tlvChildren } from '../tlv/ber-tlv-reader';
import { readSmallInteger } from '../tlv/der-values';
import { signedBy } from './certificate-chain';
import { decodeSignedData, type SignedData } from './cms-signed-data';
import { OID } from './object-identifiers';
import { findSignerCertificate, signedDataSignatureValid } from './signed-data-verification';
import { decodeCertificate, type Certificate } from './x509-certificate';

export interface MasterList {
  readonly version: number;
  readonly certificates: readonly Certificate[];
  /** Entries of the list that are not certificates this station can read. */
  readonly rejected: number;
  readonly signedData: SignedData;
}

export function decodeMasterList(bytes: Uint8Array): MasterList {
  const signedData = decodeSignedData(bytes);
  if (signedData.contentType !== OID.cscaMasterList) throw malformed(`not a CSCA master list (content ${signedData.contentType})`);
  const [version, list] = tlvChildren(expectTag(decodeTlv(signedData.content), ASN1.SEQUENCE, 'CSCA master list'));
  if (!version || !list) throw malformed('incomplete CSCA master list');
  const certificates: Certificate[] = [];
  let rejected = 0;
  // The SET's elements are sliced by their headers only; each certificate is then decoded alone.
  for (const entry of tlvChildren(expectTag(list, ASN1.SET, 'certificate list'))) {
    try {
      certificates.push(decodeCertificate(entry.encoded));
    } catch (e) {
      if (!(e instanceof ChipError)) throw e;
      rejected++;
    }
  }
  return { version: readSmallInteger(version), certificates, rejected, signedData };
}

export interface MasterListVerification {
  readonly valid: boolean;
  readonly signer: Certificate | null;
  readonly detail: string;
}

/** The list's own signature, and its signer's certificate under one of the given roots. */
export function verifyMasterList(list: MasterList, roots: readonly Certificate[], at: Date): MasterListVerification {
  const info = list.signedData.signers[0];
  if (!info) return { valid: false, signer: null, detail: 'The master list has no signer.' };
  const signer = findSignerCertificate(list.signedData, info);
  if (!signer?.publicKey) return { valid: false, signer, detail: 'The master list does not carry its signer certificate.' };
  if (!signedDataSignatureValid(list.signedData, info, signer, OID.cscaMasterList)) return { valid: false, signer, detail: 'The master list signature does not verify.' };
  const root = roots.find((r) => r.subject.key === signer.issuer.key && signedBy(signer, r));
  if (!root) return { valid: false, signer, detail: `The master list signer is not certified by a given CSCA (${signer.issuer.text}).` };
  if (at < signer.notBefore || at > signer.notAfter) return { valid: false, signer, detail: 'The master list signer certificate is not valid now.' };
  return { valid: true, signer, detail: `Signed by ${signer.subject.text} under ${root.subject.text}.` };
}
