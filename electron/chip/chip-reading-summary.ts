// What of a chip reading crosses to the renderer (electron/contract/chip.contract.ts): how access
// was gained and why, each file's fate, the MRZ of DG1, the faces' formats and sizes, passive
// authentication's named outcome and the clone checks with whether each counts. Personal images
// stay on the Node side (the caller stores them and refers to them by hash).
import type { ChipReadingSummary, CloneCheck } from '../contract/chip.contract';
import { cloneCheckCounts } from './auth/clone-check-rule';
import { decodeDg1 } from './lds/dg1-mrz.codec';
import type { PassiveAuthentication } from './pki/passive-authentication';
import type { ChipReading } from './reader/chip-reader';

export function summarizeChipReading(
  reading: ChipReading,
  passive: PassiveAuthentication,
  cloneChecks: readonly CloneCheck[],
  cardSecurityTrusted: boolean,
  faces: readonly { format: string; width: number; height: number; imageHash: string }[],
): ChipReadingSummary {
  const dg1 = reading.files.get('DG1');
  let mrz: ChipReadingSummary['mrz'] = null;
  if (dg1) {
    try {
      const d = decodeDg1(dg1);
      mrz = { format: d.format, lines: [...d.lines], documentNumber: d.documentNumber, dateOfBirth: d.dateOfBirth, dateOfExpiry: d.dateOfExpiry, issuingState: d.issuingState, nationality: d.nationality, name: d.name, sex: d.sex, documentCode: d.documentCode };
    } catch {
      mrz = null;
    }
  }
  const { outcome, signatureValid, hashAlgorithm, signatureAlgorithm, hashes, documentSigner, csca, signingTime, detail } = passive;
  return {
    access: reading.access,
    files: [...reading.statuses],
    extendedLength: reading.extendedLength.used,
    mrz,
    faces: [...faces],
    passiveAuthentication: { outcome, signatureValid, hashAlgorithm, signatureAlgorithm, hashes, documentSigner, csca, signingTime, detail },
    cloneChecks: cloneChecks.map((c) => ({ ...c, counts: cloneCheckCounts(c, passive, cardSecurityTrusted) })),
  };
}
