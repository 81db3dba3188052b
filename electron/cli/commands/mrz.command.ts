// `loupe mrz IMAGE [--ir IR_IMAGE]`, `loupe mrz IMAGE... | DIR` (many images, one process) or
// `loupe mrz --text "LINE1\nLINE2" [--repair]`.
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MRZ_TEXT_MAX_LENGTH, type MrzReading } from '../../contract/mrz.contract';
import { LoupeError } from '../../common/loupe-error';
import { MAX_INPUT_BYTES, openCompleteImage } from '../../imaging/load-image';
import { readMrzText } from '../../mrz';
import { readMrzFromImage } from '../../mrz/mrz-image-reader';
import { shutdownOcr } from '../../mrz/mrz-ocr-engine';
import type { Command } from '../../common/command-line/command';
import { inputFile } from '../../common/command-line/input-files';
import { printable } from '../../common/command-line/terminal-text';

/** Each image is checked whole before the OCR starts, so a bad file is refused under the name it was given. */
async function checkImage(path: string, role: string): Promise<void> {
  inputFile(path, role, MAX_INPUT_BYTES);
  await openCompleteImage(await readFile(path), path);
}

const usage = `usage: loupe mrz IMAGE [--ir IR_IMAGE] [--json]
       loupe mrz IMAGE... | DIR [--json]
       loupe mrz --text "LINE1\\nLINE2[\\nLINE3]" [--repair] [--json]

Several images, or a folder of images, are read in one process: with --json one JSON object per
line ({"file": ..., reading}), and a summary on stderr.

Reads a machine readable zone (ICAO 9303 TD1, TD2, TD3, MRV-A, MRV-B, and the national layouts
Loupe knows), verifies every check digit and field, and lists every character it corrected and
every character it cannot vouch for. Typed text (--text) is not repaired unless --repair is given.
Exit 0 whenever a reading was produced, valid or not.`;

const IMAGE_FILE = /\.(jpe?g|png|tiff?|webp|gif|bmp)$/i;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The image files named, a folder standing for the images in it (sorted by name). */
function expandInputs(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!isFolder(p)) return [p];
    const files = readdirSync(p).filter((n) => IMAGE_FILE.test(n)).sort().map((n) => join(p, n));
    if (files.length === 0) throw new LoupeError('common', 'InvalidInput', `no images in the folder ${p}`);
    return files;
  });
}

/** Reads many images in one process, printing each reading as it comes; a bad file is reported and skipped. */
async function readBatch(files: string[], json: boolean): Promise<void> {
  const started = performance.now();
  let valid = 0;
  let invalid = 0;
  let notFound = 0;
  let failed = 0;
  let firstFailed = '';
  try {
    for (const file of files) {
      try {
        await checkImage(file, 'image');
        const reading = await readMrzFromImage(file);
        if (reading.findings.some((f) => f.code === 'mrz-not-found')) notFound++;
        else if (reading.valid) valid++;
        else invalid++;
        process.stdout.write(json ? `${JSON.stringify({ file, ...reading })}\n` : `== ${printable(file)}\n${renderReading(reading)}\n\n`);
      } catch (err) {
        if (!(err instanceof LoupeError) || err.category === 'internal') throw err;
        failed++;
        firstFailed ||= basename(file);
        const message = err.message.split('\n')[0];
        process.stdout.write(json ? `${JSON.stringify({ file, error: message })}\n` : `== ${printable(file)}\n  cannot read: ${printable(message ?? '')}\n\n`);
      }
    }
  } finally {
    await shutdownOcr();
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`${files.length} images in ${seconds.toFixed(1)} s: ${valid} valid, ${invalid} invalid, ${notFound} without an MRZ, ${failed} unreadable\n`);
  if (failed > 0) throw new LoupeError('common', 'InvalidInput', `${failed} of ${files.length} files could not be read as images (first: ${firstFailed})`);
}

