// The chip authentication mapping's check (ICAO 9303-11 §4.4.3.5.2): after PACE-CAM the terminal
// takes the chip's static key from EF.CardSecurity and checks PK_Map,IC = CA_IC · PK_IC. EF.CardSecurity
// must itself pass passive authentication for the check to count: the result names it as key source.
import type { CloneCheck } from '../../contract/chip.contract';
import { bytesToBigInt } from '../bytes';
import { ecGroup } from '../crypto/agreement-group';
import type { PaceCamData, PaceResult } from '../access/pace-protocol';
import { verifyChipAuthenticationMapping } from '../access/pace-mapping';
import type { SecurityInfo } from '../lds/security-infos.codec';

export function checkPaceCam(pace: PaceResult | null, cardSecurityInfos: readonly SecurityInfo[] | null): CloneCheck {
  const check = (status: CloneCheck['status'], detail: string): CloneCheck => ({ method: 'pace-cam', status, keySource: 'CardSecurity', algorithm: pace?.domainName ?? '', detail });
  if (!pace || pace.protocol !== 'PACE-CAM') return check('not-performed', 'PACE with chip authentication mapping did not run.');
  if (!pace.cam) return check('failed', 'The chip sent no chip authentication data with PACE-CAM.');
  if (!cardSecurityInfos) return check('failed', 'EF.CardSecurity, which holds the chip\'s key, was not read.');
  const verdict = verifyPaceCamData(pace.cam, cardSecurityInfos);
  return check(verdict.status, verdict.detail);
}

/**
 * The check itself, on the data PACE-CAM gave (the chip's mapping key and its chip authentication
 * data) and EF.CardSecurity's keys: also what an expert repeats from a recorded reading.
 */
export function verifyPaceCamData(cam: PaceCamData, cardSecurityInfos: readonly SecurityInfo[]): { status: 'succeeded' | 'failed'; detail: string } {
  const keys = cardSecurityInfos.filter((i): i is Extract<SecurityInfo, { type: 'ChipAuthenticationPublicKeyInfo' }> => i.type === 'ChipAuthenticationPublicKeyInfo');
  for (const key of keys) {
    if (key.publicKey.kind !== 'EC') continue;
    try {
      const group = ecGroup(key.publicKey.domain);
      const ok = verifyChipAuthenticationMapping(group, group.decode(cam.chipMappingPublicKey), group.decode(key.publicKey.point), bytesToBigInt(cam.chipAuthenticationData));
      if (ok) return { status: 'succeeded', detail: 'The chip proved it holds the private key of EF.CardSecurity.' };
    } catch {
      // A key on another domain cannot be the one used: try the next.
    }
  }
  return { status: 'failed', detail: keys.length ? 'The chip authentication data does not match the key in EF.CardSecurity.' : 'EF.CardSecurity holds no chip authentication key.' };
}
