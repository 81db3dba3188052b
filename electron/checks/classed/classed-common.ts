// Shared plumbing of the class-specific checks: input requirements, how they word a reason, and
// reading a reference zone in the capture through the identification homography.
import type { Evidence } from '../../contract/examination.contract';
import type { Box, Light } from '../../contract/capture.contract';
import { mapBox } from '../../identify/frame-sample';
import type { CheckInput, Identification, LightImage } from '../check-input';
import type { NotPerformedOptions } from '../check-outcome';

/** The class checks state their reason as the measurement: "Not performed: …". */
export const CLAUSE: NotPerformedOptions = { wording: 'clause' };

/** The identified class and the capture/reference images of the lights a check needs, or why they are missing. */
export function requireInputs(
  input: CheckInput,
  lights: Light[],
): { ok: true; id: Identification; capture: Record<Light, LightImage>; reference: Record<Light, LightImage> } | { ok: false; reason: string } {
  const id = input.identification;
  if (!id) return { ok: false, reason: 'the document was not identified: no reference class to compare with' };
  const capture: Partial<Record<Light, LightImage>> = {};
  const reference: Partial<Record<Light, LightImage>> = {};
  for (const light of lights) {
    const c = input.images[light];
    const r = id.reference[light];
    if (!c) return { ok: false, reason: `no ${light} capture` };
    if (!r) return { ok: false, reason: `the class ${id.cls.id} has no ${light} reference image` };
    if (c.grey.width !== input.images[lights[0]!]!.grey.width || c.grey.height !== input.images[lights[0]!]!.grey.height) {
      return { ok: false, reason: `the ${light} capture does not have the size of the ${lights[0]} capture (one scan pass shares one geometry)` };
    }
    capture[light] = c;
    reference[light] = r;
  }
  return { ok: true, id, capture: capture as Record<Light, LightImage>, reference: reference as Record<Light, LightImage> };
}

/** Evidence box: the reference zone mapped into the capture of that light. */
export function zoneEvidence(id: Identification, light: Light, capture: LightImage, box: Box, note: string): Evidence {
  return { light, region: mapBox(id.homography, box, capture.grey.width, capture.grey.height), note };
}

export function grow(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, w: box.w + 2 * by, h: box.h + 2 * by };
}

export function percentile(values: number[], q: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))]!;
}

export const fmt = (v: number, digits = 2): string => v.toFixed(digits);
