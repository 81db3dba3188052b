// Learning a document class from genuine captures (docs/reference-format.md, "Learned classes"):
// read each capture's MRZ, bring the captures into one frame, build the reference image of each
// light from what they agree on, propose zones where they differ (personal data) and where they
// absorb under infrared or glow under ultraviolet, then calibrate the class checks on the captures.
// The result is a proposal: the expert corrects it before it is saved. The captures themselves are
// never kept; the reference images keep nothing that differs between them.
import { basename } from 'node:path';
import { LoupeError } from '../common/loupe-error';
import type { Box, Light } from '../contract/capture.contract';
import { LIGHTS } from '../contract/capture.contract';
import { isIcaoFormat, type MrzFormat, type MrzReading } from '../contract/mrz.contract';
import { REFERENCE_SCHEMA, type DocumentClass, type ReferenceZone } from '../contract/reference.contract';
import type { CheckInput, LightImage } from '../checks/check-input';
import { decodeCaptureImages } from '../checks/generic/decode-capture';
import { applyH, invertH } from '../identify/homography';
import { identifyDocument, isUnknown } from '../identify/identify-document';
import { readMrzFromImage } from '../mrz/mrz-image-reader';
import { aligned, alignCapture, frameImage, frameLights, type AlignedCapture } from './capture-alignment';
import { calibrate, measureCapture } from './calibration';
import { captureScale, classFrame, frameToCapture, type ClassFrame } from './class-frame';
import { FIELD_LABELS, nameFields } from './field-naming';
import { stackMedian, type FramedImage } from './frame-stack';
import { findIrPrint, findUvFeatures, irExpectation, uvZone } from './light-features';
import { encodeReference } from './reference-encoding';
import { clampBox, type Region } from './personal-regions';
import { personalRegions } from './personal-regions';
import { variationMap, varyingPixels, type VariationMap } from './variation-map';
import { proposeZones } from './zone-proposal';
import { measureIrZone } from '../checks/classed';

/** ICAO 9303 has no minimum, but one capture cannot tell the issuer's print from a holder's data, and two cannot outvote an odd one. */
export const MIN_CAPTURES = 3;
export const MAX_CAPTURES = 50;

export interface CaptureFiles {
  /** The capture's name (its files' common base name); shown in reports, never a path. */
  name: string;
  paths: Partial<Record<Light, string>>;
}

export interface ClassIdentity {
  id: string;
  title: string;
  /** ICAO issuing state; default: the one the captures' MRZ name, when they agree. */
  issuer?: string | null;
  /** MRZ document codes; default: the type letters of the codes the captures carry (ICAO 9303 Part 3: the first character is the type). */
  documentCodes?: string[];
  series?: string;
  author: string;
}

export interface CaptureReport {
  name: string;
  lights: Light[];
  used: boolean;
  /** Why a capture was left out, in plain words. */
  reason?: string;
  /** How well the capture matches the learned class (the identification score an examination would give). */
  score?: number;
}

export interface LearningReport {
  captures: CaptureReport[];
  notes: string[];
  ms: number;
}

export interface LearnedClass {
  cls: DocumentClass;
  images: Partial<Record<Light, Buffer>> & { white: Buffer };
  report: LearningReport;
  /**
   * Calibrates the class again on the same captures, after the expert corrected the proposal (zones
   * added, moved or removed, expectations changed): the bounds then match the class as saved. The
   * captures stay in memory only as long as this function is kept.
   */
  recalibrate(edited: DocumentClass): DocumentClass;
}

export interface DecodedCapture {
  name: string;
  images: Partial<Record<Light, LightImage>>;
  mrz: MrzReading | null;
}

/**
 * A capture file that cannot be read is named by its capture and file name only: the path may be a
 * staging folder of the station, which means nothing to the expert (and is not to be shown).
 */
