// The results of the checks that need no image, pinned: the data-integrity checks of typed MRZs, the
// layers reported as not performed, every security-feature check run without its inputs (each
// words its own reason), and the bearer-match checks of face sections — the texts the officer
// reads, reports print and trend records and benchmarks refer to by id. A change in them must be
// deliberate (update with `npx vitest run -u <this file>`). The pipeline's results on real captures
// are pinned in test/integration/examination/check-results-snapshot.test.ts.
import { describe, expect, it } from 'vitest';
import { CHECKS, replaceResults, runChecks } from '../../../electron/checks/check-registry';
import type { CaptureInputs } from '../../../electron/checks/check-model';
import type { MrzReading } from '../../../electron/contract/mrz.contract';
import type { FaceSection, Portrait } from '../../../electron/contract/face.contract';
import { comparePortraits, DEFAULT_THRESHOLD } from '../../../electron/face/face-compare';
import { assessQuality, noFaceQuality } from '../../../electron/face/face-quality';
import { readMrzText } from '../../../electron/mrz';

const mrzIntegrityChecks = (reading: MrzReading | null) => runChecks('mrz', reading);
/** The layers reported as not performed when the examination is made: the capture's, and the bearer match before the face analysis. */
const pendingLayerChecks = (capture: CaptureInputs) => [...runChecks('capture', capture), ...runChecks('face', null)];
const faceChecks = (face: FaceSection) => runChecks('face', face);

const now = new Date('2026-01-01T00:00:00Z');
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

describe('data-integrity checks of the MRZ', () => {
  it('of a valid but expired specimen, a wrong check digit, a repaired reading, an impossible date and no MRZ', () => {
    expect({
      valid: mrzIntegrityChecks(readMrzText(TD3, { source: 'text', now })),
      checkDigit: mrzIntegrityChecks(readMrzText([TD3[0]!, TD3[1]!.replace('L898902C36', 'L898902C37')], { source: 'text', now })),
      repaired: mrzIntegrityChecks(readMrzText([TD3[0]!, TD3[1]!.replace('7408122', '74O8122')], { source: 'text', now, repair: true })),
      impossibleDate: mrzIntegrityChecks(readMrzText([TD3[0]!, TD3[1]!.replace('7408122', '7413322')], { source: 'text', now })),
      unreadable: mrzIntegrityChecks(readMrzText(['P<UTO<<<', 'NOT AN MRZ'], { source: 'text', now })),
      none: mrzIntegrityChecks(null),
    }).toMatchSnapshot();
  });
});

describe('layers without their inputs', () => {
  it('with and without the security-feature checks, with some lights missing, with a chip read', () => {
    expect({
      whiteOnly: pendingLayerChecks({ lights: ['white'], chipRead: false, securityChecks: false }),
      allLights: pendingLayerChecks({ lights: ['white', 'ir', 'uv'], chipRead: false, securityChecks: false }),
      securityChecksRan: pendingLayerChecks({ lights: ['white', 'ir', 'uv'], chipRead: false, securityChecks: true }),
      chipRead: pendingLayerChecks({ lights: ['white'], chipRead: true, securityChecks: true }),
    }).toMatchSnapshot();
  });
});

describe('security-feature checks without their inputs', () => {
  it('each reports not-performed with its own reason', async () => {
    const empty = { images: {}, mrz: null, identification: null };
    const results = [];
    for (const check of CHECKS.document) results.push(await check.run(empty));
    expect(results).toMatchSnapshot();
  });
});

describe('bearer-match checks', () => {
  const good = { sharpness: 120, brightness: 120, contrast: 45 };
  const detected = (x: number) => ({ box: { x: 0, y: 0, w: 200, h: 240 }, score: 0.95, landmarks: eyes(x), descriptor: [], age: 30, gender: 'female' as const, genderProbability: 0.95 });
  function eyes(cx: number): [number, number][] {
    const pts: [number, number][] = Array.from({ length: 68 }, () => [cx, 160]);
    for (let i = 36; i < 42; i++) pts[i] = [cx - 30, 100];
    for (let i = 42; i < 48; i++) pts[i] = [cx + 30, 100];
    pts[0] = [cx - 60, 118];
    pts[16] = [cx + 60, 118];
    pts[30] = [cx, 136];
    return pts;
  }
  const portrait = (id: string, kind: Portrait['kind'], usable = true): Portrait => ({
    id,
    kind,
    sourceHash: 'a'.repeat(64),
    region: null,
    locatedBy: 'whole-image',
    alignedHash: null,
    quality: usable ? assessQuality(kind, detected(100), 1, good) : noFaceQuality(kind),
    estimatedAge: 30,
    estimatedSex: 'F',
  });
  /** Descriptor distances from the printed portrait: the live capture's as given, the ghost's 0.1 unless given. */
  const section = (portraits: Portrait[], live = 0.3, hints: string[] = [], ghost = 0.1): FaceSection => {
    const d = (x: number) => Array.from({ length: 128 }, (_, i) => (i === 0 ? x : 0));
    const at: Record<string, number> = { printed: 0, ghost, live, chip: 0.05 };
    return {
      portraits,
      comparisons: comparePortraits(portraits.map((p) => ({ portrait: p, descriptor: p.quality.usable ? d(at[p.id] ?? 0) : null })), DEFAULT_THRESHOLD),
      threshold: DEFAULT_THRESHOLD,
      hints,
      analysedAt: '2026-01-01T00:00:00Z',
      timingsMs: {},
      assessment: null,
    };
  };

  it('for every outcome of the comparisons', () => {
    const printed = portrait('printed', 'printed');
    const ghost = portrait('ghost', 'ghost');
    const live = portrait('live', 'live');
    expect({
      noLive: faceChecks(section([printed, ghost])),
      match: faceChecks(section([printed, ghost, live], 0.3)),
      uncertain: faceChecks(section([printed, live], 0.52, ['looks about 25'])),
      noMatch: faceChecks(section([printed, ghost, portrait('chip', 'chip'), live], 1.2)),
      ghostDiffers: faceChecks(section([printed, ghost, live], 0.3, [], 1.1)),
      printedUnusable: faceChecks(section([portrait('printed', 'printed', false), portrait('ghost', 'ghost', false), live])),
      liveOnly: faceChecks(section([live])),
      merged: replaceResults(pendingLayerChecks({ lights: ['white'], chipRead: false, securityChecks: false }), 'face', faceChecks(section([printed, live], 0.3))),
    }).toMatchSnapshot();
  });
});
