// The software chip, written apart from the reader: its secure messaging and BAC replay ICAO
// 9303-11 Appendix D from the chip's side, its PACE replays Appendix G.1 from the chip's side,
// and then reader and chip run end to end in memory — BAC, PACE with ECDH on every supported
// curve and DH, 3DES and AES, the CAN, PACE-CAM — with the refusals a real chip gives.
import { describe, expect, it } from 'vitest';
import { AccessControl } from '../../../electron/chip/access/access-control';
import { planAccess } from '../../../electron/chip/access/access-plan';
import { paceOid } from '../../../electron/chip/access/pace-algorithm';
import { verifyChipAuthenticationMapping } from '../../../electron/chip/access/pace-mapping';
import { bytesToBigInt, fromHex, hex } from '../../../electron/chip/bytes';
import { ChipError } from '../../../electron/chip/chip-error';
import { ecGroup } from '../../../electron/chip/crypto/agreement-group';
import { curveByName } from '../../../electron/chip/crypto/ec-curves';
import { decodeSecurityInfos, encodeSecurityInfos } from '../../../electron/chip/lds/security-infos.codec';
import { tlv } from '../../../electron/chip/tlv/ber-tlv-writer';
import { parseCardCommand } from '../../../electron/chip/virtual/card-command';
import { CardSecureMessaging } from '../../../electron/chip/virtual/card-secure-messaging';
import { VirtualChip } from '../../../electron/chip/virtual/virtual-chip';
import { VirtualChipTransport } from '../../../electron/chip/virtual/virtual-chip-transport';
import type { VirtualChipConfig, VirtualPaceOffer } from '../../../electron/chip/virtual/virtual-chip-config';
import { fixedRandom } from '../../helpers/chip/scripted-transport';

const D3_KEYS = { cipher: 'TDES', encKey: fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5'), macKey: fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8') } as const;
const ERIKSSON = { kind: 'MRZ', documentNumber: 'L898902C', dateOfBirth: '690806', dateOfExpiry: '940623' } as const;
const EF_COM = fromHex('60145F0104303130365F36063034303030305C026175');

function config(overrides: Partial<VirtualChipConfig> = {}): VirtualChipConfig {
  const pace = overrides.pace ?? [];
  return {
    files: { COM: EF_COM, DG1: tlv(0x61, tlv(0x5f1f, new Uint8Array(Buffer.from('P<UTOERIKSSON<<ANNA<MARIA'.padEnd(44, '<') + 'L898902C<3UTO6908061F9406236ZE184226B<<<<<10')))), ...(pace.length ? { CardAccess: encodeSecurityInfos(pace.map((o) => ({ type: 'PACEInfo', oid: o.oid, version: 2, parameterId: o.parameterId }))) } : {}) },
    mrz: ERIKSSON, bac: true, pace, extendedLength: false, maxReadLength: 0xdf, tooLong: 'wrong-length', oddInsRead: true,
    ...overrides,
  };
}

describe('the chip side of secure messaging replays ICAO 9303-11 Appendix D.4', () => {
  it('checks the protected commands and protects its answers byte for byte', () => {
    const sm = new CardSecureMessaging(D3_KEYS, fromHex('887022120C06C226'));
    const select = sm.unwrapCommand(parseCardCommand(fromHex('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800'))!);
    expect(select && { ins: select.ins, data: hex(select.data), cla: select.cla }).toEqual({ ins: 0xa4, data: '011E', cla: 0 });
    expect(hex(sm.wrapResponse(new Uint8Array(), 0x9000, false))).toBe('990290008E08FA855A5D4C50A8ED9000');
    const read4 = sm.unwrapCommand(parseCardCommand(fromHex('0CB000000D9701048E08ED6705417E96BA5500'))!);
    expect(read4?.ne).toBe(4);
    expect(hex(sm.wrapResponse(fromHex('60145F01'), 0x9000, false))).toBe('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000');
    const read18 = sm.unwrapCommand(parseCardCommand(fromHex('0CB000040D9701128E082EA28A70F3C7B53500'))!);
    expect(read18 && [read18.p2, read18.ne]).toEqual([4, 0x12]);
    expect(hex(sm.wrapResponse(fromHex('04303130365F36063034303030305C026175'), 0x9000, false))).toBe('871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000');
  });

  it('refuses a command with a wrong MAC', () => {
    const sm = new CardSecureMessaging(D3_KEYS, fromHex('887022120C06C226'));
    expect(sm.unwrapCommand(parseCardCommand(fromHex('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F900'))!)).toBeNull();
  });
});

