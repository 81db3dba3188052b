// Reads an eMRTD chip (ICAO 9303-10 §3, 9303-11 §4): EF.CardAccess, access control (PACE or BAC,
// chosen and recorded by the access plan), EF.CardSecurity after PACE, EF.COM, EF.SOD and the
// data groups EF.COM lists among those asked for. Progress is reported per file; a reading
// interrupted by the document leaving the reader, a timeout or a broken session resumes on the
// next read(): access is established again and each file continues from the offset reached. If
// the document put back is not the same one (EF.CardAccess or EF.COM differ), reading starts over.
import type { AccessChoice, ChipFile, ChipReadProgress, FileReadStatus } from '../../contract/chip.contract';
import type { ApduTransport } from '../apdu/apdu-transport';
import { SW, swText } from '../apdu/status-words';
import { equalBytes } from '../bytes';
import { ChipError } from '../chip-error';
import { AccessControl, selectApplication } from '../access/access-control';
import { planAccess } from '../access/access-plan';
import type { PaceResult, PrivateKeySource } from '../access/pace-protocol';
import type { AccessKey } from '../crypto/access-key';
import type { RandomSource } from '../crypto/random-source';
import { readEfComTags } from '../lds/ef-com.codec';
import { dataGroupOfTag, EF_ATR_INFO_FID, LDS_FILES, type LdsFileInfo } from '../lds/lds-files';
import { decodeSecurityInfos } from '../lds/security-infos.codec';
import { PlainChannel, type ChipChannel } from '../sm/chip-channel';
import { atrCapabilities, extendedLengthInfo } from './card-capabilities';
import { ElementaryFileReader, emptyPartial, type PartialFile } from './elementary-file-reader';
import { initialSizing, type ReadSizing } from './read-sizing';
import { TimeoutTransport } from './timeout-transport';

export const DEFAULT_DATA_GROUPS: readonly ChipFile[] = ['DG1', 'DG2', 'DG7', 'DG11', 'DG12', 'DG14', 'DG15'];

export interface ChipReaderOptions {
  readonly key: AccessKey;
  /** Data groups wanted (read when EF.COM lists them). */
  readonly dataGroups?: readonly ChipFile[];
  /** The chip's ATR as the reader reported it (for extended-length support). */
  readonly atr?: Uint8Array | null;
  readonly onProgress?: (progress: ChipReadProgress) => void;
  /** Longest wait for one answer of the chip. */
  readonly timeoutMs?: number;
  readonly allowBac?: boolean;
  readonly random?: RandomSource;
  readonly privateKeys?: PrivateKeySource;
}

export interface ChipReading {
  readonly access: AccessChoice;
  readonly files: ReadonlyMap<ChipFile, Uint8Array>;
  readonly statuses: readonly FileReadStatus[];
  readonly pace: PaceResult | null;
  readonly extendedLength: { readonly used: boolean; readonly source: ReadSizing['source'] };
  /** The protected channel, for chip and active authentication after reading. */
  readonly channel: ChipChannel;
  /** How many times reading resumed after an interruption. */
  readonly resumptions: number;
  readonly restarted: boolean;
}

type Location = 'MF' | 'APP';

export class ChipReader {
  private readonly files = new Map<ChipFile, Uint8Array>();
  private readonly partials = new Map<ChipFile, PartialFile>();
  private readonly statuses = new Map<ChipFile, FileReadStatus>();
  private cardAccess: Uint8Array | null | undefined;
  private attempts = 0;
  private restarted = false;

  constructor(private readonly options: ChipReaderOptions) {}

  async read(transport: ApduTransport): Promise<ChipReading> {
    const t = new TimeoutTransport(transport, this.options.timeoutMs ?? 5000);
    const resuming = this.attempts++ > 0;
    const sizing = await this.sizing(t);
    const plain = new PlainChannel(t);
    const cardAccess = await this.readCardAccess(plain, sizing);
    if (resuming && this.cardAccess !== undefined && !sameBytes(this.cardAccess, cardAccess)) this.startOver();
    this.cardAccess = cardAccess;
    const infos = cardAccess ? decodeSecurityInfos(cardAccess) : null;
    const access = await new AccessControl(t, planAccess(infos, this.options.key, { allowBac: this.options.allowBac ?? true }), this.options.key, {
      random: this.options.random,
      privateKeys: this.options.privateKeys,
    }).run();
    const channel = access.channel;
    let location: Location = 'APP';
    const reader = new ElementaryFileReader(channel, sizing, (file, bytesRead, totalBytes) => this.options.onProgress?.({ file, bytesRead, totalBytes }));
    const go = async (info: LdsFileInfo) => {
      const want: Location = info.inMasterFile ? 'MF' : 'APP';
      if (location !== want) {
        if (want === 'MF') await selectMasterFile(channel);
        else await selectApplication(channel);
        location = want;
      }
      await this.readOne(reader, info);
    };
    if (access.pace) await go(LDS_FILES.CardSecurity);
    if (resuming && this.files.has('COM')) {
      const before = this.files.get('COM')!;
      this.files.delete('COM');
      this.partials.delete('COM');
      await go(LDS_FILES.COM);
      if (!sameBytes(before, this.files.get('COM') ?? null)) {
        const com = this.files.get('COM');
        this.startOver();
        if (com) this.files.set('COM', com);
      }
    } else {
      await go(LDS_FILES.COM);
    }
    await go(LDS_FILES.SOD);
    const listed = this.listedDataGroups();
    for (const file of this.options.dataGroups ?? DEFAULT_DATA_GROUPS) {
      if (listed && !listed.has(file)) {
        if (!this.statuses.has(file)) this.statuses.set(file, { file, status: 'absent', bytes: 0, detail: 'not listed in EF.COM' });
        continue;
      }
      await go(LDS_FILES[file]);
    }
    return Object.freeze({
      access: access.choice,
      files: new Map(this.files),
      statuses: [...this.statuses.values()],
      pace: access.pace,
      extendedLength: { used: sizing.extended, source: sizing.source },
      channel,
      resumptions: this.attempts - 1,
      restarted: this.restarted,
    });
  }

