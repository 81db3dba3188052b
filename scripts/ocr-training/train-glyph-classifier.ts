// Trains the MRZ glyph classifier (electron/mrz/mrz-glyph-classifier.ts) from synthetic lines:
// many monospaced and OCR-B-like faces (Debian font packages, see scripts/install-system-packages.sh),
// each scaled to OCR-B's glyph box as the reader normalises a crop, printed at a jittered pitch with
// random weight, ink and paper tones, background lines, blur, noise and JPEG. Cells are cut exactly as
// the reader cuts them (mrz-cell-window.ts), neighbours included. A few faces are held out of training
// and reported separately: the honest figure for a font the classifier has never seen.
//
//   npx tsx scripts/ocr-training/train-glyph-classifier.ts [--lines 160] [--epochs 12] [--seed 9303] [--out PATH]
//        [--real DIR --real-designs BEL,CAN,...]
//
// With --real, cells of real pages are added: a set laid out as DIR/<design>/<NN>.jpg + <NN>.txt (the
// development set), read by the engine itself (readMrzCells) and labelled with the true lines, only
// pages whose reading agrees with the truth on ≥ 90 % of the characters (the grid is then right).
// Only the designs named are used, so the others stay held out for an honest figure.
//
// Deterministic for a given seed, font set and real set. Writes assets/ocr/mrz-glyph-classifier.json.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { ensureSpecimenFonts } from '../../electron/imaging/font-setup';
import { cellWindow, classifierInput, INPUT_H, INPUT_W } from '../../electron/mrz/mrz-cell-window';
import { CLASSIFIER_PATH, classify, serialiseClassifier, type GlyphClassifier } from '../../electron/mrz/mrz-glyph-classifier';
import { fitFamily, glyphTemplates, referenceGlyphBox } from '../../electron/mrz/mrz-glyph-templates';
import { readMrzCells } from '../../electron/mrz/mrz-image-reader';
import { MRZ_ALPHABET } from '../../electron/mrz/mrz-ocr-engine';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '160' },
    epochs: { type: 'string', default: '12' },
    hidden: { type: 'string', default: '128' },
    seed: { type: 'string', default: '9303' },
    out: { type: 'string', default: CLASSIFIER_PATH },
    real: { type: 'string' },
    'real-designs': { type: 'string' },
  },
});

/** Faces trained on (family, weight). OCR-B and the monospaced families real MRZs resemble. */
const TRAIN_FACES: [string, number][] = [
  ['OCR B', 400], ['JetBrains Mono', 400], ['JetBrains Mono', 300], ['JetBrains Mono', 700], ['B612 Mono', 400], ['Noto Mono', 400],
  ['Inconsolata', 400], ['DejaVu Sans Mono', 400], ['DejaVu Sans Mono', 700], ['Liberation Mono', 400], ['Anonymous Pro', 400],
  ['Fira Code', 400], ['Fira Code', 300], ['League Mono', 400], ['Monoid', 400], ['DejaVu Sans', 400], ['Clear Sans', 400], ['Roboto', 400],
  ['Noto Sans Mono', 400], ['Carlito', 400],
];
/** Faces never trained on: the held-out check. */
const HELD_OUT_FACES: [string, number][] = [['Hack', 400], ['mononoki', 400], ['Roboto Condensed', 400]];

