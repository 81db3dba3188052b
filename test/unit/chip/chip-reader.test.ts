// ChipReader against the software chip: files read through BAC and PACE with progress per file,
// extended length only when the chip says so (ATR, EF.ATR/INFO), read sizes that fall back on
// 6700 / truncated answers, odd INS B1 beyond 32 767 bytes, resumption after the document was
// lifted and put back, a different document put back, timeouts and removal as typed errors.
import { describe, expect, it } from 'vitest';
import type { ChipReadProgress } from '../../../electron/contract/chip.contract';
import { paceOid } from '../../../electron/chip/access/pace-algorithm';
import { hex } from '../../../electron/chip/bytes';
import type { ChipError } from '../../../electron/chip/chip-error';
import { encodeEfCom } from '../../../electron/chip/lds/ef-com.codec';
import { encodeSecurityInfos } from '../../../electron/chip/lds/security-infos.codec';
import { ChipReader } from '../../../electron/chip/reader/chip-reader';
import { tlv } from '../../../electron/chip/tlv/ber-tlv-writer';
import { VirtualChip } from '../../../electron/chip/virtual/virtual-chip';
import { VirtualChipTransport } from '../../../electron/chip/virtual/virtual-chip-transport';
import type { VirtualChipConfig } from '../../../electron/chip/virtual/virtual-chip-config';

const MRZ = { kind: 'MRZ', documentNumber: 'L898902C', dateOfBirth: '690806', dateOfExpiry: '940623' } as const;

function filler(length: number, seed: number): Uint8Array {
  return new Uint8Array(length).map((_, i) => (i * 31 + seed) & 0xff);
}

function passport(dg2Size: number, seed = 1, overrides: Partial<VirtualChipConfig> = {}): VirtualChipConfig {
  const pace = overrides.pace ?? [];
  return {
    files: {
      COM: encodeEfCom({ ldsVersion: '0107', unicodeVersion: '040000', tags: [0x61, 0x75, 0x6e] }),
      SOD: tlv(0x77, filler(1500, seed)),
      DG1: tlv(0x61, tlv(0x5f1f, filler(88, seed))),
      DG2: tlv(0x75, filler(dg2Size, seed)),
      DG14: tlv(0x6e, filler(300, seed)),
      ...(pace.length ? { CardAccess: encodeSecurityInfos(pace.map((o) => ({ type: 'PACEInfo', oid: o.oid, version: 2, parameterId: o.parameterId }))), CardSecurity: tlv(0x30, filler(600, seed)) } : {}),
    },
    mrz: MRZ, bac: true, pace, extendedLength: false, maxReadLength: 0xdf, tooLong: 'wrong-length', oddInsRead: true,
    ...overrides,
  };
}

function readCommands(chip: VirtualChip): string[] {
  return chip.log.map(hex).filter((c) => /^0CB[01]/.test(c));
}

