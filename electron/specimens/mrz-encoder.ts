// Builds the MRZ lines of a specimen from its data, per layout:
// Part 4 (TD3), Part 5 (TD1), Part 6 (TD2), Part 7 (MRV-A / MRV-B).
import { MRZ_GEOMETRY, type MrzFormat } from '../contract/mrz.contract';
import { assertNever } from '../common/loupe-error';
import { mrzCheckDigit } from './check-digit';
import type { HolderData } from './holder-data';
import { buildNameField, readNameField } from './name-field';
import { mrzDate } from './specimen-dates';

export interface EncodedMrz {
  lines: string[];
  /** Field values as a reader reports them (fillers removed). */
  fields: Record<string, string>;
  nameTruncated: boolean;
}

const pad = (text: string, width: number): string => {
  if (text.length > width) throw new RangeError(`MRZ field '${text}' longer than ${width}`);
  return text.padEnd(width, '<');
};
const withCheck = (field: string): string => field + mrzCheckDigit(field);
/** Part 4 §4.2.2: an unused personal number may carry '<' as its check digit. */
const optionalWithCheck = (field: string): string => (/^<+$/.test(field) ? `${field}<` : withCheck(field));

/** State code in its 3-character MRZ form: Germany 'D' becomes 'D<<' (Part 3 §5). */
const stateField = (code: string): string => pad(code, 3);

export function encodeMrz(format: MrzFormat, data: HolderData): EncodedMrz {
  const { chars } = MRZ_GEOMETRY[format];
  const code = pad(data.documentCode, 2);
  const issuing = stateField(data.issuer.code);
  const nat = stateField(data.nationality.code);
  const number = withCheck(pad(data.documentNumber, 9));
  const birth = withCheck(mrzDate(data.birth));
  const expiry = withCheck(mrzDate(data.expiry));
  const sex = data.sex;
  let lines: string[];
  let nameField: string;
  let truncated: boolean;

  switch (format) {
    case 'TD3': {
      ({ text: nameField, truncated } = buildNameField(data.surname, data.givenNames, 39));
      const optional = optionalWithCheck(pad(data.optional1, 14));
      const composite = mrzCheckDigit(number + birth + expiry + optional);
      lines = [code + issuing + nameField, number + nat + birth + sex + expiry + optional + composite];
      break;
    }
    case 'TD2': {
      ({ text: nameField, truncated } = buildNameField(data.surname, data.givenNames, 31));
      const optional = pad(data.optional1, 7);
      const composite = mrzCheckDigit(number + birth + expiry + optional);
      lines = [code + issuing + nameField, number + nat + birth + sex + expiry + optional + composite];
      break;
    }
    case 'TD1': {
      ({ text: nameField, truncated } = buildNameField(data.surname, data.givenNames, 30));
      const line1 = code + issuing + number + pad(data.optional1, 15);
      const line2Head = birth + sex + expiry + nat + pad(data.optional2, 11);
      // Part 5 §4.2.2: composite over line 1 cols 6–30 and line 2 cols 1–7, 9–15, 19–29.
      const composite = mrzCheckDigit(line1.slice(5) + line2Head.slice(0, 7) + line2Head.slice(8, 15) + line2Head.slice(18, 29));
      lines = [line1, line2Head + composite, nameField];
      break;
    }
    case 'MRVA':
    case 'MRVB': {
      // Part 7: visas carry optional data where passports have the composite check digit.
      const width = format === 'MRVA' ? 39 : 31;
      ({ text: nameField, truncated } = buildNameField(data.surname, data.givenNames, width));
      const optional = pad(data.optional1, format === 'MRVA' ? 16 : 8);
      lines = [code + issuing + nameField, number + nat + birth + sex + expiry + optional];
      break;
    }
    default:
      return assertNever(format, 'MRZ format');
  }
  for (const line of lines) {
    if (line.length !== chars || !/^[A-Z0-9<]+$/.test(line)) throw new RangeError(`bad ${format} MRZ line '${line}'`);
  }
  const names = readNameField(nameField);
  const fields: Record<string, string> = {
    documentCode: data.documentCode.replace(/<+$/, ''),
    issuingState: data.issuer.code,
    surname: names.surname,
    givenNames: names.givenNames,
    documentNumber: data.documentNumber,
    nationality: data.nationality.code,
    birthDate: mrzDate(data.birth),
    sex: data.sex,
    expiryDate: mrzDate(data.expiry),
    optional1: data.optional1,
  };
  if (format === 'TD1') fields.optional2 = data.optional2;
  return { lines, fields, nameTruncated: truncated };
}
