// Per-field verdicts for VIZ ↔ MRZ: match, mismatch (a value was read and differs), unread.
import type { Box } from '../../contract/specimen.contract';
import { ICAO_STATES } from '../../specimens/icao-states.data';
import { bestOccurrence, editDistance, letters, namesAgree, showMrzDate, stripAccents, vizDates } from './viz-compare';

export type FieldVerdict = 'match' | 'mismatch' | 'unread' | 'skipped';

export interface FieldComparison {
  field: string;
  verdict: FieldVerdict;
  mrz: string;
  viz: string | null;
  region?: Box;
}

export const VIZ_FIELDS = ['surname', 'givenNames', 'documentNumber', 'birthDate', 'expiryDate', 'sex', 'nationality'] as const;

/** OCR look-alikes folded together for document numbers (both sides), as the MRZ reader does. */
const fold = (s: string): string => s.replace(/O/g, '0').replace(/[IL]/g, '1').replace(/Z/g, '2').replace(/S/g, '5').replace(/B/g, '8').replace(/G/g, '6');

const NATIONALITY_CODE = new Map(ICAO_STATES.map((s) => [letters(stripAccents(s.nationality)), s.code.replace(/<+$/, '')]));

/** Compares one field read from its own zone (mode with identification). */
export function compareZoneField(field: string, mrzValue: string, text: string): FieldComparison {
  const read = letters(stripAccents(text));
  const base = { field, mrz: mrzValue, viz: text || null };
  if (!read) return { ...base, verdict: 'unread' };
  switch (field) {
    case 'surname':
    case 'givenNames':
      // A tilted capture can bring the field's label into the crop: any word window may hold the value.
      if (namesAgree(text, mrzValue) || namesAgree(bestOccurrence(text, mrzValue).found, mrzValue)) return { ...base, verdict: 'match' };
      return { ...base, verdict: read.replace(/ /g, '').length >= Math.max(3, mrzValue.replace(/[ <]/g, '').length / 2) ? 'mismatch' : 'unread' };
    case 'documentNumber': {
      const v = fold(read.replace(/ /g, ''));
      const m = fold(mrzValue.replace(/</g, ''));
      // No edit tolerance: one changed character is exactly what an alteration looks like.
      if (v === m || read.split(' ').some((w) => fold(w) === m)) return { ...base, verdict: 'match' };
      // Within two edits of the MRZ the difference is as likely noisy OCR as an alteration: uncertain, not a finding.
      return { ...base, verdict: v.length >= 4 && editDistance(v, m) > 2 ? 'mismatch' : 'unread' };
    }
    case 'birthDate':
    case 'expiryDate': {
      const dates = vizDates(text);
      if (!dates.length) return { ...base, verdict: 'unread' };
      return { ...base, viz: dates[0]!.raw, verdict: dates.some((d) => d.yymmdd === mrzValue) ? 'match' : 'mismatch' };
    }
    case 'sex': {
      const s = read.replace(/ /g, '')[0];
      if (!s || !'MFX'.includes(s)) return { ...base, verdict: 'unread' };
      // Part 3 §4.5: unspecified sex is X in the VIZ and a filler in the MRZ.
      const expected = mrzValue === '<' || mrzValue === '' ? 'X' : mrzValue;
      return { ...base, viz: s, verdict: s === expected ? 'match' : 'mismatch' };
    }
    case 'nationality': {
      if (read.replace(/ /g, '') === mrzValue.replace(/</g, '')) return { ...base, verdict: 'match' };
      const code = NATIONALITY_CODE.get(read);
      if (!code) return { ...base, verdict: 'skipped' };
      return { ...base, verdict: code === mrzValue.replace(/</g, '') ? 'match' : 'mismatch' };
    }
    default:
      return { ...base, verdict: 'skipped' };
  }
}

export function describe(c: FieldComparison): string {
  const mrz = c.field.endsWith('Date') ? showMrzDate(c.mrz) : c.mrz;
  switch (c.verdict) {
    case 'match':
      return `${c.field} agrees (${mrz})`;
    case 'mismatch':
      return `${c.field}: VIZ '${c.viz}' ≠ MRZ '${mrz}'`;
    case 'unread':
      return `${c.field}: VIZ not read`;
    case 'skipped':
      return `${c.field}: not compared`;
  }
}
