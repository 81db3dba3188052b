// Validation findings (data, not exceptions) for lines that fit a layout. ICAO 9303 Parts 3–7.
import type { MrzFinding } from '../contract/mrz.contract';
import { evaluateChecks, longDocumentNumber, textOf } from './mrz-checks';
import { isDigit, isLetter, isMrzChar } from './mrz-confusables';
import { birthDate, dateProblem, expiryDate, isoDate, toUtc } from './mrz-dates';
import type { MrzFieldSpec, MrzLayout } from './mrz-layouts';
import { fieldAt } from './mrz-layouts';
import { isKnownStateCode, SPECIMEN_STATE_CODES } from './mrz-states';

/** "line 2, positions 1–9" in the 1-based numbering of ICAO 9303. */
export const where = (line: number, start: number, end: number): string =>
  end - start <= 1 ? `line ${line + 1}, position ${start + 1}` : `line ${line + 1}, positions ${start + 1}–${end}`;

export function validateMrz(layout: MrzLayout, lines: readonly string[], now: Date): MrzFinding[] {
  const findings: MrzFinding[] = [];
  const add = (f: MrzFinding): void => void findings.push(f);
  illegalCharacters(layout, lines, add);
  for (const spec of layout.fields) fieldFindings(layout, spec, lines, add);
  for (const outcome of evaluateChecks(layout, lines)) {
    if (outcome.ok) continue;
    const { spec, data, expected, found } = outcome;
    const span = spec.ranges.map((rg) => where(rg.line, rg.start, rg.end)).join(', ');
    add({
      code: 'check-digit', severity: 'fail', field: spec.field,
      line: spec.line, start: spec.column, end: spec.column + 1,
      message: `${spec.label} check digit is '${found}', but '${data}' (${span}) gives ${expected}`,
    });
  }
  dateLogic(layout, lines, now, add);
  return findings;
}

function illegalCharacters(layout: MrzLayout, lines: readonly string[], add: (f: MrzFinding) => void): void {
  lines.forEach((text, line) => {
    [...text].forEach((ch, col) => {
      if (isMrzChar(ch)) return;
      add({
        code: 'illegal-character', severity: 'fail', field: fieldAt(layout, line, col)?.field,
        line, start: col, end: col + 1,
        message: `'${ch}' at ${where(line, col, col + 1)} is not an MRZ character (A–Z, 0–9, <)`,
      });
    });
  });
}

function fieldFindings(layout: MrzLayout, spec: MrzFieldSpec, lines: readonly string[], add: (f: MrzFinding) => void): void {
  const text = textOf(lines, spec);
  const at = { field: spec.field, line: spec.line, start: spec.start, end: spec.end };
  // Character class: one finding per wrong character, so the UI can point at it.
  [...text].forEach((ch, i) => {
    if (!isMrzChar(ch)) return;
    const wrong = spec.charClass === 'alpha' ? isDigit(ch) : spec.charClass === 'numeric' || spec.charClass === 'date' ? isLetter(ch) : spec.charClass === 'filler' ? ch !== '<' : false;
    if (wrong) {
      const col = spec.start + i;
      add({
        code: 'character-class', severity: 'fail', field: spec.field, line: spec.line, start: col, end: col + 1,
        message: `${spec.label}: '${ch}' at ${where(spec.line, col, col + 1)} must be ${spec.charClass === 'alpha' ? 'a letter or <' : spec.charClass === 'filler' ? '<' : 'a digit'}`,
      });
    }
  });
  switch (spec.field) {
    case 'documentCode': {
      const allowed = layout.documentCodes;
      if (!allowed.includes(text[0] ?? '')) {
        add({ ...at, code: 'document-code', severity: 'fail', message: `Document code '${text}' must start with ${[...allowed].join(', ')} for ${layout.format}` });
      }
      break;
    }
    case 'issuingState':
    case 'nationality': {
      if (!/^[A-Z<]{3}$/.test(text)) break; // already reported as character class
      if (!isKnownStateCode(text)) {
        add({ ...at, code: 'unknown-state', severity: 'fail', message: `${spec.label} '${text}' is not an ICAO 9303 Part 3 code` });
      } else if (SPECIMEN_STATE_CODES.has(text)) {
        add({ ...at, code: 'specimen-state', severity: 'info', message: `${spec.label} '${text}' is the ICAO specimen code` });
      }
      break;
    }
    case 'sex':
      if (!'MFX<'.includes(text)) add({ ...at, code: 'sex', severity: 'fail', message: `Sex '${text}' must be M, F, X or <` });
      break;
    case 'birthDate':
    case 'expiryDate': {
      const problem = dateProblem(text, null);
      if (problem === 'format') break; // character class findings say why
      if (problem) add({ ...at, code: 'impossible-date', severity: 'fail', message: `${spec.label} '${text}' has an impossible ${problem}` });
      else if (text.includes('<')) add({ ...at, code: 'date-unknown-part', severity: 'info', message: `${spec.label} '${text}' has unknown parts (fillers)` });
      break;
    }
    case 'name':
      nameFindings(spec, text, add);
      break;
    case 'documentNumber':
      if (/<[^<]/.test(text) && !longDocumentNumber(layout, lines)) {
        add({ ...at, code: 'filler-misuse', severity: 'warn', message: `${spec.label} '${text}' has a filler before other characters` });
      }
      break;
    default:
      break;
  }
}

