// Reading specimen passports through the whole stack: ChipReader (chip domain) → BridgeApduTransport
// → device bridge process → PC/SC driver → pcscd → vpcd → the virtual card tool's chip. BAC, PACE
// and PACE-CAM; DG1, DG2 and EF.SOD checked by passive authentication against the test PKI; every
// outcome the specimen signers are made for; extended length and a DG2 beyond 32 KB; a clone.
import { afterEach, expect, it } from 'vitest';
import { ActiveAuthenticationProtocol } from '../../../electron/chip/auth/active-authentication';
import { ChipAuthenticationProtocol } from '../../../electron/chip/auth/chip-authentication';
import { checkPaceCam } from '../../../electron/chip/auth/pace-cam-check';
import { verifyCardSecurity } from '../../../electron/chip/lds/card-security.codec';
import { decodeDg1 } from '../../../electron/chip/lds/dg1-mrz.codec';
import { decodeDg14 } from '../../../electron/chip/lds/dg14-security-options.codec';
import { decodeDg15 } from '../../../electron/chip/lds/dg15-active-authentication.codec';
import { decodeDg2 } from '../../../electron/chip/lds/dg2-face.codec';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import { readChipThroughBridge, type BridgeChipReading } from '../../../electron/devices/bridge-chip-reading';
import type { ChipFile } from '../../../electron/contract/chip.contract';
import { ERIKSSON, SPECIMEN_MRZ } from '../../../electron/specimens/virtual-card/specimen-passport';
import type { VirtualCardProcess } from '../../helpers/pcsc/virtual-card-process';
import { cardOn, describePcsc, passiveAuthentication, READER, usePcscStack } from './pcsc-fixture';

const ALL: ChipFile[] = ['DG1', 'DG2', 'DG14', 'DG15'];

