// Passive authentication (ICAO 9303-11 §5.1): a pure function of EF.SOD, the files read, the
// trusted CSCAs and CRLs, and the time. It checks the SOD's signature with its document signer,
// every data-group hash, then the chain to a trusted CSCA, and gives one named outcome (first that
// applies: malformed, signature invalid, hash mismatch, then the chain's) with each check's result
// kept, so a caller can also ask "is DG14 (or DG15) authenticated?" for the clone checks.
import { createHash } from 'node:crypto';
import type { DataGroupHashCheck, PassiveAuthOutcome, PassiveAuthResultDto } from '../../contract/chip.contract';
import { equalBytes } from '../bytes';
import { ChipError } from '../chip-error';
import { decodeSod, type Sod } from '../lds/sod.codec';
import { buildChain, type ChainResult } from './certificate-chain';
import type { RevocationList } from './certificate-revocation-list';
import { OID } from './object-identifiers';
import { schemeName, signatureScheme } from './signature-algorithm';
import { findSignerCertificate, signedDataSignatureValid } from './signed-data-verification';
import type { TrustAnchors } from './trust-anchors';
import type { Certificate } from './x509-certificate';

export interface PassiveAuthInput {
  readonly sod: Uint8Array;
  /** The data groups read, by number. */
  readonly dataGroups: ReadonlyMap<number, Uint8Array>;
  readonly anchors: TrustAnchors;
  readonly crls?: readonly RevocationList[];
  /** Document signer certificates from elsewhere (PKD), for SODs that do not carry theirs. */
  readonly documentSigners?: readonly Certificate[];
  /** When the check happens (the CSCA must be valid then). */
  readonly at: Date;
}

export interface PassiveAuthentication extends PassiveAuthResultDto {
  readonly sodParsed: Sod | null;
  readonly documentSignerCertificate: Certificate | null;
  readonly chain: ChainResult | null;
}

export function verifyPassiveAuthentication(input: PassiveAuthInput): PassiveAuthentication {
  let sod: Sod;
  try {
    sod = decodeSod(input.sod);
  } catch (e) {
    return malformedResult(e instanceof ChipError ? e.message : 'EF.SOD cannot be read.');
  }
  const signer = sod.signedData.signers[0];
  if (!signer) return malformedResult('EF.SOD has no signer.');
  const { securityObject } = sod;
  const hashes: DataGroupHashCheck[] = [...securityObject.hashes.entries()].sort(([a], [b]) => a - b).map(([dg, expected]) => {
    const file = input.dataGroups.get(dg);
    if (!file) return { dataGroup: dg, status: 'not-read' };
    const actual = createHash(securityObject.hashAlgorithm).update(file).digest();
    return { dataGroup: dg, status: equalBytes(actual, expected) ? 'match' : 'mismatch' };
  });
  for (const dg of input.dataGroups.keys()) if (!securityObject.hashes.has(dg)) hashes.push({ dataGroup: dg, status: 'not-in-sod' });
  let schemeText = signer.signatureAlgorithm.oid;
  try {
    schemeText = schemeName(signatureScheme(signer.signatureAlgorithm, signer.digestAlgorithm));
  } catch {
    // An unsupported algorithm is named by its OID.
  }
  const ds = findSignerCertificate(sod.signedData, signer, input.documentSigners ?? []);
  const sigValid = ds ? signedDataSignatureValid(sod.signedData, signer, ds, OID.ldsSecurityObject) : false;
  const chain = ds ? buildChain(ds, input.anchors, input.crls ?? [], input.at, signer.signingTime) : null;
  const mismatched = hashes.filter((h) => h.status === 'mismatch' || h.status === 'not-in-sod').map((h) => `DG${h.dataGroup}`);
  let outcome: PassiveAuthOutcome;
  let detail: string;
  if (!ds) {
    outcome = 'issuer-unknown';
    detail = 'EF.SOD carries no document signer certificate and none was given: its signature cannot be checked.';
  } else if (!sigValid) {
    outcome = 'signature-invalid';
    detail = 'The signature of EF.SOD does not verify with its document signer certificate.';
  } else if (mismatched.length > 0) {
    outcome = 'hash-mismatch';
    detail = `The chip's ${mismatched.join(', ')} ${mismatched.length === 1 ? 'does' : 'do'} not match the hash signed in EF.SOD.`;
  } else {
    outcome = chain!.status;
    detail = chain!.detail;
  }
  return {
    outcome,
    signatureValid: sigValid,
    hashAlgorithm: securityObject.hashAlgorithm.toUpperCase().replace('SHA', 'SHA-'),
    signatureAlgorithm: schemeText,
    hashes,
    documentSigner: ds?.subject.text ?? null,
    csca: chain?.csca?.subject.text ?? null,
    signingTime: signer.signingTime?.toISOString() ?? null,
    detail,
    sodParsed: sod,
    documentSignerCertificate: ds,
    chain,
  };
}

/** True when data group `n` is covered by a valid SOD signature and its hash matches. */
export function dataGroupIntact(result: PassiveAuthentication, n: number): boolean {
  return result.signatureValid && result.hashes.some((h) => h.dataGroup === n && h.status === 'match');
}

/** True when, in addition, the SOD chains to a trusted CSCA (the full passive authentication). */
export function dataGroupAuthenticated(result: PassiveAuthentication, n: number): boolean {
  return dataGroupIntact(result, n) && result.outcome === 'trusted';
}

function malformedResult(detail: string): PassiveAuthentication {
  return {
    outcome: 'malformed', signatureValid: false, hashAlgorithm: '', signatureAlgorithm: '', hashes: [], documentSigner: null, csca: null,
    signingTime: null, detail, sodParsed: null, documentSignerCertificate: null, chain: null,
  };
}
