// Turns a genuine page into a forged one of a given kind: the page content gets a print variant
// (see PrintVariant), the data may change, and the ground truth says what was done, which checks
// must fire and where. Everything the forgery does not touch stays exactly as on the genuine page.
import type { Light } from '../contract/capture.contract';
import { MRZ_GEOMETRY } from '../contract/mrz.contract';
import type { ForgeryKind } from '../contract/specimen.contract';
import { assertNever } from '../common/loupe-error';
import { CHECK_IDS } from '../checks/check-ids';
import { alterBirth, alterDocumentNumber, alterExpiry, alterSurname, type AlterableField } from './forgery-data';
import { BASE_EXPECTED_CHECKS } from './forgery-kinds';
import { pastePhoto } from './forgery-photo';
import type { HolderData } from './holder-data';
import { encodeMrz, type EncodedMrz } from './mrz-encoder';
import { MRZ_CAP_HEIGHT_MM, type Rect } from './page-layout';
import type { Rng } from './prng';
import type { SpecimenDesign, VizField } from './specimen-designs';
import { vizDate } from './specimen-dates';
import type { PageContent, PrintVariant } from './specimen-svg';
import { OCRB_FONT, OCRB_CENTRE_EM } from './svg-parts';

/** Where a defect is: a truth region id (resolved after the regions are built) or a box in mm. */
export interface AffectedSpec {
  light: Light;
  note: string;
  region?: string;
  mm?: Rect;
}

export interface ForgeryPlan {
  content: PageContent;
  mrz: EncodedMrz;
  /** Gaussian blur (px at the render dpi) of the white and IR images: a desktop inkjet print. */
  soften: number | null;
  description: string;
  expectedChecks: string[];
  affected: AffectedSpec[];
}

export interface ForgeryInput {
  kind: ForgeryKind;
  rng: Rng;
  design: SpecimenDesign;
  claimed: SpecimenDesign;
  data: HolderData;
  mrz: EncodedMrz;
  content: PageContent;
}

type PlanPart = Partial<ForgeryPlan> & { variant: PrintVariant };

const grey = (v: number): string => `#${Math.round(v).toString(16).padStart(2, '0').repeat(3)}`;
const hex = (r: number, g: number, b: number): string => `#${[r, g, b].map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('')}`;
const page = (c: PageContent): Rect => ({ x: 0, y: 0, w: c.layout.widthMm, h: c.layout.heightMm });

function ordinaryPaper(input: ForgeryInput): PlanPart {
  const { rng, design, content } = input;
  // Office paper with optical brighteners: a blue-white glow, target luminance 150–220.
  const target = rng.range(150, 220);
  // Colour (0.86, 0.99, 1.3)·k, blue clipped at 255; k solves Rec. 709 luminance = target.
  let k = target / (0.2126 * 0.86 + 0.7152 * 0.99 + 0.0722 * 1.3);
  if (1.3 * k > 255) k = (target - 0.0722 * 255) / (0.2126 * 0.86 + 0.7152 * 0.99);
  const uvPaper = hex(0.86 * k, 0.99 * k, 1.3 * k);
  const affected: AffectedSpec[] = [{ light: 'uv', mm: page(content), note: `substrate fluoresces blue-white (optical brighteners, ${uvPaper}, luminance ≈ ${Math.round(target)})` }];
  affected.push({ light: 'uv', region: 'uv-emblem', note: `UV emblem (${design.uv.emblem.name}) missing` });
  if (design.uv.emblem2) affected.push({ light: 'uv', region: 'uv-emblem-2', note: `portrait overlay emblem (${design.uv.emblem2.name}) missing` });
  if (design.uv.numberInk && content.uvNumber) affected.push({ light: 'uv', region: 'uv-number', note: 'fluorescent document number missing' });
  if (design.uv.fibreCount > 0) affected.push({ light: 'uv', mm: page(content), note: `no fluorescent fibres (design: ${design.uv.fibreCount})` });
  return {
    variant: { uvPaper },
    soften: rng.range(0.5, 0.8) * ((content.widthPx / content.layout.widthMm) * (25.4 / 300)),
    description: `counterfeit printed on ordinary office paper: substrate glows under UV (luminance ≈ ${Math.round(target)}), no UV emblem, fibres or fluorescent number; inkjet-soft print`,
    affected,
  };
}