/** ICAO 9303 Part 3 §4.6: components separated by one filler, surname and given names by two, then fillers only. */
function nameFindings(spec: MrzFieldSpec, text: string, add: (f: MrzFinding) => void): void {
  const base = { field: spec.field, line: spec.line };
  // '<<' first is an empty primary identifier (ICAO 9303 Part 3 §4.6: a name with only secondary
  // identifiers, e.g. P<IND<<FIRST<NAME); a single leading filler is misuse.
  if (text.startsWith('<') && !text.startsWith('<<')) {
    add({ ...base, code: 'filler-misuse', severity: 'fail', start: spec.start, end: spec.start + 1, message: 'Name starts with a filler' });
  }
  const run = /<{3,}/.exec(text);
  if (run) {
    const after = text.slice(run.index + run[0].length);
    const junk = after.search(/[^<]/);
    if (junk !== -1) {
      const col = spec.start + run.index + run[0].length + junk;
      const tail = after.replace(/<+$/, '').slice(junk);
      add({
        ...base, code: 'filler-misuse', severity: 'fail', start: col, end: col + tail.length,
        message: `Name has '${tail}' after a run of ${run[0].length} fillers (${where(spec.line, col, col + tail.length)}): fillers must run to the end`,
      });
    }
  }
  if (text.length > 0 && !text.includes('<<') && /[A-Z]/.test(text) && !text.endsWith('<')) {
    add({ ...base, code: 'name-truncated', severity: 'info', start: spec.start, end: spec.end, message: 'Name fills the whole field: it may be truncated (Part 3 §4.6)' });
  }
}

function dateLogic(layout: MrzLayout, lines: readonly string[], now: Date, add: (f: MrzFinding) => void): void {
  const spec = (name: string): MrzFieldSpec | undefined => layout.fields.find((s) => s.field === name);
  const birthSpec = spec('birthDate');
  const expirySpec = spec('expiryDate');
  if (!birthSpec || !expirySpec) return;
  const birthText = textOf(lines, birthSpec);
  const expiryText = textOf(lines, expirySpec);
  const birth = dateProblem(birthText, null) === null ? birthDate(birthText, now) : null;
  const expiry = dateProblem(expiryText, null) === null ? expiryDate(expiryText, now) : null;
  if (expiry && dateProblem(expiryText, expiry.year) !== null) {
    add({ code: 'impossible-date', severity: 'fail', field: 'expiryDate', line: expirySpec.line, start: expirySpec.start, end: expirySpec.end, message: `Date of expiry '${expiryText}' does not exist (${expiry.year})` });
    return;
  }
  if (expiry) {
    // Expiry is a warning, not invalidity: the MRZ itself is intact (the examiner decides).
    if (toUtc(expiry) < now.getTime() - 86_400_000) {
      add({
        code: 'expired', severity: 'warn', field: 'expiryDate', line: expirySpec.line, start: expirySpec.start, end: expirySpec.end,
        message: `Document expired on ${isoDate(expiry)}`,
      });
    }
  }
  if (birth && dateProblem(birthText, birth.year) !== null) {
    add({ code: 'impossible-date', severity: 'fail', field: 'birthDate', line: birthSpec.line, start: birthSpec.start, end: birthSpec.end, message: `Date of birth '${birthText}' does not exist (${birth.year})` });
    return;
  }
  if (birth && expiry && toUtc(expiry) <= toUtc(birth)) {
    add({
      code: 'date-order', severity: 'fail', field: 'expiryDate', line: expirySpec.line, start: expirySpec.start, end: expirySpec.end,
      message: `Date of expiry ${isoDate(expiry)} is not after date of birth ${isoDate(birth)}`,
    });
  }
  // No age-over-130 check: with two-digit years the inferred birth century keeps ages within 0–100.
}
