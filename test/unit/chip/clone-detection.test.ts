// Clone detection end to end against the software chip: active authentication (RSA with ISO/IEC
// 9796-2 scheme 1, ECDSA on P-256 and Brainpool), chip authentication (ECDH and DH, 3DES and AES,
// then reading on under the new keys), PACE-CAM against EF.CardSecurity — and the rule that a
// proof counts only when passive authentication covered the key's file. A chip holding other keys
// than its files publish (a clone with copied files) fails every check.
import { constants, createHash, generateKeyPairSync, privateEncrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ActiveAuthenticationProtocol } from '../../../electron/chip/auth/active-authentication';
import { ChipAuthenticationProtocol } from '../../../electron/chip/auth/chip-authentication';
import { cloneCheckCounts } from '../../../electron/chip/auth/clone-check-rule';
import { verifyIso9796Scheme1 } from '../../../electron/chip/auth/iso9796-2';
import { checkPaceCam } from '../../../electron/chip/auth/pace-cam-check';
import { bigIntToBytes, bytesToBigInt, concat, hex } from '../../../electron/chip/bytes';
import { verifyCardSecurity } from '../../../electron/chip/lds/card-security.codec';
import { decodeDg14 } from '../../../electron/chip/lds/dg14-security-options.codec';
import { decodeDg15 } from '../../../electron/chip/lds/dg15-active-authentication.codec';
import { verifyPassiveAuthentication } from '../../../electron/chip/pki/passive-authentication';
import { readSubjectPublicKeyInfo } from '../../../electron/chip/pki/subject-public-key-info';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import { ChipReader } from '../../../electron/chip/reader/chip-reader';
import { decodeTlv } from '../../../electron/chip/tlv/ber-tlv-reader';
import { VirtualChip } from '../../../electron/chip/virtual/virtual-chip';
import { VirtualChipTransport } from '../../../electron/chip/virtual/virtual-chip-transport';
import { ERIKSSON, passportPki, virtualPassport, type PassportSpec } from '../../helpers/chip/virtual-passport';

const PKI = passportPki();

describe('ISO/IEC 9796-2 scheme 1 (partial recovery)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const key = readSubjectPublicKeyInfo(decodeTlv(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }))));
  if (key.kind !== 'RSA') throw new Error('not RSA');
  const challenge = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  /** A signature built here from the standard's layout, apart from the software chip's. */
  function sign(hash: 'sha1' | 'sha256', trailer: number[]): Uint8Array {
    const h = hash === 'sha1' ? 20 : 32;
    const m1 = new Uint8Array(128 - h - trailer.length - 1).fill(0x5a);
    const digest = createHash(hash).update(concat(m1, challenge)).digest();
    return new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, concat(new Uint8Array([0x6a]), m1, digest, new Uint8Array(trailer))));
  }

  it('recovers M1 and checks the hash, with the implicit (BC) and the SHA-256 (34 CC) trailer', () => {
    const r1 = verifyIso9796Scheme1(key, sign('sha1', [0xbc]), challenge);
    expect(r1).toMatchObject({ valid: true, hash: 'sha1' });
    expect(r1.recovered?.length).toBe(128 - 20 - 2);
    expect(verifyIso9796Scheme1(key, sign('sha256', [0x34, 0xcc]), challenge)).toMatchObject({ valid: true, hash: 'sha256' });
  });

  it('accepts the signer\'s alternative n − s, and refuses another challenge or a changed signature', () => {
    const s = sign('sha1', [0xbc]);
    const alternative = bigIntToBytes(key.modulus - bytesToBigInt(s), 128);
    expect(verifyIso9796Scheme1(key, alternative, challenge).valid).toBe(true);
    expect(verifyIso9796Scheme1(key, s, new Uint8Array(8)).valid).toBe(false);
    const changed = new Uint8Array(s);
    changed[10] = changed[10]! ^ 1;
    expect(verifyIso9796Scheme1(key, changed, challenge).valid).toBe(false);
    expect(verifyIso9796Scheme1(key, bigIntToBytes(key.modulus + 1n, 129), challenge).valid).toBe(false);
  });
});