function mrzNonB900(input: ForgeryInput): PlanPart {
  const level = input.rng.int(222, 236);
  return {
    variant: { mrzIrInk: grey(level) },
    description: `MRZ printed with an ink that does not absorb at B900: in IR it drops out (grey ${level} on paper 241)`,
    affected: [{ light: 'ir', region: 'mrz', note: `MRZ nearly invisible in IR (ink ${grey(level)})` }],
  };
}

function photoSubstitution(input: ForgeryInput): PlanPart {
  const { rng, design, content } = input;
  const { layout } = content;
  const paper = hex(...[1, 3, 5].map((i) => Math.min(255, Number.parseInt(design.palette.paper.slice(i, i + 2), 16) + 4)) as [number, number, number]);
  const pasted = pastePhoto(rng, layout, content.pattern, paper);
  const shift = `${pasted.patternShift.x.toFixed(1)}, ${pasted.patternShift.y.toFixed(1)} mm`;
  const affected: AffectedSpec[] = [
    { light: 'white', mm: pasted.bounds, note: `pasted portrait of another person: cut edge with shadow, rotated ${pasted.angleDeg.toFixed(1)}°` },
    { light: 'white', mm: pasted.frame, note: `background print around the portrait reprinted shifted by (${shift}): lines break at the cut` },
  ];
  const expectedChecks = [...BASE_EXPECTED_CHECKS['photo-substitution']];
  if (layout.ghost) affected.push({ light: 'white', region: 'ghost', note: 'ghost image still shows the original holder' });
  if (design.ir.portrait) {
    affected.push({ light: 'ir', mm: pasted.bounds, note: 'portrait on photo paper: IR-transparent where the genuine carbon portrait absorbs' });
    expectedChecks.push(CHECK_IDS.irFeatures);
  }
  if (design.uv.emblem2) {
    affected.push({ light: 'uv', region: 'uv-emblem-2', note: 'portrait overlay emblem covered by the pasted photo' });
    expectedChecks.push(CHECK_IDS.uvFeatures);
  }
  return {
    variant: { overlay: pasted.overlay },
    description: `photo substitution: another portrait glued over the original (edge shadow, background lines shifted by ${shift}${layout.ghost ? ', ghost image unchanged' : ''})`,
    expectedChecks,
    affected,
  };
}

function alterableFields(content: PageContent, choices: AlterableField[]): AlterableField[] {
  return choices.filter((field) => content.printed[field] !== undefined);
}

function newValue(rng: Rng, field: AlterableField, data: HolderData): { viz: string; data: Partial<HolderData> } {
  switch (field) {
    case 'documentNumber': {
      const documentNumber = alterDocumentNumber(rng, data.documentNumber);
      return { viz: documentNumber, data: { documentNumber } };
    }
    case 'surname': {
      const surname = alterSurname(rng, data.surname);
      return { viz: surname, data: { surname } };
    }
    case 'birthDate': {
      const birth = alterBirth(rng, data);
      return { viz: vizDate(birth), data: { birth } };
    }
    case 'expiryDate': {
      const expiry = alterExpiry(rng, data);
      return { viz: vizDate(expiry), data: { expiry } };
    }
    default:
      return assertNever(field, 'field');
  }
}

