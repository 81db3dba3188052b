// A decoded 8-bit greyscale image: row-major, one byte per pixel.
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export function createGrey(width: number, height: number, fill = 0): GreyImage {
  const data = new Uint8Array(width * height);
  if (fill) data.fill(fill);
  return { data, width, height };
}

/** Rotates by a multiple of 90° clockwise. */
export function rotateQuarter(img: GreyImage, quarters: 0 | 1 | 2 | 3): GreyImage {
  if (quarters === 0) return img;
  const { width: w, height: h, data } = img;
  const out = quarters === 2 ? createGrey(w, h) : createGrey(h, w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      if (quarters === 1) out.data[x * h + (h - 1 - y)] = v;
      else if (quarters === 2) out.data[(h - 1 - y) * w + (w - 1 - x)] = v;
      else out.data[(w - 1 - x) * h + y] = v;
    }
  }
  return out;
}

/** Otsu's threshold over the histogram of the image (or a sub-sample). */
export function otsuThreshold(img: GreyImage): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]!]!++;
  const total = img.data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let bestT = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}
