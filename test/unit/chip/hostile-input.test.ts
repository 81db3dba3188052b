// Chip data is hostile input: every decoder, fed the real sample files with bytes flipped, lengths
// changed and tails cut, must answer with a result or a ChipError — never another exception, a
// hang or a crash. The software chip, fed random APDUs, must always answer with a status word.
import { describe, expect, it } from 'vitest';
import { ChipError } from '../../../electron/chip/chip-error';
import { decodeCardSecurity } from '../../../electron/chip/lds/card-security.codec';
import { decodeDg1 } from '../../../electron/chip/lds/dg1-mrz.codec';
import { decodeDg14 } from '../../../electron/chip/lds/dg14-security-options.codec';
import { decodeDg15 } from '../../../electron/chip/lds/dg15-active-authentication.codec';
import { decodeDg2 } from '../../../electron/chip/lds/dg2-face.codec';
import { decodeEfCom } from '../../../electron/chip/lds/ef-com.codec';
import { decodeSod } from '../../../electron/chip/lds/sod.codec';
import { decodeMasterList } from '../../../electron/chip/pki/master-list';
import { verifyPassiveAuthentication } from '../../../electron/chip/pki/passive-authentication';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import { decodeCertificate } from '../../../electron/chip/pki/x509-certificate';
import { ChipReader } from '../../../electron/chip/reader/chip-reader';
import { VirtualChip } from '../../../electron/chip/virtual/virtual-chip';
import { VirtualChipTransport } from '../../../electron/chip/virtual/virtual-chip-transport';
import { bsi2008, icaoDg14Example } from '../../helpers/chip/chip-samples';
import { ERIKSSON, passportPki, virtualPassport } from '../../helpers/chip/virtual-passport';

function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 0x100000000;
}

function mutations(bytes: Uint8Array, count: number, seed: number): Uint8Array[] {
  const rand = prng(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const m = new Uint8Array(bytes);
    const kind = i % 4;
    if (kind === 0) for (let j = 0; j < 1 + rand() * 4; j++) m[Math.floor(rand() * m.length)] = Math.floor(rand() * 256);
    if (kind === 1) m[Math.floor(rand() * Math.min(m.length, 64))] = [0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xff][Math.floor(rand() * 7)]!;
    if (kind === 2) {
      out.push(m.subarray(0, Math.floor(rand() * m.length)));
      continue;
    }
    if (kind === 3) {
      const at = Math.floor(rand() * m.length);
      m[at] = (m[at]! + 1) & 0xff;
    }
    out.push(m);
  }
  return out;
}

function survives(decode: (b: Uint8Array) => unknown, bytes: Uint8Array, count: number, seed: number): string[] {
  const failures: string[] = [];
  for (const m of mutations(bytes, count, seed)) {
    try {
      decode(m);
    } catch (e) {
      if (!(e instanceof ChipError)) failures.push(`${(e as Error).name}: ${(e as Error).message}`);
    }
  }
  return failures;
}

describe('decoders on mutated sample files', () => {
  const cases: [string, (b: Uint8Array) => unknown, Uint8Array][] = [
    ['EF.COM', decodeEfCom, bsi2008('EF_COM')],
    ['DG1', decodeDg1, bsi2008('Datagroup1')],
    ['DG2', decodeDg2, bsi2008('Datagroup2').subarray(0, 400)],
    ['DG14', decodeDg14, bsi2008('Datagroup14')],
    ['DG14 (ICAO example)', decodeDg14, icaoDg14Example()],
    ['DG15', decodeDg15, bsi2008('Datagroup15')],
    ['EF.SOD', decodeSod, bsi2008('EF_SOD')],
  ];
  it.each(cases)('%s: only ChipErrors', (_name, decode, bytes) => {
    expect(survives(decode, bytes, 1500, bytes.length)).toEqual([]);
  });

  it('DG2 with its whole image: only ChipErrors', () => {
    const full = bsi2008('Datagroup2');
    expect(survives(decodeDg2, full, 200, 7)).toEqual([]);
  });

  it('passive authentication on a mutated SOD never throws', () => {
    const groups = new Map([[1, bsi2008('Datagroup1')], [14, bsi2008('Datagroup14')]]);
    for (const m of mutations(bsi2008('EF_SOD'), 600, 3)) {
      const r = verifyPassiveAuthentication({ sod: m, dataGroups: groups, anchors: indexTrustAnchors([]), at: new Date() });
      expect(r.outcome).not.toBe('trusted');
    }
  });

  it('certificates, EF.CardSecurity and master lists: only ChipErrors', () => {
    const passport = virtualPassport({ pki: passportPki(), pace: [{ agreement: 'ECDH', mapping: 'CAM', cipher: 'AES-128', parameterId: 13 }] });
    const cardSecurity = passport.config.files.CardSecurity!;
    expect(survives(decodeCardSecurity, cardSecurity, 800, 11)).toEqual([]);
    const cert = decodeCardSecurity(cardSecurity).signedData.certificates[0]!.encoded;
    expect(survives(decodeCertificate, cert, 800, 13)).toEqual([]);
    expect(survives(decodeMasterList, cardSecurity, 300, 17)).toEqual([]);
  });
});

describe('the software chip on random APDUs', () => {
  it('always answers with a status word and stays usable', async () => {
    const passport = virtualPassport({ pki: passportPki(), pace: [{ agreement: 'ECDH', mapping: 'GM', cipher: 'AES-128', parameterId: 13 }], ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' }, aa: 'p256' });
    const chip = new VirtualChip(passport.config);
    chip.powerOn();
    const rand = prng(99);
    const insList = [0xa4, 0xb0, 0xb1, 0x84, 0x82, 0x22, 0x86, 0x88, 0x00, 0xca];
    for (let i = 0; i < 4000; i++) {
      const length = Math.floor(rand() * 40);
      const apdu = new Uint8Array(length).map(() => Math.floor(rand() * 256));
      if (length > 1) apdu[1] = insList[i % insList.length]!;
      if (length > 0 && i % 3 === 0) apdu[0] = [0x00, 0x0c, 0x10][i % 3]!;
      const answer = chip.process(apdu);
      expect(answer.length).toBeGreaterThanOrEqual(2);
    }
    const reading = await new ChipReader({ key: ERIKSSON }).read(new VirtualChipTransport(chip));
    expect(reading.access.protocol).toBe('PACE');
    expect(reading.statuses.filter((st) => st.status === 'read').map((st) => st.file).sort()).toEqual(['COM', 'CardAccess', 'CardSecurity', 'DG1', 'DG14', 'DG15', 'DG2', 'SOD']);
  });
});
