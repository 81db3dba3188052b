// The elementary files of the eMRTD (ICAO 9303-10 §3.9, §4.6.1 Table 33 and §4.7): their file
// identifiers, short file identifiers and the tag that opens each file.
import type { ChipFile } from '../../contract/chip.contract';

export interface LdsFileInfo {
  readonly file: ChipFile;
  /** File identifier (SELECT by FID, P1 = '02' under the application, '00'/'02' under the MF). */
  readonly fid: number;
  /** Short file identifier (READ BINARY with P1 = 80 | SFI). */
  readonly sfi: number;
  /** The tag of the file's outermost element (0 for EF.CardAccess/CardSecurity: a bare SET / ContentInfo). */
  readonly tag: number;
  /** Files of the master file (outside the eMRTD application). */
  readonly inMasterFile: boolean;
  readonly dataGroup: number | null;
}

/** The eMRTD application identifier (ICAO 9303-10 §3.6.1). */
export const EMRTD_AID = new Uint8Array([0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]);

export const LDS_TAG = {
  COM: 0x60,
  DG1: 0x61,
  DG2: 0x75,
  DG3: 0x63,
  DG4: 0x76,
  DG5: 0x65,
  DG6: 0x66,
  DG7: 0x67,
  DG8: 0x68,
  DG9: 0x69,
  DG10: 0x6a,
  DG11: 0x6b,
  DG12: 0x6c,
  DG13: 0x6d,
  DG14: 0x6e,
  DG15: 0x6f,
  DG16: 0x70,
  SOD: 0x77,
} as const;

const DG_TAGS = [0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70];

function dataGroup(n: number): LdsFileInfo {
  return { file: `DG${n}` as ChipFile, fid: 0x0100 + n, sfi: n, tag: DG_TAGS[n - 1]!, inMasterFile: false, dataGroup: n };
}

export const LDS_FILES: Readonly<Record<ChipFile, LdsFileInfo>> = {
  CardAccess: { file: 'CardAccess', fid: 0x011c, sfi: 0x1c, tag: 0x31, inMasterFile: true, dataGroup: null },
  CardSecurity: { file: 'CardSecurity', fid: 0x011d, sfi: 0x1d, tag: 0x30, inMasterFile: true, dataGroup: null },
  COM: { file: 'COM', fid: 0x011e, sfi: 0x1e, tag: LDS_TAG.COM, inMasterFile: false, dataGroup: null },
  SOD: { file: 'SOD', fid: 0x011d, sfi: 0x1d, tag: LDS_TAG.SOD, inMasterFile: false, dataGroup: null },
  DG1: dataGroup(1), DG2: dataGroup(2), DG3: dataGroup(3), DG4: dataGroup(4),
  DG5: dataGroup(5), DG6: dataGroup(6), DG7: dataGroup(7), DG8: dataGroup(8),
  DG9: dataGroup(9), DG10: dataGroup(10), DG11: dataGroup(11), DG12: dataGroup(12),
  DG13: dataGroup(13), DG14: dataGroup(14), DG15: dataGroup(15), DG16: dataGroup(16),
};

/** EF.ATR/INFO under the MF (ISO/IEC 7816-4 §8.2.1.1): the chip's capabilities, e.g. extended length. */
export const EF_ATR_INFO_FID = 0x2f01;

/** The data group number for a tag of EF.COM's tag list (9303-10 §4.6.1), or null. */
export function dataGroupOfTag(tag: number): number | null {
  const i = DG_TAGS.indexOf(tag);
  return i < 0 ? null : i + 1;
}

export function tagOfDataGroup(n: number): number {
  const tag = DG_TAGS[n - 1];
  if (tag === undefined) throw new RangeError(`no data group ${n}`);
  return tag;
}
