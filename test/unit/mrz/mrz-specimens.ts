// ICAO 9303 worked examples (Part 4 Appendix A TD3, Part 5 TD1, Part 6 TD2, Part 7 MRV-A/MRV-B).
import { computeCheckDigit } from '../../../electron/mrz';

export const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
export const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
export const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
export const MRVA = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'];
export const MRVB = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'];

/** A reference date before every specimen expires. */
export const BEFORE_EXPIRY = new Date('1995-01-01T00:00:00Z');

/** A TD3 second line with correct check digits for the given document number. */
export function td3Line2(doc: string, personal = 'ZE184226B<<<<<'): string {
  const d = doc + computeCheckDigit(doc);
  const birth = '7408122';
  const expiry = '1204159';
  const p = personal + computeCheckDigit(personal);
  return `${d}UTO${birth}F${expiry}${p}${computeCheckDigit(d + birth + expiry + p)}`;
}

export const replaceAt = (s: string, i: number, c: string): string => s.slice(0, i) + c + s.slice(i + 1);
