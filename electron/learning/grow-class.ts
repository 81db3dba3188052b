// Growing a learned class: genuine captures added later (a new version). Each new capture is
// identified against the class as it stands and measured by its checks (held-out measurements: the
// reference was not made from it), its lights join the reference images with the class's earlier
// captures weighing as many as they were, and every bound is set again from all the genuine
// measurements, old and new. Zones and expectations stay as the expert left them; the history grows.
import { LoupeError } from '../common/loupe-error';
import type { Box, Light } from '../contract/capture.contract';
import { LIGHTS } from '../contract/capture.contract';
import type { CalibratedBound, DocumentClass } from '../contract/reference.contract';
import type { CheckInput, LightImage } from '../checks/check-input';
import { identifyDocument, isUnknown } from '../identify/identify-document';
import { conformReference } from '../identify/reference-frame';
import { frameLights } from './capture-alignment';
import { calibrate, measureCapture, storedSamples, type Sample } from './calibration';
import type { ClassFrame } from './class-frame';
import { stackMedian, type FramedImage } from './frame-stack';
import { readCaptures, type CaptureFiles, type CaptureReport, type LearnedClass } from './learn-class';
import { encodeReference } from './reference-encoding';

/** Zones whose content is never taken from a capture: a portrait, a personalised header line (learn-class.ts). */
const KEPT_KINDS = new Set(['photo', 'ghost', 'header']);

function beyond(bound: CalibratedBound, value: number): boolean {
  return bound.direction === 'max' ? value > bound.value : value < bound.value;
}

export async function growClass(current: { cls: DocumentClass; reference: Partial<Record<Light, LightImage>> }, captures: CaptureFiles[], author: string, now = new Date()): Promise<LearnedClass> {
  const started = performance.now();
  const { cls } = current;
  if (!cls.learning) throw new LoupeError('common', 'InvalidInput', `class '${cls.id}' was not learned from captures: only a learned class can be grown`);
  if (!captures.length) throw new LoupeError('common', 'InvalidInput', 'give at least one genuine capture to add');
  const lights = LIGHTS.filter((l) => cls.images[l] !== undefined && current.reference[l]);
  const notes: string[] = [];
  for (const light of lights.filter((l) => l !== 'white')) {
    const n = captures.filter((c) => c.paths[light]).length;
    if (n < captures.length) notes.push(`${captures.length - n} of the captures have no ${light.toUpperCase()} image: the ${light.toUpperCase()} reference grows only from those that have one.`);
  }
  const decoded = await readCaptures(captures, lights);
  const reports: CaptureReport[] = decoded.map((c) => ({ name: c.name, lights: LIGHTS.filter((l) => c.images[l]), used: true }));
  const reference: Partial<Record<Light, LightImage>> = {};
  for (const light of lights) reference[light] = conformReference(cls, current.reference[light]!);
  const frame: ClassFrame = { widthMm: cls.size.widthMm, heightMm: cls.size.heightMm, dpi: cls.dpi, width: reference.white!.grey.width, height: reference.white!.grey.height };

  // Each capture as an examination sees it: identified against the class, then measured by its checks.
  const used: { input: CheckInput; framed: Partial<Record<Light, FramedImage>> }[] = [];
  for (const capture of decoded) {
    const report = reports.find((r) => r.name === capture.name)!;
    const found = identifyDocument(capture.images, capture.mrz, [{ cls, reference }]);
    if (isUnknown(found)) {
      report.used = false;
      report.score = found.candidates[0]?.score ?? 0;
      report.reason = `it does not match the class (${found.reason})`;
      continue;
    }
    report.score = found.score;
    used.push({ input: { images: capture.images, mrz: capture.mrz, identification: found }, framed: frameLights(capture.images, found.homography, frame) });
  }
  if (!used.length) throw new LoupeError('common', 'InvalidInput', `none of the captures matches class '${cls.id}': nothing was added`);
  const fresh: Sample[] = used.flatMap(({ input }) => measureCapture(input));
  for (const bound of cls.calibration ?? []) {
    const outside = fresh.filter((s) => s.check === bound.check && s.measure === bound.measure && s.zone === bound.zone && beyond(bound, s.value));
    if (outside.length) notes.push(`${outside.length} new measurement(s) of ${bound.check} ${bound.measure}${bound.zone ? ` (${bound.zone})` : ''} lie beyond the class's bound ${bound.value}: make sure the captures are genuine; the bound is widened to include them.`);
  }

  // Reference images: the old reference weighs as many captures as it was made from.
  const weightOld = cls.learning.captures;
  const personal = cls.zones.filter((z) => z.personal);
  const inside = (boxes: Box[]) => {
    const mask = new Uint8Array(frame.width * frame.height);
    for (const b of boxes) for (let y = Math.max(0, b.y); y < Math.min(frame.height, b.y + b.h); y++) mask.fill(1, y * frame.width + Math.max(0, b.x), y * frame.width + Math.min(frame.width, b.x + b.w));
    return mask;
  };
  const varying = inside(personal.map((z) => z.box));
  const kept = inside(personal.filter((z) => KEPT_KINDS.has(z.kind)).map((z) => z.box));
  const grown: Partial<Record<Light, FramedImage['rgb']>> = {};
  for (const light of lights) {
    const old: FramedImage = { rgb: reference[light]!.rgb, valid: new Uint8Array(frame.width * frame.height).fill(1) };
    const withLight = used.filter((u) => u.framed[light]);
    const rgb = stackMedian([old, ...withLight.map((u) => u.framed[light]!)], [weightOld, ...withLight.map(() => 1)], light === 'uv' ? {} : { varying, rule: 'without-dark' });
    for (let p = 0; p < kept.length; p++) if (kept[p]) rgb.data.set(old.rgb.data.subarray(p * 3, p * 3 + 3), p * 3);
    grown[light] = rgb;
  }

  const total = cls.learning.captures + used.length;
  const learning = { ...cls.learning, captures: total, history: [...cls.learning.history, { version: cls.version + 1, at: now.toISOString(), author, action: 'grown' as const, added: used.length, captures: total }] };
  const stored = storedSamples(cls);
  const recalibrate = (edited: DocumentClass): DocumentClass => ({ ...edited, calibration: calibrate(edited, [...stored, ...fresh]), learning });
  const next = recalibrate({ ...cls, author });
  const images = await encodeReference(grown as Partial<Record<Light, FramedImage['rgb']>> & { white: FramedImage['rgb'] }, cls.dpi);
  return { cls: next, images, recalibrate, report: { captures: reports, notes, ms: Math.round(performance.now() - started) } };
}
