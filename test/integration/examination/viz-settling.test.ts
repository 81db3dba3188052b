// Settling uncertain MRZ characters with the printed zone of an identified document: a bundled
// specimen (real images, the built-in reference library, real identification, real VIZ OCR). The
// engine reads the specimen's MRZ cleanly, so the doubts are put on the reading here: on characters
// the reader got right (the printed page settles them) and on one it got wrong (the page prints the
// alternative: it stays uncertain for the officer).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Light } from '../../../electron/contract/capture.contract';
import type { MrzReading } from '../../../electron/contract/mrz.contract';
import { SecurityCheckRunner } from '../../../electron/examination/security-checks';
import { nameInMrzForm, printedInMrzCells, settleWithPrinted } from '../../../electron/examination/viz-settling';
import { readMrzText } from '../../../electron/mrz';
import { readMrzFromImage } from '../../../electron/mrz/mrz-image-reader';
import { openReferenceLibrary } from '../../../electron/reference';

const SPECIMEN = 'spc-9303-0000';
const dir = resolve('assets/specimens');
const paths: Partial<Record<Light, string>> = { white: join(dir, `${SPECIMEN}_white.png`), ir: join(dir, `${SPECIMEN}_ir.png`), uv: join(dir, `${SPECIMEN}_uv.png`) };
const truth = JSON.parse(readFileSync(join(dir, `${SPECIMEN}.truth.json`), 'utf8')) as { mrz: { lines: string[] }; printed: Record<string, string> };

describe('settling uncertain MRZ characters with the printed page', () => {
  let runner: SecurityCheckRunner;
  let reading: MrzReading;

  beforeAll(async () => {
    runner = new SecurityCheckRunner(openReferenceLibrary({ builtinDir: resolve('assets/reference'), userDir: mkdtempSync(join(tmpdir(), 'loupe-user-ref-')) }));
    reading = await readMrzFromImage(paths.white!, { irPath: paths.ir!, now: new Date('2026-01-01T00:00:00Z') });
  }, 60_000);
  afterAll(() => runner.close());

  it('the specimen is read exactly, without doubt (the doubts below are put on it)', () => {
    expect(reading.lines).toEqual(truth.mrz.lines);
    expect(reading.uncertain).toEqual([]);
    expect(truth.printed.surname).toBe('OKAFOR');
    expect(truth.printed.nationality).toBe('FILIPINO');
  });

  it('an identified page settles the doubts on surname, given names and nationality that it prints alike, and says so', async () => {
    // P<PHLOKAFOR<<KONSTANTINOS<TOMAS… / …PHL5603059M…: the K of OKAFOR, the T of TOMAS, the H of PHL, the sex M.
    const doubts = [
      { line: 0, column: 6, alternatives: ['X'] },
      { line: 0, column: 26, alternatives: ['I'] },
      { line: 1, column: 11, alternatives: ['M'] },
      { line: 1, column: 20, alternatives: ['F'] },
    ];
    const result = await runner.run(paths, { ...reading, uncertain: doubts });
    expect(result.identification?.classId).toBeTruthy();
    // The sex zone's lone M is read as 'i' by the page-wide OCR: no evidence, the doubt stays for the officer.
    expect(result.mrz?.uncertain).toEqual([{ line: 1, column: 20, alternatives: ['F'] }]);
    expect(result.mrz?.settled).toEqual([
      { line: 0, column: 6, char: 'K', alternatives: ['X'], by: 'viz', field: 'surname', viz: 'OKAFOR' },
      { line: 0, column: 26, char: 'T', alternatives: ['I'], by: 'viz', field: 'givenNames', viz: 'KONSTANTINOS<TOMAS' },
      { line: 1, column: 11, char: 'H', alternatives: ['M'], by: 'viz', field: 'nationality', viz: 'PHL' },
    ]);
    // The rest of the reading is the reader's.
    expect(result.mrz?.lines).toEqual(reading.lines);
  }, 120_000);

  it('a character the reader got wrong stays uncertain: the printed page shows its alternative', async () => {
    const lines = [reading.lines[0]!.replace('OKAFOR', 'OXAFOR'), reading.lines[1]!];
    const misread = { ...readMrzText(lines, { source: 'text', now: new Date('2026-01-01T00:00:00Z') }), source: 'ocr' as const, geometry: reading.geometry!, uncertain: [{ line: 0, column: 6, alternatives: ['K'] }] };
    const result = await runner.run(paths, misread);
    expect(result.mrz?.uncertain).toEqual([{ line: 0, column: 6, alternatives: ['K'] }]);
    expect(result.mrz?.settled).toBeUndefined();
  }, 120_000);

  it('printed fields that differ elsewhere, or do not fill the cells, settle nothing', () => {
    // The pure step: printed fields that do not agree elsewhere, or do not fill the cells, settle nothing.
    const doubt = { ...reading, uncertain: [{ line: 0, column: 6, alternatives: ['X'] }] };
    expect(settleWithPrinted(doubt, [{ field: 'surname', text: 'OKAFOB' }]).uncertain).toHaveLength(1);
    expect(settleWithPrinted(doubt, [{ field: 'surname', text: 'Surname OKAFOR' }]).uncertain).toHaveLength(1);
    expect(settleWithPrinted(doubt, [{ field: 'surname', text: 'okafor' }]).settled?.[0]?.char).toBe('K');
    const sexDoubt = { ...reading, uncertain: [{ line: 1, column: 20, alternatives: ['F'] }] };
    expect(settleWithPrinted(sexDoubt, [{ field: 'sex', text: 'M' }]).settled).toEqual([{ line: 1, column: 20, char: 'M', alternatives: ['F'], by: 'viz', field: 'sex', viz: 'M' }]);
    expect(settleWithPrinted(sexDoubt, [{ field: 'sex', text: 'F' }]).uncertain).toHaveLength(1);
  });

  it('writes printed fields as the MRZ writes them (Part 3 §4.5, §4.6)', () => {
    expect(nameInMrzForm("D'ARCY-SMITH  Müller")).toBe('DARCY<SMITH<MULLER');
    expect(printedInMrzCells('givenNames', 'ANNA MARIA', 'ANNA<MARIA', false)).toBe('ANNA<MARIA');
    expect(printedInMrzCells('surname', 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF', 'WOLFESCHLEGELSTEINHAUS', true)).toBe('WOLFESCHLEGELSTEINHAUS');
    expect(printedInMrzCells('surname', 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF', 'WOLFESCHLEGELSTEINHAUS', false)).toBeNull();
    expect(printedInMrzCells('nationality', 'Filipino', 'PHL', false)).toBe('PHL');
    expect(printedInMrzCells('nationality', 'D', 'D<<', false)).toBe('D<<');
    expect(printedInMrzCells('sex', 'X', '<', false)).toBe('<');
    expect(printedInMrzCells('sex', 'MF', 'M', false)).toBeNull();
  });
});
