// MRZ layouts as data: one field table per format, with the check-digit ranges.
// Positions are 0-based: `line` counts from 0, columns are the half-open interval [start, end).
// (ICAO 9303 numbers positions from 1; position p of the spec is column p - 1 here.)
import type { MrzLayoutFormat } from '../contract/mrz.contract';
import { MRZ_GEOMETRY } from '../contract/mrz.contract';

/** 'filler': positions that hold only '<' (separators of national layouts). */
export type MrzCharClass = 'alpha' | 'numeric' | 'alphanumeric' | 'sex' | 'date' | 'filler';

/** Stable field names, shared by every format (the `fields` keys of an MrzReading). */
export type MrzFieldName =
  | 'documentCode'
  | 'issuingState'
  | 'name'
  | 'documentNumber'
  | 'documentNumberCheckDigit'
  | 'nationality'
  | 'birthDate'
  | 'birthDateCheckDigit'
  | 'sex'
  | 'expiryDate'
  | 'expiryDateCheckDigit'
  | 'optional1'
  | 'optional2'
  | 'personalNumber'
  | 'personalNumberCheckDigit'
  | 'compositeCheckDigit'
  // National layouts (French ID card, Swiss driving licence):
  | 'surname'
  | 'givenNames'
  | 'issueDate'
  | 'administrativeCode'
  | 'administrativeCode2'
  | 'languageCode'
  | 'pinCode'
  | 'versionNumber'
  | 'separator';

export interface MrzRange {
  line: number;
  start: number;
  end: number;
}

export interface MrzFieldSpec extends MrzRange {
  field: MrzFieldName;
  label: string;
  charClass: MrzCharClass;
}

export interface MrzCheckSpec {
  /** The check-digit field. */
  field: MrzFieldName;
  label: string;
  line: number;
  column: number;
  /** The characters the digit protects, concatenated in this order. */
  ranges: MrzRange[];
  /**
   * Another set of ranges whose check digit is also accepted. Long document numbers (Part 5 §4.2.2
   * note j): issuers and parsers differ on whether the filler that replaces the first check digit is
   * part of the checked number; the ICAO worked example satisfies both.
   */
  alsoAccept?: MrzRange[];
  /** ICAO 9303 Part 4 §4.2.2: an unused personal number may carry '<' as its check digit. */
  fillerAllowedWhenEmpty?: boolean;
}

export interface MrzLayout {
  format: MrzLayoutFormat;
  lines: number;
  chars: number;
  /** Characters of each line (all equal to `chars` except on the Swiss driving licence). */
  widths: number[];
  /** Letters the document code may start with. */
  documentCodes: string;
  /** Recognises a national layout that shares its geometry with an ICAO one (checked before it). */
  matches?: (lines: readonly string[]) => boolean;
  fields: MrzFieldSpec[];
  checks: MrzCheckSpec[];
  /** Field whose overflow (document numbers longer than 9 characters) may continue, Part 5 §4.2.2 note j. */
  longDocumentNumberIn?: MrzRange;
}

const f = (field: MrzFieldName, label: string, line: number, start: number, end: number, charClass: MrzCharClass): MrzFieldSpec => ({
  field, label, line, start, end, charClass,
});
const r = (line: number, start: number, end: number): MrzRange => ({ line, start, end });

/** The fields common to the second line of TD3, TD2, MRV-A and MRV-B (positions 1–28). */
function line2Head(): MrzFieldSpec[] {
  return [
    f('documentNumber', 'Document number', 1, 0, 9, 'alphanumeric'),
    f('documentNumberCheckDigit', 'Document number check digit', 1, 9, 10, 'numeric'),
    f('nationality', 'Nationality', 1, 10, 13, 'alpha'),
    f('birthDate', 'Date of birth', 1, 13, 19, 'date'),
    f('birthDateCheckDigit', 'Date of birth check digit', 1, 19, 20, 'numeric'),
    f('sex', 'Sex', 1, 20, 21, 'sex'),
    f('expiryDate', 'Date of expiry', 1, 21, 27, 'date'),
    f('expiryDateCheckDigit', 'Date of expiry check digit', 1, 27, 28, 'numeric'),
  ];
}

function line2HeadChecks(): MrzCheckSpec[] {
  return [
    { field: 'documentNumberCheckDigit', label: 'Document number', line: 1, column: 9, ranges: [r(1, 0, 9)] },
    { field: 'birthDateCheckDigit', label: 'Date of birth', line: 1, column: 19, ranges: [r(1, 13, 19)] },
    { field: 'expiryDateCheckDigit', label: 'Date of expiry', line: 1, column: 27, ranges: [r(1, 21, 27)] },
  ];
}

function line1Head(chars: number): MrzFieldSpec[] {
  return [
    f('documentCode', 'Document code', 0, 0, 2, 'alpha'),
    f('issuingState', 'Issuing state', 0, 2, 5, 'alpha'),
    f('name', 'Name', 0, 5, chars, 'alpha'),
  ];
}

