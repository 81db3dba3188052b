// Document identification: the MRZ narrows the library to candidate classes (issuer, document
// code, format — done by the caller); the page itself picks the series. Each candidate's white
// reference is aligned onto the capture and compared over its non-personal print.
import type { LightImage } from '../imaging/light-image';
import type { Identification } from './identification';
import type { MrzReading } from '../contract/mrz.contract';
import type { DocumentClass } from '../contract/reference.contract';
import type { Light } from '../contract/capture.contract';
import { LoupeError } from '../common/loupe-error';
import { alignToReference, type Alignment } from './align';
import { meanTileScore, tileCorrelation } from './tile-correlation';
import { conformReference, personalBoxes } from './reference-frame';

export interface Candidate {
  cls: DocumentClass;
  reference: Partial<Record<Light, LightImage>>;
}

export interface CandidateScore {
  id: string;
  score: number;
  /** Why the candidate could not be compared (missing or malformed reference image). */
  error?: string;
}

export interface UnknownDocument {
  unknown: true;
  reason: string;
  candidates: CandidateScore[];
  /**
   * A class of the library the page does match although the MRZ does not claim it (another document
   * type or series of the issuer): the page and its MRZ disagree. Absent when no other class matches.
   */
  matches?: { id: string; label: string; score: number };
}

/**
 * Score at or above which the page is accepted as the class. Measured on the bench corpus against
 * the built-in classes (100 genuine captures per level, every design, 4 mm tiles): genuine pages
 * score ≥ 0.99 clean, ≥ 0.82 light (median 0.90), ≥ 0.58 heavy (median 0.78); a page of another
 * series under the claimed class (other-series forgeries, 39) scores ≤ 0.054.
 */
export const IDENTIFICATION_THRESHOLD = 0.3;

export function isUnknown(result: Identification | UnknownDocument): result is UnknownDocument {
  return 'unknown' in result;
}

interface Scored {
  candidate: Candidate;
  reference: Partial<Record<Light, LightImage>>;
  alignment: Alignment;
  score: number;
}

function conformAll(cls: DocumentClass, reference: Partial<Record<Light, LightImage>>): Partial<Record<Light, LightImage>> {
  const out: Partial<Record<Light, LightImage>> = {};
  for (const [light, image] of Object.entries(reference) as [Light, LightImage | undefined][]) {
    if (image) out[light] = conformReference(cls, image);
  }
  return out;
}

export function identifyDocument(images: Partial<Record<Light, LightImage>>, mrz: MrzReading | null, candidates: Candidate[]): Identification | UnknownDocument {
  const capture = images.white;
  const claimed = mrz?.format ? `${mrz.format} ${mrz.fields.documentCode ?? ''} ${mrz.fields.issuingState ?? ''}`.replace(/\s+/g, ' ').trim() : 'no MRZ';
  if (!capture) return { unknown: true, reason: 'no white-light image to compare with the reference library', candidates: [] };
  if (candidates.length === 0) return { unknown: true, reason: `no reference class for this document (${claimed}): unknown or unregistered series`, candidates: [] };
  const scored: Scored[] = [];
  const report: CandidateScore[] = [];
  for (const candidate of candidates) {
    try {
      const reference = conformAll(candidate.cls, candidate.reference);
      if (!reference.white) throw new LoupeError('identify', 'InvalidInput', `class ${candidate.cls.id} has no white-light reference image`);
      const personal = personalBoxes(candidate.cls);
      const alignment = alignToReference(capture, reference.white, { dpi: candidate.cls.dpi, personal });
      const score = meanTileScore(tileCorrelation(capture, reference.white, alignment.homography, personal, candidate.cls.dpi));
      scored.push({ candidate, reference, alignment, score });
      report.push({ id: candidate.cls.id, score: round(score) });
    } catch (err) {
      if (!(err instanceof LoupeError)) throw err;
      report.push({ id: candidate.cls.id, score: 0, error: err.message });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  report.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < IDENTIFICATION_THRESHOLD) {
    const why = best ? `best match ${best.candidate.cls.id} scores ${round(best.score)} < ${IDENTIFICATION_THRESHOLD}` : 'no candidate could be compared';
    return { unknown: true, reason: `no reference class matches (${why}): unknown or unregistered series`, candidates: report };
  }
  return { cls: best.candidate.cls, reference: best.reference, homography: best.alignment.homography, score: round(best.score), candidates: report };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
