// Page geometry in millimetres for each design: page size (ICAO 9303 Part 4 TD3 125 × 88,
// Part 5 TD1 85.6 × 53.98, Part 6 TD2 105 × 74, Part 7 MRV-A 120 × 80 and MRV-B 105 × 74) and
// the MRZ print position: OCR-B size 1 at a fixed 2.54 mm pitch (10 cpi), lines 4.23 mm (6 lpi) apart.
import { DOCUMENT_SIZE_MM, MRZ_GEOMETRY, MRZ_PITCH_MM, type MrzFormat } from '../contract/mrz.contract';
import type { SpecimenDesign, VizField } from './specimen-designs';
import { valueTextWidthEm } from './viz-font-metrics';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FieldSlot {
  field: VizField;
  label: string;
  labelX: number;
  labelY: number;
  labelSize: number;
  valueX: number;
  valueY: number;
  valueSize: number;
  maxWidth: number;
}

export interface MrzLayout {
  left: number;
  pitch: number;
  baselines: number[];
  fontSize: number;
  capHeight: number;
  box: Rect;
  lineBoxes: Rect[];
  /** The clear band the MRZ is printed in (full page width). */
  zone: Rect;
}

export interface PageLayout {
  widthMm: number;
  heightMm: number;
  margin: number;
  header: Rect;
  content: Rect;
  portrait: Rect;
  ghost: Rect | null;
  signature: Rect;
  fieldArea: Rect;
  slots: FieldSlot[];
  mrz: MrzLayout;
  emblem: { cx: number; cy: number; r: number };
  emblem2: { cx: number; cy: number; r: number };
  irBand: Rect | null;
}

export const PAGE_SIZE_MM = DOCUMENT_SIZE_MM;

/** Left edge of the first character cell and height of the last baseline above the bottom edge. */
const MRZ_POSITION: Record<MrzFormat, { left: number; bottom: number }> = {
  TD3: { left: 6.0, bottom: 5.7 },
  TD2: { left: 6.0, bottom: 5.0 },
  TD1: { left: 4.7, bottom: 4.0 },
  MRVA: { left: 4.0, bottom: 5.5 },
  MRVB: { left: 6.0, bottom: 5.0 },
};

export const MRZ_LINE_PITCH_MM = 4.23;
/** OCR-B size 1 character height (ISO 1073-2); the font's cap height is 0.72 em (measured). */
export const MRZ_CAP_HEIGHT_MM = 2.42;
export const OCRB_CAP_EM = 0.72;

const LABELS: Record<VizField, [string, string]> = {
  type: ['Type', 'Type'],
  code: ['Code', 'Code'],
  documentNumber: ['Document No.', 'No du document'],
  surname: ['Surname', 'Nom'],
  givenNames: ['Given names', 'Prénoms'],
  nationality: ['Nationality', 'Nationalité'],
  birthDate: ['Date of birth', 'Date de naissance'],
  sex: ['Sex', 'Sexe'],
  placeOfBirth: ['Place of birth', 'Lieu de naissance'],
  issueDate: ['Date of issue', 'Date de délivrance'],
  authority: ['Authority', 'Autorité'],
  expiryDate: ['Date of expiry', "Date d'expiration"],
  entries: ['Entries', 'Entrées'],
  duration: ['Duration of stay', 'Durée du séjour'],
};
const VISA_LABELS: Partial<Record<VizField, [string, string]>> = {
  issueDate: ['Valid from', 'Du'],
  expiryDate: ['Valid until', 'Au'],
  authority: ['Issued at', 'Délivré à'],
};
const COLUMN_WEIGHT: Partial<Record<VizField, number>> = { sex: 0.5, type: 0.55, code: 0.65, entries: 0.6, duration: 0.8 };

/** Width of a text in mm: exact advances for VIZ values (condensed bold), a rough 0.66 em otherwise. */
export function estimateTextWidth(text: string, size: number, condensed = false): number {
  return condensed ? valueTextWidthEm(text) * size : text.length * size * 0.66;
}