function captureImageError(name: string, paths: Partial<Record<Light, string>>, err: unknown): unknown {
  if (!(err instanceof LoupeError) || err.domain !== 'imaging') return err;
  const file = Object.values(paths).find((p) => p && err.message.includes(p));
  const what = file ? basename(file) : 'one of its images';
  const why: Record<string, string> = {
    UnsupportedImage: 'is not an image Loupe can decode (damaged, incomplete or of an unknown format)',
    ImageTooLarge: 'is too large',
    ImageNotFound: 'cannot be read',
  };
  return new LoupeError('imaging', err.kind as 'UnsupportedImage', `capture '${name}': ${what} ${why[err.kind] ?? 'cannot be used'}`);
}

/** Decodes each capture's images (the lights given) and reads its MRZ, infrared preferred. */
export async function readCaptures(captures: CaptureFiles[], lights: Light[]): Promise<DecodedCapture[]> {
  const out: DecodedCapture[] = [];
  for (const capture of captures) {
    const paths: Partial<Record<Light, string>> = {};
    for (const light of lights) if (capture.paths[light]) paths[light] = capture.paths[light];
    const images = await decodeCaptureImages(paths).catch((err: unknown) => {
      throw captureImageError(capture.name, paths, err);
    });
    const mrz = await readMrzFromImage(paths.white!, paths.ir ? { irPath: paths.ir } : {});
    out.push({ name: capture.name, images, mrz: mrz.format ? mrz : null });
  }
  return out;
}

function majority<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The lights every capture has (white always): a light some captures lack cannot be learned. */
export function sharedLights(captures: CaptureFiles[], notes: string[]): Light[] {
  const lights: Light[] = ['white'];
  for (const light of ['ir', 'uv'] as const) {
    const n = captures.filter((c) => c.paths[light]).length;
    if (n === captures.length) lights.push(light);
    else if (n > 0) notes.push(`Only ${n} of ${captures.length} captures have a ${light.toUpperCase()} image: the class is learned without ${light.toUpperCase()}, and its ${light.toUpperCase()} checks will say so.`);
  }
  return lights;
}

export function checkCaptureCount(n: number): void {
  if (n < MIN_CAPTURES) throw new LoupeError('common', 'InvalidInput', `learning a class needs at least ${MIN_CAPTURES} genuine captures (got ${n})`);
  if (n > MAX_CAPTURES) throw new LoupeError('common', 'InvalidInput', `at most ${MAX_CAPTURES} captures can be learned at once (got ${n})`);
}

/** The MRZ zone: where the reader found the lines on each capture, mapped into the frame (median edges). */
function mrzBox(captures: { capture: DecodedCapture; alignedCapture: AlignedCapture }[], frame: ClassFrame): Box | null {
  const boxes: Box[] = [];
  for (const { capture, alignedCapture } of captures) {
    const g = capture.mrz?.geometry;
    if (!g) continue;
    const toFrame = invertH(alignedCapture.homography);
    const pts = g.lines.flatMap((l) => [l.first, l.last]).map(([x, y]) => applyH(toFrame, x, y));
    const pitch = (g.pitchPx / Math.sqrt(Math.abs(alignedCapture.homography[0]! * alignedCapture.homography[4]! - alignedCapture.homography[1]! * alignedCapture.homography[3]!))) || 1;
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    // Character cells: half a pitch beyond the first and last centres; the glyphs reach ≈ 0.6 pitch above and below a line's centre.
    boxes.push({ x: Math.min(...xs) - 0.9 * pitch, y: Math.min(...ys) - 0.9 * pitch, w: Math.max(...xs) - Math.min(...xs) + 1.8 * pitch, h: Math.max(...ys) - Math.min(...ys) + 1.8 * pitch });
  }
  if (!boxes.length) return null;
  const med = (f: (b: Box) => number) => {
    const s = boxes.map(f).sort((a, b) => a - b);
    return s[s.length >> 1]!;
  };
  const x0 = med((b) => b.x);
  const y0 = med((b) => b.y);
  return clampBox({ x: x0, y: y0, w: med((b) => b.x + b.w) - x0, h: med((b) => b.y + b.h) - y0 }, frame.width, frame.height);
}

