// Field values and their exact spans. TD1/TD2/TD3 names and document numbers come from the `mrz`
// package (cheminfo); everything else, and MRV-A/MRV-B entirely (the package has no visas), from
// our own field tables. Spans: 0-based line, [start, end) 0-based columns.
import { parse } from 'mrz';
import type { MrzFieldDetail, MrzFinding } from '../contract/mrz.contract';
import { longDocumentNumber, textOf } from './mrz-checks';
import type { MrzLayout } from './mrz-layouts';

type Span = Omit<MrzFieldDetail, 'valid' | 'error'>;

const clean = (s: string): string => s.replace(/<+$/, '').replace(/</g, ' ').trim();

function ownSpans(layout: MrzLayout, lines: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const spec of layout.fields) {
    const text = textOf(lines, spec);
    if (spec.field === 'name') {
      const sep = text.indexOf('<<');
      const surname = sep === -1 ? text.replace(/<+$/, '') : text.slice(0, sep);
      const givenRaw = sep === -1 ? '' : text.slice(sep + 2).replace(/<+$/, '');
      spans.push({ field: 'surname', label: 'Surname', value: clean(surname), line: spec.line, start: spec.start, end: spec.start + surname.length });
      const gStart = sep === -1 ? spec.start + surname.length : spec.start + sep + 2;
      spans.push({ field: 'givenNames', label: 'Given names', value: clean(givenRaw), line: spec.line, start: gStart, end: gStart + givenRaw.length });
      continue;
    }
    const keepRaw = spec.charClass === 'date' || spec.field.endsWith('CheckDigit') || spec.field === 'sex';
    spans.push({ field: spec.field, label: spec.label, value: keepRaw ? text : clean(text), line: spec.line, start: spec.start, end: spec.end });
  }
  const long = longDocumentNumber(layout, lines);
  if (long) {
    const doc = spans.find((s) => s.field === 'documentNumber');
    if (doc) doc.value = clean(textOf(lines, doc)) + textOf(lines, long.ext);
  }
  return spans;
}

/** Names and document number as the `mrz` package reads them, when it reads them without error. */
function packageValues(layout: MrzLayout, lines: readonly string[]): Partial<Record<string, string>> {
  if (layout.format !== 'TD1' && layout.format !== 'TD2' && layout.format !== 'TD3') return {};
  try {
    const result = parse([...lines]);
    const out: Partial<Record<string, string>> = {};
    const names: Record<string, string> = { lastName: 'surname', firstName: 'givenNames', documentNumber: 'documentNumber' };
    for (const d of result.details) {
      const ours = d.field ? names[d.field] : undefined;
      if (ours && d.valid && d.value !== null) out[ours] = d.value;
    }
    return out;
  } catch {
    return {};
  }
}

export function extractFields(
  layout: MrzLayout,
  lines: readonly string[],
  findings: readonly MrzFinding[],
): { fields: Record<string, string | null>; details: MrzFieldDetail[] } {
  const fromPackage = packageValues(layout, lines);
  const details: MrzFieldDetail[] = ownSpans(layout, lines).map((span) => {
    const nameField = span.field === 'surname' || span.field === 'givenNames' ? 'name' : span.field;
    const failed = findings.find(
      (f) => f.severity === 'fail' && f.field === nameField &&
        (nameField !== 'name' || f.start === undefined || (f.start < span.end && (f.end ?? f.start + 1) > span.start)),
    );
    const value = fromPackage[span.field] ?? span.value;
    return { ...span, value, valid: !failed, ...(failed ? { error: failed.message } : {}) };
  });
  const fields: Record<string, string | null> = {};
  for (const d of details) fields[d.field] = d.value;
  return { fields, details };
}