/** ICAO 9303 Part 4 §4.2.2 (TD3, passports). */
const TD3: MrzLayout = {
  format: 'TD3', ...MRZ_GEOMETRY.TD3, widths: Array(MRZ_GEOMETRY.TD3.lines).fill(MRZ_GEOMETRY.TD3.chars) as number[], documentCodes: 'P',
  fields: [
    ...line1Head(44),
    ...line2Head(),
    f('personalNumber', 'Personal number', 1, 28, 42, 'alphanumeric'),
    f('personalNumberCheckDigit', 'Personal number check digit', 1, 42, 43, 'numeric'),
    f('compositeCheckDigit', 'Composite check digit', 1, 43, 44, 'numeric'),
  ],
  checks: [
    ...line2HeadChecks(),
    { field: 'personalNumberCheckDigit', label: 'Personal number', line: 1, column: 42, ranges: [r(1, 28, 42)], fillerAllowedWhenEmpty: true },
    // Composite: positions 1–10, 14–20, 22–43 of line 2.
    { field: 'compositeCheckDigit', label: 'Composite', line: 1, column: 43, ranges: [r(1, 0, 10), r(1, 13, 20), r(1, 21, 43)] },
  ],
};

/** ICAO 9303 Part 5 §4.2.2 (TD1, ID cards): three lines of 30. */
const TD1: MrzLayout = {
  format: 'TD1', ...MRZ_GEOMETRY.TD1, widths: Array(MRZ_GEOMETRY.TD1.lines).fill(MRZ_GEOMETRY.TD1.chars) as number[], documentCodes: 'IAC',
  fields: [
    f('documentCode', 'Document code', 0, 0, 2, 'alpha'),
    f('issuingState', 'Issuing state', 0, 2, 5, 'alpha'),
    f('documentNumber', 'Document number', 0, 5, 14, 'alphanumeric'),
    f('documentNumberCheckDigit', 'Document number check digit', 0, 14, 15, 'numeric'),
    f('optional1', 'Optional data 1', 0, 15, 30, 'alphanumeric'),
    f('birthDate', 'Date of birth', 1, 0, 6, 'date'),
    f('birthDateCheckDigit', 'Date of birth check digit', 1, 6, 7, 'numeric'),
    f('sex', 'Sex', 1, 7, 8, 'sex'),
    f('expiryDate', 'Date of expiry', 1, 8, 14, 'date'),
    f('expiryDateCheckDigit', 'Date of expiry check digit', 1, 14, 15, 'numeric'),
    f('nationality', 'Nationality', 1, 15, 18, 'alpha'),
    f('optional2', 'Optional data 2', 1, 18, 29, 'alphanumeric'),
    f('compositeCheckDigit', 'Composite check digit', 1, 29, 30, 'numeric'),
    f('name', 'Name', 2, 0, 30, 'alpha'),
  ],
  checks: [
    { field: 'documentNumberCheckDigit', label: 'Document number', line: 0, column: 14, ranges: [r(0, 5, 14)] },
    { field: 'birthDateCheckDigit', label: 'Date of birth', line: 1, column: 6, ranges: [r(1, 0, 6)] },
    { field: 'expiryDateCheckDigit', label: 'Date of expiry', line: 1, column: 14, ranges: [r(1, 8, 14)] },
    // Composite: line 1 positions 6–30, line 2 positions 1–7, 9–15, 19–29.
    { field: 'compositeCheckDigit', label: 'Composite', line: 1, column: 29, ranges: [r(0, 5, 30), r(1, 0, 7), r(1, 8, 15), r(1, 18, 29)] },
  ],
  longDocumentNumberIn: r(0, 15, 30),
};

/** ICAO 9303 Part 6 §4.2.2 (TD2): two lines of 36. */
const TD2: MrzLayout = {
  format: 'TD2', ...MRZ_GEOMETRY.TD2, widths: Array(MRZ_GEOMETRY.TD2.lines).fill(MRZ_GEOMETRY.TD2.chars) as number[], documentCodes: 'IAC',
  fields: [
    ...line1Head(36),
    ...line2Head(),
    f('optional1', 'Optional data', 1, 28, 35, 'alphanumeric'),
    f('compositeCheckDigit', 'Composite check digit', 1, 35, 36, 'numeric'),
  ],
  checks: [
    ...line2HeadChecks(),
    // Composite: positions 1–10, 14–20, 22–35 of line 2.
    { field: 'compositeCheckDigit', label: 'Composite', line: 1, column: 35, ranges: [r(1, 0, 10), r(1, 13, 20), r(1, 21, 35)] },
  ],
  longDocumentNumberIn: r(1, 28, 35),
};

/** ICAO 9303 Part 7 §4.2.2 (MRV-A): no composite and no check digit over the optional data. */
const MRVA: MrzLayout = {
  format: 'MRVA', ...MRZ_GEOMETRY.MRVA, widths: Array(MRZ_GEOMETRY.MRVA.lines).fill(MRZ_GEOMETRY.MRVA.chars) as number[], documentCodes: 'V',
  fields: [...line1Head(44), ...line2Head(), f('optional1', 'Optional data', 1, 28, 44, 'alphanumeric')],
  checks: line2HeadChecks(),
};

