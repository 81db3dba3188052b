import { describe, expect, it } from 'vitest';
import type { FaceSection, Portrait } from '../../../electron/contract/face.contract';
import { FaceSectionSchema } from '../../../electron/contract/face.contract';
import { ExaminationSchema } from '../../../electron/contract/examination.contract';
import { FACE_CHECK_IDS } from '../../../electron/checks/check-ids';
import { replaceResults, runChecks } from '../../../electron/checks/check-registry';
import { band, comparePortraits, DEFAULT_THRESHOLD, descriptorDistance, similarity } from '../../../electron/face/face-compare';
import type { DetectedFace } from '../../../electron/face/face-engine-protocol';
import { alignedFrame, ALIGNED, eyeCentres, rollDegrees, yawDegrees, type Point } from '../../../electron/face/face-geometry';
import { faceImageStats } from '../../../electron/face/face-image-stats';
import { ageAt, expectedAges, plausibilityHints } from '../../../electron/face/face-plausibility';
import { assessQuality, noFaceQuality, QUALITY_LIMITS } from '../../../electron/face/face-quality';
import { mapZone } from '../../../electron/face/portrait-regions';

/** 68 landmarks of an upright frontal face: eyes at (cx ± d/2, cy), nose tip centred, jaw ends wide. */
function landmarks(cx: number, cy: number, d: number, opts: { noseShift?: number; tilt?: number } = {}): Point[] {
  const pts: Point[] = Array.from({ length: 68 }, () => [cx, cy + d] as Point);
  const t = ((opts.tilt ?? 0) * Math.PI) / 180;
  const rot = (x: number, y: number): Point => [cx + (x - cx) * Math.cos(t) - (y - cy) * Math.sin(t), cy + (x - cx) * Math.sin(t) + (y - cy) * Math.cos(t)];
  for (let i = 36; i < 42; i++) pts[i] = rot(cx - d / 2, cy);
  for (let i = 42; i < 48; i++) pts[i] = rot(cx + d / 2, cy);
  pts[0] = rot(cx - d, cy + d * 0.3);
  pts[16] = rot(cx + d, cy + d * 0.3);
  pts[30] = rot(cx + (opts.noseShift ?? 0) * d, cy + d * 0.6);
  return pts;
}

function face(lm: Point[], score = 0.95): DetectedFace {
  return { box: { x: 0, y: 0, w: 200, h: 240 }, score, landmarks: lm, descriptor: [], age: 30, gender: 'female', genderProbability: 0.95 };
}

const good = { sharpness: 120, brightness: 120, contrast: 45 };

function portrait(id: string, kind: Portrait['kind'], usable = true): Portrait {
  const q = usable ? assessQuality(kind, face(landmarks(100, 100, 60)), 1, good) : noFaceQuality(kind);
  return { id, kind, sourceHash: 'a'.repeat(64), region: null, locatedBy: 'whole-image', alignedHash: null, quality: q, estimatedAge: 30, estimatedSex: 'F' };
}

describe('face geometry', () => {
  it('finds eye centres, roll and yaw of a frontal face', () => {
    const lm = landmarks(100, 100, 60);
    expect(eyeCentres(lm)).toEqual([[70, 100], [130, 100]]);
    expect(rollDegrees(lm)).toBeCloseTo(0);
    expect(yawDegrees(lm)).toBeCloseTo(0);
    expect(rollDegrees(landmarks(100, 100, 60, { tilt: 20 }))).toBeCloseTo(20);
    expect(Math.abs(yawDegrees(landmarks(100, 100, 60, { noseShift: 0.9 })))).toBeGreaterThan(QUALITY_LIMITS.maxYawDeg);
  });

  it('aligns the eyes onto the same output positions whatever the scale and tilt', () => {
    for (const lm of [landmarks(100, 100, 60), landmarks(300, 200, 150, { tilt: 25 })]) {
      const f = alignedFrame(lm);
      const [l, r] = eyeCentres(lm);
      const at = (u: number, v: number) => [f.originX + u * f.ux + v * f.vx, f.originY + u * f.uy + v * f.vy];
      const v = ALIGNED.height * ALIGNED.eyeY;
      const left = at(ALIGNED.width / 2 - ALIGNED.eyeDistance / 2, v);
      const right = at(ALIGNED.width / 2 + ALIGNED.eyeDistance / 2, v);
      expect(left[0]).toBeCloseTo(l[0], 6);
      expect(left[1]).toBeCloseTo(l[1], 6);
      expect(right[0]).toBeCloseTo(r[0], 6);
      expect(right[1]).toBeCloseTo(r[1], 6);
    }
  });

  it('maps a reference zone through a homography into a clamped capture box', () => {
    const h = [2, 0, 10, 0, 2, 20, 0, 0, 1];
    expect(mapZone(h, { x: 10, y: 10, w: 50, h: 100 }, { width: 1000, height: 1000 }, 0)).toEqual({ x: 30, y: 40, w: 100, h: 200 });
    expect(mapZone(h, { x: 600, y: 10, w: 50, h: 50 }, { width: 1000, height: 1000 }, 0)).toBeNull();
  });
});