export const mrzCommand: Command<MrzReading | undefined> = {
  name: 'mrz',
  summary: 'read and verify an MRZ from an image or typed text',
  usage,
  options: {
    text: { type: 'string', short: 't' },
    ir: { type: 'string' },
    repair: { type: 'boolean' },
  },
  async run(args, io) {
    const text = args.values.text;
    if (typeof text === 'string') {
      if (args.positionals.length > 0) throw new LoupeError('common', 'InvalidInput', 'give either an image or --text, not both');
      // A literal backslash-n (as typed in a shell) separates lines, as do real line breaks.
      const lines = text.split(/\\n|\r\n|\r|\n/);
      if (lines.every((l) => l.trim() === '')) throw new LoupeError('common', 'InvalidInput', '--text is empty');
      // The workstation's limit (the 'mrz:readText' request), measured on the text it would receive.
      const length = lines.join('\n').length;
      if (length > MRZ_TEXT_MAX_LENGTH) throw new LoupeError('common', 'InvalidInput', `--text is too long: ${length} characters, at most ${MRZ_TEXT_MAX_LENGTH}`);
      return readMrzText(lines, { source: 'text', repair: args.values.repair === true });
    }
    const [path, ...extra] = args.positionals;
    if (!path) throw new LoupeError('common', 'InvalidInput', 'no input: give an IMAGE path or --text "..." (loupe mrz --help)');
    const irPath = typeof args.values.ir === 'string' ? args.values.ir : undefined;
    if (extra.length > 0 || isFolder(path)) {
      if (irPath) throw new LoupeError('common', 'InvalidInput', '--ir takes one image: read several images without it');
      await readBatch(expandInputs(args.positionals), args.values.json === true);
      return undefined;
    }
    await checkImage(path, 'image');
    if (irPath !== undefined) await checkImage(irPath, 'infrared image');
    io.progress('reading MRZ…');
    try {
      return await readMrzFromImage(path, irPath ? { irPath } : {});
    } finally {
      // The OCR worker thread would keep the process alive.
      await shutdownOcr();
    }
  },
  human: (r) => (r ? renderReading(r) : ''),
};

export function renderReading(r: MrzReading): string {
  const out: string[] = [];
  out.push(`format    ${r.format ?? 'unknown'}   ${r.valid ? '✓ valid' : '✗ invalid'}${r.repaired ? '   (corrected, see below)' : ''}`);
  out.push(`source    ${r.source}, confidence ${r.confidence.toFixed(2)}`);
  out.push('');
  r.lines.forEach((line, i) => {
    // A control character is shown as an escape (\x1b): its mark spans the escape's width.
    const shown = [...line].map((ch) => printable(ch));
    out.push(`  ${shown.join('')}`);
    const marks = shown.map(() => ' ');
    for (const f of r.findings) {
      if (f.severity !== 'fail' || f.line !== i || f.start === undefined) continue;
      for (let c = f.start; c < (f.end ?? f.start + 1) && c < marks.length; c++) marks[c] = '^';
    }
    for (const c of r.corrections) if (c.line === i && c.column < marks.length && marks[c.column] === ' ') marks[c.column] = '~';
    for (const u of r.uncertain ?? []) if (u.line === i && u.column < marks.length && marks[u.column] === ' ') marks[u.column] = '?';
    const caret = marks.map((m, c) => m.padEnd(shown[c]!.length, m)).join('').trimEnd();
    if (caret) out.push(`  ${caret}`);
  });
  if (r.details.length > 0) {
    out.push('', 'fields');
    const width = Math.max(...r.details.map((d) => d.label.length));
    for (const d of r.details) {
      out.push(`  ${d.valid ? '✓' : '✗'} ${d.label.padEnd(width)}  ${d.value ?? ''}  [line ${d.line + 1}, ${d.end - d.start <= 1 ? d.end : `${d.start + 1}–${d.end}`}]`);
    }
  }
  if (r.findings.length > 0) {
    out.push('', 'findings');
    for (const f of r.findings) out.push(`  ${f.severity.padEnd(4)} ${f.code}: ${f.message}`);
  }
  if ((r.uncertain ?? []).length > 0) {
    out.push('', 'uncertain (?)');
    for (const u of r.uncertain) {
      const read = printable(r.lines[u.line]?.[u.column] ?? '');
      out.push(`  line ${u.line + 1}, position ${u.column + 1}: '${read}'${u.alternatives.length ? `, or ${u.alternatives.map((a) => `'${printable(a)}'`).join(', ')}` : ', nothing legible'}`);
    }
  }
  if (r.corrections.length > 0) {
    out.push('', 'corrections');
    for (const c of r.corrections) {
      out.push(`  line ${c.line + 1}, position ${c.column + 1}: '${c.read}' → '${c.corrected}' (${c.reason})`);
    }
  }
  return out.join('\n');
}
