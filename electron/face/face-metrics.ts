// Verification error rates from genuine and impostor distances: FNMR / FMR at a threshold and the
// equal error rate. Pure: used by the benchmark and its tests.

export function rates(genuine: number[], impostor: number[], matchAtOrBelow: number): { fnmr: number; fmr: number } {
  const fnm = genuine.filter((d) => d > matchAtOrBelow).length;
  const fm = impostor.filter((d) => d <= matchAtOrBelow).length;
  return { fnmr: genuine.length ? fnm / genuine.length : 0, fmr: impostor.length ? fm / impostor.length : 0 };
}

/** Equal error rate by a sweep over every observed distance; returns the rate and its threshold. */
export function equalErrorRate(genuine: number[], impostor: number[]): { eer: number; threshold: number } {
  const candidates = [...new Set([...genuine, ...impostor])].sort((a, b) => a - b);
  let best = { eer: 1, threshold: 0, gap: Infinity };
  for (const t of candidates) {
    const { fnmr, fmr } = rates(genuine, impostor, t);
    const gap = Math.abs(fnmr - fmr);
    if (gap < best.gap) best = { eer: (fnmr + fmr) / 2, threshold: t, gap };
  }
  return { eer: best.eer, threshold: best.threshold };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}
