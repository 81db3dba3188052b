// Which access protocol to run, decided from EF.CardAccess (ICAO 9303-11 §4.2, §9.2.11) and the
// access data at hand, with the reason recorded: PACE when the chip offers parameters this station
// supports (chip authentication mapping first, then ECDH before DH, stronger ciphers first), BAC
// when the chip has no EF.CardAccess or offers no PACE — never a silent fallback.
import type { AccessChoice } from '../../contract/chip.contract';
import type { AccessKey } from '../crypto/access-key';
import type { SecurityInfo } from '../lds/security-infos.codec';
import { paceAlgorithm, type PaceAlgorithm } from './pace-algorithm';
import { resolvePaceDomain, type PaceDomain } from './pace-domain';

type PaceInfo = Extract<SecurityInfo, { type: 'PACEInfo' }>;

export type AccessPlan =
  | {
      readonly protocol: 'PACE' | 'PACE-CAM';
      readonly info: PaceInfo;
      readonly algorithm: PaceAlgorithm;
      readonly domain: PaceDomain;
      readonly choice: AccessChoice;
      /** BAC may follow if PACE fails for a reason other than the access data (MRZ key only). */
      readonly bacFallback: boolean;
    }
  | { readonly protocol: 'BAC'; readonly choice: AccessChoice }
  | { readonly protocol: 'none'; readonly reason: string };

const MAPPING_RANK = { CAM: 0, GM: 1, IM: 2 } as const;
const CIPHER_RANK = { 'AES-256': 0, 'AES-192': 1, 'AES-128': 2, TDES: 3 } as const;

/** `cardAccess`: the SecurityInfos of EF.CardAccess, or null when the chip has none. */
export function planAccess(cardAccess: readonly SecurityInfo[] | null, key: AccessKey, options: { allowBac: boolean } = { allowBac: true }): AccessPlan {
  const passwordType = key.kind;
  const bac = (reason: AccessChoice['reason'], detail: string, paceOid: string | null = null): AccessPlan => {
    if (key.kind !== 'MRZ') return { protocol: 'none', reason: `${detail} Basic access control needs the MRZ, not the CAN.` };
    if (!options.allowBac) return { protocol: 'none', reason: `${detail} Basic access control is not allowed at this station.` };
    return { protocol: 'BAC', choice: { protocol: 'BAC', reason, paceOid, detail, passwordType } };
  };
  if (cardAccess === null) return bac('no-card-access', 'The chip has no EF.CardAccess: it does not offer PACE.');
  const paceInfos = cardAccess.filter((i): i is PaceInfo => i.type === 'PACEInfo');
  if (paceInfos.length === 0) return bac('card-access-without-pace', 'EF.CardAccess lists no PACE protocol.');
  const domainInfos = cardAccess.filter((i): i is Extract<SecurityInfo, { type: 'PACEDomainParameterInfo' }> => i.type === 'PACEDomainParameterInfo');
  const usable = paceInfos
    .map((info) => ({ info, algorithm: paceAlgorithm(info.oid), domain: resolvePaceDomain(info, domainInfos) }))
    .filter((c): c is { info: PaceInfo; algorithm: PaceAlgorithm; domain: PaceDomain } => c.algorithm !== null && c.algorithm.mapping !== 'IM' && c.domain !== null && c.info.version === 2)
    .sort((a, b) =>
      MAPPING_RANK[a.algorithm.mapping] - MAPPING_RANK[b.algorithm.mapping]
      || (a.algorithm.agreement === b.algorithm.agreement ? 0 : a.algorithm.agreement === 'ECDH' ? -1 : 1)
      || CIPHER_RANK[a.algorithm.cipher] - CIPHER_RANK[b.algorithm.cipher]);
  const best = usable[0];
  if (!best) {
    const offered = paceInfos.map((i) => `${i.oid}${i.parameterId !== null ? ` (parameters ${i.parameterId})` : ''}`).join(', ');
    return bac('pace-unsupported-parameters', `The chip offers PACE only with parameters this station does not support: ${offered}.`, paceInfos[0]!.oid);
  }
  const protocol = best.algorithm.mapping === 'CAM' ? 'PACE-CAM' : 'PACE';
  return {
    protocol,
    info: best.info,
    algorithm: best.algorithm,
    domain: best.domain,
    bacFallback: key.kind === 'MRZ' && options.allowBac,
    choice: {
      protocol,
      reason: 'pace-offered',
      paceOid: best.info.oid,
      detail: `PACE ${best.algorithm.agreement}-${best.algorithm.mapping} with ${best.algorithm.cipher} on ${best.domain.name}.`,
      passwordType,
    },
  };
}
