// Finds the document page in a capture: readers image the page on a dark bed, possibly a few
// degrees rotated. The page is the quad spanned by the extreme bright pixels (for a rectangle
// turned by less than 45°, min/max of x+y and x−y are its corners). Infrared is preferred: in
// B900 light the whole page, dark headers included, drops to paper white against the bed.
import { downscale } from '../../imaging/affine-sample';
import { otsuThreshold } from '../../imaging/grey-image';
import type { CheckInput, LightImage } from '../check-input';
import type { Point } from './capture-geometry';

export interface PageArea {
  /** Page corners in capture pixels: TL, TR, BR, BL. */
  corners: [Point, Point, Point, Point];
  /** Mean lengths of the long and short page sides in pixels. */
  widthPx: number;
  heightPx: number;
  /** True when the page edges coincide with the image border (the capture is cropped to the page). */
  cropped: boolean;
  light: LightImage['light'];
}

const ANALYSIS_SIDE = 800;
/** Fewer bright pixels than this share of the image: no page in view (e.g. an all-dark frame). */
const MIN_PAGE_FRACTION = 0.2;

export function findPage(img: LightImage): PageArea | null {
  const full = img.grey;
  const factor = Math.max(1, Math.ceil(Math.max(full.width, full.height) / ANALYSIS_SIDE));
  const small = downscale(full, factor);
  const t = otsuThreshold(small);
  let tl: Point = [0, 0];
  let tr: Point = [0, 0];
  let br: Point = [0, 0];
  let bl: Point = [0, 0];
  let [minSum, maxDiff, maxSum, minDiff] = [Infinity, -Infinity, -Infinity, Infinity];
  let bright = 0;
  const { width: w, height: h, data } = small;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (data[y * w + x]! <= t) continue;
      bright++;
      const s = x + y;
      const d = x - y;
      if (s < minSum) [minSum, tl] = [s, [x, y]];
      if (s > maxSum) [maxSum, br] = [s, [x + 1, y + 1]];
      if (d > maxDiff) [maxDiff, tr] = [d, [x + 1, y]];
      if (d < minDiff) [minDiff, bl] = [d, [x, y + 1]];
    }
  }
  if (bright < MIN_PAGE_FRACTION * w * h) return null;
  const sx = full.width / w;
  const sy = full.height / h;
  const corners = [tl, tr, br, bl].map(([x, y]): Point => [x * sx, y * sy]) as PageArea['corners'];
  const len = (a: Point, b: Point): number => Math.hypot(b[0] - a[0], b[1] - a[1]);
  const top = len(corners[0], corners[1]);
  const bottom = len(corners[3], corners[2]);
  const left = len(corners[0], corners[3]);
  const right = len(corners[1], corners[2]);
  const edge = 2 * factor;
  const cropped = corners.every(([x, y]) => (x <= edge || x >= full.width - edge) && (y <= edge || y >= full.height - edge));
  const horizontal = (top + bottom) / 2;
  const vertical = (left + right) / 2;
  return {
    corners,
    widthPx: Math.max(horizontal, vertical),
    heightPx: Math.min(horizontal, vertical),
    cropped,
    light: img.light,
  };
}

/** The page from the infrared image when there is one, else from white light. */
export function findCapturePage(images: CheckInput['images']): PageArea | null {
  const source = images.ir ?? images.white;
  return source ? findPage(source) : null;
}