function layoutMrz(format: MrzFormat, w: number, h: number): MrzLayout {
  const { lines, chars } = MRZ_GEOMETRY[format];
  const { left, bottom } = MRZ_POSITION[format];
  const last = h - bottom;
  const baselines = Array.from({ length: lines }, (_, i) => last - (lines - 1 - i) * MRZ_LINE_PITCH_MM);
  const width = chars * MRZ_PITCH_MM;
  const lineBoxes = baselines.map((b) => ({ x: left, y: b - MRZ_CAP_HEIGHT_MM - 0.5, w: width, h: MRZ_CAP_HEIGHT_MM + 1.0 }));
  const first = lineBoxes[0] as Rect;
  const box = { x: left - 1.2, y: first.y - 0.8, w: width + 2.4, h: last + 1.3 - (first.y - 0.8) };
  const zoneTop = box.y - 1.0;
  return {
    left,
    pitch: MRZ_PITCH_MM,
    baselines,
    fontSize: MRZ_CAP_HEIGHT_MM / OCRB_CAP_EM,
    capHeight: MRZ_CAP_HEIGHT_MM,
    box,
    lineBoxes,
    zone: { x: 0, y: zoneTop, w, h: h - zoneTop },
  };
}

function layoutSlots(design: SpecimenDesign, area: Rect, scale: number): FieldSlot[] {
  const visa = design.format === 'MRVA' || design.format === 'MRVB';
  const rowH = Math.min(area.h / design.rows.length, 8.6 * scale);
  const slots: FieldSlot[] = [];
  design.rows.forEach((row, r) => {
    const total = row.reduce((s, f) => s + (COLUMN_WEIGHT[f] ?? 1.5), 0);
    let x = area.x;
    for (const field of row) {
      const colW = (area.w * (COLUMN_WEIGHT[field] ?? 1.5)) / total;
      const labelSize = rowH * 0.24;
      const [en, fr] = (visa ? VISA_LABELS[field] : undefined) ?? LABELS[field];
      const both = `${en} / ${fr}`;
      const label = estimateTextWidth(both, labelSize) <= colW - 1 ? both : en;
      const top = area.y + r * rowH;
      slots.push({
        field,
        label,
        labelX: x,
        labelY: top + labelSize * 1.05,
        labelSize: Math.min(labelSize, ((colW - 0.8) / Math.max(1, label.length)) / 0.55),
        valueX: x,
        valueY: top + labelSize * 1.05 + rowH * 0.42,
        valueSize: rowH * 0.4,
        maxWidth: colW - 1,
      });
      x += colW;
    }
  });
  return slots;
}

export function layoutPage(design: SpecimenDesign): PageLayout {
  const { w, h } = PAGE_SIZE_MM[design.format];
  const scale = h / 88;
  const margin = Math.max(3, 4.5 * scale);
  const header: Rect = { x: 0, y: 0, w, h: Math.max(7.5, 11 * scale) };
  const mrz = layoutMrz(design.format, w, h);
  const content: Rect = { x: margin, y: header.h + 1.5, w: w - 2 * margin, h: mrz.zone.y - 1.5 - (header.h + 1.5) };
  const portraitH = content.h * 0.8;
  const portraitW = portraitH * 0.78;
  const portraitX = design.portraitSide === 'left' ? content.x : content.x + content.w - portraitW;
  const portrait: Rect = { x: portraitX, y: content.y, w: portraitW, h: portraitH };
  const signature: Rect = { x: portraitX - 0.5, y: portrait.y + portrait.h + 0.6, w: portraitW + 1, h: content.h - portraitH - 0.6 };
  const ghost: Rect | null = design.ghost
    ? { x: content.x + content.w - portraitW * 0.42, y: content.y + content.h - portraitH * 0.42, w: portraitW * 0.42, h: portraitH * 0.42 }
    : null;
  const gap = 3 * scale;
  const fieldsLeft = design.portraitSide === 'left' ? portrait.x + portrait.w + gap : content.x;
  const fieldsRight = design.portraitSide === 'left' ? content.x + content.w - (ghost ? ghost.w + gap : 0) : portrait.x - gap;
  const fieldArea: Rect = { x: fieldsLeft, y: content.y, w: fieldsRight - fieldsLeft, h: content.h };
  const emblemR = Math.min(fieldArea.w, content.h) * 0.36;
  return {
    widthMm: w,
    heightMm: h,
    margin,
    header,
    content,
    portrait,
    ghost,
    signature,
    fieldArea,
    slots: layoutSlots(design, fieldArea, scale),
    mrz,
    emblem: { cx: fieldArea.x + fieldArea.w * 0.55, cy: content.y + content.h * 0.5, r: emblemR },
    emblem2: { cx: portrait.x + portrait.w / 2, cy: portrait.y + portrait.h * 0.82, r: portrait.w * 0.3 },
    irBand: design.ir.patternBand ? { x: fieldArea.x, y: content.y + content.h * 0.42, w: fieldArea.w, h: 6 * scale } : null,
  };
}