function vizAlteration(input: ForgeryInput): PlanPart {
  const { rng, content, data } = input;
  const field = rng.pick(alterableFields(content, ['documentNumber', 'surname', 'birthDate', 'expiryDate']));
  const was = content.printed[field] as string;
  const changed = newValue(rng, field, data).viz;
  const slot = content.layout.slots.find((s) => s.field === field);
  // Chemical erasure leaves a bleached, slightly yellowed patch where the old value was.
  const erased: Rect | null = slot ? { x: slot.valueX - 0.4, y: slot.valueY - slot.valueSize * 1.05, w: slot.maxWidth * 0.85, h: slot.valueSize * 1.45 } : null;
  const patch = erased
    ? `<defs><filter id="fgy-erase"><feGaussianBlur stdDeviation="0.35"/></filter></defs><rect x="${erased.x}" y="${erased.y}" width="${erased.w}" height="${erased.h}" fill="#fffbef" fill-opacity="0.55" filter="url(#fgy-erase)"/>`
    : '';
  return {
    variant: { underlay: { white: patch }, valueInk: { [field]: '#262633' } as Partial<Record<VizField, string>> },
    content: { ...content, printed: { ...content.printed, [field]: changed } },
    description: `VIZ ${field} altered from '${was}' to '${changed}' (erased and re-printed); the MRZ keeps the original`,
    // The data no longer match the MRZ, and the bleached patch is a physical trace of its own.
    expectedChecks: erased ? [CHECK_IDS.vizMrz, CHECK_IDS.vizErasure] : [CHECK_IDS.vizMrz],
    affected: [
      erased
        ? { light: 'white', mm: erased, note: `VIZ ${field} erased and re-printed: reads '${changed}', the MRZ encodes '${was}'` }
        : { light: 'white', region: `field-${field}`, note: `VIZ ${field} reads '${changed}', the MRZ encodes '${was}'` },
      { light: 'white', region: 'mrz', note: 'MRZ unchanged (original data)' },
    ],
  };
}

function mrzAlteration(input: ForgeryInput): PlanPart {
  const { rng, content, data, design } = input;
  const field = rng.pick(alterableFields(content, ['documentNumber', 'birthDate', 'expiryDate']));
  const altered = { ...data, ...newValue(rng, field, data).data };
  const mrz = encodeMrz(design.format, altered);
  const was = input.mrz.fields[field];
  const now = mrz.fields[field];
  const line = design.format === 'TD1' && field === 'documentNumber' ? 1 : 2;
  return {
    variant: {},
    mrz,
    content: { ...content, mrzLines: mrz.lines },
    description: `MRZ ${field} altered from ${was} to ${now} with recomputed check digits; the VIZ keeps the original`,
    affected: [
      { light: 'white', region: `mrz-line-${line}`, note: `MRZ ${field} ${now} (check digits recomputed)` },
      { light: 'white', region: `field-${field}`, note: `VIZ ${field} still shows the original '${content.printed[field] ?? ''}'` },
    ],
  };
}

/** DejaVu Sans Mono: advance 0.602 em, cap height 0.729 em (font metrics, units per em 2048). */
const MONO = { family: 'DejaVu Sans Mono', centreEm: 0.301, advanceEm: 0.602, capEm: 0.729 };

function mrzWrongFont(input: ForgeryInput): PlanPart {
  const { rng, content, design } = input;
  const m = content.layout.mrz;
  const { chars } = MRZ_GEOMETRY[design.format];
  const mode = rng.pick(['font', 'spacing', 'both'] as const);
  let pitch = m.pitch;
  let left = m.left;
  if (mode !== 'font') {
    // Wrong spacing: 2.3–2.4 mm or 2.7–2.8 mm instead of 2.54 mm; a wide line must still fit the page.
    const wide = rng.range(2.7, 2.8);
    const fitLeft = Math.min(m.left, content.layout.widthMm - 1.5 - chars * wide);
    const narrow = rng.range(2.3, 2.4);
    if (rng.chance(0.5) && fitLeft >= 2) [pitch, left] = [wide, fitLeft];
    else pitch = narrow;
  }
  // A re-typed line: a typewriter-style monospace at 10 cpi ('font'), or at OCR-B's size ('both').
  const face = mode === 'spacing' ? { family: OCRB_FONT, centreEm: OCRB_CENTRE_EM } : MONO;
  const fontSize = mode === 'spacing' ? m.fontSize : mode === 'font' ? m.pitch / MONO.advanceEm : MRZ_CAP_HEIGHT_MM / MONO.capEm;
  const box: Rect = { x: left - 1.2, y: m.box.y - (fontSize * 0.73 - MRZ_CAP_HEIGHT_MM), w: chars * pitch + 2.4, h: m.box.h + Math.max(0, fontSize * 0.73 - MRZ_CAP_HEIGHT_MM) };
  const what = mode === 'spacing' ? `OCR-B at ${pitch.toFixed(2)} mm pitch` : `${MONO.family} ${fontSize.toFixed(2)} mm at ${pitch.toFixed(2)} mm pitch`;
  return {
    variant: { mrzType: { ...face, fontSize, pitch, left } },
    description: `MRZ re-typed: ${what} (ICAO: OCR-B size 1 at 2.54 mm); data and check digits valid`,
    affected: [
      { light: 'white', mm: box, note: `MRZ set in ${what}` },
      { light: 'ir', mm: box, note: `MRZ set in ${what}` },
    ],
  };
}

