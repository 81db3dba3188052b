// The CSCA certificates a station trusts (from master lists or added by hand), indexed once by
// subject and by subject key identifier, so finding a document signer's issuer among hundreds of
// CSCAs costs a lookup, not a scan. Link certificates (a new CSCA key certified by the old one,
// ICAO 9303-12 §5.5.2) are trusted like self-signed ones: both come from the trusted set.
import type { Certificate } from './x509-certificate';

export interface TrustAnchors {
  readonly certificates: readonly Certificate[];
  readonly bySubject: ReadonlyMap<string, readonly Certificate[]>;
  readonly byKeyId: ReadonlyMap<string, readonly Certificate[]>;
}

export function indexTrustAnchors(certificates: readonly Certificate[]): TrustAnchors {
  const bySubject = new Map<string, Certificate[]>();
  const byKeyId = new Map<string, Certificate[]>();
  for (const c of certificates) {
    bySubject.set(c.subject.key, [...(bySubject.get(c.subject.key) ?? []), c]);
    if (c.subjectKeyIdentifier) byKeyId.set(c.subjectKeyIdentifier, [...(byKeyId.get(c.subjectKeyIdentifier) ?? []), c]);
  }
  return { certificates, bySubject, byKeyId };
}

/** Candidates for the issuer of `cert`: by authority key identifier first, then by issuer name. */
export function issuerCandidates(anchors: TrustAnchors, cert: Certificate): readonly Certificate[] {
  const byKey = cert.authorityKeyIdentifier ? anchors.byKeyId.get(cert.authorityKeyIdentifier) ?? [] : [];
  const byName = anchors.bySubject.get(cert.issuer.key) ?? [];
  return [...new Set([...byKey, ...byName])];
}
