// The signature of a CMS SignedData by its signer (RFC 5652 §5.4, §5.6): the signer's certificate
// found by issuer and serial or key identifier, the message digest and content type attributes
// checked, then the signature over the signed attributes (or the content when there are none).
// Shared by EF.SOD, EF.CardSecurity and master lists.
import { createHash } from 'node:crypto';
import { equalBytes } from '../bytes';
import type { SignedData, SignerInfo } from './cms-signed-data';
import { hashOf, signatureScheme } from './signature-algorithm';
import { verifySignature } from './signature-verifier';
import type { Certificate } from './x509-certificate';

export function findSignerCertificate(signedData: SignedData, signer: SignerInfo, extra: readonly Certificate[] = []): Certificate | null {
  const sid = signer.sid;
  return [...signedData.certificates, ...extra].find((c) => (sid.kind === 'key-id' ? c.subjectKeyIdentifier === sid.keyId : c.serialNumber === sid.serialNumber && c.issuer.key === sid.issuer.key)) ?? null;
}

export function signedDataSignatureValid(signedData: SignedData, signer: SignerInfo, cert: Certificate, expectedContentType: string): boolean {
  try {
    if (!cert.publicKey) return false;
    const scheme = signatureScheme(signer.signatureAlgorithm, signer.digestAlgorithm);
    if (!signer.signedAttributes) return verifySignature(cert.publicKey, scheme, signedData.content, signer.signature);
    const digest = createHash(hashOf(signer.digestAlgorithm)).update(signedData.content).digest();
    if (!signer.messageDigest || !equalBytes(signer.messageDigest, digest)) return false;
    if (signer.contentType !== null && signer.contentType !== expectedContentType) return false;
    return verifySignature(cert.publicKey, scheme, signer.signedAttributes, signer.signature);
  } catch {
    return false;
  }
}
