// Errors cross process boundaries as { kind, message }. Each domain declares the closed set of kinds
// it throws in its `<domain>.errors.ts`, besides the generic kinds below that any domain may throw;
// one table (error-categories.ts) says what sort of failure each kind is, and the HTTP status, the
// command line's exit code and the screen's handling follow from that alone.
import type { AuditErrorKind } from './audit.errors';
import type { ChecksErrorKind } from './checks.errors';
import type { ChipErrorKind } from './chip.contract';
import type { DevicesErrorKind } from './devices.errors';
import type { ExaminationErrorKind } from './examination.errors';
import type { ExchangeErrorKind } from './exchange.errors';
import type { FaceErrorKind } from './face.errors';
import type { HubErrorKind } from './hub.errors';
import type { ImagingErrorKind } from './imaging.errors';
import type { LearningErrorKind } from './learning.errors';
import type { MrzErrorKind } from './mrz.errors';
import type { ReferenceErrorKind } from './reference.errors';
import type { ReportErrorKind } from './report.errors';
import type { SessionErrorKind } from './session.errors';
import type { StoreErrorKind } from './store.errors';
import type { TrendsErrorKind } from './trends.errors';
import type { TrustErrorKind } from './trust.errors';

/** What any domain (and any application or tool) may throw. */
export const COMMON_ERROR_KINDS = [
  /** Input of the wrong shape or out of range: the message says what to change. */
  'InvalidInput',
  /** The station does as much of this at once as it will; try again when it is done. */
  'Busy',
  /** A bug, or a broken installation: nothing the person at the station can fix. */
  'Internal',
] as const;
export type CommonErrorKind = (typeof COMMON_ERROR_KINDS)[number];

/**
 * What sort of failure a kind is. The outside world sees only this (an HTTP status, an exit code,
 * what the screen does), never the kind itself.
 */
export const ERROR_CATEGORIES = [
  /** The request or the file is wrong; fixing it is up to whoever sent it. */
  'bad-input',
  /** Larger than accepted. */
  'too-large',
  /** Not of a type that is accepted. */
  'unsupported',
  /** Not a request this endpoint takes. */
  'not-allowed',
  /** Contradicts what is held (an id with other content). */
  'conflict',
  /** What was named is not held here. */
  'not-found',
  /** Who is asking must sign in (or sign their request) first. */
  'not-signed-in',
  /** Something else is under way; try again when it is done. */
  'busy',
  /** A device or a service the station depends on did not do its part. */
  'unavailable',
  /** The station's own failure. */
  'internal',
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

/** Each domain's own kinds; `never` for a domain that throws only the generic ones. */
export interface DomainErrorKinds {
  common: CommonErrorKind;
  session: SessionErrorKind;
  devices: DevicesErrorKind;
  imaging: ImagingErrorKind;
  mrz: MrzErrorKind;
  identify: never;
  checks: ChecksErrorKind;
  face: FaceErrorKind;
  reference: ReferenceErrorKind;
  learning: LearningErrorKind;
  examination: ExaminationErrorKind;
  store: StoreErrorKind;
  report: ReportErrorKind;
  trends: TrendsErrorKind;
  trust: TrustErrorKind;
  audit: AuditErrorKind;
  chip: Exclude<ChipErrorKind, CommonErrorKind>;
  exchange: ExchangeErrorKind;
  hub: HubErrorKind;
}
export type ErrorDomain = keyof DomainErrorKinds;

/** What a domain may throw: its own kinds and the generic ones. */
export type ErrorKindOf<D extends ErrorDomain> = DomainErrorKinds[D] | CommonErrorKind;
export type ErrorKind = ErrorKindOf<ErrorDomain>;

export interface ErrorDto {
  kind: ErrorKind;
  message: string;
}
