// Reads one elementary file through a (protected) channel (ICAO 9303-10 §3.3–3.5): SELECT by file
// identifier, READ BINARY in chunks — offsets in P1-P2 up to 32 767, odd INS B1 with DO'54' beyond —
// the file's length taken from its first TLV header. Read sizes fall back when the chip objects
// (6700 wrong length, 6Cxx exact length); 6282 ends the file, 6B00 is an offset past its end. The
// bytes read so far live in a PartialFile, so a read interrupted (document lifted, timeout) goes
// on from the offset reached once access is established again.
import type { ChipFile } from '../../contract/chip.contract';
import { concat } from '../bytes';
import { ChipError } from '../chip-error';
import { SW, swText, isWrongLe } from '../apdu/status-words';
import type { LdsFileInfo } from '../lds/lds-files';
import type { ChipChannel } from '../sm/chip-channel';
import { decodeTlvPrefix, peekTlvLength } from '../tlv/ber-tlv-reader';
import { tlv } from '../tlv/ber-tlv-writer';
import { SHORT_READ, type ReadSizing } from './read-sizing';

/** The largest file accepted (DG2–DG4 with several images stay far below). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface PartialFile {
  readonly chunks: Uint8Array[];
  offset: number;
  total: number | null;
}

export function emptyPartial(): PartialFile {
  return { chunks: [], offset: 0, total: null };
}

export type FileOutcome = { readonly status: 'read'; readonly bytes: Uint8Array } | { readonly status: 'absent' } | { readonly status: 'denied'; readonly sw: number };

export type ProgressListener = (file: ChipFile, bytesRead: number, totalBytes: number | null) => void;

function malformedFile(file: ChipFile, why: string): ChipError {
  return new ChipError('MalformedData', `The chip's ${file} ${why}.`);
}

export class ElementaryFileReader {
  constructor(
    private readonly channel: ChipChannel,
    private readonly sizing: ReadSizing,
    private readonly onProgress: ProgressListener = () => {},
  ) {}

  /** Whether the channel's protected session (if any) can still be used. */
  get sessionUsable(): boolean {
    return this.channel.secureMessaging?.usable ?? true;
  }

  /**
   * `bySfi`: when SELECT by file identifier is refused, read by short file identifier instead
   * (READ BINARY with P1 = 80 | SFI selects the file too; 9303-10 §3.11.1 makes EF.CardAccess
   * readable that way, and some chips allow nothing else).
   */
  async read(info: LdsFileInfo, partial: PartialFile, options: { bySfi?: boolean } = {}): Promise<FileOutcome> {
    const selected = await this.channel.send({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: new Uint8Array([info.fid >> 8, info.fid & 0xff]) });
    if (options.bySfi && selected.sw !== SW.OK && partial.offset === 0) {
      const first = await this.channel.send({ cla: 0x00, ins: 0xb0, p1: 0x80 | info.sfi, p2: 0, ne: Math.min(this.sizing.chunk, SHORT_READ) });
      if (first.sw === SW.FILE_NOT_FOUND || first.sw === SW.INCORRECT_P1_P2 || first.sw === SW.FUNCTION_NOT_SUPPORTED || first.sw === SW.WRONG_P1_P2) return { status: 'absent' };
      if (first.sw === SW.SECURITY_STATUS_NOT_SATISFIED) return { status: 'denied', sw: first.sw };
      if (first.sw !== SW.OK && first.sw !== SW.END_OF_FILE) throw new ChipError('CommandFailed', `The chip refused to read ${info.file} (status ${swText(first.sw)}).`, first.sw);
      if (first.data.length === 0) throw malformedFile(info.file, 'is empty');
      partial.chunks.push(first.data);
      partial.offset = first.data.length;
      partial.total = peekTlvLength(first.data);
      if (first.sw === SW.END_OF_FILE && (partial.total === null || partial.offset < partial.total)) throw malformedFile(info.file, 'ends before its announced length');
      return this.readRest(info, partial);
    }
    if (selected.sw === SW.FILE_NOT_FOUND) return { status: 'absent' };
    if (selected.sw === SW.SECURITY_STATUS_NOT_SATISFIED || selected.sw === SW.CONDITIONS_NOT_SATISFIED) return { status: 'denied', sw: selected.sw };
    if (selected.sw !== SW.OK) throw new ChipError('CommandFailed', `The chip refused to select ${info.file} (status ${swText(selected.sw)}).`, selected.sw);
    return this.readRest(info, partial);
  }

  private async readRest(info: LdsFileInfo, partial: PartialFile): Promise<FileOutcome> {
    while (partial.total === null || partial.offset < partial.total) {
      const outcome = await this.readChunk(info, partial);
      if (outcome) return outcome;
      this.onProgress(info.file, partial.offset, partial.total);
    }
    const bytes = concat(...partial.chunks);
    return { status: 'read', bytes: partial.total !== null ? bytes.subarray(0, partial.total) : bytes };
  }

  /** One READ BINARY; returns an outcome only when the file cannot be read further. */
  private async readChunk(info: LdsFileInfo, partial: PartialFile): Promise<FileOutcome | null> {
    const want = partial.total === null ? this.sizing.chunk : Math.min(this.sizing.chunk, partial.total - partial.offset);
    const odd = partial.offset > 0x7fff;
    const offsetBytes = odd ? offsetValue(partial.offset) : null;
    // Odd INS: the answer wraps the data in DO'53' (ISO/IEC 7816-4 §11.1.3): up to 4 more bytes.
    const ne = odd ? want + 4 : want;
    const r = await this.channel.send(odd
      ? { cla: 0x00, ins: 0xb1, p1: 0, p2: 0, data: tlv(0x54, offsetBytes!), ne, extended: this.sizing.extended && ne > 256 }
      : { cla: 0x00, ins: 0xb0, p1: partial.offset >> 8, p2: partial.offset & 0xff, ne });
    if (r.sw === SW.OK || r.sw === SW.END_OF_FILE) {
      const data = odd ? unwrapOddData(info.file, r.data) : r.data;
      if (data.length === 0) throw malformedFile(info.file, 'ends before its announced length');
      partial.chunks.push(data);
      partial.offset += data.length;
      if (partial.total === null) {
        partial.total = peekTlvLength(concat(...partial.chunks));
        if (partial.total !== null && partial.total > MAX_FILE_BYTES) throw malformedFile(info.file, `announces ${partial.total} bytes, more than a chip file can hold`);
      }
      if (r.sw === SW.END_OF_FILE && (partial.total === null || partial.offset < partial.total)) throw malformedFile(info.file, 'ends before its announced length');
      return null;
    }
    if (r.sw === SW.WRONG_LENGTH) {
      // The chip takes less at once: leave extended length, then halve.
      if (this.sizing.chunk > SHORT_READ) {
        this.sizing.chunk = SHORT_READ;
        this.sizing.extended = false;
      } else if (this.sizing.chunk > 16) {
        this.sizing.chunk = Math.floor(this.sizing.chunk / 2);
      } else {
        throw new ChipError('CommandFailed', `The chip refused every read size for ${info.file}.`, r.sw);
      }
      return null;
    }
    if (isWrongLe(r.sw)) {
      const exact = r.sw & 0xff || 256;
      if (exact >= want) throw new ChipError('CommandFailed', `The chip gave an inconsistent length for ${info.file}.`, r.sw);
      this.sizing.chunk = odd ? Math.max(1, exact - 4) : exact;
      return null;
    }
    if (r.sw === SW.WRONG_P1_P2) throw malformedFile(info.file, 'ends before its announced length');
    if (r.sw === SW.SECURITY_STATUS_NOT_SATISFIED) return { status: 'denied', sw: r.sw };
    if (odd && (r.sw === SW.INS_NOT_SUPPORTED || r.sw === SW.FUNCTION_NOT_SUPPORTED)) {
      throw new ChipError('CommandFailed', `The chip cannot read ${info.file} beyond 32 KB (no READ BINARY with odd instruction).`, r.sw);
    }
    throw new ChipError('CommandFailed', `The chip refused to read ${info.file} (status ${swText(r.sw)}).`, r.sw);
  }
}

function offsetValue(offset: number): Uint8Array {
  return offset > 0xffff ? new Uint8Array([offset >> 16, (offset >> 8) & 0xff, offset & 0xff]) : new Uint8Array([offset >> 8, offset & 0xff]);
}

function unwrapOddData(file: ChipFile, data: Uint8Array): Uint8Array {
  try {
    const t = decodeTlvPrefix(data);
    if (t.tag !== 0x53) throw new Error('not 53');
    return t.value;
  } catch {
    throw malformedFile(file, 'came back in a malformed odd-INS answer');
  }
}
