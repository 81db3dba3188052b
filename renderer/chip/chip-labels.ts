// The chip panel's labels by value: each closed set of the contract mapped once to its message.
import type { ChipKeySource, ChipNotReadReason, ChipPhase } from '../../electron/contract/chip-examination.contract';
import type { ChipErrorKind, CloneCheck, DataGroupHashCheck, FileReadStatus, PassiveAuthOutcome } from '../../electron/contract/chip.contract';
import type { AccessChoice } from '../../electron/contract/chip.contract';
import type { PlainMessageKey } from '../i18n/t';

export const PHASE: Record<Exclude<ChipPhase, 'reading'>, PlainMessageKey> = {
  waiting: 'chip.phase.waiting',
  interrupted: 'chip.phase.interrupted',
  authenticating: 'chip.phase.authenticating',
  verifying: 'chip.phase.verifying',
  portrait: 'chip.phase.portrait',
  done: 'chip.phase.done',
  'not-read': 'chip.phase.not-read',
};

export const REASON: Record<ChipNotReadReason, PlainMessageKey> = {
  'no-reader': 'chip.reason.no-reader',
  'no-document': 'chip.reason.no-document',
  'no-access-data': 'chip.reason.no-access-data',
  failed: 'chip.reason.failed',
  cancelled: 'chip.reason.cancelled',
};

/** What the officer can do about each way a reading stops. */
export const HINT: Record<ChipErrorKind, PlainMessageKey> = {
  AccessDenied: 'chip.hint.AccessDenied',
  CardRemoved: 'chip.hint.CardRemoved',
  NoChipAnswer: 'chip.hint.NoChipAnswer',
  Timeout: 'chip.hint.Timeout',
  UnsupportedProtocol: 'chip.hint.UnsupportedProtocol',
  SecureMessagingFailure: 'chip.hint.SecureMessagingFailure',
  MalformedData: 'chip.hint.MalformedData',
  CommandFailed: 'chip.hint.CommandFailed',
  EvidenceRefused: 'chip.hint.EvidenceRefused',
  Internal: 'chip.hint.Internal',
};

export const CHOICE: Record<AccessChoice['reason'], PlainMessageKey> = {
  'pace-offered': 'chip.choice.pace-offered',
  'no-card-access': 'chip.choice.no-card-access',
  'card-access-without-pace': 'chip.choice.card-access-without-pace',
  'pace-unsupported-parameters': 'chip.choice.pace-unsupported-parameters',
  'pace-failed-bac-allowed': 'chip.choice.pace-failed-bac-allowed',
};

export const KEY_SOURCE: Record<ChipKeySource, PlainMessageKey> = {
  'mrz-reading': 'chip.key.mrz-reading',
  'typed-mrz': 'chip.key.typed-mrz',
  can: 'chip.key.can',
};

export const FILE_STATUS: Record<FileReadStatus['status'], PlainMessageKey> = {
  read: 'chip.fileStatus.read',
  absent: 'chip.fileStatus.absent',
  denied: 'chip.fileStatus.denied',
  failed: 'chip.fileStatus.failed',
};

export const OUTCOME: Record<PassiveAuthOutcome, PlainMessageKey> = {
  trusted: 'chip.outcome.trusted',
  'signature-invalid': 'chip.outcome.signature-invalid',
  'hash-mismatch': 'chip.outcome.hash-mismatch',
  'issuer-unknown': 'chip.outcome.issuer-unknown',
  'csca-expired': 'chip.outcome.csca-expired',
  'ds-expired-at-signing': 'chip.outcome.ds-expired-at-signing',
  revoked: 'chip.outcome.revoked',
  'chain-invalid': 'chip.outcome.chain-invalid',
  malformed: 'chip.outcome.malformed',
};

export const HASH: Record<DataGroupHashCheck['status'], PlainMessageKey> = {
  match: 'chip.hash.match',
  mismatch: 'chip.hash.mismatch',
  'not-read': 'chip.hash.not-read',
  'not-in-sod': 'chip.hash.not-in-sod',
};

export const CLONE: Record<CloneCheck['method'], PlainMessageKey> = {
  'active-authentication': 'chip.clone.active-authentication',
  'chip-authentication': 'chip.clone.chip-authentication',
  'pace-cam': 'chip.clone.pace-cam',
};

export const CLONE_STATUS: Record<CloneCheck['status'], PlainMessageKey> = {
  succeeded: 'chip.cloneStatus.succeeded',
  failed: 'chip.cloneStatus.failed',
  'not-supported': 'chip.cloneStatus.not-supported',
  'not-performed': 'chip.cloneStatus.not-performed',
};
