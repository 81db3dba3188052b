// An examination: what was captured, what was read, every check with its evidence, the layered
// verdict and the examiner's decision (docs/ARCHITECTURE.md §3).
import { z } from 'zod';
import { BoxSchema, LightSchema } from './capture.contract';
import { ChipSectionSchema } from './chip-examination.contract';
import { FaceSectionSchema } from './face.contract';
import { MrzReadingSchema } from './mrz.contract';

export const LAYERS = ['data-integrity', 'issuer-signature', 'chip-genuineness', 'physical', 'bearer-match'] as const;
export const LayerSchema = z.enum(LAYERS);
export type Layer = z.infer<typeof LayerSchema>;

export const CheckStatusSchema = z.enum(['pass', 'fail', 'warn', 'not-performed']);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

export const EvidenceSchema = z.object({
  light: LightSchema.optional(),
  /** Pixel box in the captured image of that light. */
  region: BoxSchema.optional(),
  /** For MRZ findings: the characters involved (0-based line, [start, end) columns). */
  mrz: z.object({ line: z.number().int(), start: z.number().int(), end: z.number().int() }).optional(),
  note: z.string().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const CheckResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  layer: LayerSchema,
  status: CheckStatusSchema,
  measured: z.string(),
  expected: z.string(),
  evidence: z.array(EvidenceSchema),
  explanation: z.string(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const LayerVerdictSchema = z.object({
  layer: LayerSchema,
  status: CheckStatusSchema,
  summary: z.string(),
});
export type LayerVerdict = z.infer<typeof LayerVerdictSchema>;

/**
 * The examination's overall verdict, computed once on the Node side from the layered verdict
 * (electron/checks/layered-verdict.ts): what the screen shows above everything else.
 * fail — a check failed; incomplete — nothing failed, but the MRZ could not be read or the page
 * could not be examined against a reference class, so the examination says little either way;
 * attention — warnings to look at, or the document has expired; pass — every check performed passed
 * (what was not performed is listed beside it, never counted as a pass).
 */
export const VERDICT_LEVELS = ['pass', 'attention', 'fail', 'incomplete'] as const;
export const VerdictLevelSchema = z.enum(VERDICT_LEVELS);
export type VerdictLevel = z.infer<typeof VerdictLevelSchema>;

export const CaptureImageSchema = z.object({
  light: LightSchema,
  /** sha256 of the file bytes: the image's identity on disk and in reports. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dpi: z.number().positive().optional(),
  mime: z.string(),
});
export type CaptureImage = z.infer<typeof CaptureImageSchema>;

export const DECISION_VERDICTS = [
  'genuine',
  'false-counterfeit',
  'false-forged',
  'false-pseudo',
  'fraud-impostor',
  'fraud-fraudulently-obtained',
  'inconclusive-refer',
] as const;
export const DecisionVerdictSchema = z.enum(DECISION_VERDICTS);
export type DecisionVerdict = z.infer<typeof DecisionVerdictSchema>;

export const OfficerSchema = z.object({
  name: z.string().trim().min(1).max(120),
  badge: z.string().trim().min(1).max(40),
});
export type Officer = z.infer<typeof OfficerSchema>;

export const DecisionInputSchema = z.object({
  verdict: DecisionVerdictSchema,
  reasons: z.array(z.string().trim().min(1).max(500)).max(20),
  notes: z.string().max(5000),
  /**
   * Why the officer holds the document genuine although the examination failed or the document has
   * expired: required then (decisionNeedsConfirmation), refused by the Node side without it.
   */
  confirmation: z.string().trim().min(1).max(1000).optional(),
});
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

/** The overall verdict the decision was taken against (optional: decisions recorded before it existed). */
export const DecisionBasisSchema = z.object({ level: VerdictLevelSchema, expired: z.boolean() });
export type DecisionBasis = z.infer<typeof DecisionBasisSchema>;

export const DecisionSchema = DecisionInputSchema.extend({
  officer: OfficerSchema,
  decidedAt: z.string(),
  basis: DecisionBasisSchema.optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const DocumentSummarySchema = z.object({
  format: z.string().nullable(),
  documentCode: z.string().nullable(),
  issuer: z.string().nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

/** The officer's review of one finding: confirmed or dismissed, always with a reason. */
export const FindingReviewInputSchema = z.object({
  checkId: z.string().min(1).max(100),
  verdict: z.enum(['confirmed', 'dismissed']),
  reason: z.string().trim().min(1).max(1000),
});
export type FindingReviewInput = z.infer<typeof FindingReviewInputSchema>;

export const FindingReviewSchema = FindingReviewInputSchema.extend({ officer: OfficerSchema, at: z.string() });
export type FindingReview = z.infer<typeof FindingReviewSchema>;

/** A character of the MRZ alphabet (ICAO 9303 Part 3 §4.3: A–Z, 0–9 and the filler). */
export const MrzCharSchema = z.string().regex(/^[A-Z0-9<]$/);

/**
 * The officer's word on one uncertain MRZ character after comparing it with the printed page:
 * confirmed as read, or corrected to another character (0-based line and column).
 */
export const MrzCharacterReviewInputSchema = z.object({
  line: z.number().int().min(0).max(2),
  column: z.number().int().min(0).max(43),
  action: z.enum(['confirmed', 'corrected']),
  /** The character the officer saw on the page: the one read when confirming. */
  char: MrzCharSchema,
});
export type MrzCharacterReviewInput = z.infer<typeof MrzCharacterReviewInputSchema>;

export const MrzCharacterReviewSchema = MrzCharacterReviewInputSchema.extend({
  /** The character the reader had chosen, and its alternatives at the time. */
  read: z.string(),
  alternatives: z.array(z.string()),
  /** Whether the MRZ's check digits verified once this character was settled. */
  checkDigitsHold: z.boolean(),
  officer: OfficerSchema,
  at: z.string(),
});
export type MrzCharacterReview = z.infer<typeof MrzCharacterReviewSchema>;

/** Which reference class the document was identified as, and how the reference maps onto the capture. */
export const IdentificationSummarySchema = z.object({
  classId: z.string(),
  label: z.string(),
  score: z.number(),
  /** 3×3 row-major homography: reference pixel → capture pixel. */
  homography: z.array(z.number()).length(9),
  candidates: z.array(z.object({ id: z.string(), score: z.number() })),
});
export type IdentificationSummary = z.infer<typeof IdentificationSummarySchema>;

/**
 * Something the officer must know about how the examination was made, apart from the findings:
 * `reference-class-unavailable` — a reference class the document may belong to could not be
 * loaded, so the checks against it were not performed.
 */
export const ExaminationWarningSchema = z.object({
  kind: z.enum(['reference-class-unavailable']),
  classId: z.string(),
  /** Plain words, without station paths: what is wrong with the class. */
  reason: z.string(),
});
export type ExaminationWarning = z.infer<typeof ExaminationWarningSchema>;

/** One failed or warning check: its layer and one line of what was found. */
export const VerdictFindingSchema = z.object({
  layer: LayerSchema,
  checkId: z.string(),
  title: z.string(),
  status: z.enum(['fail', 'warn']),
  reason: z.string(),
});
export type VerdictFinding = z.infer<typeof VerdictFindingSchema>;

/** Checks that were not performed, grouped by their common reason (no chip read, no UV image, ...). */
export const VerdictGapSchema = z.object({
  layers: z.array(LayerSchema),
  checkIds: z.array(z.string()),
  titles: z.array(z.string()),
  reason: z.string(),
  /** The checks are every check of their layers (the layers can be named instead of the checks). */
  wholeLayers: z.boolean(),
});
export type VerdictGap = z.infer<typeof VerdictGapSchema>;

export const OverallVerdictSchema = z.object({
  level: VerdictLevelSchema,
  /** A named state besides the checks: the document had expired when it was examined (ISO date of expiry). */
  expired: z.object({ on: z.string() }).nullable(),
  findings: z.array(VerdictFindingSchema),
  notPerformed: z.array(VerdictGapSchema),
});
export type OverallVerdict = z.infer<typeof OverallVerdictSchema>;

/** What the station's procedure says to do next, per level and for an expired document (a station setting). */
const NextStep = z.string().trim().min(1).max(500);
export const NextStepsSchema = z.object({ pass: NextStep, attention: NextStep, fail: NextStep, incomplete: NextStep, expired: NextStep }).strict();
export const NEXT_STEP_KEYS = NextStepsSchema.keyof().options;
export type NextSteps = z.infer<typeof NextStepsSchema>;

/** What the verdict is called: its level, or 'expired' when the expiry is all there is to act on. */
export const VERDICT_HEADLINES = [...VERDICT_LEVELS, 'expired'] as const;
export type VerdictHeadline = (typeof VERDICT_HEADLINES)[number];

/**
 * The name the screen and the report give the verdict. An expired document whose checks found
 * nothing is 'attention' only because of its expiry: it is called expired (the named state), not
 * "findings to examine" with none listed. Otherwise the level names it and the expired state shows beside.
 */
export function verdictHeadline(overall: Pick<OverallVerdict, 'level' | 'expired' | 'findings'>): VerdictHeadline {
  return overall.expired !== null && overall.level === 'attention' && overall.findings.length === 0 ? 'expired' : overall.level;
}

/** The steps of the station's procedure that apply to a verdict, in order. */
export function nextStepsFor(overall: Pick<OverallVerdict, 'level' | 'expired' | 'findings'>, steps: NextSteps): string[] {
  const headline = verdictHeadline(overall);
  return headline === 'expired' ? [steps.expired] : [steps[headline], ...(overall.expired ? [steps.expired] : [])];
}

/**
 * A "genuine" decision on a document whose examination failed, or that has expired, must say why
 * (DecisionInput.confirmation). One rule for the screen, which asks for it, and the Node side, which
 * refuses the decision without it.
 */
export function decisionNeedsConfirmation(verdict: DecisionVerdict, overall: Pick<OverallVerdict, 'level' | 'expired'>): boolean {
  return verdict === 'genuine' && (overall.level === 'fail' || overall.expired !== null);
}

export const ExaminationSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  station: z.string(),
  officer: OfficerSchema,
  source: z.string(),
  images: z.array(CaptureImageSchema),
  mrz: MrzReadingSchema.nullable(),
  document: DocumentSummarySchema,
  checks: z.array(CheckResultSchema),
  verdict: z.array(LayerVerdictSchema),
  /** The latest decision (the last of `decisions`). */
  decision: DecisionSchema.nullable(),
  /** Every decision recorded, oldest first: a new decision is a new version, never an overwrite (optional: older records). */
  decisions: z.array(DecisionSchema).optional(),
  /** The overall verdict (optional: older records, which the examination records complete when read). */
  overall: OverallVerdictSchema.optional(),
  timingsMs: z.record(z.string(), z.number()),
  identification: IdentificationSummarySchema.nullable().optional(),
  reviews: z.array(FindingReviewSchema).optional(),
  /** The officer's confirmations and corrections of uncertain MRZ characters (optional: older records). */
  mrzReviews: z.array(MrzCharacterReviewSchema).optional(),
  /** Warnings for the officer (optional: older records have none). */
  warnings: z.array(ExaminationWarningSchema).optional(),
  /** The imposter check's portraits, comparisons and the officer's assessment (optional: older records). */
  face: FaceSectionSchema.optional(),
  /** What reading the document's chip at this station gave (optional: older records, no reading yet). */
  chip: ChipSectionSchema.optional(),
});
export type Examination = z.infer<typeof ExaminationSchema>;

export const ExaminationSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  officer: OfficerSchema,
  document: DocumentSummarySchema,
  /** Personal data (holder name, document number) only for the officer who ran the examination. */
  holder: z.string().nullable(),
  decision: DecisionVerdictSchema.nullable(),
  suggested: CheckStatusSchema,
});
export type ExaminationSummary = z.infer<typeof ExaminationSummarySchema>;
