// The quality gate in front of every comparison: below these limits the comparison is not performed,
// with the reason in plain words, instead of producing a score nobody should trust. Pure: no I/O.
import { portraitName } from '../checks/portrait-names';
import type { FaceQuality, PortraitKind } from '../contract/face.contract';
import type { DetectedFace } from './face-engine-protocol';
import { eyeDistance, rollDegrees, yawDegrees, type Point } from './face-geometry';

/**
 * Limits, with why:
 * - eye distance ≥ 20 px: six sample faces scaled down against themselves at full size — 18–22 px
 *   between the eyes: distance 0.12–0.25; 14 px: 0.23–0.39 with the nearest other person at 0.54,
 *   too close to the decision band; 10 px: mostly no face found. (ISO/IEC 19794-5 asks 60 px for
 *   enrolment; comparison tolerates less.)
 * - sharpness ≥ 6: variance of the Laplacian at 112 px face width. Measured on sample faces ~190 px
 *   wide: sharp 97–370, print-and-scan simulation 64–808 (the halftone adds edges), Gaussian blur
 *   σ 2 px 32–59, σ 4 px 13 or no face found at all. The detector usually loses a face before this
 *   limit: it is the backstop for blur the detector still tolerates.
 * - |yaw| ≤ 35°, |roll| ≤ 30°: conventional limits, not calibrated here (the sample photos hold too
 *   few turned faces): the descriptor net sees the detection box unrotated, mostly trained on
 *   frontal, upright faces. The yaw figure itself is a coarse landmark estimate.
 * - brightness 30..235, contrast ≥ 10: a face lost in shadow or burnt out. Ghost images are pale by
 *   design, so for them lighting is a hint only.
 */
export const QUALITY_LIMITS = {
  minEyeDistancePx: 20,
  minSharpness: 6,
  maxYawDeg: 35,
  maxRollDeg: 30,
  minBrightness: 30,
  maxBrightness: 235,
  minContrast: 10,
  minDetectionScore: 0.5,
} as const;

export function noFaceQuality(kind: PortraitKind, reason?: string): FaceQuality {
  return {
    faceFound: false,
    faces: 0,
    detectionScore: 0,
    faceWidthPx: 0,
    eyeDistancePx: 0,
    sharpness: 0,
    yawDeg: 0,
    rollDeg: 0,
    brightness: 0,
    contrast: 0,
    occlusionHints: [],
    usable: false,
    problems: [reason ?? `no face found in the ${portraitName(kind)}`],
  };
}

export function assessQuality(
  kind: PortraitKind,
  face: DetectedFace,
  faceCount: number,
  stats: { sharpness: number; brightness: number; contrast: number },
  /** The portrait image was scaled by this factor before detection (sizes are reported unscaled). */
  scale = 1,
): FaceQuality {
  const L = QUALITY_LIMITS;
  const name = portraitName(kind);
  const lm = face.landmarks as Point[];
  const eyes = eyeDistance(lm) / scale;
  const yaw = yawDegrees(lm);
  const roll = rollDegrees(lm);
  const blocking: string[] = [];
  const hints: string[] = [];
  const occlusion: string[] = [];
  if (eyes < L.minEyeDistancePx) blocking.push(`${name} too small for reliable comparison (${eyes.toFixed(0)} px between the eyes, needs ${L.minEyeDistancePx})`);
  if (stats.sharpness < L.minSharpness) blocking.push(`${name} too blurred for reliable comparison (sharpness ${stats.sharpness.toFixed(1)}, needs ${L.minSharpness})`);
  if (Math.abs(yaw) > L.maxYawDeg) blocking.push(`${name} turned too far sideways (about ${Math.abs(yaw).toFixed(0)}°, at most ${L.maxYawDeg}°)`);
  if (Math.abs(roll) > L.maxRollDeg) blocking.push(`${name} tilted too far (${Math.abs(roll).toFixed(0)}°, at most ${L.maxRollDeg}°)`);
  const badLight = stats.brightness < L.minBrightness || stats.brightness > L.maxBrightness || stats.contrast < L.minContrast;
  if (badLight) {
    const what = stats.brightness < L.minBrightness ? 'too dark' : stats.brightness > L.maxBrightness ? 'too bright' : 'too flat (low contrast)';
    (kind === 'ghost' ? hints : blocking).push(`${name} lighting ${what}`);
  }
  if (faceCount > 1) {
    // The largest face is used; a second face in a live capture may be someone standing behind.
    hints.push(`${faceCount} faces in the ${name}: the largest was used`);
  }
  if (face.score < L.minDetectionScore) occlusion.push(`weak face detection (${face.score.toFixed(2)}): something may cover part of the face`);
  return {
    faceFound: true,
    faces: faceCount,
    detectionScore: face.score,
    faceWidthPx: face.box.w / scale,
    eyeDistancePx: eyes,
    sharpness: stats.sharpness,
    yawDeg: yaw,
    rollDeg: roll,
    brightness: stats.brightness,
    contrast: stats.contrast,
    occlusionHints: occlusion,
    usable: blocking.length === 0,
    problems: [...blocking, ...hints],
  };
}