describe('the chip side of BAC replays ICAO 9303-11 Appendix D.3', () => {
  it('answers E_IC ‖ M_IC of the example', () => {
    const chip = new VirtualChip(config({ random: fixedRandom('4608F91988702212', '0B4F80323EB3191CB04970CB4052790B') }));
    chip.powerOn();
    expect(hex(chip.process(fromHex('0084000008')))).toBe('4608F919887022129000');
    expect(hex(chip.process(fromHex('008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728'))))
      .toBe('46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000');
    // The session of the example is in force: the protected SELECT EF.COM of D.4 is answered as given.
    chip.process(fromHex('00A4040C07A0000002471001'));
  });
});

describe('the chip side of PACE replays ICAO 9303-11 Appendix G.1', () => {
  it('answers the nonce, mapping key, ephemeral key and token of the example', () => {
    const keys: Record<string, bigint> = {
      mapping: BigInt('0x498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560'),
      agreement: BigInt('0x107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A'),
    };
    const chip = new VirtualChip(config({
      mrz: { kind: 'MRZ', documentNumber: 'T22000129', dateOfBirth: '640812', dateOfExpiry: '101031' },
      pace: [{ oid: '0.4.0.127.0.7.2.2.4.2.2', parameterId: 13 }],
      random: fixedRandom('3F00C4D39D153F2B2A214A078D899B22'),
      paceKeys: (step) => keys[step]!,
    }));
    chip.powerOn();
    expect(hex(chip.process(fromHex('0022C1A40F800A04007F00070202040202830101')))).toBe('9000');
    expect(hex(chip.process(fromHex('10860000027C0000')))).toBe('7C12801095A3A016522EE98D01E76CB6B98B42C39000');
    expect(hex(chip.process(fromHex('10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00'))))
      .toBe('7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C549000');
    expect(hex(chip.process(fromHex('10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200'))))
      .toBe('7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F0949000');
    expect(hex(chip.process(fromHex('008600000C7C0A8508C2B0BD78D94BA86600')))).toBe('7C0A86083ABB9674BCE93C089000');
  });
});

async function readEfCom(transport: VirtualChipTransport, key: Parameters<typeof planAccess>[1], cardAccess: Uint8Array | undefined) {
  const infos = cardAccess ? decodeSecurityInfos(cardAccess) : null;
  const access = await new AccessControl(transport, planAccess(infos, key), key).run();
  const select = await access.channel.send({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') });
  expect(select.sw).toBe(0x9000);
  const read = await access.channel.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: EF_COM.length });
  return { access, data: hex(read.data), sw: read.sw };
}

