// Passive authentication (passive-authentication.ts) as an expert asks of an EF.SOD sent to them:
// the document signer and CSCA certificates, the algorithms, every data-group hash as signed and
// whether the group given matches it, and each part's own result beside the one outcome — a hash
// mismatch decides the outcome, yet whether the document signer chains to a trusted CSCA still
// matters to the expert.
import type { CertificateSummary, SodReport } from '../../contract/chip.contract';
import { hex } from '../bytes';
import type { PassiveAuthentication } from './passive-authentication';
import type { Certificate } from './x509-certificate';

export function certificateSummary(c: Certificate): CertificateSummary {
  const usage = c.privateKeyUsage;
  return {
    subject: c.subject.text,
    issuer: c.issuer.text,
    serial: c.serialNumber,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    privateKeyUsage: usage ? { notBefore: usage.notBefore?.toISOString() ?? null, notAfter: usage.notAfter?.toISOString() ?? null } : null,
  };
}

export function sodReport(result: PassiveAuthentication, checkedAt: Date): SodReport {
  const signed = result.sodParsed?.securityObject.hashes;
  return {
    outcome: result.outcome,
    detail: result.detail,
    checkedAt: checkedAt.toISOString(),
    signature: { valid: result.signatureValid, algorithm: result.signatureAlgorithm },
    hashAlgorithm: result.hashAlgorithm,
    signingTime: result.signingTime,
    ldsVersion: result.sodParsed?.securityObject.ldsVersion ?? null,
    documentSigner: result.documentSignerCertificate ? certificateSummary(result.documentSignerCertificate) : null,
    csca: result.chain?.csca ? certificateSummary(result.chain.csca) : null,
    dataGroups: [...result.hashes].sort((a, b) => a.dataGroup - b.dataGroup).map((h) => {
      const hash = signed?.get(h.dataGroup);
      return { dataGroup: h.dataGroup, signedHash: hash ? hex(hash) : null, status: h.status };
    }),
    chain: result.chain ? { status: result.chain.status, detail: result.chain.detail } : null,
  };
}
