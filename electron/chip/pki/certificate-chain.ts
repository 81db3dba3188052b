// The chain from a document signer to a trusted CSCA (ICAO 9303-11 §5.1.1, 9303-12 §5 and §7), as
// a pure function of the certificates and CRLs given: the issuer is found among the trusted
// certificates by key identifier or name and must verify the signer's signature; validity is
// checked as ICAO's model has it — the CSCA at the time of checking, the document signer (its
// private key usage period when present, its validity otherwise) at the time of signing; the
// document signer must not be on a CRL its CSCA signed.
import { signatureScheme } from './signature-algorithm';
import { verifySignature } from './signature-verifier';
import { issuerCandidates, type TrustAnchors } from './trust-anchors';
import type { RevocationList } from './certificate-revocation-list';
import type { Certificate } from './x509-certificate';

export type ChainStatus = 'trusted' | 'issuer-unknown' | 'chain-invalid' | 'revoked' | 'csca-expired' | 'ds-expired-at-signing';

export interface ChainResult {
  readonly status: ChainStatus;
  readonly csca: Certificate | null;
  readonly detail: string;
}

export function signedBy(cert: { tbs: Uint8Array; signature: Uint8Array; signatureAlgorithm: Certificate['signatureAlgorithm'] }, issuer: Certificate): boolean {
  if (!issuer.publicKey) return false;
  try {
    return verifySignature(issuer.publicKey, signatureScheme(cert.signatureAlgorithm), cert.tbs, cert.signature);
  } catch {
    return false;
  }
}

const within = (t: Date, from: Date | null, to: Date | null) => (!from || t >= from) && (!to || t <= to);
const day = (d: Date) => d.toISOString().slice(0, 10);

export function buildChain(documentSigner: Certificate, anchors: TrustAnchors, crls: readonly RevocationList[], checkTime: Date, signingTime: Date | null): ChainResult {
  const candidates = issuerCandidates(anchors, documentSigner);
  if (candidates.length === 0) {
    return { status: 'issuer-unknown', csca: null, detail: `No trusted CSCA matches the document signer's issuer (${documentSigner.issuer.text}).` };
  }
  const csca = candidates.find((c) => signedBy(documentSigner, c));
  if (!csca) {
    return { status: 'chain-invalid', csca: null, detail: `The document signer certificate does not verify with the trusted CSCA ${candidates[0]!.subject.text}.` };
  }
  for (const crl of crls) {
    if (crl.issuer.key !== csca.subject.key || !signedBy(crl, csca)) continue;
    const revokedOn = crl.revoked.get(documentSigner.serialNumber);
    if (revokedOn) return { status: 'revoked', csca, detail: `The document signer certificate was revoked by its CSCA on ${day(revokedOn)}.` };
  }
  if (!within(checkTime, csca.notBefore, csca.notAfter)) {
    return { status: 'csca-expired', csca, detail: `The CSCA certificate is valid from ${day(csca.notBefore)} to ${day(csca.notAfter)}, not on ${day(checkTime)}.` };
  }
  const signed = signingTime ?? documentSigner.notBefore;
  const usage = documentSigner.privateKeyUsage;
  const [from, to] = usage ? [usage.notBefore ?? documentSigner.notBefore, usage.notAfter ?? documentSigner.notAfter] : [documentSigner.notBefore, documentSigner.notAfter];
  if (!within(signed, from, to)) {
    return { status: 'ds-expired-at-signing', csca, detail: `The document signer could sign from ${day(from)} to ${day(to)}; the document was signed on ${day(signed)}.` };
  }
  return { status: 'trusted', csca, detail: `Signed by ${documentSigner.subject.text} under the trusted CSCA ${csca.subject.text}.` };
}