describe('reader and software chip end to end', () => {
  it('BAC: reads EF.COM under secure messaging', async () => {
    const cfg = config();
    const { access, data } = await readEfCom(new VirtualChipTransport(new VirtualChip(cfg)), ERIKSSON, undefined);
    expect(access.choice).toMatchObject({ protocol: 'BAC', reason: 'no-card-access' });
    expect(data).toBe(hex(EF_COM));
  });

  const offers: [string, VirtualPaceOffer][] = [
    ['ECDH-GM AES-128 brainpoolP256r1', { oid: paceOid('ECDH', 'GM', 'AES-128'), parameterId: 13 }],
    ['ECDH-GM AES-256 secp521r1', { oid: paceOid('ECDH', 'GM', 'AES-256'), parameterId: 18 }],
    ['ECDH-GM AES-192 brainpoolP384r1', { oid: paceOid('ECDH', 'GM', 'AES-192'), parameterId: 16 }],
    ['ECDH-GM AES-256 brainpoolP512r1', { oid: paceOid('ECDH', 'GM', 'AES-256'), parameterId: 17 }],
    ['ECDH-GM AES-128 secp256r1', { oid: paceOid('ECDH', 'GM', 'AES-128'), parameterId: 12 }],
    ['ECDH-GM AES-192 secp384r1', { oid: paceOid('ECDH', 'GM', 'AES-192'), parameterId: 15 }],
    ['ECDH-GM 3DES brainpoolP256r1', { oid: paceOid('ECDH', 'GM', 'TDES'), parameterId: 13 }],
    ['DH-GM AES-128 2048/224', { oid: paceOid('DH', 'GM', 'AES-128'), parameterId: 1 }],
    ['DH-GM 3DES 1024/160', { oid: paceOid('DH', 'GM', 'TDES'), parameterId: 0 }],
  ];
  it.each(offers)('PACE %s: reads EF.COM under secure messaging', async (_name, offer) => {
    // 2048-bit DH keys do not fit a short APDU: such chips support extended length.
    const cfg = config({ pace: [offer], extendedLength: offer.parameterId === 1 });
    const { access, data } = await readEfCom(new VirtualChipTransport(new VirtualChip(cfg)), ERIKSSON, cfg.files.CardAccess);
    expect(access.choice).toMatchObject({ protocol: 'PACE', reason: 'pace-offered', paceOid: offer.oid });
    expect(data).toBe(hex(EF_COM));
  });

  it('records the fallback to BAC when PACE cannot run (2048-bit DH keys without extended length)', async () => {
    const cfg = config({ pace: [{ oid: paceOid('DH', 'GM', 'AES-128'), parameterId: 2 }] });
    const { access, data } = await readEfCom(new VirtualChipTransport(new VirtualChip(cfg)), ERIKSSON, cfg.files.CardAccess);
    expect(access.choice).toMatchObject({ protocol: 'BAC', reason: 'pace-failed-bac-allowed', paceOid: paceOid('DH', 'GM', 'AES-128') });
    expect(access.choice.detail).toMatch(/PACE failed/);
    expect(data).toBe(hex(EF_COM));
  });

  it('PACE with the CAN, and a wrong CAN counts down the tries', async () => {
    const cfg = config({ can: '123456', pace: [{ oid: paceOid('ECDH', 'GM', 'AES-128'), parameterId: 12 }] });
    const chip = new VirtualChip(cfg);
    const { data } = await readEfCom(new VirtualChipTransport(chip), { kind: 'CAN', can: '123456' }, cfg.files.CardAccess);
    expect(data).toBe(hex(EF_COM));
    const wrong = await readEfCom(new VirtualChipTransport(chip), { kind: 'CAN', can: '654321' }, cfg.files.CardAccess).catch((e: unknown) => e as ChipError);
    expect(wrong).toBeInstanceOf(ChipError);
    expect((wrong as ChipError).kind).toBe('AccessDenied');
    expect((wrong as ChipError).message).toMatch(/2 tries left/);
  });

  it('PACE-CAM: the chip authentication data maps the static key onto the mapping key', async () => {
    const curve = curveByName('brainpoolP256r1')!;
    const staticKey = 0x1234567890abcdef1234567890abcdefn;
    const cfg = config({ pace: [{ oid: paceOid('ECDH', 'CAM', 'AES-128'), parameterId: 13, camPrivateKey: staticKey }] });
    const { access } = await readEfCom(new VirtualChipTransport(new VirtualChip(cfg)), ERIKSSON, cfg.files.CardAccess);
    expect(access.choice.protocol).toBe('PACE-CAM');
    const cam = access.pace!.cam!;
    const group = ecGroup(curve);
    const staticPublic = group.multiply(group.generator, staticKey);
    expect(verifyChipAuthenticationMapping(group, group.decode(cam.chipMappingPublicKey), staticPublic, bytesToBigInt(cam.chipAuthenticationData))).toBe(true);
    expect(verifyChipAuthenticationMapping(group, group.decode(cam.chipMappingPublicKey), group.multiply(group.generator, staticKey + 1n), bytesToBigInt(cam.chipAuthenticationData))).toBe(false);
  });

  it('a wrong MRZ is AccessDenied with BAC and with PACE', async () => {
    const wrongKey = { ...ERIKSSON, dateOfBirth: '690807' } as const;
    const bac = await readEfCom(new VirtualChipTransport(new VirtualChip(config())), wrongKey, undefined).catch((e: unknown) => e as ChipError);
    expect((bac as ChipError).kind).toBe('AccessDenied');
    const cfg = config({ pace: [{ oid: paceOid('ECDH', 'GM', 'AES-128'), parameterId: 13 }] });
    const pace = await readEfCom(new VirtualChipTransport(new VirtualChip(cfg)), wrongKey, cfg.files.CardAccess).catch((e: unknown) => e as ChipError);
    expect((pace as ChipError).kind).toBe('AccessDenied');
  });

  it('files of the application are refused before access control, EF.CardAccess is not', async () => {
    const cfg = config({ pace: [{ oid: paceOid('ECDH', 'GM', 'AES-128'), parameterId: 13 }] });
    const chip = new VirtualChip(cfg);
    chip.powerOn();
    expect(hex(chip.process(fromHex('00B09C0010'))).slice(-4)).toBe('9000');
    expect(hex(chip.process(fromHex('00B09C0000')))).toBe('6700');
    chip.process(fromHex('00A4040C07A0000002471001'));
    expect(hex(chip.process(fromHex('00B0810004')))).toBe('6982');
    expect(hex(chip.process(fromHex('0CB0000004')))).toBe('6988');
  });

  it('the chip refuses extended APDUs unless it supports them, and says so in its ATR', () => {
    const small = new VirtualChip(config());
    small.powerOn();
    expect(hex(small.process(fromHex('00B00000000400')))).toBe('6700');
    const big = new VirtualChip(config({ extendedLength: true }));
    expect(hex(small.atr)).not.toBe(hex(big.atr));
    expect(big.atr[big.atr.length - 2]! & 0x40).toBe(0x40);
  });
});

