// Page alignment: the homography mapping reference pixels (the class's zone frame) onto capture
// pixels. Coarse from the page outline against the scanner bed, refined by patch correlation on the
// fixed print. Accuracy measured on generated captures is recorded in test/integration/identify.
import type { LightImage } from '../imaging/light-image';
import type { Box } from '../contract/capture.contract';
import { applyH, fitHomography, scaleH, type Homography, type Pt } from './homography';
import { detectPageCorners } from './page-corners';
import { matchPatches, robustHomography, selectPatches, type RefineStage } from './patch-refine';

export type AlignMethod = 'corners' | 'corners+patches' | 'auto';

export interface Alignment {
  homography: Homography;
  /** How the coarse estimate was obtained: the page outline, or the image frame when no bed is visible. */
  coarse: 'page-corners' | 'image-frame';
  /** Whether patch correlation replaced the coarse estimate. */
  refined: boolean;
  /** Patches located in the capture at the final check. */
  patches: number;
  /** Median distance between where the homography puts the patches and where they were found, capture px. */
  residualPx: number;
  ms: number;
}

export interface AlignOptions {
  /**
   * 'auto' (default): page outline, refined by patches only when no outline is found or the patches
   * disagree with it; 'corners' / 'corners+patches' force one path (used for the measurements).
   */
  method?: AlignMethod;
  /** Reference resolution (the class dpi). */
  dpi: number;
  /** Personal zones of the class: never used as alignment anchors. */
  personal: Box[];
}

/** Margin kept around personal zones: a patch straddling the edge of a name field would move with the name. */
const PERSONAL_GUARD_MM = 1;
/**
 * Patch residual above which the outline is distrusted. Measured (30 light + 30 heavy captures,
 * every design): with a correct outline the median patch residual stays below 1.2 px; a wrong
 * outline (a lost header edge) moves patches by 5 px and more.
 */
const OUTLINE_DOUBT_PX = 2.5;

function stages(dpi: number): RefineStage[] {
  // Coarse at ≈ 75 dpi absorbs a rough start (the image frame: several mm); fine at ≈ 150 dpi.
  return [
    { step: Math.max(1, Math.round(dpi / 75)), size: 20, radius: 8 },
    { step: Math.max(1, Math.round(dpi / 150)), size: 24, radius: 3 },
  ];
}

function scaleOf(h: Homography): number {
  return Math.sqrt(Math.abs(h[0]! * h[4]! - h[1]! * h[3]!));
}

function median(values: number[]): number {
  if (!values.length) return Number.POSITIVE_INFINITY;
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export function alignToReference(capture: LightImage, reference: LightImage, opts: AlignOptions): Alignment {
  const t0 = performance.now();
  const method = opts.method ?? 'auto';
  const W = reference.grey.width;
  const H = reference.grey.height;
  const refCorners: Pt[] = [[0, 0], [W, 0], [W, H], [0, H]];
  const quad = detectPageCorners(capture.rgb);
  const fromQuad = quad ? fitHomography(refCorners, quad) : null;
  let homography: Homography = fromQuad ?? scaleH(capture.grey.width / W, capture.grey.height / H);
  const coarse = fromQuad ? 'page-corners' : 'image-frame';
  const guard = (PERSONAL_GUARD_MM / 25.4) * opts.dpi;
  const personal = opts.personal.map((b) => ({ x: b.x - guard, y: b.y - guard, w: b.w + 2 * guard, h: b.h + 2 * guard }));
  const [coarseStage, fineStage] = stages(opts.dpi) as [RefineStage, RefineStage];
  const residuals = (h: Homography, stage: RefineStage): number[] =>
    matchPatches(capture.grey, h, selectPatches(reference.grey, personal, stage), stage).map((m) => {
      const [x, y] = applyH(h, m.ref[0], m.ref[1]);
      return Math.hypot(x - m.capture[0], y - m.capture[1]);
    });
  let check = method === 'corners' ? [] : residuals(homography, fineStage);
  let refined = false;
  // Too few patches found means the coarse estimate is off by more than the fine search radius.
  const doubt = check.length < 4 || median(check) > OUTLINE_DOUBT_PX;
  if (method === 'corners+patches' || (method === 'auto' && doubt)) {
    for (const stage of [coarseStage, fineStage]) {
      const matches = matchPatches(capture.grey, homography, selectPatches(reference.grey, personal, stage), stage);
      const fit = robustHomography(matches, Math.max(1.5, 1.5 * stage.step * scaleOf(homography)));
      if (!fit) continue;
      homography = fit.h;
      refined = true;
    }
    if (refined) check = residuals(homography, fineStage);
  }
  return { homography, coarse, refined, patches: check.length, residualPx: check.length ? median(check) : 0, ms: performance.now() - t0 };
}
