// Regenerates the built-in reference library in assets/reference/: one document class per synthetic
// specimen design, from a genuine undegraded specimen at 300 dpi (fixed seed, so the output is
// reproducible on the same fonts and sharp version): npx tsx scripts/make-reference-library.ts
//
// The UV reference image must show the substrate and the fixed features only. Fluorescent fibres
// land at random places on every document, so outside the personal zones the UV image is the
// per-pixel minimum of several genuine renders of the design: fibres are additive bright marks that
// rarely coincide, while substrate and emblems are identical in every render.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Box } from '../electron/contract/capture.contract';
import { DocumentClassSchema } from '../electron/contract/reference.contract';
import { renderSpecimen, SPECIMEN_DESIGNS } from '../electron/specimens';
import { classFromDesign } from '../electron/specimens/class-from-design';

const SEED = 2024;
/** Extra renders whose minimum removes the fibres (measured: 4 leave no fibre pixel outside personal zones). */
const FIBRE_RENDERS = 4;
/** Palette size of the stored PNGs: keeps the library small; 128 colours keep the guilloche lines. */
const PALETTE_COLOURS = 128;

interface Raw {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

async function decode(png: Buffer): Promise<Raw> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function inside(boxes: Box[], x: number, y: number): boolean {
  return boxes.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
}

const brightness = (d: Buffer, i: number): number => d[i]! + d[i + 1]! + d[i + 2]!;
/** R+G+B above which a pixel glows: the UV substrate (#1c1733) sums to 102, a fibre's faint halo to ≈ 220. */
const GLOW_SUM = 150;

/**
 * Outside personal zones: the darkest of the renders (fibres removed, fixed features kept). Inside
 * personal zones the text differs per render, so only glowing pixels are replaced, by the median of
 * the renders. Personal fluorescent zones (the UV document number) are kept as rendered.
 */
function removeFibres(base: Raw, others: Raw[], personal: Box[], keep: Box[]): Raw {
  const out = Buffer.from(base.data);
  const { width, height, channels } = base;
  const all = [base.data, ...others.map((o) => o.data)];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (inside(keep, x, y)) continue;
      const i = (y * width + x) * channels;
      // Whole pixels are chosen by brightness, so colours are never mixed channel by channel.
      const ranked = [...all].sort((a, b) => brightness(a, i) - brightness(b, i));
      let source: Buffer;
      if (!inside(personal, x, y)) source = ranked[0]!;
      else if (brightness(base.data, i) > GLOW_SUM) source = ranked[ranked.length >> 1]!;
      else continue;
      for (let c = 0; c < channels; c++) out[i + c] = source[i + c]!;
    }
  }
  return { ...base, data: out };
}

async function encodePng(raw: Raw, dpi: number, grey: boolean): Promise<Buffer> {
  let pipeline = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels as 1 | 3 } }).withDensity(dpi);
  if (grey) pipeline = pipeline.toColourspace('b-w');
  return pipeline.png({ palette: true, colours: grey ? 64 : PALETTE_COLOURS, dither: 0, compressionLevel: 9, effort: 10 }).toBuffer();
}

const outDir = fileURLToPath(new URL('../assets/reference/', import.meta.url));
mkdirSync(outDir, { recursive: true });
for (const entry of readdirSync(outDir)) if (SPECIMEN_DESIGNS.some((d) => d.id === entry)) rmSync(join(outDir, entry), { recursive: true, force: true });

let total = 0;
for (const design of SPECIMEN_DESIGNS) {
  const genuine = await renderSpecimen(SEED, 0, { design: design.id, degrade: 'none', dpi: 300 });
  const cls = DocumentClassSchema.parse(classFromDesign(design, genuine.truth));
  const dir = join(outDir, design.id);
  mkdirSync(dir, { recursive: true });

  const white = await decode(genuine.images.white.data);
  const ir = await decode(genuine.images.ir.data);
  let uv = await decode(genuine.images.uv.data);
  if (design.uv.fibreCount > 0) {
    const others: Raw[] = [];
    for (let i = 1; i <= FIBRE_RENDERS; i++) others.push(await decode((await renderSpecimen(SEED, i, { design: design.id, degrade: 'none', dpi: 300 })).images.uv.data));
    const fluorescentPersonal = (z: (typeof cls.zones)[number]): boolean => z.personal && z.expect.uv?.fluoresces === true;
    const personal = cls.zones.filter((z) => z.personal && !fluorescentPersonal(z)).map((z) => z.box);
    const keep = cls.zones.filter(fluorescentPersonal).map((z) => z.box);
    uv = removeFibres(uv, others, personal, keep);
  }
  const files: [string, Buffer][] = [
    ['white.png', await encodePng(white, cls.dpi, false)],
    ['ir.png', await encodePng(ir, cls.dpi, true)],
    ['uv.png', await encodePng(uv, cls.dpi, false)],
    ['class.json', Buffer.from(`${JSON.stringify(cls, null, 2)}\n`)],
  ];
  for (const [name, data] of files) writeFileSync(join(dir, name), data);
  const bytes = files.reduce((n, [file]) => n + statSync(join(dir, file)).size, 0);
  total += bytes;
  process.stderr.write(`${design.id}: ${cls.zones.length} zones, ${Math.round(bytes / 1024)} KiB\n`);
}
process.stderr.write(`assets/reference: ${(total / 1024 / 1024).toFixed(2)} MiB\n`);