describe('the chip at the end of a file', () => {
  const offer: VirtualPaceOffer = { oid: paceOid('ECDH', 'GM', 'AES-128'), parameterId: 13 };
  const read = (chip: VirtualChip, offset: number, le: number) => hex(chip.process(new Uint8Array([0x00, 0xb0, offset >> 8, offset & 0xff, le])));
  function atCardAccess(readPastEnd?: VirtualChipConfig['readPastEnd']): { chip: VirtualChip; length: number } {
    const c = config({ pace: [offer], ...(readPastEnd ? { readPastEnd } : {}) });
    const chip = new VirtualChip(c);
    chip.powerOn();
    expect(hex(chip.process(fromHex('00A4020C02011C')))).toBe('9000');
    return { chip, length: c.files.CardAccess!.length };
  }

  it('by default warns (6282) only when fewer bytes than asked remain, and refuses an offset past the end (6B00)', () => {
    const { chip, length } = atCardAccess();
    expect(read(chip, 0, length).slice(-4)).toBe('9000');
    expect(read(chip, 0, length + 1).slice(-4)).toBe('6282');
    expect(read(chip, length, 1)).toBe('6B00');
  });

  it('as some chips do, can warn on every answer that reaches the end, and at or past it', () => {
    const { chip, length } = atCardAccess('end-of-file-warning');
    expect(read(chip, 0, length - 1).slice(-4)).toBe('9000');
    expect(read(chip, 0, length).slice(-4)).toBe('6282');
    expect(read(chip, 1, length + 5).slice(-4)).toBe('6282');
    expect(read(chip, length, 1)).toBe('6282');
  });
});
