// Text → MrzReading: normalise, detect the layout, repair (OCR only, by default), validate.
import type { MrzFieldDetail, MrzFinding, MrzReading } from '../contract/mrz.contract';
import { birthDate, dateProblem, expiryDate, isoDate } from './mrz-dates';
import { MRZ_GEOMETRY } from '../contract/mrz.contract';
import { LoupeError } from '../common/loupe-error';
import { repairByCheckDigits } from './mrz-check-search';
import { repairFieldClasses } from './mrz-class-repair';
import { extractFields } from './mrz-fields';
import { detectLayout } from './mrz-layouts';
import { normalizeMrzLines } from './mrz-normalize';
import type { NormalizedInput } from './mrz-normalize';
import { createRepairContext } from './mrz-repair-context';
import type { CharCandidates, ReadMrzTextOptions } from './mrz-types';
import { assessUncertainty } from './mrz-uncertainty';
import { validateMrz } from './mrz-validate';
import { unitConfidence } from './mrz-confidence';
import { checkedReading } from './mrz-reading-check';

export function readMrzText(lines: readonly string[], options: ReadMrzTextOptions): MrzReading {
  const t0 = performance.now();
  if (!Array.isArray(lines) || lines.some((l) => typeof l !== 'string')) {
    throw new LoupeError('mrz', 'InvalidInput', 'MRZ lines must be an array of strings');
  }
  const now = options.now ?? new Date();
  const norm = normalizeMrzLines(lines);
  const confidence = overallConfidence(options);
  const base = { source: options.source, confidence, corrections: norm.corrections };
  const layout = detectLayout(norm.lines);
  if (!layout) {
    return checkedReading({
      ...base, format: null, lines: norm.lines, valid: false, repaired: norm.corrections.length > 0,
      fields: {}, details: [], findings: [unknownLayout(norm.lines)], timingsMs: { parse: performance.now() - t0 },
      charConfidence: norm.lines.map((l) => [...l].map(() => (options.candidates ? 0 : 1))), uncertain: [],
    });
  }
  const repair = options.repair ?? options.source !== 'text';
  const ctx = createRepairContext(layout, norm.lines, alignCandidates(norm, options.candidates));
  const t1 = performance.now();
  if (repair) {
    repairFieldClasses(ctx);
    repairByCheckDigits(ctx);
  }
  const t2 = performance.now();
  const assessed = assessUncertainty(layout, ctx.lines, ctx.candidates);
  const findings = [...validateMrz(layout, ctx.lines, now), ...ctx.findings, ...assessed.findings];
  const extracted = extractFields(layout, ctx.lines, findings);
  const fields = extracted.fields;
  const details = withDates(extracted.details, now);
  const corrections = [...norm.corrections, ...ctx.corrections];
  return checkedReading({
    ...base,
    format: layout.format,
    lines: ctx.lines,
    valid: !findings.some((f) => f.severity === 'fail'),
    repaired: corrections.length > 0,
    fields,
    details,
    findings,
    corrections,
    timingsMs: { parse: t1 - t0 + (performance.now() - t2), repair: t2 - t1 },
    charConfidence: assessed.charConfidence,
    uncertain: assessed.uncertain,
  });
}

/**
 * The date fields with the date they give: YYMMDD with the century inferred as the checks infer it
 * (a birth date in the past, an expiry within 50 years of the reading), so the screen and the report
 * show "5 March 1956" beside the raw "560305" without guessing the century themselves.
 */
function withDates(details: MrzFieldDetail[], now: Date): MrzFieldDetail[] {
  return details.map((d) => {
    const infer = d.field === 'birthDate' ? birthDate : d.field === 'expiryDate' ? expiryDate : null;
    if (!infer || !d.value || dateProblem(d.value, null) !== null) return d;
    const date = infer(d.value, now);
    return date && dateProblem(d.value, date.year) === null ? { ...d, date: isoDate(date) } : d;
  });
}

function unknownLayout(lines: string[]): MrzFinding {
  const found = lines.length === 0 ? 'no text' : `${lines.length} line(s) of ${lines.map((l) => l.length).join('/')} characters`;
  const expected = Object.entries(MRZ_GEOMETRY).map(([f, g]) => `${f} ${g.lines}×${g.chars}`).join(', ');
  return { code: 'unknown-layout', severity: 'fail', message: `Not an MRZ layout: found ${found}; expected ${expected}` };
}

function overallConfidence(options: ReadMrzTextOptions): number {
  const clamp = (n: number): number => unitConfidence(n > 1 ? n / 100 : n);
  if (options.confidence !== undefined) return clamp(options.confidence);
  const all = (options.candidates ?? []).flat();
  if (all.length > 0) return clamp(all.reduce((s, c) => s + clamp(c.conf), 0) / all.length);
  return options.source === 'text' ? 1 : 0;
}

/** Candidates follow the input lines; after normalisation they are re-indexed on the output columns. */
function alignCandidates(norm: NormalizedInput, candidates?: CharCandidates[][]): (CharCandidates | undefined)[][] | undefined {
  if (!candidates) return undefined;
  return norm.origin.map((o) => o.columns.map((col) => candidates[o.line]?.[col]));
}
