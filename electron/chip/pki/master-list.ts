// CSCA master lists (ICAO 9303-12 §8): CMS SignedData whose content, id-icao-cscaMasterList, is
//   CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }
// signed by a master list signer certified by the issuing State's CSCA. Each certificate is decoded
// on its own (its own element budget), so a list of hundreds stays within the bounds that protect
// against hostile input without raising them; one that does not decode is counted, not fatal.
import { createHash } from 'node:crypto';
import { equalBytes } from '../bytes';
import { ChipError, malformed } from '../chip-error';
import { ASN1 } from '../tlv/asn1-tags';
import { decodeTlv, expectTag, tlvChildren } from '../tlv/ber-tlv-reader';
import { readSmallInteger } from '../tlv/der-values';
import { signedBy } from './certificate-chain';
import { decodeSignedData, type SignedData } from './cms-signed-data';
import { OID } from './object-identifiers';
import { hashOf, signatureScheme } from './signature-algorithm';
import { verifySignature } from './signature-verifier';
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
  const sid = info.sid;
  const signer = list.signedData.certificates.find((c) => (sid.kind === 'key-id' ? c.subjectKeyIdentifier === sid.keyId : c.serialNumber === sid.serialNumber && c.issuer.key === sid.issuer.key)) ?? null;
  if (!signer?.publicKey) return { valid: false, signer, detail: 'The master list does not carry its signer certificate.' };
  try {
    const scheme = signatureScheme(info.signatureAlgorithm, info.digestAlgorithm);
    let ok: boolean;
    if (info.signedAttributes) {
      const digest = createHash(hashOf(info.digestAlgorithm)).update(list.signedData.content).digest();
      ok = !!info.messageDigest && equalBytes(info.messageDigest, digest) && verifySignature(signer.publicKey, scheme, info.signedAttributes, info.signature);
    } else {
      ok = verifySignature(signer.publicKey, scheme, list.signedData.content, info.signature);
    }
    if (!ok) return { valid: false, signer, detail: 'The master list signature does not verify.' };
  } catch (e) {
    return { valid: false, signer, detail: e instanceof ChipError ? e.message : 'The master list signature cannot be checked.' };
  }
  const root = roots.find((r) => r.subject.key === signer.issuer.key && signedBy(signer, r));
  if (!root) return { valid: false, signer, detail: `The master list signer is not certified by a given CSCA (${signer.issuer.text}).` };
  if (at < signer.notBefore || at > signer.notAfter) return { valid: false, signer, detail: 'The master list signer certificate is not valid now.' };
  return { valid: true, signer, detail: `Signed by ${signer.subject.text} under ${root.subject.text}.` };
}