async function read(spec: PassportSpec) {
  const passport = virtualPassport(spec);
  const chip = new VirtualChip(passport.config);
  const transport = new VirtualChipTransport(chip);
  const reading = await new ChipReader({ key: ERIKSSON, atr: chip.atr }).read(transport);
  const sodCheck = verifyPassiveAuthentication({
    sod: reading.files.get('SOD')!,
    dataGroups: new Map([...reading.files].filter(([f]) => f.startsWith('DG')).map(([f, b]) => [Number(f.slice(2)), b])),
    anchors: indexTrustAnchors([PKI.csca]),
    at: new Date(Date.UTC(2026, 0, 1)),
  });
  return { passport, chip, transport, reading, sodCheck };
}

describe('active authentication', () => {
  it.each(['rsa1024', 'rsa2048', 'p256', 'brainpoolP256r1'] as const)('%s: the chip signs the challenge with the key of DG15', async (aa) => {
    const { reading, sodCheck } = await read({ pki: PKI, aa, extendedLength: aa === 'rsa2048' });
    const dg14 = reading.files.get('DG14');
    const result = await new ActiveAuthenticationProtocol(reading.channel, decodeDg15(reading.files.get('DG15')!), {
      securityInfos: dg14 ? decodeDg14(dg14) : undefined, extendedLength: aa === 'rsa2048',
    }).run();
    expect(result).toMatchObject({ method: 'active-authentication', status: 'succeeded', keySource: 'DG15' });
    expect(sodCheck.outcome).toBe('trusted');
    expect(cloneCheckCounts(result, sodCheck, false)).toBe(true);
  });

  it('a chip whose key differs from DG15 fails', async () => {
    for (const aa of ['rsa1024', 'p256'] as const) {
      const { reading } = await read({ pki: PKI, aa, cloneKeys: true });
      const dg14 = reading.files.get('DG14');
      const result = await new ActiveAuthenticationProtocol(reading.channel, decodeDg15(reading.files.get('DG15')!), { securityInfos: dg14 ? decodeDg14(dg14) : undefined }).run();
      expect(result.status).toBe('failed');
    }
  });

  it('a chip without active authentication says so', async () => {
    const { reading } = await read({ pki: PKI, aa: 'rsa1024' });
    const withoutAa = new VirtualChip({ ...virtualPassport({ pki: PKI }).config });
    const t = new VirtualChipTransport(withoutAa);
    const r2 = await new ChipReader({ key: ERIKSSON }).read(t);
    const result = await new ActiveAuthenticationProtocol(r2.channel, decodeDg15(reading.files.get('DG15')!)).run();
    expect(result.status).toBe('not-supported');
  });
});