describePcsc('reading a passport chip through pcscd and vpcd', () => {
  const stack = usePcscStack();
  let card: VirtualCardProcess | undefined;
  let open: BridgeChipReading | undefined;

  afterEach(async () => {
    await open?.transport.close();
    open = undefined;
    await card?.stop();
    card = undefined;
  });

  async function read(args: readonly string[], dataGroups: ChipFile[] = ['DG1', 'DG2']): Promise<BridgeChipReading> {
    card = await stack.card(args);
    await cardOn(stack);
    open = await readChipThroughBridge(stack.bridge, { key: ERIKSSON, dataGroups, reader: READER, waitMs: 10_000 });
    return open;
  }

  it('BAC: DG1, DG2 and EF.SOD, trusted by passive authentication', async () => {
    const { reading, atr } = await read(['--profile', 'bac']);
    expect(Buffer.from(atr).toString('hex')).toBe(card!.ready.atr);
    expect(reading.access).toMatchObject({ protocol: 'BAC', reason: 'no-card-access' });
    expect([...reading.files.keys()].sort()).toEqual(['COM', 'DG1', 'DG2', 'SOD']);
    expect(reading.files.get('DG2')!.length).toBe(card!.ready.files.DG2);
    expect(decodeDg1(reading.files.get('DG1')!).lines).toEqual(SPECIMEN_MRZ);
    expect(decodeDg2(reading.files.get('DG2')!).faces).toMatchObject([{ format: 'JPEG', findings: [] }]);
    expect(reading.extendedLength).toEqual({ used: false, source: 'atr' });
    const pa = passiveAuthentication(stack, reading);
    expect(pa.outcome).toBe('trusted');
    expect(pa.hashes).toEqual([{ dataGroup: 1, status: 'match' }, { dataGroup: 2, status: 'match' }, { dataGroup: 14, status: 'not-read' }, { dataGroup: 15, status: 'not-read' }]);
  });

  it('PACE: the chip offers no BAC; EF.CardSecurity is read and trusted too', async () => {
    const { reading } = await read(['--profile', 'pace']);
    expect(reading.access).toMatchObject({ protocol: 'PACE', reason: 'pace-offered', passwordType: 'MRZ' });
    expect(reading.access.detail).toContain('brainpoolP256r1');
    expect(reading.files.has('CardSecurity')).toBe(true);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
    expect(verifyCardSecurity(reading.files.get('CardSecurity')!, indexTrustAnchors([stack.pki.csca]), [], new Date()).outcome).toBe('trusted');
  });

  it('PACE-CAM: the chip proves the key EF.CardSecurity publishes', async () => {
    const { reading } = await read(['--profile', 'pace-cam']);
    expect(reading.access.protocol).toBe('PACE-CAM');
    const cardSecurity = verifyCardSecurity(reading.files.get('CardSecurity')!, indexTrustAnchors([stack.pki.csca]), [], new Date());
    expect(cardSecurity.outcome).toBe('trusted');
    expect(checkPaceCam(reading.pace, cardSecurity.infos)).toMatchObject({ method: 'pace-cam', status: 'succeeded', keySource: 'CardSecurity' });
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
  });

  it.each([
    ['wrong-dg-hash', 'hash-mismatch', 'DG1'],
    ['unknown-signer', 'issuer-unknown', 'CSCA'],
    ['expired-signer', 'ds-expired-at-signing', 'signed on 2024-03-01'],
    ['revoked-signer', 'revoked', 'revoked'],
  ])('%s: passive authentication says %s', async (profile, outcome, detail) => {
    const { reading } = await read(['--profile', profile]);
    const pa = passiveAuthentication(stack, reading);
    expect(pa.outcome).toBe(outcome);
    expect(pa.detail).toContain(detail);
  });

  it('a chip with its own keys proves them (chip and active authentication)', async () => {
    const { reading, transport } = await read(['--profile', 'standard'], ALL);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
    const infos = decodeDg14(reading.files.get('DG14')!);
    const aa = await new ActiveAuthenticationProtocol(reading.channel, decodeDg15(reading.files.get('DG15')!), { securityInfos: infos }).run();
    expect(aa).toMatchObject({ method: 'active-authentication', status: 'succeeded' });
    const ca = await new ChipAuthenticationProtocol(transport, reading.channel, infos).run();
    expect(ca.check).toMatchObject({ method: 'chip-authentication', status: 'succeeded' });
  });

  it('a clone (files copied, keys not) fails chip and active authentication though its data is trusted', async () => {
    const { reading, transport } = await read(['--profile', 'clone'], ALL);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
    const infos = decodeDg14(reading.files.get('DG14')!);
    const aa = await new ActiveAuthenticationProtocol(reading.channel, decodeDg15(reading.files.get('DG15')!), { securityInfos: infos }).run();
    expect(aa.status).toBe('failed');
    const ca = await new ChipAuthenticationProtocol(transport, reading.channel, infos).run();
    expect(ca.check.status).toBe('failed');
  });

  it('a DG2 beyond 32 KB with extended length: long answers through pcscd, odd INS past 32 767', async () => {
    const { reading, transport } = await read(['--profile', 'big-dg2', '--extended-length']);
    expect(reading.extendedLength).toEqual({ used: true, source: 'atr' });
    const dg2 = reading.files.get('DG2')!;
    expect(dg2.length).toBeGreaterThan(100_000);
    expect(dg2.length).toBe(card!.ready.files.DG2);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
    // Answers of about 4 KB: far fewer exchanges than 223-byte reads would need.
    expect(transport.counters.apdus).toBeLessThan(60);
    expect(transport.counters.responseBytes).toBeGreaterThan(dg2.length);
  });

  it('the same big DG2 without extended length: 223-byte reads, odd INS past 32 767', async () => {
    const { reading, transport } = await read(['--profile', 'big-dg2']);
    expect(reading.extendedLength.used).toBe(false);
    expect(reading.files.get('DG2')!.length).toBe(card!.ready.files.DG2);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
    expect(transport.counters.apdus).toBeGreaterThan(card!.ready.files.DG2! / 0xdf);
  });
});