/** ICAO 9303 Part 7 §4.2.2 (MRV-B). */
const MRVB: MrzLayout = {
  format: 'MRVB', ...MRZ_GEOMETRY.MRVB, widths: Array(MRZ_GEOMETRY.MRVB.lines).fill(MRZ_GEOMETRY.MRVB.chars) as number[], documentCodes: 'V',
  fields: [...line1Head(36), ...line2Head(), f('optional1', 'Optional data', 1, 28, 36, 'alphanumeric')],
  checks: line2HeadChecks(),
};

/**
 * French national identity card issued until 2021 (not ICAO: 2×36). Line 1: 'ID', 'FRA', surname,
 * administrative code; line 2: card number (issue year and month, office, serial) with its check digit,
 * given names, birth date and check digit, sex, and a check digit over both lines.
 */
const FRA_ID: MrzLayout = {
  format: 'FRA_ID', lines: 2, chars: 36, widths: [36, 36], documentCodes: 'I',
  matches: (lines) => lines[0]?.startsWith('IDFRA') ?? false,
  fields: [
    f('documentCode', 'Document code', 0, 0, 2, 'alpha'),
    f('issuingState', 'Issuing state', 0, 2, 5, 'alpha'),
    f('surname', 'Surname', 0, 5, 30, 'alpha'),
    f('administrativeCode', 'Administrative code', 0, 30, 36, 'alphanumeric'),
    f('documentNumber', 'Card number', 1, 0, 12, 'alphanumeric'),
    f('documentNumberCheckDigit', 'Card number check digit', 1, 12, 13, 'numeric'),
    f('givenNames', 'Given names', 1, 13, 27, 'alpha'),
    f('birthDate', 'Date of birth', 1, 27, 33, 'date'),
    f('birthDateCheckDigit', 'Date of birth check digit', 1, 33, 34, 'numeric'),
    f('sex', 'Sex', 1, 34, 35, 'sex'),
    f('compositeCheckDigit', 'Composite check digit', 1, 35, 36, 'numeric'),
  ],
  checks: [
    { field: 'documentNumberCheckDigit', label: 'Card number', line: 1, column: 12, ranges: [r(1, 0, 12)] },
    { field: 'birthDateCheckDigit', label: 'Date of birth', line: 1, column: 33, ranges: [r(1, 27, 33)] },
    { field: 'compositeCheckDigit', label: 'Composite', line: 1, column: 35, ranges: [r(0, 0, 36), r(1, 0, 35)] },
  ],
};

/**
 * Swiss driving licence (credit-card format, not ICAO): a 9-character line with the licence number
 * (issuing authority, serial, language code), then 'FA', 'CHE', the PIN and version numbers and the
 * birth date, then the name. It has no check digits: only classes, codes and dates can be verified.
 */
const CHE_DL: MrzLayout = {
  format: 'CHE_DL', lines: 3, chars: 30, widths: [9, 30, 30], documentCodes: 'F',
  fields: [
    f('documentNumber', 'Licence number', 0, 0, 9, 'alphanumeric'),
    f('documentCode', 'Document code', 1, 0, 2, 'alpha'),
    f('issuingState', 'Issuing state', 1, 2, 5, 'alpha'),
    f('pinCode', 'PIN code', 1, 5, 14, 'numeric'),
    f('versionNumber', 'Version number', 1, 14, 17, 'numeric'),
    f('separator', 'Separator', 1, 17, 19, 'filler'),
    f('birthDate', 'Date of birth', 1, 19, 25, 'date'),
    f('separator', 'Separator', 1, 25, 30, 'filler'),
    f('name', 'Name', 2, 0, 30, 'alpha'),
  ],
  checks: [],
};

export const MRZ_LAYOUTS: Record<MrzLayoutFormat, MrzLayout> = { TD1, TD2, TD3, MRVA, MRVB, FRA_ID, CHE_DL };

/** National layouts first: they share a geometry with an ICAO one and are told apart by their content. */
const DETECTION_ORDER: MrzLayout[] = [FRA_ID, CHE_DL, TD1, TD3, MRVA, TD2, MRVB];

/**
 * The layout for these (normalised) lines, or null. TD3 and MRV-A share 2×44, TD2 and MRV-B 2×36:
 * the document code decides (Part 7 §4.2.2: visas start with 'V'); the French identity card shares
 * 2×36 too and starts with 'IDFRA'.
 */
export function detectLayout(lines: readonly string[]): MrzLayout | null {
  const isVisa = lines[0]?.startsWith('V') ?? false;
  for (const layout of DETECTION_ORDER) {
    if (lines.length !== layout.lines || lines.some((l, i) => l.length !== layout.widths[i])) continue;
    if (layout.matches && !layout.matches(lines)) continue;
    if (layout.format === 'TD3' || layout.format === 'TD2') {
      if (isVisa) continue;
    }
    return layout;
  }
  return null;
}

/** The field spec covering a column, if any (the name field covers everything not otherwise assigned). */
export function fieldAt(layout: MrzLayout, line: number, column: number): MrzFieldSpec | undefined {
  return layout.fields.find((s) => s.line === line && column >= s.start && column < s.end);
}