describe('chip authentication', () => {
  const specs: [string, PassportSpec['ca']][] = [
    ['ECDH P-256 AES-128', { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' }],
    ['ECDH brainpoolP256r1 (explicit) AES-256', { agreement: 'ECDH', curve: 'brainpoolP256r1', cipher: 'AES-256' }],
    ['ECDH brainpoolP224r1 (explicit) 3DES, as the BSI 2008 chip', { agreement: 'ECDH', curve: 'brainpoolP224r1', cipher: 'TDES' }],
    ['DH 1024/160 3DES', { agreement: 'DH', group: 0, cipher: 'TDES' }],
    ['DH 2048/256 AES-128', { agreement: 'DH', group: 2, cipher: 'AES-128' }],
  ];
  it.each(specs)('%s: the chip answers under the new keys, and reading goes on', async (_label, ca) => {
    const extended = ca!.agreement === 'DH' && ca!.group !== 0;
    const { reading, transport, sodCheck } = await read({ pki: PKI, ca, extendedLength: extended });
    const result = await new ChipAuthenticationProtocol(transport, reading.channel, decodeDg14(reading.files.get('DG14')!)).run();
    expect(result.check).toMatchObject({ method: 'chip-authentication', status: 'succeeded', keySource: 'DG14' });
    expect(cloneCheckCounts(result.check, sodCheck, false)).toBe(true);
    const channel = result.channel!;
    expect(channel.secureMessaging?.cipher).toBe(ca!.cipher);
    const select = await channel.send({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: new Uint8Array([0x01, 0x01]) });
    const dg1 = await channel.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: reading.files.get('DG1')!.length });
    expect([select.sw, dg1.sw]).toEqual([0x9000, 0x9000]);
    expect(hex(dg1.data)).toBe(hex(reading.files.get('DG1')!));
  });

  it('a chip whose key differs from DG14 fails, and the proof of a chip with a forged DG14 does not count', async () => {
    const clone = await read({ pki: PKI, ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' }, cloneKeys: true });
    const result = await new ChipAuthenticationProtocol(clone.transport, clone.reading.channel, decodeDg14(clone.reading.files.get('DG14')!)).run();
    expect(result.check.status).toBe('failed');
    expect(result.channel).toBeNull();
    // A succeeded check against a DG14 whose hash does not match the SOD: it does not count.
    const genuine = await read({ pki: PKI, ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' } });
    const ok = await new ChipAuthenticationProtocol(genuine.transport, genuine.reading.channel, decodeDg14(genuine.reading.files.get('DG14')!)).run();
    const forged = verifyPassiveAuthentication({
      sod: genuine.reading.files.get('SOD')!, dataGroups: new Map([[14, clone.reading.files.get('DG14')!]]), anchors: indexTrustAnchors([PKI.csca]), at: new Date(Date.UTC(2026, 0, 1)),
    });
    expect(ok.check.status).toBe('succeeded');
    expect(cloneCheckCounts(ok.check, forged, false)).toBe(false);
  });
});

describe('PACE-CAM', () => {
  it('the chip authentication data matches the key of EF.CardSecurity, which passes passive authentication', async () => {
    const { reading } = await read({ pki: PKI, pace: [{ agreement: 'ECDH', mapping: 'CAM', cipher: 'AES-128', parameterId: 13 }] });
    expect(reading.access.protocol).toBe('PACE-CAM');
    const cs = verifyCardSecurity(reading.files.get('CardSecurity')!, indexTrustAnchors([PKI.csca]), [], new Date(Date.UTC(2026, 0, 1)));
    expect(cs.outcome).toBe('trusted');
    const check = checkPaceCam(reading.pace, cs.infos);
    expect(check).toMatchObject({ method: 'pace-cam', status: 'succeeded', keySource: 'CardSecurity' });
    expect(cloneCheckCounts(check, verifyPassiveAuthentication({ sod: reading.files.get('SOD')!, dataGroups: new Map(), anchors: indexTrustAnchors([PKI.csca]), at: new Date() }), cs.outcome === 'trusted')).toBe(true);
  });

  it('is not performed after plain PACE, and fails against another key', async () => {
    const { reading } = await read({ pki: PKI, pace: [{ agreement: 'ECDH', mapping: 'GM', cipher: 'AES-128', parameterId: 13 }] });
    expect(checkPaceCam(reading.pace, null).status).toBe('not-performed');
    const cam = await read({ pki: PKI, pace: [{ agreement: 'ECDH', mapping: 'CAM', cipher: 'AES-128', parameterId: 12 }] });
    const other = await read({ pki: PKI, pace: [{ agreement: 'ECDH', mapping: 'CAM', cipher: 'AES-128', parameterId: 12 }] });
    const otherInfos = verifyCardSecurity(other.reading.files.get('CardSecurity')!, indexTrustAnchors([PKI.csca]), [], new Date()).infos;
    expect(checkPaceCam(cam.reading.pace, otherInfos).status).toBe('failed');
  });
});