  private startOver(): void {
    this.files.clear();
    this.partials.clear();
    this.statuses.clear();
    this.restarted = true;
  }

  private async readOne(reader: ElementaryFileReader, info: LdsFileInfo): Promise<void> {
    if (this.files.has(info.file) || this.statuses.get(info.file)?.status === 'absent' || this.statuses.get(info.file)?.status === 'denied') return;
    const partial = this.partials.get(info.file) ?? emptyPartial();
    this.partials.set(info.file, partial);
    let outcome;
    try {
      outcome = await reader.read(info, partial);
    } catch (e) {
      // A file the chip refuses or sends malformed is recorded and reading goes on, as long as the
      // protected session still stands; a removed card, a timeout or a broken session stop it.
      const sessionStands = reader.sessionUsable;
      if (!(e instanceof ChipError) || (e.kind !== 'CommandFailed' && e.kind !== 'MalformedData') || !sessionStands) throw e;
      this.partials.delete(info.file);
      this.statuses.set(info.file, { file: info.file, status: 'failed', bytes: 0, detail: e.message });
      return;
    }
    this.partials.delete(info.file);
    switch (outcome.status) {
      case 'read':
        this.files.set(info.file, outcome.bytes);
        this.statuses.set(info.file, { file: info.file, status: 'read', bytes: outcome.bytes.length });
        return;
      case 'absent':
        this.statuses.set(info.file, { file: info.file, status: 'absent', bytes: 0 });
        return;
      case 'denied':
        this.statuses.set(info.file, { file: info.file, status: 'denied', bytes: 0, detail: `access refused (status ${swText(outcome.sw)})` });
        return;
    }
  }

  /** EF.CardAccess, read without protection at the master file (9303-10 §3.11.1); null when absent. */
  private async readCardAccess(plain: PlainChannel, sizing: ReadSizing): Promise<Uint8Array | null> {
    const partial = emptyPartial();
    const outcome = await new ElementaryFileReader(plain, { ...sizing, chunk: Math.min(sizing.chunk, 0xdf), extended: false }).read(LDS_FILES.CardAccess, partial, { bySfi: true });
    if (outcome.status === 'read') {
      this.statuses.set('CardAccess', { file: 'CardAccess', status: 'read', bytes: outcome.bytes.length });
      this.files.set('CardAccess', outcome.bytes);
      return outcome.bytes;
    }
    this.statuses.set('CardAccess', { file: 'CardAccess', status: outcome.status, bytes: 0 });
    return null;
  }

  /** Extended length only when the chip says it supports it: ATR historical bytes, then EF.ATR/INFO. */
  private async sizing(t: ApduTransport): Promise<ReadSizing> {
    const caps = atrCapabilities(this.options.atr ?? null);
    if (caps.extendedLength !== true) return initialSizing(false, null, caps.extendedLength === false ? 'atr' : 'none');
    if (!caps.extendedLengthInfoInAtrInfo) return initialSizing(true, null, 'atr');
    const plain = new PlainChannel(t);
    const r = await plain.send({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: new Uint8Array([EF_ATR_INFO_FID >> 8, EF_ATR_INFO_FID & 0xff]) });
    if (r.sw !== SW.OK) return initialSizing(true, null, 'atr');
    const body = await plain.send({ cla: 0x00, ins: 0xb0, p1: 0, p2: 0, ne: 0xdf });
    const info = body.sw === SW.OK || body.sw === SW.END_OF_FILE ? extendedLengthInfo(body.data) : null;
    return initialSizing(true, info, info ? 'ef-atr-info' : 'atr');
  }

  private listedDataGroups(): Set<ChipFile> | null {
    const com = this.files.get('COM');
    if (!com) return null;
    const tags = readEfComTags(com);
    return new Set(tags.map(dataGroupOfTag).filter((n): n is number => n !== null).map((n) => `DG${n}` as ChipFile));
  }
}

async function selectMasterFile(channel: ChipChannel): Promise<void> {
  const r = await channel.send({ cla: 0x00, ins: 0xa4, p1: 0x00, p2: 0x0c, data: new Uint8Array([0x3f, 0x00]) });
  if (r.sw !== SW.OK) throw new ChipError('CommandFailed', `The chip refused to select its master file (status ${swText(r.sw)}).`, r.sw);
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return a === null || b === null ? a === b : equalBytes(a, b);
}
