// The one shape of a check (docs/ARCHITECTURE.md §3): what it is called, which layer of the verdict
// it reports in, what a genuine document shows, which evidence it reads and what of it it needs,
// and a function from that evidence to a CheckResult. Every check is registered once, in
// check-registry.ts; results that cannot be measured are built with check-outcome.ts.
import type { CheckResult, Layer } from '../contract/examination.contract';
import type { FaceSection } from '../contract/face.contract';
import type { MrzReading } from '../contract/mrz.contract';
import type { Light } from '../contract/capture.contract';
import type { CheckInput } from './check-input';

/** What the examination knows about its capture beyond the images: which layers it could examine at all. */
export interface CaptureInputs {
  lights: Light[];
  chipRead: boolean;
  /** The security-feature checks ran (they report the physical layer themselves). */
  securityChecks: boolean;
}

/**
 * The evidence a check reads. Each becomes available at its own point of the examination: the MRZ
 * reading first, then the decoded capture with its identification, then what was captured; the face
 * section only when the portraits have been analysed (and again after every new live capture).
 */
export interface CheckEvidence {
  /** The MRZ reading, or null when no MRZ source was available. */
  mrz: MrzReading | null;
  /** The capture decoded once, the MRZ reading with its page geometry, the identified class. */
  document: CheckInput;
  /** The lights captured, whether a chip was read and the security-feature checks ran. */
  capture: CaptureInputs;
  /** The portraits and their comparisons; null before the face analysis. */
  face: FaceSection | null;
}

export type EvidenceKind = keyof CheckEvidence;

/** What a check of the capture needs in it; without it the check is not performed (never pass, never fail). */
export interface CaptureNeeds {
  lights: Light[];
  /** The document matched a class of the reference library. */
  identified: boolean;
  /** An MRZ was read. */
  mrz: boolean;
}

export type CheckNeeds<K extends EvidenceKind> = { evidence: K } & (K extends 'document' ? CaptureNeeds : unknown);

/**
 * A check's result for its evidence. Checks of the capture may wait on an OCR worker and always
 * report; the others are plain functions of their evidence and return null where they do not apply
 * (no MRZ-correction check for a reading without corrections, no ghost comparison without a ghost image).
 */
export type CheckOutput<K extends EvidenceKind> = K extends 'document' ? CheckResult | Promise<CheckResult> : CheckResult | null;

export interface Check<K extends EvidenceKind = EvidenceKind> {
  /** Stable id (check-ids.ts): stored examinations, trend records and benchmarks refer to it. */
  readonly id: string;
  readonly title: string;
  readonly layer: Layer;
  /** What a genuine document shows; a result may state the measured bound more precisely. */
  readonly expected: string;
  readonly needs: CheckNeeds<K>;
  run(evidence: CheckEvidence[K]): CheckOutput<K>;
}

/** The part of a check its results repeat. */
export type CheckIdentity = Pick<Check, 'id' | 'title' | 'layer' | 'expected'>;