/** Flattens the differing pixels of a zone to its median colour: a portrait that changes per holder is not kept. */
function flatten(rgb: { data: Uint8Array; width: number }, box: Box, varying: Uint8Array): void {
  const cols: number[][] = [[], [], []];
  for (let y = box.y; y < box.y + box.h; y++) for (let x = box.x; x < box.x + box.w; x++) for (let c = 0; c < 3; c++) cols[c]!.push(rgb.data[(y * rgb.width + x) * 3 + c]!);
  const fill = cols.map((v) => v.sort((a, b) => a - b)[v.length >> 1] ?? 255);
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const p = y * rgb.width + x;
      if (!varying[p]) continue;
      for (let c = 0; c < 3; c++) rgb.data[p * 3 + c] = fill[c]!;
    }
  }
}

export interface FramedSet {
  frame: ClassFrame;
  used: { capture: DecodedCapture; alignedCapture: AlignedCapture }[];
  reports: CaptureReport[];
  map: VariationMap;
  regions: Region[];
  white: FramedImage['rgb'];
}

/** Frames the captures: outline and scale, a first alignment to the first capture, a second to the median of all. */
function frameCaptures(captures: DecodedCapture[], format: MrzFormat, reports: CaptureReport[]): FramedSet {
  const scales = captures.map((c) => captureScale(c.images.white!, c.mrz, format));
  const frame = classFrame(scales, format);
  const h0 = frameToCapture(scales[0]!, frame, captures[0]!.images.white!);
  const first = frameLights(captures[0]!.images, h0, frame);
  const anchor = frameImage('white', first.white!.rgb, frame);
  let used = captures.map((capture, i) => ({ capture, alignedCapture: i === 0 ? { homography: h0, framed: first, patches: Number.POSITIVE_INFINITY, residualPx: 0 } : alignCapture(capture.images, anchor, frame, []) }));
  const drop = (keep: (a: AlignedCapture) => boolean, why: string) => {
    for (const u of used) {
      if (keep(u.alignedCapture)) continue;
      const r = reports.find((x) => x.name === u.capture.name)!;
      r.used = false;
      r.reason = why;
    }
    used = used.filter((u) => keep(u.alignedCapture));
  };
  drop(aligned, 'it could not be aligned with the first capture: another design, or a page turned or cut off');
  if (used.length < MIN_CAPTURES) throw new LoupeError('common', 'InvalidInput', `only ${used.length} of the captures align with each other; at least ${MIN_CAPTURES} of one design are needed`);
  const weights = used.map(() => 1);
  const white1 = stackMedian(used.map((u) => u.alignedCapture.framed.white!), weights);
  const median = frameImage('white', white1, frame);
  used = used.map((u) => ({ capture: u.capture, alignedCapture: alignCapture(u.capture.images, median, frame, []) }));
  drop(aligned, 'it could not be aligned with the other captures');
  if (used.length < MIN_CAPTURES) throw new LoupeError('common', 'InvalidInput', `only ${used.length} of the captures align with each other; at least ${MIN_CAPTURES} of one design are needed`);
  const white = stackMedian(used.map((u) => u.alignedCapture.framed.white!), used.map(() => 1));
  const map = variationMap(used.map((u) => u.alignedCapture.framed.white!), white, frame.dpi);
  // A capture that differs from the others over much of the page is not of this design (or moved).
  const outliers = used.filter((_, i) => map.shares[i]! > 0.45);
  if (outliers.length && used.length - outliers.length >= MIN_CAPTURES) {
    drop((a) => !outliers.some((o) => o.alignedCapture === a), 'it differs from the other captures over most of the page');
    return frameCaptures(used.map((u) => u.capture), format, reports);
  }
  return { frame, used, reports, map, regions: personalRegions(map), white };
}

