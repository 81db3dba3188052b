// Tolerances of the MRZ geometry check, measured with test/integration/checks-generic/calibrate.ts
// on seed 4242, 30 genuine specimens per degradation level (none / light / heavy). Heavy captures
// carry a perspective warp (corners moved by up to 2 % of the page), which stretches the pitch
// locally: the limits cover that with margin.
export const GEOMETRY_LIMITS = {
  /** Genuine |pitch − 2.54| ≤ 0.012 mm (none, light), ≤ 0.13 mm (heavy: 2.41–2.66). */
  pitchTolMm: 0.17,
  /**
   * Through the reference alignment (perspective and resolution divided out). bench:checks corpus:
   * genuine 2.533–2.547 mm (none/light), 2.502–2.592 mm (heavy); re-typed MRZs 2.32–2.44 mm and
   * 2.58–2.79 mm (the 2.54 mm re-types are caught by the font score).
   */
  pitchTolMmByReference: 0.1,
  /** Pitch via the located page size: genuine 2.43–2.66 mm in heavy captures. */
  pitchTolMmByPage: 0.19,
  /** Line spacing in pitches, nominal 1.667: genuine 1.59–1.69 (none, light), 1.53–1.76 (heavy). */
  lineSpacingTolPitches: 0.2,
  /** Angle between lines: genuine ≤ 0.19° (none, light), ≤ 0.33° (heavy). */
  angleSpreadDeg: 0.8,
  /** First-column offset between lines: genuine ≤ 0.05 pitch (none, light), ≤ 0.17 (heavy). */
  startSpreadPitches: 0.4,
  /** Line length vs fitted pitch: genuine ≤ 0.14 pitch (none, light), ≤ 1.66 (heavy; grid fit under perspective). */
  spanErrorPitches: 2.5,
  /**
   * OCR-B template correlation: genuine 0.977–1.0 (none, light), 0.964–0.986 (heavy).
   * MRZ re-typed over a genuine page (5 documents each): DejaVu Sans Mono at 2.54 mm 0.79–0.83;
   * OCR-B at 2.3 mm 0.91–0.92 (fails on the pitch); OCR-B at 2.8 mm 0.87–0.89; OCR-B re-typed at
   * the right pitch 0.97–0.98 (indistinguishable, as it should be).
   */
  fontFail: 0.9,
  fontWarn: 0.94,
  /** First character from the left edge: genuine 3.7–6.2 mm; last line from the bottom edge: 4.9–7.5 mm. */
  leftMarginMm: [2, 10] as [number, number],
  bottomMarginMm: [2.5, 11] as [number, number],
};