function missingIrFeature(input: ForgeryInput): PlanPart {
  const { rng, content, design } = input;
  type Zone = { kind: 'field'; field: VizField } | { kind: 'band' } | { kind: 'portrait' };
  const zones: Zone[] = design.ir.fields.filter((field) => content.printed[field]).map((field) => ({ kind: 'field' as const, field }));
  if (content.layout.irBand) zones.push({ kind: 'band' });
  if (design.ir.portrait) zones.push({ kind: 'portrait' });
  const zone = rng.pick(zones);
  const irMissing = { fields: zone.kind === 'field' ? [zone.field] : [], band: zone.kind === 'band', portrait: zone.kind === 'portrait' };
  const name = zone.kind === 'field' ? zone.field : zone.kind === 'band' ? 'IR guilloche band' : 'portrait';
  const affected: AffectedSpec[] =
    zone.kind === 'field'
      ? [{ light: 'ir', region: `ir-${zone.field}`, note: `${zone.field} printed in IR-transparent ink: vanishes in IR` }]
      : zone.kind === 'band'
        ? [{ light: 'ir', region: 'ir-band', note: 'guilloche band printed in IR-transparent ink: vanishes in IR' }]
        : [{ light: 'ir', region: 'ir-photo', note: 'portrait printed without carbon: vanishes in IR' }];
  if (zone.kind === 'portrait' && content.layout.ghost) affected.push({ light: 'ir', region: 'ir-ghost', note: 'ghost portrait printed without carbon: vanishes in IR' });
  return { variant: { irMissing }, description: `${name} printed in IR-transparent ink although the design prints it IR-absorbing`, affected };
}

function otherSeries(input: ForgeryInput): PlanPart {
  const { design, claimed, data, content } = input;
  const code = data.documentCode.replace(/<+$/, '');
  return {
    variant: {},
    description: `page of series ${design.id} carrying an MRZ with document code ${code}, which only ${claimed.id} uses`,
    affected: [
      { light: 'white', mm: page(content), note: `background, colours and layout of ${design.id}, not of ${claimed.id}` },
      { light: 'white', region: 'mrz', note: `MRZ document code ${code} claims ${claimed.id}` },
    ],
  };
}

function planPart(input: ForgeryInput): PlanPart {
  const { kind } = input;
  switch (kind) {
    case 'ordinary-paper':
      return ordinaryPaper(input);
    case 'mrz-non-b900':
      return mrzNonB900(input);
    case 'photo-substitution':
      return photoSubstitution(input);
    case 'viz-alteration':
      return vizAlteration(input);
    case 'mrz-alteration':
      return mrzAlteration(input);
    case 'mrz-wrong-font':
      return mrzWrongFont(input);
    case 'missing-ir-feature':
      return missingIrFeature(input);
    case 'other-series':
      return otherSeries(input);
    default:
      return assertNever(kind, 'forgery kind');
  }
}

export function planForgery(input: ForgeryInput): ForgeryPlan {
  const { kind } = input;
  const part = planPart(input);
  const content = part.content ?? input.content;
  return {
    content: { ...content, variant: part.variant },
    mrz: part.mrz ?? input.mrz,
    soften: part.soften ?? null,
    description: part.description ?? kind,
    expectedChecks: part.expectedChecks ?? [...BASE_EXPECTED_CHECKS[kind]],
    affected: part.affected ?? [],
  };
}
