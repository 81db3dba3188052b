// DG1's MRZ against the printed one, character by character, each difference named by the field
// of the printed reading it falls in (the MRZ reading's field table: 0-based line, [start, end)),
// so the MRZ panel can point at the characters (ICAO 9303-10 §4.7.1: DG1 holds the MRZ as printed).
import type { MrzReading } from '../contract/mrz.contract';

export interface MrzDifference {
  readonly field: string;
  readonly label: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly chip: string;
  readonly printed: string;
}

export type MrzComparison = { kind: 'layout'; text: string } | { kind: 'fields'; differences: MrzDifference[] };

// Check digits are reported with the field they protect; a composite check digit on its own.
const CHECK_DIGIT_OF = /CheckDigit$/;

export function compareChipMrz(chipLines: readonly string[], printed: MrzReading): MrzComparison {
  const shape = (lines: readonly string[]) => `${lines.length} × ${lines[0]?.length ?? 0}`;
  if (chipLines.length !== printed.lines.length || chipLines.some((l, i) => l.length !== printed.lines[i]!.length)) {
    return { kind: 'layout', text: `DG1 holds ${shape(chipLines)} characters, the printed MRZ ${shape(printed.lines)}` };
  }
  const fields = printed.details.filter((d) => !CHECK_DIGIT_OF.test(d.field) || d.field === 'compositeCheckDigit');
  const differences = new Map<string, MrzDifference>();
  chipLines.forEach((chipLine, line) => {
    const printedLine = printed.lines[line]!;
    for (let column = 0; column < chipLine.length; column++) {
      if (chipLine[column] === printedLine[column]) continue;
      const field = fields.find((f) => f.line === line && f.start <= column && column < f.end) ??
        printed.details.find((f) => f.line === line && f.start <= column && column < f.end);
      const key = field ? field.field : `line${line}:${column}`;
      if (differences.has(key)) continue;
      const start = field?.start ?? column;
      const end = field?.end ?? column + 1;
      differences.set(key, {
        field: field?.field ?? 'other',
        label: field?.label ?? `line ${line + 1}, position ${column + 1}`,
        line,
        start,
        end,
        chip: chipLine.slice(start, end).replace(/<+$/, ''),
        printed: printedLine.slice(start, end).replace(/<+$/, ''),
      });
    }
  });
  return { kind: 'fields', differences: [...differences.values()] };
}
