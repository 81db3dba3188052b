// MRZ print geometry against ICAO 9303 Part 3 §4 (OCR-B size 1, 10 characters per 25.4 mm,
// lines 6 per 25.4 mm) and the MRZ position of Parts 4–7. A re-typed or re-printed MRZ often
// has another font, another pitch, or lines that are not parallel and aligned.
import { localScale } from '../../identify/homography';
import type { CheckResult, Evidence } from '../../contract/examination.contract';
import { DOCUMENT_SIZE_MM, isIcaoFormat, MRZ_GEOMETRY, type MrzFormat } from '../../contract/mrz.contract';
import { CHECK_IDS } from '../check-ids';
import type { CheckInput } from '../check-input';
import type { Check } from '../check-model';
import { notPerformed, result } from '../check-outcome';
import { boundingBox, round, type Point } from './capture-geometry';
import { BECAUSE, missingInput } from './missing-input';
import { findCapturePage, type PageArea } from './page-area';
import { GEOMETRY_LIMITS as L } from './mrz-geometry-limits';


/** Nominal page sizes, mm (Part 4 TD3 125×88, Part 5 TD1 85.6×53.98, Part 6 TD2 105×74, Part 7 MRV-A 120×80, MRV-B 105×74). */
const PAGE_MM = DOCUMENT_SIZE_MM;
export const ICAO_PITCH_MM = 2.54;
export const ICAO_LINE_PITCH_MM = 25.4 / 6;

export interface MrzGeometryMeasure {
  format: MrzFormat;
  pitchPx: number;
  /** Pitch in mm from the image resolution, when the capture declares one. */
  pitchMm: number | null;
  /** Pitch in mm from the located page and the format's nominal size. */
  pitchMmByPage: number | null;
  /** Pitch in mm through the identified class's alignment: perspective and resolution divided out. */
  pitchMmByReference: number | null;
  /** Distance between consecutive lines, in character pitches (nominal 2.54/4.23 → 1.667). */
  lineSpacingPitches: number | null;
  /** Distance first→last cell of each line minus the expected (chars − 1) pitches, worst line. */
  spanErrorPitches: number;
  /** Largest angle between two MRZ lines, degrees (baselines must be parallel). */
  angleSpreadDeg: number;
  /** Offset of the first cells along the line direction between lines, in pitches (columns align). */
  startSpreadPitches: number;
  fontScore: number;
  leftMarginMm: number | null;
  bottomMarginMm: number | null;
  page: PageArea | null;
}

const sub = (a: Point, b: Point): Point => [a[0] - b[0], a[1] - b[1]];
const dot = (a: Point, b: Point): number => a[0] * b[0] + a[1] * b[1];
const norm = (a: Point): number => Math.hypot(a[0], a[1]);

/** Distance from p to the infinite line through a and b. */
function lineDistance(p: Point, a: Point, b: Point): number {
  const d = sub(b, a);
  return Math.abs(d[0] * (p[1] - a[1]) - d[1] * (p[0] - a[0])) / norm(d);
}

/**
 * When the document is identified, the homography maps reference pixels (at the class dpi) onto the
 * capture: its local scale at the MRZ turns the measured pitch into millimetres on the document,
 * free of the capture's perspective and resolution.
 */
function pitchThroughReference(input: CheckInput, pitchPx: number): number | null {
  const id = input.identification;
  const zone = id?.cls.zones.find((z) => z.kind === 'mrz');
  if (!id || !zone) return null;
  const scale = localScale(id.homography, zone.box.x + zone.box.w / 2, zone.box.y + zone.box.h / 2);
  return scale > 0 ? pitchPx / scale / (id.cls.dpi / 25.4) : null;
}

