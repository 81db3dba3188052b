// The software chip's files (ICAO 9303-10 §3.9–3.11): the master file with EF.CardAccess,
// EF.CardSecurity and EF.ATR/INFO, and the eMRTD application with EF.COM, EF.SOD and the data
// groups. SELECT by AID, by file identifier, READ BINARY with offsets in P1-P2, by short file
// identifier, or with odd INS (offset in DO'54', data in DO'53'), each with the status words of
// ISO/IEC 7816-4 §11.1.3.
import type { ChipFile } from '../../contract/chip.contract';
import { equalBytes } from '../bytes';
import { EF_ATR_INFO_FID, EMRTD_AID, LDS_FILES } from '../lds/lds-files';
import { decodeTlv } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import type { CardCommand } from './card-command';
import type { VirtualChipConfig } from './virtual-chip-config';

export type CardAccessLevel = 'none' | 'bac' | 'pace';

export interface CardAnswer {
  readonly data: Uint8Array;
  readonly sw: number;
}

const answer = (sw: number, data: Uint8Array = new Uint8Array()): CardAnswer => ({ data, sw });

interface CardFile {
  readonly fid: number;
  readonly sfi: number | null;
  readonly bytes: Uint8Array;
  /** Who may read it. */
  readonly readable: (level: CardAccessLevel) => boolean;
}

export class CardFileSystem {
  private readonly masterFiles: CardFile[] = [];
  private readonly applicationFiles: CardFile[] = [];
  private inApplication = false;
  private current: CardFile | null = null;

  constructor(private readonly config: VirtualChipConfig) {
    for (const [name, bytes] of Object.entries(config.files) as [ChipFile, Uint8Array][]) {
      const info = LDS_FILES[name];
      if (name === 'CardAccess') this.masterFiles.push({ fid: info.fid, sfi: info.sfi, bytes, readable: () => true });
      else if (name === 'CardSecurity') this.masterFiles.push({ fid: info.fid, sfi: info.sfi, bytes, readable: (l) => l === 'pace' });
      else this.applicationFiles.push({ fid: info.fid, sfi: info.sfi, bytes, readable: (l) => l !== 'none' });
    }
    if (config.atrInfo) this.masterFiles.push({ fid: EF_ATR_INFO_FID, sfi: 0x01, bytes: config.atrInfo, readable: () => true });
  }

  /** Back to the master file (power on, reset). */
  reset(): void {
    this.inApplication = false;
    this.current = null;
  }

  select(cmd: CardCommand): CardAnswer {
    const fcp = cmd.p2 !== 0x0c;
    switch (cmd.p1) {
      case 0x04:
        if (!equalBytes(cmd.data, EMRTD_AID)) return answer(0x6a82);
        this.inApplication = true;
        this.current = null;
        return answer(0x9000);
      case 0x00:
        if (cmd.data.length === 0 || (cmd.data.length === 2 && cmd.data[0] === 0x3f && cmd.data[1] === 0x00)) {
          this.reset();
          return answer(0x9000);
        }
        return this.selectFile(cmd.data, fcp, true);
      case 0x02:
        return this.selectFile(cmd.data, fcp, false);
      default:
        return answer(0x6a86);
    }
  }

  private selectFile(fidBytes: Uint8Array, fcp: boolean, anyLevel: boolean): CardAnswer {
    if (fidBytes.length !== 2) return answer(0x6a80);
    const fid = (fidBytes[0]! << 8) | fidBytes[1]!;
    const here = this.inApplication ? this.applicationFiles : this.masterFiles;
    const file = here.find((f) => f.fid === fid) ?? (anyLevel && this.inApplication ? this.masterFiles.find((f) => f.fid === fid) : undefined);
    if (!file) return answer(0x6a82);
    if (this.config.cardAccessBySfiOnly && !this.inApplication && fid === 0x011c) return answer(0x6a82);
    this.current = file;
    if (!fcp) return answer(0x9000);
    // File control parameters (ISO/IEC 7816-4 §5.3.3): size and identifier.
    return answer(0x9000, tlv(0x62, tlv(0x80, new Uint8Array([file.bytes.length >> 8, file.bytes.length & 0xff])), tlv(0x83, fidBytes)));
  }

  /** READ BINARY, even (B0) or odd (B1) INS. */
  read(cmd: CardCommand, level: CardAccessLevel): CardAnswer {
    let file = this.current;
    let offset: number;
    if (cmd.ins === 0xb0) {
      if (cmd.p1 & 0x80) {
        const sfi = cmd.p1 & 0x1f;
        const here = this.inApplication ? this.applicationFiles : this.masterFiles;
        file = here.find((f) => f.sfi === sfi) ?? null;
        if (!file) return answer(0x6a82);
        this.current = file;
        offset = cmd.p2;
      } else {
        offset = (cmd.p1 << 8) | cmd.p2;
      }
    } else {
      if (!this.config.oddInsRead) return answer(0x6d00);
      if (cmd.p1 !== 0 || cmd.p2 !== 0) {
        const fid = (cmd.p1 << 8) | cmd.p2;
        file = (this.inApplication ? this.applicationFiles : this.masterFiles).find((f) => f.fid === fid) ?? null;
        if (!file) return answer(0x6a82);
        this.current = file;
      }
      let offsetObject;
      try {
        offsetObject = decodeTlv(cmd.data);
      } catch {
        return answer(0x6a80);
      }
      if (offsetObject.tag !== 0x54 || offsetObject.value.length === 0 || offsetObject.value.length > 3) return answer(0x6a80);
      offset = offsetObject.value.reduce((v, b) => v * 256 + b, 0);
    }
    if (!file) return answer(0x6986);
    if (!file.readable(level)) return answer(0x6982);
    if (cmd.ne === 0) return answer(0x6700);
    const warnAtEnd = this.config.readPastEnd === 'end-of-file-warning';
    if (offset >= file.bytes.length) return answer(warnAtEnd ? 0x6282 : 0x6b00);
    let length = cmd.ne;
    // The odd-INS answer wraps the data in DO'53' (up to 4 header bytes).
    const overhead = cmd.ins === 0xb1 ? 4 : 0;
    if (length > this.config.maxReadLength) {
      if (this.config.tooLong === 'wrong-length') return answer(0x6700);
      length = this.config.maxReadLength;
    }
    const available = file.bytes.length - offset;
    const take = Math.min(length - overhead, available);
    if (take <= 0) return answer(0x6700);
    const chunk = file.bytes.subarray(offset, offset + take);
    const data = cmd.ins === 0xb1 ? tlv(0x53, chunk) : chunk;
    // Fewer bytes than asked because the file ends: warning 6282 (ISO/IEC 7816-4 Table 5).
    const endReached = take === available && (take < length - overhead || warnAtEnd);
    return answer(endReached ? 0x6282 : 0x9000, data);
  }
}
