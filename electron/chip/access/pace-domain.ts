// The group a PACE run uses (ICAO 9303-11 §9.2.1–9.2.2): a standardized parameterId of PACEInfo, or
// proprietary parameters from a PACEDomainParameterInfo with the same parameterId.
import { dhGroup, ecGroup, type AgreementGroup } from '../crypto/agreement-group';
import { standardDomain } from '../crypto/standardized-domain-parameters';
import { readEcParameters } from '../pki/ec-parameters';
import { OID } from '../pki/object-identifiers';
import type { SecurityInfo } from '../lds/security-infos.codec';
import { tlvChildren } from '../tlv/ber-tlv-reader';
import { readInteger } from '../tlv/der-values';

type PaceInfo = Extract<SecurityInfo, { type: 'PACEInfo' }>;
type DomainInfo = Extract<SecurityInfo, { type: 'PACEDomainParameterInfo' }>;

export interface PaceDomain {
  readonly group: AgreementGroup<unknown>;
  /** Human-readable name (curve or group), for the record of what ran. */
  readonly name: string;
}

export function resolvePaceDomain(info: PaceInfo, domainInfos: readonly DomainInfo[]): PaceDomain | null {
  if (info.parameterId !== null && info.parameterId < 32) {
    const standard = standardDomain(info.parameterId);
    if (!standard) return null;
    return standard.kind === 'EC'
      ? { group: ecGroup(standard.curve) as AgreementGroup<unknown>, name: standard.name }
      : { group: dhGroup(standard.group) as AgreementGroup<unknown>, name: standard.name };
  }
  const candidates = domainInfos.filter((d) => info.oid.startsWith(`${d.oid}.`) && (info.parameterId === null || d.parameterId === info.parameterId));
  const chosen = candidates.length === 1 ? candidates[0]! : null;
  if (!chosen) return null;
  try {
    const alg = chosen.domainParameter;
    if (alg.oid === OID.ecPublicKey && alg.parameters) {
      const params = readEcParameters(alg.parameters);
      return { group: ecGroup(params.domain) as AgreementGroup<unknown>, name: params.curveName ?? 'explicit EC parameters' };
    }
    if (alg.oid === OID.dhPublicNumber && alg.parameters) {
      const [p, g, q] = tlvChildren(alg.parameters);
      if (!p || !g) return null;
      return { group: dhGroup({ p: readInteger(p), g: readInteger(g), q: q ? readInteger(q) : null }) as AgreementGroup<unknown>, name: 'explicit DH parameters' };
    }
  } catch {
    return null;
  }
  return null;
}