describe('ChipReader', () => {
  it('reads EF.COM, EF.SOD and the listed data groups through BAC, with progress per file', async () => {
    const cfg = passport(20_000);
    const progress: ChipReadProgress[] = [];
    const reading = await new ChipReader({ key: MRZ, onProgress: (p) => progress.push(p) }).read(new VirtualChipTransport(new VirtualChip(cfg)));
    expect(reading.access).toMatchObject({ protocol: 'BAC', reason: 'no-card-access' });
    for (const f of ['COM', 'SOD', 'DG1', 'DG2', 'DG14'] as const) expect(hex(reading.files.get(f)!)).toBe(hex(cfg.files[f]!));
    expect(reading.statuses.find((s) => s.file === 'DG7')).toMatchObject({ status: 'absent', detail: 'not listed in EF.COM' });
    expect(reading.statuses.find((s) => s.file === 'CardAccess')?.status).toBe('absent');
    const dg2 = progress.filter((p) => p.file === 'DG2');
    expect(dg2.at(-1)).toEqual({ file: 'DG2', bytesRead: cfg.files.DG2!.length, totalBytes: cfg.files.DG2!.length });
    expect(dg2.map((p) => p.bytesRead)).toEqual([...dg2.map((p) => p.bytesRead)].sort((a, b) => a - b));
    expect(reading.extendedLength).toEqual({ used: false, source: 'none' });
  });

  it('reads EF.CardSecurity after PACE', async () => {
    const cfg = passport(3000, 1, { pace: [{ oid: paceOid('ECDH', 'GM', 'AES-128'), parameterId: 12 }] });
    const reading = await new ChipReader({ key: MRZ }).read(new VirtualChipTransport(new VirtualChip(cfg)));
    expect(reading.access.protocol).toBe('PACE');
    expect(hex(reading.files.get('CardSecurity')!)).toBe(hex(cfg.files.CardSecurity!));
    expect(hex(reading.files.get('DG2')!)).toBe(hex(cfg.files.DG2!));
  });

  it('reads EF.CardAccess by short file identifier when the chip refuses to select it', async () => {
    const cfg = passport(1000, 1, { pace: [{ oid: paceOid('ECDH', 'GM', 'AES-128'), parameterId: 13 }], cardAccessBySfiOnly: true });
    const chip = new VirtualChip(cfg);
    const reading = await new ChipReader({ key: MRZ }).read(new VirtualChipTransport(chip));
    expect(reading.access).toMatchObject({ protocol: 'PACE', reason: 'pace-offered' });
    expect(hex(reading.files.get('CardAccess')!)).toBe(hex(cfg.files.CardAccess!));
    expect(chip.log.map(hex)).toContain('00B09C00DF');
  });

  it('uses extended length only when the ATR says the chip supports it', async () => {
    const chip = new VirtualChip(passport(20_000, 1, { extendedLength: true, maxReadLength: 0xffff }));
    const withoutAtr = await new ChipReader({ key: MRZ }).read(new VirtualChipTransport(chip));
    expect(withoutAtr.extendedLength.used).toBe(false);
    expect(readCommands(chip).every((c) => c.length / 2 < 30 && !c.startsWith('0CB000000000'))).toBe(true);
    const chip2 = new VirtualChip(passport(20_000, 1, { extendedLength: true, maxReadLength: 0xffff }));
    const withAtr = await new ChipReader({ key: MRZ, atr: chip2.atr }).read(new VirtualChipTransport(chip2));
    expect(withAtr.extendedLength).toEqual({ used: true, source: 'atr' });
    expect(hex(withAtr.files.get('DG2')!)).toBe(hex(chip2.config.files.DG2!));
    // Far fewer reads of DG2 than with 223-byte chunks (20 000 / 223 ≈ 90).
    expect(readCommands(chip2).length).toBeLessThan(30);
  });

  it('takes the extended length limit from EF.ATR/INFO when the ATR points there', async () => {
    const atrInfo = tlv(0x7f66, tlv(0x02, new Uint8Array([0x04, 0x00])), tlv(0x02, new Uint8Array([0x04, 0x00])));
    const chip = new VirtualChip(passport(20_000, 1, { extendedLength: true, maxReadLength: 0x400 - 64, atrInfo }));
    const reading = await new ChipReader({ key: MRZ, atr: chip.atr }).read(new VirtualChipTransport(chip));
    expect(reading.extendedLength).toEqual({ used: true, source: 'ef-atr-info' });
    expect(hex(reading.files.get('DG2')!)).toBe(hex(chip.config.files.DG2!));
  });

  it('falls back when the chip refuses the read size (6700) or answers shorter', async () => {
    const refusing = new VirtualChip(passport(5000, 1, { maxReadLength: 0x60, tooLong: 'wrong-length' }));
    const a = await new ChipReader({ key: MRZ }).read(new VirtualChipTransport(refusing));
    expect(hex(a.files.get('DG2')!)).toBe(hex(refusing.config.files.DG2!));
    const truncating = new VirtualChip(passport(5000, 1, { maxReadLength: 0x50, tooLong: 'truncate' }));
    const b = await new ChipReader({ key: MRZ }).read(new VirtualChipTransport(truncating));
    expect(hex(b.files.get('DG2')!)).toBe(hex(truncating.config.files.DG2!));
  });

  it('reads beyond 32 767 bytes with odd INS B1, and says so when the chip cannot', async () => {
    const chip = new VirtualChip(passport(40_000));
    const reading = await new ChipReader({ key: MRZ }).read(new VirtualChipTransport(chip));
    expect(hex(reading.files.get('DG2')!)).toBe(hex(chip.config.files.DG2!));
    expect(readCommands(chip).some((c) => c.startsWith('0CB1'))).toBe(true);
    const old = new VirtualChip(passport(40_000, 1, { oddInsRead: false }));
    const partial = await new ChipReader({ key: MRZ }).read(new VirtualChipTransport(old));
    expect(partial.statuses.find((s) => s.file === 'DG2')).toMatchObject({ status: 'failed' });
    expect(partial.statuses.find((s) => s.file === 'DG2')?.detail).toMatch(/beyond 32 KB/);
    expect(partial.files.has('DG14')).toBe(true);
  });

  it('resumes after the document was lifted: access again, then on from the offset reached', async () => {
    const chip = new VirtualChip(passport(20_000));
    const transport = new VirtualChipTransport(chip);
    const reader = new ChipReader({ key: MRZ });
    transport.removeAfterCommands(40);
    const error = await reader.read(transport).catch((e: unknown) => e as ChipError);
    expect(error).toMatchObject({ kind: 'CardRemoved' });
    const before = chip.log.length;
    transport.insert();
    const reading = await reader.read(transport);
    expect(reading.resumptions).toBe(1);
    expect(reading.restarted).toBe(false);
    expect(hex(reading.files.get('DG2')!)).toBe(hex(chip.config.files.DG2!));
    // After resuming, no file already read is read again from its start (EF.COM excepted: it identifies the document).
    const afterResume = chip.log.slice(before).length;
    const fresh = new VirtualChip(passport(20_000));
    await new ChipReader({ key: MRZ }).read(new VirtualChipTransport(fresh));
    expect(afterResume).toBeLessThan(fresh.log.length - 20);
  });

  it('starts over when another document is put back', async () => {
    const first = new VirtualChip(passport(20_000, 1));
    const reader = new ChipReader({ key: MRZ });
    const t1 = new VirtualChipTransport(first);
    t1.removeAfterCommands(60);
    await reader.read(t1).catch(() => undefined);
    const second = new VirtualChip({ ...passport(20_000, 2), files: { ...passport(20_000, 2).files, COM: encodeEfCom({ ldsVersion: '0108', unicodeVersion: '040000', tags: [0x61, 0x75, 0x6e] }) } });
    const reading = await reader.read(new VirtualChipTransport(second));
    expect(reading.restarted).toBe(true);
    expect(hex(reading.files.get('DG2')!)).toBe(hex(second.config.files.DG2!));
    expect(hex(reading.files.get('SOD')!)).toBe(hex(second.config.files.SOD!));
  });

  it('gives Timeout when the chip stops answering and CardRemoved when there is no document', async () => {
    const silent = new VirtualChipTransport(new VirtualChip(passport(1000)));
    silent.setSilent(true);
    await expect(new ChipReader({ key: MRZ, timeoutMs: 200 }).read(silent)).rejects.toMatchObject({ kind: 'Timeout' });
    const hanging = { transmit: () => new Promise<Uint8Array>(() => {}) };
    await expect(new ChipReader({ key: MRZ, timeoutMs: 50 }).read(hanging)).rejects.toMatchObject({ kind: 'Timeout' });
    const gone = new VirtualChipTransport(new VirtualChip(passport(1000)));
    gone.remove();
    await expect(new ChipReader({ key: MRZ }).read(gone)).rejects.toMatchObject({ kind: 'CardRemoved' });
  });

  it('records a file shorter than its header announces as failed, and reads the others', async () => {
    const bad = passport(1000);
    const dg2 = new Uint8Array(bad.files.DG2!.subarray(0, 600));
    const chip = new VirtualChip({ ...bad, files: { ...bad.files, DG2: dg2 } });
    const reading = await new ChipReader({ key: MRZ }).read(new VirtualChipTransport(chip));
    expect(reading.statuses.find((s) => s.file === 'DG2')).toMatchObject({ status: 'failed', detail: "The chip's DG2 ends before its announced length." });
    expect(reading.files.has('DG2')).toBe(false);
    expect(hex(reading.files.get('DG14')!)).toBe(hex(bad.files.DG14!));
  });

  it('gives AccessDenied for a wrong MRZ', async () => {
    await expect(new ChipReader({ key: { ...MRZ, documentNumber: 'L898902D' } }).read(new VirtualChipTransport(new VirtualChip(passport(100))))).rejects.toMatchObject({ kind: 'AccessDenied' });
  });
});