// --- deterministic randomness -------------------------------------------------------------------
let state = Number(values.seed) >>> 0 || 1;
function rand(): number {
  // xorshift32
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 4294967296;
}
const uniform = (a: number, b: number): number => a + (b - a) * rand();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
function gauss(): number {
  const u = Math.max(1e-9, rand());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

// --- synthetic lines ----------------------------------------------------------------------------
const PITCH = 30;
const CAP = 2.42 * (PITCH / 2.54);
const HEIGHT = 64;

function randomLine(n: number): string {
  let s = '';
  while (s.length < n) {
    const r = rand();
    if (r < 0.25) s += '<'.repeat(1 + Math.floor(rand() * 6));
    else if (r < 0.6) s += pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']);
    else s += pick([...'0123456789']);
  }
  return s.slice(0, n);
}

interface Sample {
  x: Float32Array;
  y: number;
}

async function renderLine(family: string, weight: number, fontSize: number, scaleX: number, text: string): Promise<{ img: { data: Uint8Array; width: number; height: number }; centres: number[]; v: number }> {
  const pitch = PITCH * uniform(0.95, 1.06);
  const width = Math.ceil((text.length + 2) * pitch);
  const size = fontSize * uniform(0.94, 1.06);
  const sx = scaleX * uniform(0.9, 1.1);
  const baseline = HEIGHT / 2 + CAP / 2 + uniform(-1, 1);
  const ink = Math.round(uniform(0, 110));
  const paper = Math.round(uniform(165, 255));
  const bold = rand() < 0.3 ? uniform(0.2, 0.9) : 0;
  const centres = [...text].map((_, i) => (i + 1.5) * pitch);
  const glyphs = [...text]
    .map((c, i) => `<text x="${(centres[i]! / sx).toFixed(2)}" y="${baseline.toFixed(2)}">${c === '<' ? '&lt;' : c}</text>`)
    .join('');
  // Background print: a few low-contrast wavy lines (guilloche-like).
  let background = '';
  const waves = Math.floor(uniform(0, 5));
  for (let k = 0; k < waves; k++) {
    const y0 = uniform(0, HEIGHT);
    const amp = uniform(2, 12);
    const period = uniform(15, 80);
    const tone = Math.max(0, paper - Math.round(uniform(15, 60)));
    let d = `M0 ${y0.toFixed(1)}`;
    for (let x = 4; x <= width; x += 4) d += ` L${x} ${(y0 + amp * Math.sin((x / period) * 2 * Math.PI)).toFixed(1)}`;
    background += `<path d="${d}" stroke="rgb(${tone},${tone},${tone})" stroke-width="${uniform(0.5, 2).toFixed(2)}" fill="none"/>`;
  }
  const stroke = bold ? ` stroke="rgb(${ink},${ink},${ink})" stroke-width="${bold.toFixed(2)}"` : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}"><rect width="100%" height="100%" fill="rgb(${paper},${paper},${paper})"/>${background}<g transform="scale(${sx.toFixed(4)},1)" font-family="${family}" font-weight="${weight}" font-size="${size.toFixed(2)}" text-anchor="middle" fill="rgb(${ink},${ink},${ink})"${stroke}>${glyphs}</g></svg>`;
  let pipeline = sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).greyscale();
  const sigma = rand() < 0.75 ? uniform(0.3, 1.8) : 0;
  if (sigma >= 0.3) pipeline = pipeline.blur(sigma);
  let { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const noise = uniform(0, 12);
  const noisy = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) noisy[i] = Math.max(0, Math.min(255, Math.round(data[i]! + noise * gauss())));
  if (rand() < 0.5) {
    const jpeg = await sharp(Buffer.from(noisy), { raw: { width: info.width, height: info.height, channels: 1 } }).jpeg({ quality: Math.round(uniform(30, 90)) }).toBuffer();
    ({ data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true }));
    return { img: { data: new Uint8Array(data), width: info.width, height: info.height }, centres, v: baseline - CAP / 2 };
  }
  return { img: { data: noisy, width: info.width, height: info.height }, centres, v: baseline - CAP / 2 };
}

async function samplesFor(faces: [string, number][], linesPerFace: number): Promise<Sample[]> {
  const out: Sample[] = [];
  const ref = referenceGlyphBox(await glyphTemplates());
  for (const [family, weight] of faces) {
    const { fontSize, scaleX } = await fitFamily(family, family === 'OCR B' ? null : ref.width);
    for (let l = 0; l < linesPerFace; l++) {
      const text = randomLine(24);
      const { img, centres, v } = await renderLine(family, weight, fontSize, scaleX, text);
      [...text].forEach((ch, i) => {
        const win = cellWindow(img, centres[i]! + uniform(-1.5, 1.5), v + uniform(-2, 2));
        if (win) out.push({ x: classifierInput(win), y: MRZ_ALPHABET.indexOf(ch) });
      });
    }
    process.stderr.write(`\r${family} ${weight}: ${out.length} samples        `);
  }
  process.stderr.write('\n');
  return out;
}

