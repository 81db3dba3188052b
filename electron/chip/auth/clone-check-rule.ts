// The rule that gives a clone check its weight (ICAO 9303-11 §6 and §5.1): a chip's proof that it
// holds a key counts only when the file the key came from passed passive authentication — DG15
// for active authentication, DG14 for chip authentication, EF.CardSecurity for PACE-CAM. A genuine
// key copied into a forged file would otherwise "prove" a clone genuine.
import type { CloneCheck } from '../../contract/chip.contract';
import { dataGroupAuthenticated, type PassiveAuthentication } from '../pki/passive-authentication';

export function cloneCheckCounts(check: CloneCheck, sod: PassiveAuthentication, cardSecurityTrusted: boolean): boolean {
  if (check.status !== 'succeeded') return false;
  switch (check.keySource) {
    case 'DG14':
      return dataGroupAuthenticated(sod, 14);
    case 'DG15':
      return dataGroupAuthenticated(sod, 15);
    case 'CardSecurity':
      return cardSecurityTrusted;
  }
}