export function measureMrzGeometry(input: CheckInput): MrzGeometryMeasure | null {
  const mrz = input.mrz;
  const g = mrz?.geometry;
  // National layouts (French ID, Swiss licence) have no ICAO geometry to compare with.
  if (!mrz || !g || !isIcaoFormat(mrz.format) || g.lines.length < 2) return null;
  const format = mrz.format;
  const { chars } = MRZ_GEOMETRY[format];
  const dpi = input.images.white?.dpi ?? input.images.ir?.dpi;
  const pitchMm = dpi ? g.pitchPx / (dpi / 25.4) : null;
  const page = findCapturePage(input.images);
  const pageScale = page ? (page.widthPx / PAGE_MM[format].w + page.heightPx / PAGE_MM[format].h) / 2 : null;
  const pitchMmByPage = pageScale ? g.pitchPx / pageScale : null;
  const pitchMmByReference = pitchThroughReference(input, g.pitchPx);
  const dirs = g.lines.map((l) => sub(l.last, l.first));
  const angles = dirs.map((d) => Math.atan2(d[1], d[0]));
  const angleSpreadDeg = ((Math.max(...angles) - Math.min(...angles)) * 180) / Math.PI;
  const spanErrorPitches = Math.max(...dirs.map((d) => Math.abs(norm(d) / g.pitchPx - (chars - 1))));
  const unit: Point = [Math.cos(angles[0]!), Math.sin(angles[0]!)];
  const starts = g.lines.map((l) => dot(l.first, unit) / g.pitchPx);
  const startSpreadPitches = Math.max(...starts) - Math.min(...starts);
  const gaps = g.lines.slice(1).map((l, i) => lineDistance(l.first, g.lines[i]!.first, g.lines[i]!.last));
  const lineSpacingPitches = gaps.length ? gaps.reduce((s, v) => s + v, 0) / gaps.length / g.pitchPx : null;
  const pxPerMm = dpi ? dpi / 25.4 : pageScale;
  let leftMarginMm: number | null = null;
  let bottomMarginMm: number | null = null;
  if (page && pxPerMm) {
    const [tl, , br, bl] = page.corners;
    const firstCell = g.lines[0]!.first;
    // Left edge of the first character cell = its centre minus half a pitch.
    leftMarginMm = (lineDistance(firstCell, tl, bl) - g.pitchPx / 2) / pxPerMm;
    bottomMarginMm = lineDistance(g.lines[g.lines.length - 1]!.first, bl, br) / pxPerMm;
  }
  return { format, pitchPx: g.pitchPx, pitchMm, pitchMmByPage, pitchMmByReference, lineSpacingPitches, spanErrorPitches, angleSpreadDeg, startSpreadPitches, fontScore: g.fontScore, leftMarginMm, bottomMarginMm, page };
}

interface Finding {
  severity: 'fail' | 'warn';
  text: string;
}