describe('face quality gate', () => {
  it('accepts a sharp, frontal, well-lit face', () => {
    const q = assessQuality('printed', face(landmarks(100, 100, 60)), 1, good);
    expect(q.usable).toBe(true);
    expect(q.problems).toEqual([]);
  });

  it('refuses a small printed portrait with the reason in plain words', () => {
    const q = assessQuality('printed', face(landmarks(20, 20, 12)), 1, good);
    expect(q.usable).toBe(false);
    expect(q.problems[0]).toMatch(/^printed portrait too small for reliable comparison/);
  });

  it('reports size in unscaled pixels when the image was scaled down for detection', () => {
    const q = assessQuality('live', face(landmarks(100, 100, 30)), 1, good, 0.25);
    expect(q.eyeDistancePx).toBeCloseTo(120);
    expect(q.usable).toBe(true);
  });

  it('refuses blur, pose and bad lighting; a pale ghost image only gets a hint', () => {
    expect(assessQuality('live', face(landmarks(100, 100, 60)), 1, { ...good, sharpness: 2 }).problems[0]).toMatch(/too blurred/);
    expect(assessQuality('live', face(landmarks(100, 100, 60, { tilt: 40 })), 1, good).problems[0]).toMatch(/tilted/);
    expect(assessQuality('live', face(landmarks(100, 100, 60)), 1, { ...good, brightness: 12 }).problems[0]).toMatch(/too dark/);
    const ghost = assessQuality('ghost', face(landmarks(100, 100, 60)), 1, { ...good, brightness: 245, contrast: 6 });
    expect(ghost.usable).toBe(true);
    expect(ghost.problems[0]).toMatch(/ghost image lighting/);
  });

  it('notes several faces and weak detections as hints', () => {
    const q = assessQuality('live', face(landmarks(100, 100, 60), 0.42), 3, good);
    expect(q.usable).toBe(true);
    expect(q.problems.join()).toMatch(/3 faces/);
    expect(q.occlusionHints[0]).toMatch(/weak face detection/);
  });
});

describe('face comparison', () => {
  it('computes distance, similarity and the band', () => {
    expect(descriptorDistance([0, 0, 0], [3, 4, 0])).toBe(5);
    expect(() => descriptorDistance([0], [0, 1])).toThrow();
    expect(similarity(0)).toBe(1);
    expect(similarity(2)).toBe(0);
    const t = { distance: 0.5, margin: 0.05 };
    expect(band(0.3, t)).toBe('match');
    expect(band(0.45, t)).toBe('match');
    expect(band(0.5, t)).toBe('uncertain');
    expect(band(0.56, t)).toBe('no-match');
  });

  it('compares every pair of any number of portraits; unusable ones are not-performed with the reason', () => {
    const d = (x: number) => Array.from({ length: 128 }, (_, i) => (i === 0 ? x : 0));
    const list = [
      { portrait: portrait('printed', 'printed'), descriptor: d(0) },
      { portrait: portrait('ghost', 'ghost'), descriptor: d(0.2) },
      { portrait: portrait('live', 'live'), descriptor: d(0.9) },
      { portrait: portrait('chip', 'chip', false), descriptor: null },
    ];
    const pairs = comparePortraits(list, DEFAULT_THRESHOLD);
    expect(pairs).toHaveLength(6);
    expect(pairs.find((p) => p.a === 'printed' && p.b === 'ghost')?.band).toBe('match');
    expect(pairs.find((p) => p.a === 'printed' && p.b === 'live')?.band).toBe('no-match');
    const chip = pairs.filter((p) => p.b === 'chip');
    expect(chip.every((p) => p.band === 'not-performed' && /no face found in the chip portrait/.test(p.reason ?? ''))).toBe(true);
  });
});

describe('age and sex plausibility', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('computes the age from an MRZ date of birth', () => {
    expect(ageAt('740812', now)).toBe(51);
    expect(ageAt('000601', now)).toBe(26);
    expect(ageAt('xx', now)).toBeNull();
  });
  it('hints only beyond a wide tolerance and with a confident sex estimate', () => {
    expect(plausibilityHints({ estimatedAge: 40, estimatedSex: 'F', sexProbability: 0.99 }, { birthDate: '740812', sex: 'F' }, now)).toEqual([]);
    const hints = plausibilityHints({ estimatedAge: 25, estimatedSex: 'M', sexProbability: 0.97 }, { birthDate: '740812', sex: 'F' }, now);
    expect(hints).toHaveLength(2);
    expect(plausibilityHints({ estimatedAge: 51, estimatedSex: 'M', sexProbability: 0.6 }, { birthDate: '740812', sex: 'F' }, now)).toEqual([]);
    expect(plausibilityHints({ estimatedAge: 51, estimatedSex: 'M', sexProbability: 0.99 }, { birthDate: null, sex: '<' }, now)).toEqual([]);
  });
  it('holds a document portrait against the ages the holder had while the document can have been issued', () => {
    // A man born in 1956, passport valid until 2032: portrait taken between 2022 (aged 66) and now (70).
    const mrz = { birthDate: '560305', sex: 'M', expiryDate: '320521' };
    expect(expectedAges(mrz, now, true)).toEqual({ min: 66, max: 70 });
    expect(expectedAges(mrz, now, false)).toEqual({ min: 70, max: 70 });
    // A young woman's portrait in it: both hints, named for the printed portrait.
    const hints = plausibilityHints({ estimatedAge: 27, estimatedSex: 'F', sexProbability: 0.98 }, mrz, now, 'printed portrait', true);
    expect(hints).toEqual([
      'the printed portrait looks about 27 years old; the date of birth gives 66–70 for a portrait taken while the document can have been issued (tolerance ±15)',
      'the sex estimated from the printed portrait (F) differs from the MRZ (M)',
    ]);
    // A ten-year-old photo of the same man is no hint; nor is it for a holder photographed as a child.
    expect(plausibilityHints({ estimatedAge: 56, estimatedSex: 'M', sexProbability: 0.98 }, mrz, now, 'printed portrait', true)).toEqual([]);
    expect(expectedAges({ birthDate: '200101', expiryDate: '300101' }, now, true)).toEqual({ min: 0, max: 6 });
    // Without an expiry date the window is the longest validity back from now.
    expect(expectedAges({ birthDate: '560305' }, now, true)).toEqual({ min: 60, max: 70 });
  });
});