// --- a one-hidden-layer network, Adam, softmax cross-entropy ---------------------------------------
function train(samples: Sample[], hidden: number, epochs: number): GlyphClassifier {
  const inputs = INPUT_W * INPUT_H;
  const k = MRZ_ALPHABET.length;
  const m: GlyphClassifier = {
    alphabet: MRZ_ALPHABET, inputs, hidden,
    w1: Float32Array.from({ length: hidden * inputs }, () => gauss() * Math.sqrt(2 / inputs)),
    b1: new Float32Array(hidden),
    w2: Float32Array.from({ length: k * hidden }, () => gauss() * Math.sqrt(1 / hidden)),
    b2: new Float32Array(k),
  };
  const params = [m.w1, m.b1, m.w2, m.b2];
  const grads = params.map((p) => new Float32Array(p.length));
  const mom = params.map((p) => new Float32Array(p.length));
  const vel = params.map((p) => new Float32Array(p.length));
  const batch = 64;
  const decay = 1e-5;
  let step = 0;
  const h = new Float32Array(hidden);
  const logits = new Float32Array(k);
  const dh = new Float32Array(hidden);
  const order = samples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const lr = 2e-3 * Math.pow(0.75, epoch);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (let start = 0; start < order.length; start += batch) {
      for (const g of grads) g.fill(0);
      const end = Math.min(order.length, start + batch);
      for (let b = start; b < end; b++) {
        const { x, y } = samples[order[b]!]!;
        for (let j = 0; j < hidden; j++) {
          let s = m.b1[j]!;
          const row = j * inputs;
          for (let i = 0; i < inputs; i++) s += m.w1[row + i]! * x[i]!;
          h[j] = s > 0 ? s : 0;
        }
        let max = -Infinity;
        for (let c = 0; c < k; c++) {
          let s = m.b2[c]!;
          const row = c * hidden;
          for (let j = 0; j < hidden; j++) s += m.w2[row + j]! * h[j]!;
          logits[c] = s;
          if (s > max) max = s;
        }
        let z = 0;
        for (let c = 0; c < k; c++) z += Math.exp(logits[c]! - max);
        loss += -(logits[y]! - max - Math.log(z));
        dh.fill(0);
        for (let c = 0; c < k; c++) {
          const d = Math.exp(logits[c]! - max) / z - (c === y ? 1 : 0);
          grads[3]![c]! += d;
          const row = c * hidden;
          for (let j = 0; j < hidden; j++) {
            grads[2]![row + j]! += d * h[j]!;
            dh[j]! += d * m.w2[row + j]!;
          }
        }
        for (let j = 0; j < hidden; j++) {
          if (h[j]! <= 0) continue;
          const d = dh[j]!;
          grads[1]![j]! += d;
          const row = j * inputs;
          for (let i = 0; i < inputs; i++) grads[0]![row + i]! += d * x[i]!;
        }
      }
      step++;
      const n = end - start;
      const b1c = 1 - Math.pow(0.9, step);
      const b2c = 1 - Math.pow(0.999, step);
      params.forEach((p, pi) => {
        const g = grads[pi]!;
        const mo = mom[pi]!;
        const ve = vel[pi]!;
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]! / n + decay * p[i]!;
          mo[i] = 0.9 * mo[i]! + 0.1 * gi;
          ve[i] = 0.999 * ve[i]! + 0.001 * gi * gi;
          p[i]! -= (lr * (mo[i]! / b1c)) / (Math.sqrt(ve[i]! / b2c) + 1e-8);
        }
      });
    }
    process.stderr.write(`epoch ${epoch + 1}/${epochs}: loss ${(loss / order.length).toFixed(4)}\n`);
  }
  return m;
}

function accuracy(m: GlyphClassifier, samples: Sample[]): number {
  let ok = 0;
  for (const { x, y } of samples) {
    const p = classify(m, x);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
    if (best === y) ok++;
  }
  return ok / Math.max(1, samples.length);
}

/** Cells of real pages, labelled with their true lines; a few jittered cuts of each. */
async function realSamples(dir: string, designs: string[]): Promise<Sample[]> {
  const out: Sample[] = [];
  for (const design of designs) {
    const files = readdirSync(join(dir, design)).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
    let pages = 0;
    for (const f of files) {
      const truth = readFileSync(join(dir, design, f.replace(/\.[^.]+$/, '.txt')), 'utf8').trim().split(/\r?\n/);
      const read = await readMrzCells(join(dir, design, f));
      if (!read || read.reading.lines.length !== truth.length) continue;
      const agree = truth.reduce((s, line, i) => s + [...line].filter((c, j) => read.reading.lines[i]![j] === c).length, 0);
      if (agree < 0.9 * truth.join('').length) continue;
      pages++;
      truth.forEach((line, li) => {
        [...line].forEach((ch, col) => {
          const c = read.centres[li]?.[col];
          if (!c) return;
          for (let k = 0; k < 3; k++) {
            const win = cellWindow(read.image, c.u + uniform(-1.5, 1.5), c.v + uniform(-1.5, 1.5));
            if (win) out.push({ x: classifierInput(win), y: MRZ_ALPHABET.indexOf(ch) });
          }
        });
      });
    }
    process.stderr.write(`real ${design}: ${pages}/${files.length} pages, ${out.length} samples\n`);
  }
  return out;
}

async function main(): Promise<void> {
  ensureSpecimenFonts();
  sharp.concurrency(1);
  const lines = Number(values.lines);
  const real = values.real ? await realSamples(values.real, (values['real-designs'] ?? '').split(',').filter(Boolean)) : [];
  const trainSet = [...(await samplesFor(TRAIN_FACES, lines)), ...real];
  const heldOut = await samplesFor(HELD_OUT_FACES, Math.ceil(lines / 4));
  const model = train(trainSet, Number(values.hidden), Number(values.epochs));
  const report = { realSamples: real.length, trainAccuracy: accuracy(model, trainSet), heldOutFaceAccuracy: accuracy(model, heldOut), trainSamples: trainSet.length, heldOutSamples: heldOut.length };
  process.stderr.write(`${JSON.stringify(report)}\n`);
  writeFileSync(values.out, serialiseClassifier(model));
  process.stdout.write(`${JSON.stringify({ out: values.out, ...report })}\n`);
}

await main();