function assess(m: MrzGeometryMeasure): { findings: Finding[]; measured: string[] } {
  const findings: Finding[] = [];
  const measured: string[] = [];
  const pitch = m.pitchMmByReference ?? m.pitchMm ?? m.pitchMmByPage;
  const pitchSource = m.pitchMmByReference !== null ? 'through the reference alignment' : m.pitchMm !== null ? 'from the image resolution' : 'from the page size';
  if (pitch !== null) {
    measured.push(`pitch ${round(pitch, 3)} mm (${pitchSource})`);
    const tol = m.pitchMmByReference !== null ? L.pitchTolMmByReference : m.pitchMm !== null ? L.pitchTolMm : L.pitchTolMmByPage;
    if (Math.abs(pitch - ICAO_PITCH_MM) > tol) findings.push({ severity: 'fail', text: `character pitch ${round(pitch, 3)} mm instead of ${ICAO_PITCH_MM} mm` });
  } else measured.push(`pitch ${round(m.pitchPx, 1)} px (no resolution and no page edge: mm not tested)`);
  if (m.lineSpacingPitches !== null) {
    const mm = m.lineSpacingPitches * ICAO_PITCH_MM;
    measured.push(`line spacing ${round(m.lineSpacingPitches, 3)} pitches (${round(mm, 2)} mm at nominal pitch)`);
    if (Math.abs(m.lineSpacingPitches - ICAO_LINE_PITCH_MM / ICAO_PITCH_MM) > L.lineSpacingTolPitches) {
      findings.push({ severity: 'fail', text: `line spacing ${round(mm, 2)} mm instead of ${round(ICAO_LINE_PITCH_MM, 2)} mm (relative to the pitch)` });
    }
  }
  measured.push(`lines ${round(m.angleSpreadDeg, 2)}° apart, columns offset ${round(m.startSpreadPitches, 2)} pitch, span error ${round(m.spanErrorPitches, 2)} pitch`);
  if (m.angleSpreadDeg > L.angleSpreadDeg) findings.push({ severity: 'fail', text: `MRZ lines not parallel (${round(m.angleSpreadDeg, 2)}°)` });
  if (m.startSpreadPitches > L.startSpreadPitches) findings.push({ severity: 'fail', text: `MRZ lines do not start in the same column (offset ${round(m.startSpreadPitches, 2)} pitch)` });
  if (m.spanErrorPitches > L.spanErrorPitches) findings.push({ severity: 'fail', text: `characters not on a regular pitch (line length off by ${round(m.spanErrorPitches, 2)} pitch)` });
  measured.push(`OCR-B font score ${round(m.fontScore, 3)}`);
  if (m.fontScore < L.fontFail) findings.push({ severity: 'fail', text: `glyphs do not match OCR-B (font score ${round(m.fontScore, 3)})` });
  else if (m.fontScore < L.fontWarn) findings.push({ severity: 'warn', text: `glyphs match OCR-B only loosely (font score ${round(m.fontScore, 3)})` });
  if (m.leftMarginMm !== null && m.bottomMarginMm !== null) {
    measured.push(`first character ${round(m.leftMarginMm, 1)} mm from the left edge, last line ${round(m.bottomMarginMm, 1)} mm above the bottom edge`);
    const [lo, hi] = L.leftMarginMm;
    const [blo, bhi] = L.bottomMarginMm;
    if (m.leftMarginMm < lo || m.leftMarginMm > hi || m.bottomMarginMm < blo || m.bottomMarginMm > bhi) {
      findings.push({ severity: 'warn', text: `MRZ position unusual (left ${round(m.leftMarginMm, 1)} mm, bottom ${round(m.bottomMarginMm, 1)} mm)` });
    }
  }
  return { findings, measured };
}

const EXPECTED = `OCR-B (font score ≥ ${L.fontWarn}), pitch ${ICAO_PITCH_MM} mm, line spacing ${round(ICAO_LINE_PITCH_MM, 2)} mm, parallel aligned lines, MRZ near the bottom-left edge (ICAO 9303 Parts 3–7)`;

export function runMrzGeometry(input: CheckInput): CheckResult {
  const missing = missingInput(input, [], true);
  if (missing) return notPerformed(mrzGeometryCheck, missing, BECAUSE);
  const m = measureMrzGeometry(input);
  if (!m) return notPerformed(mrzGeometryCheck, 'the MRZ geometry has fewer than two lines', BECAUSE);
  const { findings, measured } = assess(m);
  const fails = findings.filter((f) => f.severity === 'fail');
  const status = fails.length ? 'fail' : findings.length ? 'warn' : 'pass';
  const light = input.images.white ? 'white' : 'ir';
  const img = input.images[light];
  const region = boundingBox(input.mrz!.geometry!.corners, img?.grey.width ?? Infinity, img?.grey.height ?? Infinity);
  const evidence: Evidence[] = [{ light, region, note: findings.map((f) => f.text).join('; ') || 'MRZ' }];
  const explanation =
    status === 'pass'
      ? 'The MRZ is printed in OCR-B at the ICAO pitch and line spacing, in straight, aligned lines.'
      : status === 'fail'
        ? `${fails.map((f) => f.text).join('; ')}. Issuers print the MRZ in OCR-B on a fixed 2.54 mm grid; a zone in another font or spacing has been re-typed or re-printed. Compare the MRZ characters with a genuine document under magnification.`
        : `${findings.map((f) => f.text).join('; ')}. Look at the MRZ under magnification; a worn or unusual print can cause this, a re-typed zone too.`;
  return result(mrzGeometryCheck, { status, measured: measured.join('; '), expected: EXPECTED, evidence, explanation });
}

export const mrzGeometryCheck: Check<'document'> = {
  id: CHECK_IDS.mrzGeometry,
  title: 'MRZ print geometry and font',
  layer: 'physical',
  expected: EXPECTED,
  needs: { evidence: 'document', lights: [], identified: false, mrz: true },
  run: runMrzGeometry,
};
