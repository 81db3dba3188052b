// npm run bench:face — the imposter check's face comparison on pairs built at run time from the sample
// photos shipped in @vladmandic/face-api (group photos: every detected face is one individual).
// Genuine pairs: two synthetic variations of one individual's crop (crop, scale, lighting, JPEG,
// print-and-scan, blur, colour cast). Impostor pairs: crops of different individuals. Prints progress
// on stderr and one JSON line last.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { comparePortraits, DEFAULT_THRESHOLD, descriptorDistance } from '../../electron/face/face-compare';
import { analyseFace } from '../../electron/face/face-analyser';
import { sharedFaceEngine, shutdownFaceEngine } from '../../electron/face/face-engine';
import { equalErrorRate, percentile, rates } from '../../electron/face/face-metrics';
import { VARIATIONS, vary } from '../../electron/face/face-variations';
import { cropPortrait, sampleIndividuals } from '../../electron/face/sample-faces';

const { values } = parseArgs({ options: { verbose: { type: 'boolean', default: false } } });
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

const loadBefore = loadavg()[0]!;
const engine = sharedFaceEngine();
const loadMs = await engine.warm();
const individuals = await sampleIndividuals(engine);
log(`${individuals.length} individuals in ${new Set(individuals.map((i) => i.photo)).size} sample photos`);

interface Sample {
  who: string;
  variation: string;
  descriptor: number[] | null;
  usable: boolean;
  problem?: string;
}
const samples: Sample[] = [];
const portraitMs: number[] = [];
const rejected: Record<string, number> = {};
for (const person of individuals) {
  const crop = await cropPortrait(person);
  for (const variation of VARIATIONS) {
    const image = await vary(crop, variation);
    const t = performance.now();
    const a = await analyseFace(engine, 'live', image);
    portraitMs.push(performance.now() - t);
    const problem = a.quality.usable ? undefined : a.quality.problems[0]!.replace(/\(.*\)/, '').replace(/about \d+°/, '').trim();
    if (problem) rejected[problem] = (rejected[problem] ?? 0) + 1;
    samples.push({ who: person.id, variation, descriptor: a.descriptor, usable: a.quality.usable, ...(problem ? { problem } : {}) });
  }
  log(`${person.id}: ${samples.filter((s) => s.who === person.id && s.usable).length}/${VARIATIONS.length} usable`);
}

const usable = samples.filter((s) => s.usable && s.descriptor);
const genuine: number[] = [];
const impostor: number[] = [];
for (let i = 0; i < usable.length; i++) {
  for (let j = i + 1; j < usable.length; j++) {
    const d = descriptorDistance(usable[i]!.descriptor!, usable[j]!.descriptor!);
    (usable[i]!.who === usable[j]!.who ? genuine : impostor).push(d);
  }
}

// Time per comparison of known descriptors, through the same function the service uses.
const compareMs: number[] = [];
const pairsForTiming = usable.slice(0, 40);
for (let i = 0; i + 1 < pairsForTiming.length; i++) {
  const list = [pairsForTiming[i]!, pairsForTiming[i + 1]!].map((s, k) => ({
    portrait: { id: `p${k}`, kind: 'live' as const, sourceHash: '0'.repeat(64), region: null, locatedBy: 'whole-image' as const, alignedHash: null, quality: { faceFound: true, faces: 1, detectionScore: 1, faceWidthPx: 100, eyeDistancePx: 40, sharpness: 100, yawDeg: 0, rollDeg: 0, brightness: 120, contrast: 40, occlusionHints: [], usable: true, problems: [] }, estimatedAge: null, estimatedSex: null },
    descriptor: s.descriptor,
  }));
  const t = performance.now();
  for (let r = 0; r < 1000; r++) comparePortraits(list, DEFAULT_THRESHOLD);
  compareMs.push((performance.now() - t) / 1000);
}

const t = DEFAULT_THRESHOLD;
const atMatch = rates(genuine, impostor, t.distance - t.margin);
const atCentre = rates(genuine, impostor, t.distance);
const eer = equalErrorRate(genuine, impostor);
if (values.verbose) {
  for (const s of samples.filter((x) => !x.usable)) log(`not usable: ${s.who} ${s.variation}: ${s.problem}`);
}
await shutdownFaceEngine();

console.log(
  JSON.stringify({
    individuals: individuals.length,
    portraits: samples.length,
    portraitsRejectedByQualityGate: samples.length - usable.length,
    rejectionReasons: rejected,
    genuinePairs: genuine.length,
    impostorPairs: impostor.length,
    threshold: t,
    atMatchBand: { distanceAtMost: round(t.distance - t.margin, 3), fnmr: round(atMatch.fnmr), fmr: round(atMatch.fmr) },
    atThreshold: { distanceAtMost: t.distance, fnmr: round(atCentre.fnmr), fmr: round(atCentre.fmr) },
    eer: round(eer.eer),
    eerThreshold: round(eer.threshold, 3),
    genuineDistance: { median: round(percentile(genuine, 0.5), 3), p95: round(percentile(genuine, 0.95), 3), max: round(Math.max(...genuine), 3) },
    impostorDistance: { min: round(Math.min(...impostor), 3), p1: round(percentile(impostor, 0.01), 3), median: round(percentile(impostor, 0.5), 3) },
    msPerNewPortrait: { median: round(percentile(portraitMs, 0.5), 1), p95: round(percentile(portraitMs, 0.95), 1) },
    msPerComparison: { median: round(percentile(compareMs, 0.5), 5), p95: round(percentile(compareMs, 0.95), 5) },
    engineLoadMs: Math.round(loadMs),
    // Timings depend on what else runs: the 1-minute load average before and after, and the cores.
    machine: { cores: cpus().length, loadAverageBefore: round(loadBefore, 2), loadAverageAfter: round(loadavg()[0]!, 2) },
    caveat:
      'Genuine pairs are imaging variations of one photo per person (no ageing, pose, expression or camera change); ~20 individuals, mostly young women. Real-world FNMR will be higher: the threshold is a starting point for each station to re-measure.',
  }),
);
