// Prints the distributions behind the generic checks' thresholds: genuine specimens at each
// degradation level, and the synthetic defects made from them. Run:
//   npx tsx test/integration/checks-generic/calibrate.ts [count per level, default 30] [seed, default 4242]
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { runMrzB900 } from '../../../electron/checks/generic/mrz-b900.check';
import { runUvDullness } from '../../../electron/checks/generic/uv-dullness.check';
import { measureMrzGeometry } from '../../../electron/checks/generic/mrz-geometry.check';
import { brightenUvSubstrate, captureSpecimen, whitenMrzInIr } from './specimen-capture';

const count = Number(process.argv[2] ?? 30);
const seed = Number(process.argv[3] ?? 4242);

const num = (s: string): number => Number(/(-?\d+(?:\.\d+)?)/.exec(s)?.[1] ?? NaN);
function stats(xs: number[]): string {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return 'n=0';
  const q = (p: number): number => v[Math.round(p * (v.length - 1))]!;
  return `n=${v.length} min ${q(0).toFixed(3)} p5 ${q(0.05).toFixed(3)} median ${q(0.5).toFixed(3)} p95 ${q(0.95).toFixed(3)} max ${q(1).toFixed(3)}`;
}

const rows: Record<string, number[]> = {};
const add = (k: string, v: number): void => void (rows[k] ??= []).push(v);

for (const level of ['none', 'light', 'heavy'] as const) {
  for (let i = 0; i < count; i++) {
    const { input } = await captureSpecimen(seed, i, level);
    if (!input.mrz?.geometry) {
      add(`${level} no-geometry`, 1);
      continue;
    }
    add(`b900 genuine ${level}`, num(runMrzB900(input).measured.replace(/^IR\/white ink contrast /, '')));
    add(`b900 nonB900 ${level}`, num(runMrzB900(whitenMrzInIr(input)).measured.replace(/^IR\/white ink contrast /, '')));
    add(`uv genuine ${level}`, num(runUvDullness(input).measured.replace(/^median UV luminance /, '')));
    add(`uv paper ${level}`, num(runUvDullness(brightenUvSubstrate(input)).measured.replace(/^median UV luminance /, '')));
    add(`uv paper-half ${level}`, num(runUvDullness(brightenUvSubstrate(input, 0.5)).measured.replace(/^median UV luminance /, '')));
    const g = measureMrzGeometry(input);
    if (g) {
      add(`geom pitchMm ${level}`, g.pitchMm ?? NaN);
      add(`geom pitchMmByPage ${level}`, g.pitchMmByPage ?? NaN);
      add(`geom lineSpacingPitches ${level}`, g.lineSpacingPitches ?? NaN);
      add(`geom spanError ${level}`, g.spanErrorPitches);
      add(`geom angleSpreadDeg ${level}`, g.angleSpreadDeg);
      add(`geom startSpreadPitches ${level}`, g.startSpreadPitches);
      add(`geom fontScore ${level}`, g.fontScore);
      add(`geom leftMm ${level}`, g.leftMarginMm ?? NaN);
      add(`geom bottomMm ${level}`, g.bottomMarginMm ?? NaN);
    }
  }
}
for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(34)} ${stats(v)}`);
await shutdownOcr();
