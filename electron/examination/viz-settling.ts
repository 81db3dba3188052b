// Settling uncertain MRZ characters with the printed (visual) zone. Names, nationality and sex have no
// check digit (ICAO 9303 Part 3 §4.9), so a character of theirs the reader could not tell from another
// stays uncertain — unless the same field printed on the page reads the character the reader chose.
// Only for an identified document (its class places each field's zone on the page), and only where
// the printed field, written as the MRZ writes it (Part 3 §4.6: upper case, spaces and hyphens as
// fillers), agrees with the MRZ value at every other character: a misread printed field, or one
// that differs (an alteration is the VIZ ↔ MRZ check's business), settles nothing. A printed
// character that is one of the alternatives settles nothing either: the officer compares it.
import type { CheckInput } from '../checks/check-input';
import { stripAccents } from '../checks/generic/viz-compare';
import { stackFieldCrops } from '../checks/generic/viz-crops';
import { recognizeVizLines } from '../checks/generic/viz-ocr';
import type { MrzFieldDetail, MrzReading, MrzSettled, MrzUncertain } from '../contract/mrz.contract';
import { settleUncertain } from '../mrz';
import { ICAO_STATES } from '../mrz/icao-states.data';

/** The MRZ fields without check-digit protection that the visual zone repeats. */
export const SETTLEABLE_FIELDS = ['surname', 'givenNames', 'nationality', 'sex'] as const;
type SettleableField = (typeof SETTLEABLE_FIELDS)[number];

const isSettleable = (field: string): field is SettleableField => (SETTLEABLE_FIELDS as readonly string[]).includes(field);

/** The detail (field and columns) an uncertain character belongs to, when it is a settleable field. */
function fieldOf(details: readonly MrzFieldDetail[], u: MrzUncertain): (MrzFieldDetail & { field: SettleableField }) | null {
  const d = details.find((x) => x.line === u.line && u.column >= x.start && u.column < x.end);
  return d && isSettleable(d.field) ? (d as MrzFieldDetail & { field: SettleableField }) : null;
}

/** A printed name as the MRZ writes it: upper case, accents dropped, spaces and hyphens as fillers, apostrophes left out. */
export function nameInMrzForm(text: string): string {
  return stripAccents(text.toUpperCase())
    .replace(/['’.]/g, '')
    .replace(/[^A-Z0-9]+/g, '<')
    .replace(/^<+|<+$/g, '');
}

const NATIONALITY_CODE = new Map(ICAO_STATES.map((s) => [nameInMrzForm(s.nationality), s.code.replace(/<+$/, '')]));

/**
 * The printed field in the MRZ's form and cells, or null when it cannot stand for them: names must
 * fill the MRZ field's cells character for character (a longer printed name counts when the MRZ
 * field runs to the end of its line: truncated, Part 3 §4.6); nationality may be printed as the code
 * or as the state's nationality word; sex as M, F or X (X is the filler in the MRZ, Part 3 §4.5).
 */
export function printedInMrzCells(field: SettleableField, printed: string, mrzCells: string, runsToLineEnd: boolean): string | null {
  switch (field) {
    case 'surname':
    case 'givenNames': {
      const form = nameInMrzForm(printed);
      const value = mrzCells.replace(/<+$/, '');
      if (form.length === value.length) return form + mrzCells.slice(value.length);
      if (runsToLineEnd && form.length > mrzCells.length) return form.slice(0, mrzCells.length);
      return null;
    }
    case 'nationality': {
      const form = nameInMrzForm(printed).replace(/</g, '');
      const code = /^[A-Z]{1,3}$/.test(form) ? form : (NATIONALITY_CODE.get(nameInMrzForm(printed)) ?? null);
      return code && code.length === mrzCells.replace(/<+$/, '').length ? code.padEnd(mrzCells.length, '<') : null;
    }
    case 'sex': {
      const form = nameInMrzForm(printed);
      if (!/^[MFX]$/.test(form)) return null;
      return form === 'X' ? '<' : form;
    }
  }
}

export interface PrintedField {
  field: SettleableField;
  /** The printed field as read from its zone. */
  text: string;
}

/**
 * Settles the reading's uncertain characters of settleable fields with the printed fields given.
 * Returns the reading with `uncertain` reduced and `settled` listing what settled each character.
 */
export function settleWithPrinted(reading: MrzReading, printed: readonly PrintedField[]): MrzReading {
  const evidence = new Map<string, { char: string; field: SettleableField; viz: string }>();
  for (const p of printed) {
    const detail = reading.details.find((d) => d.field === p.field);
    if (!detail) continue;
    const line = reading.lines[detail.line] ?? '';
    const cells = line.slice(detail.start, detail.end);
    const seen = printedInMrzCells(p.field, p.text, cells, detail.end >= line.length);
    if (seen === null || seen.length !== cells.length) continue;
    const open = new Set(reading.uncertain.filter((u) => u.line === detail.line && u.column >= detail.start && u.column < detail.end).map((u) => u.column - detail.start));
    // Every character the reader is sure of must agree: else the printed field was misread (or differs).
    if ([...cells].some((c, i) => !open.has(i) && seen[i] !== c)) continue;
    for (const i of open) evidence.set(`${detail.line}:${detail.start + i}`, { char: seen[i]!, field: p.field, viz: seen.replace(/<+$/, '') });
  }
  const at = (line: number, column: number): string | null => evidence.get(`${line}:${column}`)?.char ?? null;
  const uncertain = settleUncertain(reading.uncertain, reading.lines, at);
  const settled: MrzSettled[] = reading.uncertain
    .filter((u) => !uncertain.includes(u))
    .map((u) => {
      const e = evidence.get(`${u.line}:${u.column}`)!;
      return { line: u.line, column: u.column, char: e.char, alternatives: u.alternatives, by: 'viz' as const, field: e.field, viz: e.viz };
    });
  if (settled.length === 0) return reading;
  return { ...reading, uncertain, settled: [...(reading.settled ?? []), ...settled] };
}

/** The fields whose uncertain characters the printed page could settle (empty: nothing to read). */
export function fieldsToSettle(reading: MrzReading | null): SettleableField[] {
  if (!reading?.format) return [];
  return [...new Set(reading.uncertain.map((u) => fieldOf(reading.details, u)?.field).filter((f): f is SettleableField => f !== undefined))];
}

/**
 * Reads the printed fields that hold uncertain MRZ characters from their zones of the identified
 * class (one OCR call over the stacked zones) and settles what they can. Without an identified
 * class, or without such characters, the reading is returned as it is.
 */
export async function settleFromVisualZone(reading: MrzReading | null, input: CheckInput): Promise<MrzReading | null> {
  const fields = fieldsToSettle(reading);
  if (!reading || fields.length === 0 || !input.identification) return reading;
  const stacked = await stackFieldCrops(input, fields);
  if (!stacked) return reading;
  const lines = await recognizeVizLines(stacked.png);
  const printed = stacked.crops.flatMap((crop): PrintedField[] => {
    const inCrop = lines.filter((l) => (l.y0 + l.y1) / 2 >= crop.top && (l.y0 + l.y1) / 2 <= crop.bottom);
    const text = inCrop.map((l) => l.text).join(' ').trim();
    return text && isSettleable(crop.field) ? [{ field: crop.field, text }] : [];
  });
  // A lone letter (the sex field) counts only when the page-wide reading made exactly M, F or X of
  // it; on the bundled specimens it reads an M as 'i', so in practice sex is rarely settled this way.
  return settleWithPrinted(reading, printed.filter((p) => p.field !== 'sex' || /^[MFX]$/.test(p.text.trim())));
}
