// The chip domain's data that crosses to the renderer: what was read from an eMRTD chip (ICAO Doc
// 9303 Parts 10, 11 and 12), how access was gained, and the named outcomes of passive
// authentication and of the clone checks (active / chip authentication). Errors are a closed set of
// kinds an officer can act on; everything else about the chip is a finding in the result.
import { z } from 'zod';

/**
 * Why reading a chip stopped, in words an officer can act on:
 * - AccessDenied: the chip refused the MRZ or CAN (wrong or misread access data);
 * - CardRemoved: the document left the reader during the session;
 * - NoChipAnswer: no chip answered (no chip, chip dead, or not in the field);
 * - Timeout: the chip took too long to answer;
 * - UnsupportedProtocol: the chip offers only protocols this station does not speak;
 * - SecureMessagingFailure: the protected channel broke (an answer failed its integrity check);
 * - MalformedData: the chip sent data that is not well formed;
 * - CommandFailed: the chip refused a command with an unexpected status word;
 * - EvidenceRefused: a chip evidence package that is malformed, altered or not validly signed;
 * - Internal: a defect of the station.
 */
export const CHIP_ERROR_KINDS = [
  'AccessDenied',
  'CardRemoved',
  'NoChipAnswer',
  'Timeout',
  'UnsupportedProtocol',
  'SecureMessagingFailure',
  'MalformedData',
  'CommandFailed',
  'EvidenceRefused',
  'Internal',
] as const;
export const ChipErrorKindSchema = z.enum(CHIP_ERROR_KINDS);
export type ChipErrorKind = z.infer<typeof ChipErrorKindSchema>;

export const ChipErrorDtoSchema = z.object({
  kind: ChipErrorKindSchema,
  message: z.string(),
});
export type ChipErrorDto = z.infer<typeof ChipErrorDtoSchema>;

/** Access control protocols (ICAO 9303-11 §4). */
export const ACCESS_PROTOCOLS = ['BAC', 'PACE', 'PACE-CAM'] as const;
export const AccessProtocolSchema = z.enum(ACCESS_PROTOCOLS);
export type AccessProtocol = z.infer<typeof AccessProtocolSchema>;

/** Why the access protocol was chosen: never a silent fallback. */
export const ACCESS_CHOICE_REASONS = [
  'pace-offered',
  'no-card-access',
  'card-access-without-pace',
  'pace-unsupported-parameters',
  'pace-failed-bac-allowed',
] as const;
export const AccessChoiceSchema = z.object({
  protocol: AccessProtocolSchema,
  reason: z.enum(ACCESS_CHOICE_REASONS),
  /** The PACE protocol OID (dotted) when PACE ran, or the PACE OIDs that were offered but not usable. */
  paceOid: z.string().nullable(),
  /** Plain-words detail (e.g. which parameters were not supported). */
  detail: z.string(),
  passwordType: z.enum(['MRZ', 'CAN']),
});
export type AccessChoice = z.infer<typeof AccessChoiceSchema>;

/** Elementary files the reader knows by name (ICAO 9303-10 §3.9 / §4.6). */
export const CHIP_FILES = [
  'CardAccess', 'CardSecurity', 'COM', 'SOD',
  'DG1', 'DG2', 'DG3', 'DG4', 'DG5', 'DG6', 'DG7', 'DG8', 'DG9', 'DG10', 'DG11', 'DG12', 'DG13', 'DG14', 'DG15', 'DG16',
] as const;
export const ChipFileSchema = z.enum(CHIP_FILES);
export type ChipFile = z.infer<typeof ChipFileSchema>;

export const ChipReadProgressSchema = z.object({
  file: ChipFileSchema,
  bytesRead: z.number().int().min(0),
  /** Total size of the file when known (after its first bytes were read). */
  totalBytes: z.number().int().min(0).nullable(),
});
export type ChipReadProgress = z.infer<typeof ChipReadProgressSchema>;

/** What happened to one file the reader asked for. */
export const FILE_READ_STATUSES = ['read', 'absent', 'denied', 'failed'] as const;
export const FileReadStatusSchema = z.object({
  file: ChipFileSchema,
  status: z.enum(FILE_READ_STATUSES),
  bytes: z.number().int().min(0),
  detail: z.string().optional(),
});
export type FileReadStatus = z.infer<typeof FileReadStatusSchema>;

/**
 * Passive authentication (ICAO 9303-11 §5.1, 9303-12): one named outcome, first that applies, in
 * this order: the SOD's signature, the data-group hashes, then the chain to a trusted CSCA.
 */
export const PASSIVE_AUTH_OUTCOMES = [
  'trusted',
  'signature-invalid',
  'hash-mismatch',
  'issuer-unknown',
  'csca-expired',
  'ds-expired-at-signing',
  'revoked',
  'chain-invalid',
  'malformed',
] as const;
export const PassiveAuthOutcomeSchema = z.enum(PASSIVE_AUTH_OUTCOMES);
export type PassiveAuthOutcome = z.infer<typeof PassiveAuthOutcomeSchema>;

