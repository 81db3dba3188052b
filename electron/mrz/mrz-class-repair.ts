// Field-class repair: a character that cannot stand where it was read (a digit in a name, a letter
// in a date) is replaced by its most likely look-alike. Deterministic and local; the check digits
// then confirm or refute it.
import { textOf } from './mrz-checks';
import { confusablesOf, isDigit, isLetter, likelyDigit, likelyLetter } from './mrz-confusables';
import type { MrzFieldSpec } from './mrz-layouts';
import type { RepairContext } from './mrz-repair-context';
import { charAt, setChar } from './mrz-repair-context';
import { isKnownStateCode } from './mrz-states';

export function repairFieldClasses(ctx: RepairContext): void {
  for (const spec of ctx.layout.fields) {
    if (spec.field === 'issuingState' || spec.field === 'nationality') repairState(ctx, spec);
    else if (spec.charClass === 'sex') repairSex(ctx, spec);
    else repairClass(ctx, spec);
    if (spec.field === 'name') repairNameTail(ctx, spec);
  }
}

function repairClass(ctx: RepairContext, spec: MrzFieldSpec): void {
  for (let col = spec.start; col < spec.end; col++) {
    const ch = charAt(ctx, spec.line, col);
    if ((spec.charClass === 'numeric' || spec.charClass === 'date') && isLetter(ch)) {
      const digit = likelyDigit(ch);
      if (digit) setChar(ctx, spec.line, col, digit, `letter in a numeric field (${spec.label}): look-alike digit`);
    } else if (spec.charClass === 'alpha' && isDigit(ch)) {
      const letter = likelyLetter(ch);
      if (letter) setChar(ctx, spec.line, col, letter, `digit in an alphabetic field (${spec.label}): look-alike letter`);
    }
  }
}

function repairSex(ctx: RepairContext, spec: MrzFieldSpec): void {
  const ch = charAt(ctx, spec.line, spec.start);
  if ('MFX<'.includes(ch)) return;
  const options = [...confusablesOf(ch).keys()].filter((c) => 'MFX<'.includes(c));
  if (options.length === 1) setChar(ctx, spec.line, spec.start, options[0] as string, 'sex must be M, F, X or <: only look-alike');
}

/**
 * A state code is checked against the ICAO list: when the code read is unknown and exactly one
 * known code is reachable with the fewest look-alike substitutions, that code is taken.
 */
function repairState(ctx: RepairContext, spec: MrzFieldSpec): void {
  const text = textOf(ctx.lines, spec);
  if (isKnownStateCode(text)) return;
  let best: { code: string; cost: number }[] = [];
  const visit = (i: number, code: string, cost: number, changes: number): void => {
    if (i === text.length) {
      if (code === text || !isKnownStateCode(code) || /[0-9]/.test(code)) return;
      if (best.length === 0 || cost < (best[0] as { cost: number }).cost - 1e-9) best = [{ code, cost }];
      else if (Math.abs(cost - (best[0] as { cost: number }).cost) < 1e-9) best.push({ code, cost });
      return;
    }
    const ch = text[i] as string;
    visit(i + 1, code + ch, cost, changes);
    if (changes >= 2) return;
    for (const [alt, c] of confusablesOf(ch)) if (isLetter(alt) || alt === '<') visit(i + 1, code + alt, cost + c, changes + 1);
  };
  visit(0, '', 0, 0);
  if (best.length === 1) {
    const code = (best[0] as { code: string }).code;
    for (let i = 0; i < code.length; i++) {
      if (code[i] !== text[i]) setChar(ctx, spec.line, spec.start + i, code[i] as string, `unknown state code '${text}': '${code}' is the only known look-alike`);
    }
    return;
  }
  if (best.length > 1) {
    ctx.findings.push({
      code: 'ambiguous-repair', severity: 'info', field: spec.field, line: spec.line, start: spec.start, end: spec.end,
      message: `${spec.label} '${text}' is unknown; look-alikes ${best.map((b) => b.code).join(', ')} are equally likely: not repaired`,
    });
  }
  repairClass(ctx, spec);
}

/**
 * After the given names, the name field holds only fillers (Part 3 §4.6). OCR engines read long
 * filler runs as K and L; after the second '<<' those letters are turned back into fillers.
 * Names carry no check digit, so this is recorded as unverified.
 */
function repairNameTail(ctx: RepairContext, spec: MrzFieldSpec): void {
  const text = textOf(ctx.lines, spec);
  const first = text.indexOf('<<');
  if (first === -1) return;
  const second = text.indexOf('<<', first + 2);
  if (second === -1) return;
  const tail = text.slice(second);
  if (!/[KL]/.test(tail) || /[^KL<]/.test(tail)) return;
  for (let i = second; i < text.length; i++) {
    if (text[i] !== '<') setChar(ctx, spec.line, spec.start + i, '<', 'filler look-alike after the end of the name (unverified: names carry no check digit)');
  }
}
