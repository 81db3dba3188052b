// `loupe mrz IMAGE [--ir IR_IMAGE]`, `loupe mrz IMAGE... | DIR` (many images, one process) or
// `loupe mrz --text "LINE1\nLINE2" [--repair]`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MrzReading } from '../../contract/mrz.contract';
import { LoupeError } from '../../common/loupe-error';
import { readMrzText } from '../../mrz';
import { readMrzFromImage } from '../../mrz/mrz-image-reader';
import { shutdownOcr } from '../../mrz/mrz-ocr-engine';
import type { Command } from '../command';

const usage = `usage: loupe mrz IMAGE [--ir IR_IMAGE] [--json]
       loupe mrz IMAGE... | DIR [--json]
       loupe mrz --text "LINE1\\nLINE2[\\nLINE3]" [--repair] [--json]

Several images, or a folder of images, are read in one process: with --json one JSON object per
line ({"file": ..., reading}), and a summary on stderr.

Reads a machine readable zone (ICAO 9303 TD1, TD2, TD3, MRV-A, MRV-B), verifies every check
digit and field, and lists every character it corrected. Typed text (--text) is not repaired
unless --repair is given. Exit 0 whenever a reading was produced, valid or not.`;

const IMAGE_FILE = /\.(jpe?g|png|tiff?|webp|gif|bmp)$/i;

/** The image files named, a folder standing for the images in it (sorted by name). */
function expandInputs(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!existsSync(p)) throw new LoupeError('InvalidInput', `no such file or folder: ${p}`);
    if (!statSync(p).isDirectory()) return [p];
    const files = readdirSync(p).filter((n) => IMAGE_FILE.test(n)).sort().map((n) => join(p, n));
    if (files.length === 0) throw new LoupeError('InvalidInput', `no images in the folder ${p}`);
    return files;
  });
}

/** Reads many images in one process (one OCR worker), printing each reading as it comes. */
async function readBatch(files: string[], json: boolean): Promise<void> {
  const started = performance.now();
  let valid = 0, invalid = 0, notFound = 0, failed = 0;
  let firstFailed = '';
  try {
    for (const file of files) {
      try {
        const reading = await readMrzFromImage(file);
        if (reading.findings.some((f) => f.code === 'mrz-not-found')) notFound++;
        else if (reading.valid) valid++;
        else invalid++;
        process.stdout.write(json ? `${JSON.stringify({ file, ...reading })}\n` : `== ${file}\n${renderReading(reading)}\n\n`);
      } catch (err) {
        if (!(err instanceof LoupeError)) throw err;
        failed++;
        firstFailed ||= basename(file);
        const message = err.message.split('\n')[0];
        process.stdout.write(json ? `${JSON.stringify({ file, error: message })}\n` : `== ${file}\n  cannot read: ${message}\n\n`);
      }
    }
  } finally {
    await shutdownOcr();
  }
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`${files.length} images in ${seconds.toFixed(1)} s: ${valid} valid, ${invalid} invalid, ${notFound} without an MRZ, ${failed} unreadable\n`);
  if (failed > 0) throw new LoupeError('InvalidInput', `${failed} of ${files.length} files could not be read as images (first: ${firstFailed})`);
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
      if (args.positionals.length > 0) throw new LoupeError('InvalidInput', 'give either an image or --text, not both');
      // A literal backslash-n (as typed in a shell) separates lines, as do real line breaks.
      const lines = text.split(/\\n|\r\n|\r|\n/);
      if (lines.every((l) => l.trim() === '')) throw new LoupeError('InvalidInput', '--text is empty');
      return readMrzText(lines, { source: 'text', repair: args.values.repair === true });
    }
    const [path, ...extra] = args.positionals;
    if (!path) throw new LoupeError('InvalidInput', 'no input: give an IMAGE path or --text "..." (loupe mrz --help)');
    const irPath = typeof args.values.ir === 'string' ? args.values.ir : undefined;
    if (extra.length > 0 || (existsSync(path) && statSync(path).isDirectory())) {
      if (irPath) throw new LoupeError('InvalidInput', '--ir takes one image: read several images without it');
      await readBatch(expandInputs(args.positionals), args.values.json === true);
      return undefined;
    }
    if (!existsSync(path)) throw new LoupeError('InvalidInput', `no such file: ${path}`);
    if (irPath && !existsSync(irPath)) throw new LoupeError('InvalidInput', `no such file: ${irPath}`);
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
    out.push(`  ${line}`);
    const marks = [...line].map(() => ' ');
    for (const f of r.findings) {
      if (f.severity !== 'fail' || f.line !== i || f.start === undefined) continue;
      for (let c = f.start; c < (f.end ?? f.start + 1) && c < marks.length; c++) marks[c] = '^';
    }
    for (const c of r.corrections) if (c.line === i && c.column < marks.length && marks[c.column] === ' ') marks[c.column] = '~';
    for (const u of r.uncertain ?? []) if (u.line === i && u.column < marks.length && marks[u.column] === ' ') marks[u.column] = '?';
    const caret = marks.join('').trimEnd();
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
      const read = r.lines[u.line]?.[u.column] ?? '';
      out.push(`  line ${u.line + 1}, position ${u.column + 1}: '${read}'${u.alternatives.length ? `, or ${u.alternatives.map((a) => `'${a}'`).join(', ')}` : ', nothing legible'}`);
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
