// MRZ text from outside: typed by an officer (the 'mrz:readText' channel, `loupe mrz --text`), sent
// by a serial reader (source 'serial'), or read by OCR with per-character candidates (source 'ocr').
// readMrzText must answer with a reading its contract accepts (MrzReadingSchema), whatever the text:
// a bad line is a finding in the reading, never an exception. (Confidences are tesseract's, 0..1 or
// 0..100: the engine's own output, not outside bytes.)
import fc from 'fast-check';
import { MRZ_FORMATS, MRZ_TEXT_MAX_LENGTH, MrzReadingSchema, type MrzFormat, type MrzReading } from '../../../electron/contract/mrz.contract';
import { readMrzText } from '../../../electron/mrz';
import type { CharCandidates, ReadMrzTextOptions } from '../../../electron/mrz/mrz-types';
import { generateHolder } from '../../../electron/specimens/holder-data';
import { encodeMrz } from '../../../electron/specimens/mrz-encoder';
import { createRng } from '../../../electron/specimens/prng';
import { anyTarget, loupeErrorOf, mutatedText, utf8, type FuzzTarget } from '../fuzz-kit';

const DOCUMENT_CODES: Record<MrzFormat, string[]> = { TD1: ['I', 'ID', 'AC'], TD2: ['I', 'IR'], TD3: ['P', 'PD'], MRVA: ['V'], MRVB: ['V'] };

/** ICAO 9303 worked examples and national layouts, and specimens of every layout from the generator. */
function validMrzTexts(): string[] {
  const worked = [
    ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
    ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'],
    ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
    ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'],
    ['IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<', '8806923102858CORINNE<<<<<<<6512068F6'],
  ].map((l) => l.join('\n'));
  const generated = MRZ_FORMATS.flatMap((format) =>
    [1, 2, 3].map((seed) => encodeMrz(format, generateHolder(createRng(seed * 7919), format, DOCUMENT_CODES[format])).lines.join('\n')),
  );
  return [...worked, ...generated];
}

/** What OCR and look-alike repair make of MRZ text: its alphabet, confusables, and anything else. */
const MRZ_ALPHABET = fc.oneof(
  fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'),
  fc.constantFrom('«', '‹', '〈', '＜', '(', ' ', '\t', '\n', 'o', 'l', 'ß', 'ﬁ', 'İ', '\u0000', '\ud800', 'Ä'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
);

export interface MrzTextInput {
  lines: string[];
  options: ReadMrzTextOptions;
}

function candidatesFor(lines: readonly string[]): fc.Arbitrary<CharCandidates[][]> {
  const candidate = (char: string): fc.Arbitrary<CharCandidates> =>
    fc.record(
      {
        char: fc.oneof(fc.constant(char), MRZ_ALPHABET),
        conf: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(0, 1, 100)),
        alternatives: fc.array(fc.record({ char: MRZ_ALPHABET, conf: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 3 }),
      },
      { requiredKeys: ['char', 'conf'] },
    );
  return fc.tuple(...lines.map((l) => fc.tuple(...[...l].map(candidate)))) as fc.Arbitrary<CharCandidates[][]>;
}

const text = (): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }), weight: 1 },
    { arbitrary: fc.string({ unit: MRZ_ALPHABET, maxLength: MRZ_TEXT_MAX_LENGTH }), weight: 1 },
    { arbitrary: mutatedText(validMrzTexts(), MRZ_ALPHABET), weight: 6 },
  ).map((t) => t.slice(0, MRZ_TEXT_MAX_LENGTH));

function checkReading(result: unknown): void {
  MrzReadingSchema.parse(result);
  const reading = result as MrzReading;
  if (reading.valid && reading.format === null) throw new Error('a reading without a layout is valid');
}

/** Typed text (the channel and the command line split it on line breaks), with and without repair. */
export const mrzTypedText: FuzzTarget<MrzTextInput> = {
  name: 'mrz-text',
  area: 'mrz',
  input: () =>
    fc.record({ text: text(), repair: fc.option(fc.boolean(), { nil: undefined }) }).map(({ text: t, repair }) => ({
      lines: t.split(/\r\n|\r|\n/),
      options: { source: 'text' as const, now: new Date('2026-01-01T00:00:00Z'), ...(repair === undefined ? {} : { repair }) },
    })),
  run: ({ lines, options }) => readMrzText(lines, options),
  isOwnError: loupeErrorOf('mrz', ['InvalidInput']),
  check: checkReading,
  bytes: (input) => utf8(JSON.stringify(input)),
};

/** OCR'd text with per-character candidates (mrz-image-reader.ts hands these over), and serial text. */
export const mrzOcrText: FuzzTarget<MrzTextInput> = {
  name: 'mrz-ocr',
  area: 'mrz',
  input: () =>
    text()
      .map((t) => t.split('\n').slice(0, 4).map((l) => l.slice(0, 50)))
      .chain((lines) =>
        fc.record({
          candidates: fc.option(candidatesFor(lines), { nil: undefined }),
          source: fc.constantFrom('ocr' as const, 'serial' as const),
          confidence: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
        }).map(({ candidates, source, confidence }) => ({
          lines,
          options: { source, now: new Date('2026-01-01T00:00:00Z'), ...(candidates ? { candidates } : {}), ...(confidence === undefined ? {} : { confidence }) },
        })),
      ),
  run: ({ lines, options }) => readMrzText(lines, options),
  isOwnError: loupeErrorOf('mrz', ['InvalidInput']),
  check: checkReading,
  bytes: (input) => utf8(JSON.stringify(input)),
};

export const MRZ_TARGETS = [mrzTypedText, mrzOcrText].map(anyTarget);
export { validMrzTexts };
