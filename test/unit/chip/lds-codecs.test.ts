// The LDS codecs on the real BSI 2008 test chip's files and the ICAO DG14 example, and round trips
// of every encoder through its decoder; malformed files give MalformedData, never a crash.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hex } from '../../../electron/chip/bytes';
import { ChipError } from '../../../electron/chip/chip-error';
import { decodeChipImage } from '../../../electron/chip/lds/chip-image-decoder';
import { decodeDg1, encodeDg1 } from '../../../electron/chip/lds/dg1-mrz.codec';
import { decodeDg11, encodeDg11 } from '../../../electron/chip/lds/dg11-personal-details.codec';
import { decodeDg12, encodeDg12 } from '../../../electron/chip/lds/dg12-document-details.codec';
import { decodeDg14, encodeDg14 } from '../../../electron/chip/lds/dg14-security-options.codec';
import { decodeDg15, encodeDg15 } from '../../../electron/chip/lds/dg15-active-authentication.codec';
import { decodeDg2, encodeDg2 } from '../../../electron/chip/lds/dg2-face.codec';
import { decodeDg7, encodeDg7 } from '../../../electron/chip/lds/dg7-signature.codec';
import { decodeEfCom, encodeEfCom } from '../../../electron/chip/lds/ef-com.codec';
import { decodeSecurityInfos, encodeSecurityInfos } from '../../../electron/chip/lds/security-infos.codec';
import { bsi2008, icaoDg14Example } from '../../helpers/chip/chip-samples';

async function jpeg(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer());
}

function kind(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof ChipError ? e.kind : `other: ${String(e)}`;
  }
}

describe('the BSI 2008 test chip', () => {
  it('EF.COM lists DG1, DG2, DG3 and DG14 under LDS 1.7', () => {
    const com = decodeEfCom(bsi2008('EF_COM'));
    expect(com).toMatchObject({ ldsVersion: '0107', unicodeVersion: '040000' });
    expect(com.tags.map((t) => t.toString(16))).toEqual(['61', '75', '63', '6e']);
  });

  it('DG1 gives the MRZ of ERIKA MUSTERMANN', () => {
    const dg1 = decodeDg1(bsi2008('Datagroup1'));
    expect(dg1).toMatchObject({ format: 'TD3', documentCode: 'P', issuingState: 'D', documentNumber: 'C11T002JM', dateOfBirth: '960812', sex: 'F', dateOfExpiry: '131031', nationality: 'D', name: 'MUSTERMANN<<ERIKA' });
    expect(dg1.lines).toEqual(['P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<', 'C11T002JM4D<<9608122F1310317<<<<<<<<<<<<<<<6']);
    expect(hex(encodeDg1(dg1.lines))).toBe(hex(bsi2008('Datagroup1')));
  });

  it('DG2 holds one ISO 19794-5 face, a JPEG 2000 image that decodes to 413 × 531', async () => {
    const dg2 = decodeDg2(bsi2008('Datagroup2'));
    expect(dg2.faces).toHaveLength(1);
    const face = dg2.faces[0]!;
    expect(face).toMatchObject({ encoding: 'ISO19794-5', format: 'JPEG2000' });
    const image = await decodeChipImage(face.image);
    expect({ width: image.width, height: image.height, format: image.format }).toEqual({ width: 413, height: 531, format: 'JPEG2000' });
    const meta = await sharp(image.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 413, 531]);
    // The record header declares 337 × 449: a finding for the examiner, reported as declared.
    expect([face.declaredWidth, face.declaredHeight]).toEqual([337, 449]);
  });

  it('DG14 lists an ECDH chip authentication key on brainpoolP224r1 (explicit parameters), CA with 3DES and TA', () => {
    const infos = decodeDg14(bsi2008('Datagroup14'));
    expect(infos.map((i) => i.type)).toEqual(['ChipAuthenticationPublicKeyInfo', 'ChipAuthenticationInfo', 'TerminalAuthenticationInfo']);
    const pk = infos[0]!;
    if (pk.type !== 'ChipAuthenticationPublicKeyInfo' || pk.publicKey.kind !== 'EC') throw new Error('not an EC key');
    expect(pk.publicKey).toMatchObject({ curveName: 'brainpoolP224r1', explicit: true });
    expect(pk.publicKey.point.length).toBe(57);
    expect(infos[1]).toMatchObject({ oid: '0.4.0.127.0.7.2.2.3.2.1', version: 1 });
    expect(hex(encodeDg14(infos))).toBe(hex(bsi2008('Datagroup14')));
  });

  it('DG15 holds a 1024-bit RSA key for active authentication', () => {
    const key = decodeDg15(bsi2008('Datagroup15'));
    expect(key.kind).toBe('RSA');
    if (key.kind === 'RSA') expect(key.bits).toBe(1024);
    expect(hex(encodeDg15(key.spki))).toBe(hex(bsi2008('Datagroup15')));
  });
});

describe('the DG14 example of ICAO 9303', () => {
  it('parses its DH chip authentication key, CA with 3DES and TA', () => {
    const infos = decodeDg14(icaoDg14Example());
    expect(infos.map((i) => i.type)).toEqual(['ChipAuthenticationPublicKeyInfo', 'ChipAuthenticationInfo', 'TerminalAuthenticationInfo']);
    const pk = infos[0]!;
    if (pk.type !== 'ChipAuthenticationPublicKeyInfo' || pk.publicKey.kind !== 'DH') throw new Error('not a DH key');
    expect(pk.publicKey.domain.p.toString(16).length).toBe(256);
    expect(infos[1]).toMatchObject({ oid: '0.4.0.127.0.7.2.2.3.1.1', version: 1 });
  });
});

