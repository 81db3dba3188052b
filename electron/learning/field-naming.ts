// Which MRZ field each proposed data field prints: every zone is read on every capture (one OCR
// call per capture, the zones stacked) and compared with that capture's MRZ (ICAO 9303 Part 3 §4:
// the MRZ repeats the VIZ). A zone that agrees with the same MRZ field on most captures prints it;
// a zone where nothing legible is read on most captures is a signature (or a picture).
import type { ReferenceZone } from '../contract/reference.contract';
import type { MrzReading } from '../contract/mrz.contract';
import { stackFieldCrops } from '../checks/generic/viz-crops';
import { recognizeVizLines } from '../checks/generic/viz-ocr';
import { compareZoneField, VIZ_FIELDS } from '../checks/generic/viz-field-compare';
import type { CheckInput, Identification } from '../checks/check-input';

export const FIELD_LABELS: Record<(typeof VIZ_FIELDS)[number], string> = {
  surname: 'Surname',
  givenNames: 'Given names',
  documentNumber: 'Document number',
  birthDate: 'Date of birth',
  expiryDate: 'Date of expiry',
  sex: 'Sex',
  nationality: 'Nationality',
};

/** Word confidence (0..1) above which a word counts as legible text. */
const LEGIBLE = 0.5;

export interface ZoneReading {
  /** Per MRZ field, how many captures agree. */
  matches: Map<string, number>;
  /** Captures on which legible text was read. */
  legible: number;
}

/** Reads each field zone on one capture: its text, matched against that capture's MRZ fields. */
async function readCapture(input: CheckInput, zones: ReferenceZone[], readings: Map<string, ZoneReading>): Promise<void> {
  const id = input.identification!;
  // The crops are cut by field name: name each zone after its id for this reading.
  const named: Identification = { ...id, cls: { ...id.cls, zones: zones.map((z) => ({ ...z, field: z.id })) } };
  const stacked = await stackFieldCrops({ ...input, identification: named }, zones.map((z) => z.id));
  if (!stacked) return;
  const lines = await recognizeVizLines(stacked.png);
  for (const crop of stacked.crops) {
    const inCrop = lines.filter((l) => (l.y0 + l.y1) / 2 >= crop.top && (l.y0 + l.y1) / 2 <= crop.bottom);
    const text = inCrop.map((l) => l.text).join(' ');
    const words = inCrop.flatMap((l) => l.words);
    const reading = readings.get(crop.field)!;
    if (words.some((w) => w.confidence >= LEGIBLE && w.text.replace(/[^\p{L}\p{N}]/gu, '').length >= 2)) reading.legible++;
    for (const field of VIZ_FIELDS) {
      const value = input.mrz?.fields[field];
      if (value === null || value === undefined || value === '') continue;
      if (compareZoneField(field, value, text, words).verdict === 'match') reading.matches.set(field, (reading.matches.get(field) ?? 0) + 1);
    }
  }
}

export interface FieldNames {
  /** Zone id → the MRZ field it prints. */
  fields: Map<string, string>;
  /** Zones read as no legible text on most captures. */
  illegible: Set<string>;
}

/**
 * Names the field zones. A name needs agreement on at least half the captures (and two); each MRZ
 * field names one zone, the one that agrees most often.
 */
export async function nameFields(captures: { input: CheckInput; mrz: MrzReading | null }[], zones: ReferenceZone[]): Promise<FieldNames> {
  const fieldZones = zones.filter((z) => z.kind === 'field');
  const readings = new Map(fieldZones.map((z) => [z.id, { matches: new Map<string, number>(), legible: 0 }]));
  for (const capture of captures) if (capture.mrz) await readCapture(capture.input, fieldZones, readings);
  const need = Math.max(2, Math.ceil(captures.length / 2));
  const pairs = [...readings].flatMap(([zone, r]) => [...r.matches].filter(([, n]) => n >= need).map(([field, n]) => ({ zone, field, n })));
  pairs.sort((a, b) => b.n - a.n);
  const fields = new Map<string, string>();
  const used = new Set<string>();
  for (const { zone, field } of pairs) {
    if (fields.has(zone) || used.has(field)) continue;
    fields.set(zone, field);
    used.add(field);
  }
  const illegible = new Set([...readings].filter(([zone, r]) => !fields.has(zone) && r.legible < need).map(([zone]) => zone));
  return { fields, illegible };
}