describe('bearer-match checks', () => {
  const faceChecks = (face: FaceSection) => runChecks('face', face);
  const section = (portraits: Portrait[], hints: string[] = []): FaceSection => {
    const d = (x: number) => Array.from({ length: 128 }, (_, i) => (i === 0 ? x : 0));
    const desc: Record<string, number> = { printed: 0, ghost: 0.1, live: 0.52 };
    return {
      portraits,
      comparisons: comparePortraits(portraits.map((p) => ({ portrait: p, descriptor: p.quality.usable ? d(desc[p.id] ?? 0) : null })), DEFAULT_THRESHOLD),
      threshold: DEFAULT_THRESHOLD,
      hints,
      analysedAt: '2026-01-01T00:00:00Z',
      timingsMs: {},
      assessment: null,
    };
  };

  it('stays not-performed without a live capture', () => {
    const checks = faceChecks(section([portrait('printed', 'printed'), portrait('ghost', 'ghost')]));
    const bearer = checks.find((c) => c.id === FACE_CHECK_IDS.bearer)!;
    expect(bearer.status).toBe('not-performed');
    expect(bearer.explanation).toMatch(/No live capture/);
    expect(checks.find((c) => c.id === FACE_CHECK_IDS.ghost)?.status).toBe('pass');
  });

  it('reports the band of the live capture against the printed portrait; plausibility only warns', () => {
    const checks = faceChecks(section([portrait('printed', 'printed'), portrait('live', 'live')], ['looks about 25']));
    expect(checks.find((c) => c.id === FACE_CHECK_IDS.bearer)?.status).toBe('warn');
    expect(checks.find((c) => c.id === FACE_CHECK_IDS.plausibility)?.status).toBe('warn');
  });

  it('says why when the printed portrait is unusable', () => {
    const checks = faceChecks(section([portrait('printed', 'printed', false), portrait('live', 'live')]));
    const bearer = checks.find((c) => c.id === FACE_CHECK_IDS.bearer)!;
    expect(bearer.status).toBe('not-performed');
    expect(bearer.explanation).toMatch(/no face found in the printed portrait/);
  });

  it('replaces the pending bearer-match entry, and the section validates inside an examination', () => {
    const pending = [...runChecks('capture', { lights: ['white'], chipRead: false, securityChecks: false }), ...runChecks('face', null)];
    const s = section([portrait('printed', 'printed'), portrait('live', 'live')]);
    const merged = replaceResults(pending, 'face', runChecks('face', s));
    expect(merged.filter((c) => c.id === 'bearer.face')).toHaveLength(1);
    expect(merged.find((c) => c.id === 'bearer.face')?.status).not.toBe('not-performed');
    expect(FaceSectionSchema.parse(s)).toBeTruthy();
    const exam = { id: 'x', createdAt: '', station: 's', officer: { name: 'a', badge: 'b' }, source: 's', images: [], mrz: null, document: { format: null, documentCode: null, issuer: null }, checks: merged, verdict: [], decision: null, timingsMs: {} };
    expect(ExaminationSchema.safeParse(exam).success).toBe(true);
    expect(ExaminationSchema.safeParse({ ...exam, face: s }).success).toBe(true);
  });
});

describe('face image statistics', () => {
  it('measures brightness, contrast and sharpness', () => {
    const flat = { data: new Uint8Array(100 * 100).fill(100), width: 100, height: 100 };
    expect(faceImageStats(flat)).toEqual({ sharpness: 0, brightness: 100, contrast: 0 });
    const checker = { data: new Uint8Array(100 * 100).map((_, i) => (((i % 100) + Math.floor(i / 100)) % 2 ? 200 : 50)), width: 100, height: 100 };
    const s = faceImageStats(checker);
    expect(s.brightness).toBeCloseTo(125);
    expect(s.contrast).toBeCloseTo(75);
    expect(s.sharpness).toBeGreaterThan(1000);
  });
});
