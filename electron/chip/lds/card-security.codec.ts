// EF.CardSecurity (BSI TR-03110-3 §A.1.2.5, ICAO 9303-11 §9.2.11): CMS SignedData signed by a
// document signer, whose content (id-SecurityObject) is the chip's SecurityInfos — for PACE-CAM,
// the chip authentication public key. Its signature and chain are checked like EF.SOD's.
import type { PassiveAuthOutcome } from '../../contract/chip.contract';
import { ChipError, malformed } from '../chip-error';
import { buildChain, type ChainResult } from '../pki/certificate-chain';
import type { RevocationList } from '../pki/certificate-revocation-list';
import { decodeSignedData, type SignedData } from '../pki/cms-signed-data';
import { encodeSignedData, type CmsSigner } from '../pki/cms-signed-data-encoder';
import { OID } from '../pki/object-identifiers';
import { findSignerCertificate, signedDataSignatureValid } from '../pki/signed-data-verification';
import type { TrustAnchors } from '../pki/trust-anchors';
import { decodeSecurityInfos, encodeSecurityInfos, type SecurityInfo } from './security-infos.codec';

export interface CardSecurity {
  readonly signedData: SignedData;
  readonly infos: readonly SecurityInfo[];
}

export function decodeCardSecurity(bytes: Uint8Array): CardSecurity {
  const signedData = decodeSignedData(bytes);
  if (signedData.contentType !== OID.securityObject) throw malformed(`EF.CardSecurity holds content ${signedData.contentType}`);
  return { signedData, infos: decodeSecurityInfos(signedData.content, {}) };
}

export function encodeCardSecurity(infos: readonly SecurityInfo[], signer: CmsSigner, signingTime?: Date): Uint8Array {
  return encodeSignedData({ contentType: OID.securityObject, content: encodeSecurityInfos(infos), signer, signingTime });
}

export interface CardSecurityVerification {
  readonly infos: readonly SecurityInfo[] | null;
  readonly outcome: Exclude<PassiveAuthOutcome, 'hash-mismatch'>;
  readonly signatureValid: boolean;
  readonly chain: ChainResult | null;
  readonly detail: string;
}

export function verifyCardSecurity(bytes: Uint8Array, anchors: TrustAnchors, crls: readonly RevocationList[], at: Date): CardSecurityVerification {
  let cs: CardSecurity;
  try {
    cs = decodeCardSecurity(bytes);
  } catch (e) {
    return { infos: null, outcome: 'malformed', signatureValid: false, chain: null, detail: e instanceof ChipError ? e.message : 'EF.CardSecurity cannot be read.' };
  }
  const signer = cs.signedData.signers[0];
  const cert = signer ? findSignerCertificate(cs.signedData, signer) : null;
  if (!signer || !cert) return { infos: cs.infos, outcome: 'issuer-unknown', signatureValid: false, chain: null, detail: 'EF.CardSecurity carries no signer certificate.' };
  if (!signedDataSignatureValid(cs.signedData, signer, cert, OID.securityObject)) {
    return { infos: cs.infos, outcome: 'signature-invalid', signatureValid: false, chain: null, detail: 'The signature of EF.CardSecurity does not verify.' };
  }
  const chain = buildChain(cert, anchors, crls, at, signer.signingTime);
  return { infos: cs.infos, outcome: chain.status, signatureValid: true, chain, detail: chain.detail };
}
