// VIZ ↔ MRZ consistency (ICAO 9303 Part 3 §4: the MRZ repeats the VIZ data). A data alteration
// made in one zone but not the other shows up here. Two modes:
//  - identified document: each class field zone is mapped into the capture and read on its own;
//  - unidentified: the page above the MRZ is read once and each MRZ value is searched in it.
// A field is a mismatch only when a value was read and differs; unread fields never fail.
import type { CheckResult, Evidence } from '../../contract/examination.contract';
import type { Box } from '../../contract/capture.contract';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { BECAUSE, missingInput } from './missing-input';
import { bestOccurrence, mrzSpellings, tolerance, vizDates } from './viz-compare';
import { pageAboveMrz, stackFieldCrops } from './viz-crops';
import { compareDocumentNumber, compareZoneField, describe, VIZ_FIELDS, type FieldComparison } from './viz-field-compare';
import { DATE_WHITELIST, recognizeVizCode, recognizeVizLines } from './viz-ocr';

/** Word confidence (tesseract, 0–100) above which a date reading stands without a second reading. */
const CONFIDENT_DATE_READING = 90; // bench:checks corpus: no genuine false alarm at 90 (300 documents); the altered dates read at ≥ 90.

const EXPECTED = 'surname, given names, document number, dates of birth and expiry, sex and nationality printed as in the MRZ';
/** Fewer fields than this read and agreeing: the comparison is too thin to call a pass. */
const MIN_MATCHES = 3;

function mrzValues(input: CheckInput): Map<string, string> {
  const values = new Map<string, string>();
  for (const f of VIZ_FIELDS) {
    const v = input.mrz?.fields[f];
    if (v !== null && v !== undefined && v !== '') values.set(f, v);
  }
  return values;
}

async function byZones(input: CheckInput, values: Map<string, string>): Promise<FieldComparison[] | null> {
  const stacked = await stackFieldCrops(input, [...values.keys()]);
  if (!stacked) return null;
  const lines = await recognizeVizLines(stacked.png);
  const out: FieldComparison[] = [];
  for (const crop of stacked.crops) {
    const inCrop = lines.filter((l) => (l.y0 + l.y1) / 2 >= crop.top && (l.y0 + l.y1) / 2 <= crop.bottom);
    const text = inCrop.map((l) => l.text).join(' ');
    const words = inCrop.flatMap((l) => l.words);
    const mrz = values.get(crop.field)!;
    let result = compareZoneField(crop.field, mrz, text, words);
    if (crop.field === 'documentNumber' && result.verdict !== 'match') {
      // A differing number is read a second time, alone, enlarged and restricted to A–Z0–9:
      // only a difference both readings agree on counts (see compareDocumentNumber).
      const single = await stackFieldCrops(input, ['documentNumber']);
      const second = single ? await recognizeVizCode(single.png) : [];
      result = compareDocumentNumber(mrz, [words.map((w) => w.text), second.map((w) => w.text)]);
    }
    if (crop.field.endsWith('Date') && result.verdict === 'mismatch') {
      // Same for a differing date: heavy captures misread single digits (1964 read as 1904). The
      // alteration holds in both readings; a misread rarely repeats in a reading of other parameters.
      const single = await stackFieldCrops(input, [crop.field]);
      const second = single ? (await recognizeVizCode(single.png, DATE_WHITELIST)).map((w) => w.text).join(' ') : '';
      const again = compareZoneField(crop.field, mrz, second);
      // A second reading that is merely unreadable does not cancel a confident first one.
      const firstConfidence = words.length ? Math.min(...words.map((w) => w.confidence)) : 0;
      if (again.verdict === 'match') result = again;
      else if (again.verdict !== 'mismatch' && firstConfidence < CONFIDENT_DATE_READING) result = { ...result, verdict: 'doubtful' };
    }
    out.push({ ...result, region: crop.box });
  }
  return out;
}