export const DataGroupHashCheckSchema = z.object({
  dataGroup: z.number().int().min(1).max(16),
  /** not-in-sod: a data group read from the chip that EF.SOD has no hash for. */
  status: z.enum(['match', 'mismatch', 'not-read', 'not-in-sod']),
});
export type DataGroupHashCheck = z.infer<typeof DataGroupHashCheckSchema>;

export const PassiveAuthResultSchema = z.object({
  outcome: PassiveAuthOutcomeSchema,
  signatureValid: z.boolean(),
  hashAlgorithm: z.string(),
  signatureAlgorithm: z.string(),
  hashes: z.array(DataGroupHashCheckSchema),
  /** Subject of the document signer certificate and of the CSCA it chains to (when found). */
  documentSigner: z.string().nullable(),
  csca: z.string().nullable(),
  /** Signing time from the SOD's signed attributes, ISO 8601, when present. */
  signingTime: z.string().nullable(),
  detail: z.string(),
});
export type PassiveAuthResultDto = z.infer<typeof PassiveAuthResultSchema>;

/** Clone detection (ICAO 9303-11 §6): chip authentication and active authentication. */
export const CHIP_AUTH_STATUSES = ['succeeded', 'failed', 'not-supported', 'not-performed'] as const;
export const ChipAuthStatusSchema = z.enum(CHIP_AUTH_STATUSES);
export const CloneCheckSchema = z.object({
  method: z.enum(['active-authentication', 'chip-authentication', 'pace-cam']),
  status: ChipAuthStatusSchema,
  /** The data group whose key was used (14 or 15; EF.CardSecurity for PACE-CAM): the check counts
   * only when passive authentication verified that file's hash. */
  keySource: z.enum(['DG14', 'DG15', 'CardSecurity']),
  algorithm: z.string(),
  detail: z.string(),
});
export type CloneCheck = z.infer<typeof CloneCheckSchema>;

/** DG1's MRZ as the chip holds it. */
export const ChipMrzSchema = z.object({
  format: z.enum(['TD1', 'TD2', 'TD3']),
  lines: z.array(z.string().max(44)).min(2).max(3),
  documentCode: z.string(),
  issuingState: z.string(),
  documentNumber: z.string(),
  dateOfBirth: z.string(),
  dateOfExpiry: z.string(),
  nationality: z.string(),
  name: z.string(),
  sex: z.string(),
});

/** A chip reading as the renderer sees it (images by the hash of their stored PNG). */
export const ChipReadingSummarySchema = z.object({
  access: AccessChoiceSchema,
  files: z.array(FileReadStatusSchema),
  extendedLength: z.boolean(),
  mrz: ChipMrzSchema.nullable(),
  faces: z.array(z.object({ format: z.string(), width: z.number().int(), height: z.number().int(), imageHash: z.string() })),
  passiveAuthentication: PassiveAuthResultSchema,
  /** counts: the check succeeded and passive authentication covered its key's file. */
  cloneChecks: z.array(CloneCheckSchema.extend({ counts: z.boolean() })),
});
export type ChipReadingSummary = z.infer<typeof ChipReadingSummarySchema>;

/** A certificate of the chain as an expert reads it. */
export const CertificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  /** Hex. */
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** The private key usage period of a document signer (9303-12 Table 6), when it has one. */
  privateKeyUsage: z.object({ notBefore: z.string().nullable(), notAfter: z.string().nullable() }).nullable(),
});
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;

/**
 * Everything passive authentication found in one EF.SOD, for an expert: the overall outcome (the
 * first that applies, PASSIVE_AUTH_OUTCOMES) and each part on its own — the signature, every data
 * group's hash as signed and whether the group given matches, and the chain to a trusted CSCA.
 */
export const SodReportSchema = z.object({
  outcome: PassiveAuthOutcomeSchema,
  detail: z.string(),
  checkedAt: z.string(),
  signature: z.object({ valid: z.boolean(), algorithm: z.string() }),
  hashAlgorithm: z.string(),
  signingTime: z.string().nullable(),
  ldsVersion: z.string().nullable(),
  documentSigner: CertificateSummarySchema.nullable(),
  csca: CertificateSummarySchema.nullable(),
  dataGroups: z.array(
    z.object({
      dataGroup: z.number().int().min(1).max(16),
      /** The hash EF.SOD signs for it, hex; null for a group given that EF.SOD has no hash for. */
      signedHash: z.string().nullable(),
      status: DataGroupHashCheckSchema.shape.status,
    }),
  ),
  /** The chain's own status, also when the outcome was decided before it (a hash mismatch). */
  chain: z.object({ status: z.enum(['trusted', 'issuer-unknown', 'chain-invalid', 'revoked', 'csca-expired', 'ds-expired-at-signing']), detail: z.string() }).nullable(),
});
export type SodReport = z.infer<typeof SodReportSchema>;
