// Shared state of one repair pass: the lines being repaired and every change made to them.
import type { MrzCorrection, MrzFinding } from '../contract/mrz.contract';
import type { MrzLayout } from './mrz-layouts';
import type { CharCandidates } from './mrz-types';

export interface RepairContext {
  layout: MrzLayout;
  /** Lines as read (after normalisation), never modified. */
  readonly read: readonly string[];
  /** Lines being repaired. */
  lines: string[];
  /** OCR candidates aligned with `read` (same line and column), when the OCR gave them. */
  candidates?: (CharCandidates | undefined)[][];
  corrections: MrzCorrection[];
  findings: MrzFinding[];
}

export function createRepairContext(layout: MrzLayout, read: readonly string[], candidates?: (CharCandidates | undefined)[][]): RepairContext {
  return { layout, read, lines: [...read], candidates, corrections: [], findings: [] };
}

/** Sets one character and records it; a second change of the same column replaces the first record. */
export function setChar(ctx: RepairContext, line: number, column: number, char: string, reason: string): void {
  const text = ctx.lines[line] as string;
  ctx.lines[line] = text.slice(0, column) + char + text.slice(column + 1);
  const readChar = ctx.read[line]?.[column] ?? '';
  ctx.corrections = ctx.corrections.filter((c) => !(c.line === line && c.column === column));
  if (char !== readChar) ctx.corrections.push({ line, column, read: readChar, corrected: char, reason });
}

export const charAt = (ctx: RepairContext, line: number, column: number): string => ctx.lines[line]?.[column] ?? '';