async function byPageText(input: CheckInput, values: Map<string, string>): Promise<FieldComparison[] | null> {
  const area = await pageAboveMrz(input);
  if (!area) return null;
  const lines = await recognizeVizLines(area.png);
  const text = lines.map((l) => l.text).join('\n');
  const lineBox = (needle: string): Box | undefined => {
    const l = lines.find((x) => x.text.toUpperCase().includes(needle.toUpperCase()));
    return l ? { x: area.box.x + l.x0, y: area.box.y + l.y0, w: l.x1 - l.x0, h: l.y1 - l.y0 } : undefined;
  };
  const dates = vizDates(text).sort((a, b) => dateKey(a.yymmdd) - dateKey(b.yymmdd));
  const out: FieldComparison[] = [];
  for (const [field, mrz] of values) {
    const base = { field, mrz, viz: null };
    if (field === 'birthDate' || field === 'expiryDate') {
      if (dates.some((d) => d.yymmdd === mrz)) out.push({ ...base, verdict: 'match' });
      else if (dates.length >= 3) {
        // The page shows birth, issue and expiry dates: with all three read, birth is the earliest and
        // expiry the latest. With fewer, the latest may be the issue date (expiry unread): not a finding.
        const d = field === 'birthDate' ? dates[0]! : dates[dates.length - 1]!;
        out.push({ ...base, viz: d.raw, verdict: 'mismatch', ...(lineBox(d.raw.split(' ')[0]!) ? { region: lineBox(d.raw.split(' ')[0]!)! } : {}) });
      } else out.push({ ...base, verdict: 'unread' });
      continue;
    }
    if (field === 'sex' || field === 'nationality') {
      out.push({ ...base, verdict: 'skipped' });
      continue;
    }
    const spellings = field === 'documentNumber' ? [mrz.replace(/</g, '')] : [mrz];
    const best = spellings.map((s) => bestOccurrence(text, s)).sort((a, b) => a.distance - b.distance)[0]!;
    const ok = best.distance <= (field === 'documentNumber' ? 0 : tolerance(mrz)) || (field !== 'documentNumber' && mrzSpellings(best.found).some((s) => s === mrz));
    out.push({ ...base, viz: best.found || null, verdict: ok ? 'match' : 'unread' });
  }
  return out;
}

/** YYMMDD → sortable number; two-digit years below 50 read as 20xx (expiry), others as 19xx. */
function dateKey(yymmdd: string): number {
  const yy = Number(yymmdd.slice(0, 2));
  return (yy < 50 ? 2000 + yy : 1900 + yy) * 10000 + Number(yymmdd.slice(2));
}


export async function runVizMrzConsistency(input: CheckInput): Promise<CheckResult> {
  const missing = missingInput(input, ['white'], false) ?? (!input.mrz || input.mrz.format === null ? 'no machine readable zone was read' : null);
  if (missing) return notPerformed(vizMrzConsistencyCheck, missing, BECAUSE);
  const values = mrzValues(input);
  const zoned = await byZones(input, values);
  const mode = zoned ? 'field zones of the identified class' : 'text of the page above the MRZ';
  const results = zoned ?? (await byPageText(input, values));
  if (!results) return notPerformed(vizMrzConsistencyCheck, 'the document is not identified and the MRZ position is unknown, so the printed fields cannot be located', BECAUSE);
  const mismatches = results.filter((r) => r.verdict === 'mismatch');
  const matches = results.filter((r) => r.verdict === 'match');
  const unread = results.filter((r) => r.verdict === 'unread');
  const doubtful = results.filter((r) => r.verdict === 'doubtful');
  if (!mismatches.length && !matches.length && !doubtful.length) return notPerformed(vizMrzConsistencyCheck, `none of the printed fields could be read (${mode})`, BECAUSE);
  const status = mismatches.length ? 'fail' : matches.length >= MIN_MATCHES && !doubtful.length ? 'pass' : 'warn';
  const light = 'white' as const;
  const evidence: Evidence[] = [...mismatches, ...doubtful].map((m) => ({ light, ...(m.region ? { region: m.region } : {}), note: describe(m) }));
  const measured = `${results.map(describe).join('; ')} (read from the ${mode})`;
  const explanation =
    status === 'fail'
      ? `${mismatches.map(describe).join('; ')}. The printed data and the MRZ disagree: one of them has been altered (or the page substituted). Read the highlighted field on the document and compare it with the MRZ by eye before deciding.`
      : status === 'pass'
        ? `The printed fields that could be read agree with the MRZ${unread.length ? `; not read: ${unread.map((u) => u.field).join(', ')}` : ''}.`
        : doubtful.length
          ? `${doubtful.map(describe).join('; ')}. The reading is too uncertain to call an alteration: compare the highlighted field(s) with the MRZ by eye.`
          : `Only ${matches.length} printed field(s) could be read and compared; compare the remaining fields with the MRZ by eye (${[...unread].map((u) => u.field).join(', ') || 'none read'}).`;
  return result(vizMrzConsistencyCheck, { status, measured, expected: EXPECTED, evidence, explanation });
}


export const vizMrzConsistencyCheck: Check<'document'> = {
  id: CHECK_IDS.vizMrz,
  title: 'Printed data (VIZ) matches the MRZ',
  layer: 'data-integrity',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: ['white'], identified: false, mrz: true },
  run: runVizMrzConsistency,
};
