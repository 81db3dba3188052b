// Normalised cross-correlation: insensitive to the brightness and contrast changes between a
// reference scan and a capture (illumination, ink density, scanner gain).
import type { GreyImage } from '../imaging/grey-image';

/** NCC of two equal-size images over the pixels where `mask` (if given) is non-zero; 0 when either is flat. */
export function ncc(a: ArrayLike<number>, b: ArrayLike<number>, mask?: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (mask && !mask[i]) continue;
    n++;
    sa += a[i]!;
    sb += b[i]!;
  }
  if (n < 4) return 0;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    if (mask && !mask[i]) continue;
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  // A flat patch (variance below ~1 grey level²/px) carries no pattern to correlate.
  if (va < n || vb < n) return 0;
  return cov / Math.sqrt(va * vb);
}

export function stdDev(a: ArrayLike<number>, mask?: ArrayLike<number>): number {
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < a.length; i++) {
    if (mask && !mask[i]) continue;
    n++;
    s += a[i]!;
    s2 += a[i]! * a[i]!;
  }
  return n ? Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2)) : 0;
}

export interface NccPeak {
  dx: number;
  dy: number;
  score: number;
}

/**
 * Finds `template` (t × t at the centre of `search`, which is (t + 2r)²) by exhaustive NCC over
 * offsets −r..r; the peak is refined to sub-pixel by a parabola through its neighbours.
 */
export function searchTemplate(template: GreyImage, search: GreyImage, r: number): NccPeak {
  const tw = template.width;
  const th = template.height;
  const n = tw * th;
  let st = 0;
  for (let i = 0; i < n; i++) st += template.data[i]!;
  const mt = st / n;
  const tz = new Float32Array(n);
  let vt = 0;
  for (let i = 0; i < n; i++) {
    tz[i] = template.data[i]! - mt;
    vt += tz[i]! * tz[i]!;
  }
  const side = 2 * r + 1;
  const scores = new Float32Array(side * side).fill(-1);
  if (vt < n) return { dx: 0, dy: 0, score: 0 };
  const sw = search.width;
  const sd = search.data;
  let best = -2;
  let bx = 0;
  let by = 0;
  for (let oy = 0; oy < side; oy++) {
    for (let ox = 0; ox < side; ox++) {
      let s = 0;
      let s2 = 0;
      let cross = 0;
      for (let y = 0; y < th; y++) {
        const row = (oy + y) * sw + ox;
        const trow = y * tw;
        for (let x = 0; x < tw; x++) {
          const v = sd[row + x]!;
          s += v;
          s2 += v * v;
          cross += v * tz[trow + x]!;
        }
      }
      const vs = s2 - (s * s) / n;
      const score = vs < n ? 0 : cross / Math.sqrt(vs * vt);
      scores[oy * side + ox] = score;
      if (score > best) {
        best = score;
        bx = ox;
        by = oy;
      }
    }
  }
  const at = (x: number, y: number): number => scores[y * side + x]!;
  const sub = (m: number, c: number, p: number): number => {
    const d = m - 2 * c + p;
    return d < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (m - p)) / d)) : 0;
  };
  const fx = bx > 0 && bx < side - 1 ? sub(at(bx - 1, by), best, at(bx + 1, by)) : 0;
  const fy = by > 0 && by < side - 1 ? sub(at(bx, by - 1), best, at(bx, by + 1)) : 0;
  return { dx: bx - r + fx, dy: by - r + fy, score: best };
}
