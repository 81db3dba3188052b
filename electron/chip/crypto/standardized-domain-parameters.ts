// The standardized domain parameters of ICAO 9303-11 §9.5.1 (Table 6; BSI TR-03110-3 §A.2.1.1),
// referenced by the parameterId of PACEInfo.
import { DH_GROUPS, type DhDomain } from './dh-groups';
import { curveByName, type NamedCurve } from './ec-curves';

export type StandardDomain = { readonly kind: 'DH'; readonly group: DhDomain; readonly name: string } | { readonly kind: 'EC'; readonly curve: NamedCurve; readonly name: string };

const EC_IDS: Record<number, string> = {
  8: 'secp192r1', 9: 'brainpoolP192r1', 10: 'secp224r1', 11: 'brainpoolP224r1', 12: 'secp256r1', 13: 'brainpoolP256r1',
  14: 'brainpoolP320r1', 15: 'secp384r1', 16: 'brainpoolP384r1', 17: 'brainpoolP512r1', 18: 'secp521r1',
};

export function standardDomain(parameterId: number): StandardDomain | null {
  if (parameterId >= 0 && parameterId <= 2) {
    const group = DH_GROUPS[parameterId]!;
    return { kind: 'DH', group, name: group.name };
  }
  const name = EC_IDS[parameterId];
  const curve = name ? curveByName(name) : undefined;
  return curve ? { kind: 'EC', curve, name: curve.name } : null;
}

export function parameterIdOfCurve(name: string): number | null {
  const entry = Object.entries(EC_IDS).find(([, n]) => n === name);
  return entry ? Number(entry[0]) : null;
}
