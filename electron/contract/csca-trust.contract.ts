// The CSCA trust store of the trust domain (docs/trust.md): the country signing CA certificates
// (ICAO 9303-12 §5) and their CRLs a station verifies eMRTD chips against, where each came from,
// and the store's health — which issuing states it covers, what expires soon, which CRLs are past
// their next update, and which states it holds no CSCA for.
import { z } from 'zod';

/** Certificates expiring within this many days are listed as expiring. */
export const EXPIRY_WARNING_DAYS = 90;

export const CSCA_SOURCE_KINDS = ['master-list', 'certificate', 'crl'] as const;
export const CscaSourceKindSchema = z.enum(CSCA_SOURCE_KINDS);
export type CscaSourceKind = z.infer<typeof CscaSourceKindSchema>;

/** One import of one file: what it was, its name (never the folder it was in), who imported it and when. */
export const CscaSourceSchema = z.object({
  kind: CscaSourceKindSchema,
  file: z.string(),
  /** SHA-256 of the file's bytes, hex. */
  fileSha256: z.string(),
  /** The master list signer's subject (master lists only). */
  signer: z.string().nullable(),
  importedAt: z.string(),
  importedBy: z.string(),
});
export type CscaSource = z.infer<typeof CscaSourceSchema>;

export const CscaEntrySchema = z.object({
  /** SHA-256 of the certificate's DER: the store holds each certificate once. */
  sha256: z.string(),
  /** ICAO 9303-3 code of the issuing state (Germany 'D'), from the certificate's country; null when it has none this station knows. */
  state: z.string().nullable(),
  /** The country attribute (C) as the certificate carries it. */
  country: z.string().nullable(),
  subject: z.string(),
  issuer: z.string(),
  /** Serial number, hex. */
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** A link certificate: a new CSCA key certified by the previous one (ICAO 9303-12 §5.5.2). */
  link: z.boolean(),
  /** Every import that brought it, first one first. */
  sources: z.array(CscaSourceSchema),
});
export type CscaEntry = z.infer<typeof CscaEntrySchema>;

export const CrlEntrySchema = z.object({
  issuer: z.string(),
  state: z.string().nullable(),
  thisUpdate: z.string(),
  nextUpdate: z.string().nullable(),
  /** How many certificates it revokes. */
  revoked: z.number().int().min(0),
  sha256: z.string(),
  source: CscaSourceSchema,
});
export type CrlEntry = z.infer<typeof CrlEntrySchema>;

/** An issuing state of the station's state table: its code and its name. */
export const IssuingStateSchema = z.object({ code: z.string(), name: z.string() });
export type IssuingState = z.infer<typeof IssuingStateSchema>;

export const CertificateBriefSchema = z.object({
  sha256: z.string(),
  state: z.string().nullable(),
  subject: z.string(),
  serial: z.string(),
  notAfter: z.string(),
  link: z.boolean(),
});
export type CertificateBrief = z.infer<typeof CertificateBriefSchema>;

/**
 * How a state is covered: `covered` (a CSCA valid now and not expiring soon), `expiring` (its valid
 * CSCAs all expire within EXPIRY_WARNING_DAYS), `none-valid` (none of its CSCAs is valid now).
 */
export const STATE_COVERAGE = ['covered', 'expiring', 'none-valid'] as const;
/** A state's CRL: `current`, `overdue` (its next update has passed), `none` (no CRL held). */
export const CRL_STATUSES = ['current', 'overdue', 'none'] as const;

export const StateCoverageSchema = z.object({
  state: z.string(),
  name: z.string().nullable(),
  certificates: z.number().int().min(0),
  valid: z.number().int().min(0),
  expiring: z.number().int().min(0),
  expired: z.number().int().min(0),
  /** The latest end of validity among its certificates. */
  latestExpiry: z.string(),
  coverage: z.enum(STATE_COVERAGE),
  crl: z.enum(CRL_STATUSES),
});
export type StateCoverage = z.infer<typeof StateCoverageSchema>;

export const CrlHealthSchema = z.object({
  issuer: z.string(),
  state: z.string().nullable(),
  thisUpdate: z.string(),
  nextUpdate: z.string().nullable(),
  /** Whole days since it was issued. */
  ageDays: z.number().int(),
  /** Its next update has passed: a newer CRL exists and revocations since may be missing. */
  overdue: z.boolean(),
});
export type CrlHealth = z.infer<typeof CrlHealthSchema>;

export const TrustHealthSchema = z.object({
  checkedAt: z.string(),
  expiryWarningDays: z.number().int(),
  totals: z.object({ certificates: z.number().int(), states: z.number().int(), crls: z.number().int(), unknownCountry: z.number().int() }),
  /** Per issuing state holding at least one certificate, by code. */
  states: z.array(StateCoverageSchema),
  /** Valid now, expiring within expiryWarningDays; soonest first. */
  expiring: z.array(CertificateBriefSchema),
  /** Expired; most recently expired first. */
  expired: z.array(CertificateBriefSchema),
  crls: z.array(CrlHealthSchema),
  /** States of the station's state table with no CSCA at all. */
  missingStates: z.array(IssuingStateSchema),
  lastImport: z.object({ at: z.string(), by: z.string(), file: z.string(), kind: CscaSourceKindSchema }).nullable(),
});
export type TrustHealth = z.infer<typeof TrustHealthSchema>;
