// The real BSI 2008 test chip's files served by the software chip and read through BAC with the
// MRZ of its DG1: the files come back byte for byte, passive authentication finds the hashes and
// the signature valid and the issuer unknown, the face decodes, and the summary for the renderer
// passes the contract's schema.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChipReadingSummarySchema } from '../../../electron/contract/chip.contract';
import { hex } from '../../../electron/chip/bytes';
import { summarizeChipReading } from '../../../electron/chip/chip-reading-summary';
import { decodeChipImage } from '../../../electron/chip/lds/chip-image-decoder';
import { decodeDg2 } from '../../../electron/chip/lds/dg2-face.codec';
import { verifyPassiveAuthentication } from '../../../electron/chip/pki/passive-authentication';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import { ChipReader } from '../../../electron/chip/reader/chip-reader';
import { VirtualChip } from '../../../electron/chip/virtual/virtual-chip';
import { VirtualChipTransport } from '../../../electron/chip/virtual/virtual-chip-transport';
import { bsi2008 } from '../../helpers/chip/chip-samples';

describe('the BSI 2008 test chip, end to end', () => {
  it('reads through BAC, authenticates passively with an unknown issuer, and decodes the face', async () => {
    const chip = new VirtualChip({
      files: { COM: bsi2008('EF_COM'), SOD: bsi2008('EF_SOD'), DG1: bsi2008('Datagroup1'), DG2: bsi2008('Datagroup2'), DG3: bsi2008('Datagroup3'), DG14: bsi2008('Datagroup14') },
      mrz: { kind: 'MRZ', documentNumber: 'C11T002JM', dateOfBirth: '960812', dateOfExpiry: '131031' },
      bac: true, pace: [], extendedLength: false, maxReadLength: 0xdf, tooLong: 'wrong-length', oddInsRead: true,
    });
    const reading = await new ChipReader({ key: { kind: 'MRZ', documentNumber: 'C11T002JM', dateOfBirth: '960812', dateOfExpiry: '131031' }, dataGroups: ['DG1', 'DG2', 'DG3', 'DG14', 'DG15'] })
      .read(new VirtualChipTransport(chip));
    expect(reading.access.protocol).toBe('BAC');
    expect(hex(reading.files.get('DG2')!)).toBe(hex(bsi2008('Datagroup2')));
    expect(reading.statuses.find((s) => s.file === 'DG15')).toMatchObject({ status: 'absent' });
    const dataGroups = new Map([...reading.files].filter(([f]) => f.startsWith('DG')).map(([f, b]) => [Number(f.slice(2)), b]));
    const passive = verifyPassiveAuthentication({ sod: reading.files.get('SOD')!, dataGroups, anchors: indexTrustAnchors([]), at: new Date() });
    expect(passive).toMatchObject({ outcome: 'issuer-unknown', signatureValid: true });
    expect(passive.hashes.map((h) => h.status)).toEqual(['match', 'match', 'match', 'match']);
    const face = await decodeChipImage(decodeDg2(reading.files.get('DG2')!).faces[0]!.image);
    const summary = summarizeChipReading(reading, passive, [], false, [{ format: face.format, width: face.width, height: face.height, imageHash: createHash('sha256').update(face.png).digest('hex') }]);
    expect(ChipReadingSummarySchema.parse(summary)).toEqual(summary);
    expect(summary.mrz).toMatchObject({ documentNumber: 'C11T002JM', name: 'MUSTERMANN<<ERIKA', issuingState: 'D' });
    expect(summary.faces[0]).toMatchObject({ format: 'JPEG2000', width: 413, height: 531 });
  });
});