describe('round trips', () => {
  it('EF.COM, DG1 in TD1 and TD2', () => {
    const com = { ldsVersion: '0108', unicodeVersion: '040000', tags: [0x61, 0x75, 0x6b] };
    expect(decodeEfCom(encodeEfCom(com))).toEqual(com);
    const td1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
    expect(decodeDg1(encodeDg1(td1))).toMatchObject({ format: 'TD1', documentNumber: 'D23145890', dateOfBirth: '740812', dateOfExpiry: '120415', name: 'ERIKSSON<<ANNA<MARIA' });
    // TD1 with a 12-character document number continued in the optional data (9303-5 §4.2.2).
    const long = ['I<UTOD23145890<7349<<<<<<<<<<<', '3407127M9507122UTO<<<<<<<<<<<2', 'STEVENSON<<PETER<JOHN<<<<<<<<<'];
    expect(decodeDg1(encodeDg1(long)).documentNumber).toBe('D23145890734');
    const td2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
    expect(decodeDg1(encodeDg1(td2))).toMatchObject({ format: 'TD2', documentNumber: 'D23145890', nationality: 'UTO' });
  });

  it('DG2 with a JPEG face (19794-5) and a JPEG 2000 face (39794-5)', async () => {
    const j = await jpeg(120, 160);
    const j2k = decodeDg2(bsi2008('Datagroup2')).faces[0]!.image;
    const dg2 = decodeDg2(encodeDg2([{ image: j, width: 120, height: 160 }, { image: j2k, width: 413, height: 531, encoding: 'ISO39794-5' }]));
    expect(dg2.faces.map((f) => [f.encoding, f.format, f.declaredWidth, f.declaredHeight, f.findings.length])).toEqual([
      ['ISO19794-5', 'JPEG', 120, 160, 0],
      ['ISO39794-5', 'JPEG2000', 413, 531, 0],
    ]);
    const decoded = await decodeChipImage(dg2.faces[0]!.image);
    expect([decoded.width, decoded.height]).toEqual([120, 160]);
    const decoded2 = await decodeChipImage(dg2.faces[1]!.image);
    expect([decoded2.width, decoded2.height]).toEqual([413, 531]);
  });

  it('DG7, DG11, DG12', async () => {
    const sig = await jpeg(200, 60);
    expect(decodeDg7(encodeDg7([sig])).images.map((i) => i.format)).toEqual(['JPEG']);
    const dg11 = {
      fullName: 'ERIKSSON<<ANNA<MARIA', otherNames: ['ANNA MARIA ERIKSSON', 'ANNA ÅKESSON'], personalNumber: '123456789',
      fullDateOfBirth: '19740812', placeOfBirth: 'ZENITH<UTOPIA', address: '123 MAPLE RD<ANYTOWN<NY', telephone: undefined,
      profession: 'TRAVEL<AGENT', title: undefined, personalSummary: undefined, proofOfCitizenship: undefined,
      otherTravelDocumentNumbers: ['XYZ12345'], custodyInformation: undefined,
    };
    expect(decodeDg11(encodeDg11(dg11))).toEqual(dg11);
    const dg12 = {
      issuingAuthority: 'UTOPIA', dateOfIssue: '20020131', otherPersons: [], endorsements: 'BEARER IS A MINOR',
      taxExitRequirements: undefined, imageOfFront: sig, imageOfRear: undefined, personalizationTime: '20020131141516', personalizationDevice: 'XYZ-1',
    };
    const back = decodeDg12(encodeDg12(dg12));
    expect({ ...back, imageOfFront: hex(back.imageOfFront!) }).toEqual({ ...dg12, imageOfFront: hex(sig) });
  });

  it('EF.CardAccess SecurityInfos, unknown entries kept', () => {
    const raw = encodeSecurityInfos([
      { type: 'PACEInfo', oid: '0.4.0.127.0.7.2.2.4.2.2', version: 2, parameterId: 13 },
      { type: 'Unknown', oid: '1.2.3.4', encoded: new Uint8Array([0x30, 0x05, 0x06, 0x03, 0x2a, 0x03, 0x04]) },
    ]);
    const infos = decodeSecurityInfos(raw);
    expect(infos.map((i) => i.type)).toEqual(['PACEInfo', 'Unknown']);
  });
});

describe('malformed files', () => {
  it('gives MalformedData', async () => {
    const dg2 = bsi2008('Datagroup2');
    expect(kind(() => decodeDg2(dg2.subarray(0, 3000)))).toBe('MalformedData');
    const broken = new Uint8Array(dg2);
    broken.set([0x46, 0x41, 0x42], 0x26); // FAB instead of FAC
    expect(kind(() => decodeDg2(broken))).toBe('MalformedData');
    const blockLength = new Uint8Array(dg2);
    blockLength.set([0x7f, 0xff, 0xff, 0xff], 0x34);
    expect(kind(() => decodeDg2(blockLength))).toBe('MalformedData');
    expect(kind(() => decodeDg1(new Uint8Array([0x61, 0x05, 0x5f, 0x1f, 0x02, 0x41, 0x42])))).toBe('MalformedData');
    expect(kind(() => decodeDg14(bsi2008('Datagroup15')))).toBe('MalformedData');
    expect(kind(() => decodeDg15(bsi2008('Datagroup14')))).toBe('MalformedData');
    await expect(decodeChipImage(new Uint8Array([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 1, 2, 3, 4, 5]))).rejects.toMatchObject({ kind: 'MalformedData' });
    await expect(decodeChipImage(new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]))).rejects.toMatchObject({ kind: 'MalformedData' });
  });
});
