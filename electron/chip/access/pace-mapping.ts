// PACE generic mapping (ICAO 9303-11 §4.4.3.3.1): both sides exchange mapping keys, compute the
// shared element H, and map the nonce s to a new generator
//   EC: G~ = s·G + H        DH: g~ = g^s · h mod p.
import type { AgreementGroup } from '../crypto/agreement-group';
import { bytesToBigInt } from '../bytes';
import { ChipError } from '../chip-error';

export function genericMapping<E>(group: AgreementGroup<E>, nonce: Uint8Array, shared: E): AgreementGroup<E> {
  const mapped = group.combine(group.multiply(group.generator, bytesToBigInt(nonce)), shared);
  // A mapped generator equal to the identity would make every key 0 (§4.4.3.3.1 requires a check).
  if (group.kind === 'DH' ? mapped === 1n : (mapped as { is0(): boolean }).is0()) {
    throw new ChipError('SecureMessagingFailure', 'PACE mapping gave an invalid generator.');
  }
  return group.withGenerator(mapped);
}

/** The chip-authentication mapping's check (9303-11 §4.4.3.5.2): PK_Map,IC = CA_IC · PK_IC. */
export function verifyChipAuthenticationMapping<E>(group: AgreementGroup<E>, chipMappingKey: E, chipStaticKey: E, caIc: bigint): boolean {
  if (caIc <= 0n || caIc >= group.order) return false;
  return group.equals(group.multiply(chipStaticKey, caIc), chipMappingKey);
}