export async function learnClass(captures: CaptureFiles[], identity: ClassIdentity, now = new Date()): Promise<LearnedClass> {
  const started = performance.now();
  checkCaptureCount(captures.length);
  const notes: string[] = [];
  const lights = sharedLights(captures, notes);
  const decoded = await readCaptures(captures, lights);
  const reports: CaptureReport[] = decoded.map((c) => ({ name: c.name, lights: LIGHTS.filter((l) => c.images[l]), used: true }));
  const formats = decoded.map((c) => c.mrz?.format).filter((f): f is MrzFormat => !!f && isIcaoFormat(f));
  const format = majority(formats);
  if (!format) throw new LoupeError('common', 'InvalidInput', 'the MRZ could not be read on any capture: Loupe needs it to tell the document format and to place the MRZ zone');
  let usable = decoded.filter((c) => !c.mrz || c.mrz.format === format);
  for (const c of decoded.filter((d) => !usable.includes(d))) Object.assign(reports.find((r) => r.name === c.name)!, { used: false, reason: `its MRZ is ${c.mrz?.format}, the others ${format}` });
  if (usable.length < MIN_CAPTURES) throw new LoupeError('common', 'InvalidInput', `only ${usable.length} captures carry a ${format} MRZ; at least ${MIN_CAPTURES} are needed`);
  usable = usable.sort((a, b) => Number(!!b.mrz?.geometry) - Number(!!a.mrz?.geometry));

  const set = frameCaptures(usable, format, reports);
  const { frame, used } = set;
  const proposal = proposeZones({ frame, white: frameImage('white', set.white, frame).grey, whiteRgb: set.white, map: set.map, regions: set.regions, mrz: mrzBox(used, frame) });
  notes.push(...proposal.notes);
  let zones = proposal.zones;

  // Reference images: the median where the captures agree; where they differ, in white and infrared
  // light only what lies under the personal data (its dark ink left out). Under ultraviolet the
  // median already drops the random fibres, and dropping dark values there would also drop a
  // fluorescent feature wherever a value is printed over it.
  const varying = varyingPixels(set.map, frame.width, frame.height);
  const reference: Partial<Record<Light, FramedImage['rgb']>> = {};
  for (const light of lights) {
    reference[light] = stackMedian(used.map((u) => u.alignedCapture.framed[light]!), used.map(() => 1), light === 'uv' ? {} : { varying, rule: 'without-dark' });
  }
  // A portrait, or light print on a dark band (a personalised header line), keeps nothing of any capture.
  for (const zone of zones.filter((z) => z.kind === 'photo' || z.kind === 'ghost' || z.kind === 'header')) for (const light of lights) flatten(reference[light]!, zone.box, varying);
  const refImages: Partial<Record<Light, LightImage>> = {};
  for (const light of lights) refImages[light] = frameImage(light, reference[light]!, frame);

  const issuer = identity.issuer !== undefined ? identity.issuer : (() => {
    const issuers = [...new Set(used.map((u) => u.capture.mrz?.fields.issuingState).filter((s): s is string => !!s))];
    if (issuers.length > 1) notes.push(`The captures carry ${issuers.length} issuing states (${issuers.join(', ')}): the class is for any issuer.`);
    return issuers.length === 1 ? issuers[0]! : null;
  })();
  const codes = identity.documentCodes?.length
    ? identity.documentCodes
    : [...new Set(used.map((u) => u.capture.mrz?.fields.documentCode?.[0]).filter((c): c is string => !!c && /[A-Z]/.test(c)))];
  const draft = (z: ReferenceZone[]): DocumentClass => ({
    schema: REFERENCE_SCHEMA,
    id: identity.id,
    issuer,
    documentType: identity.title,
    documentCodes: codes.length ? codes : ['P'],
    series: identity.series ?? now.toISOString().slice(0, 4),
    validFrom: now.toISOString().slice(0, 10),
    validTo: null,
    format,
    size: { widthMm: frame.widthMm, heightMm: frame.heightMm },
    dpi: frame.dpi,
    images: { white: 'white.png', ...(lights.includes('ir') ? { ir: 'ir.png' } : {}), ...(lights.includes('uv') ? { uv: 'uv.png' } : {}) },
    zones: z,
    status: 'active',
    version: 1,
    updatedAt: now.toISOString(),
    author: identity.author,
  });

  // Each capture as an examination would see it: identified against the draft class.
  const inputs: { input: CheckInput; mrz: MrzReading | null; name: string }[] = [];
  const identifyAll = (cls: DocumentClass) => {
    inputs.length = 0;
    for (const { capture } of used) {
      const found = identifyDocument(capture.images, capture.mrz, [{ cls, reference: refImages }]);
      const report = reports.find((r) => r.name === capture.name)!;
      if (isUnknown(found)) {
        report.score = found.candidates[0]?.score ?? 0;
        continue;
      }
      report.score = found.score;
      inputs.push({ input: { images: capture.images, mrz: capture.mrz, identification: found }, mrz: capture.mrz, name: capture.name });
    }
  };
  identifyAll(draft(zones));

  const named = await nameFields(inputs, zones);
  zones = zones.map((z) => {
    const field = named.fields.get(z.id);
    if (field) return { ...z, id: `field-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, label: FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? z.label, field };
    if (named.illegible.has(z.id) && z.box.h >= (5 / 25.4) * frame.dpi) return { ...z, id: z.id.replace(/^field-/, 'signature-'), kind: 'signature', label: "Holder's signature" };
    return z;
  });

  // Infrared: each personal zone's ink absorbs or drops out; fixed print that absorbs is a feature.
  if (lights.includes('ir')) {
    const probe = draft(zones);
    zones = zones.map((zone) => {
      if (zone.kind === 'signature' || zone.kind === 'header') return zone;
      const ratios = inputs.map(({ input }) => measureIrZone({ ...input.identification!, cls: probe }, input.images.white!, input.images.ir!, zone)).filter((m) => m.ink >= 20).map((m) => m.ratio);
      const ir = irExpectation(ratios);
      return ir ? { ...zone, expect: { ...zone.expect, ir } } : zone;
    });
    const personal = zones.filter((z) => z.personal).map((z) => z.box);
    findIrPrint(frame, reference.ir!, personal).forEach((box, i) => {
      zones.push({ id: `ir-print-${i + 1}`, kind: 'ir-feature', label: `Print in IR-absorbing ink ${i + 1}`, box, personal: false, expect: { ir: 'visible', white: { fixedPattern: true } } });
    });
  } else notes.push('No infrared captures: the class has no IR expectations and its IR checks will not be performed.');

  if (lights.includes('uv')) {
    const features = findUvFeatures(frame, reference.uv!, used.map((u) => u.alignedCapture.framed.uv!), set.map);
    features.forEach((f, i) => zones.push(uvZone(`uv-feature-${i + 1}`, f.fixed ? `Fluorescent feature ${i + 1}` : `Personalised fluorescent print ${i + 1}`, f)));
  } else notes.push('No ultraviolet captures: the class has no UV expectations and its UV checks will not be performed.');

  zones.unshift({ id: 'pattern', kind: 'pattern', label: 'Fixed print (everything outside the personal zones)', box: { x: 0, y: 0, w: frame.width, h: frame.height }, personal: false, expect: { white: { fixedPattern: true } } });
  zones = uniqueIds(zones);

  // Calibration on the captures, identified against the class as it stands.
  const learning = { captures: used.length, lights, history: [{ version: 1, at: now.toISOString(), author: identity.author, action: 'learned' as const, added: used.length, captures: used.length }] };
  const recalibrate = (edited: DocumentClass): DocumentClass => {
    identifyAll(edited);
    const samples = inputs.flatMap(({ input }) => measureCapture(input));
    return { ...edited, calibration: calibrate(edited, samples), learning };
  };
  const cls = recalibrate(draft(zones));
  for (const r of reports.filter((x) => x.used && (x.score ?? 0) < 0.3)) notes.push(`Capture ${r.name} matches the learned class only weakly (score ${r.score?.toFixed(2)}): check it is of this design.`);

  const images = await encodeReference(reference as Partial<Record<Light, FramedImage['rgb']>> & { white: FramedImage['rgb'] }, frame.dpi);
  return { cls, images, recalibrate, report: { captures: reports, notes, ms: Math.round(performance.now() - started) } };
}

/** Zone ids are unique within a class: a second 'field-surname' becomes 'field-surname-2'. */
export function uniqueIds(zones: ReferenceZone[]): ReferenceZone[] {
  const seen = new Set<string>();
  return zones.map((z) => {
    let id = z.id;
    for (let k = 2; seen.has(id); k++) id = `${z.id}-${k}`;
    seen.add(id);
    return id === z.id ? z : { ...z, id };
  });
}
