// Builds the trend record proposed after a fraud verdict. Only non-personal facts are taken from the
// examination: the class (issuer, type, series), which checks flagged it and which ran and passed,
// the reference zones where the failures were seen, the ISO week, and the station's context. The
// examiner edits the proposal; the final record is validated by the strict schema and hashed.
import { randomBytes } from 'node:crypto';
import { LoupeError } from '../common/loupe-error';
import type { Examination } from '../contract/examination.contract';
import type { DocumentClass, ReferenceZone } from '../contract/reference.contract';
import {
  TREND_RECORD_SCHEMA,
  TrendRecordSchema,
  type DetectionContext,
  type FraudType,
  type RedactedCrop,
  type TrendRecord,
  type TrendRecordContent,
} from '../contract/trends.contract';
import { contentId } from '../exchange/canonical-json';
import { isPersonalZone } from '../contract/hotspot-privacy';
import { classedChecks } from '../checks/check-registry';
import { applyH } from '../identify/homography';
import { proposeFraudType } from './fraud-type-proposal';
import { isoWeekOf } from './iso-week';
import { screenNotes } from './notes-screening';
import { personalValuesOf } from './personal-values';
import type { TrendSettings } from './trend-settings';

/** Zone kinds that show the holder or their data: never a crop target, always masked (one rule,
 * shared with the alert form's hotspot check). */
export { PERSONAL_ZONE_KINDS, isPersonalZone } from '../contract/hotspot-privacy';

export interface TrendProposal {
  content: Omit<TrendRecordContent, 'notes' | 'crops' | 'supersedes'> & { fraudType: FraudType };
  /** Zones of the identified class that may be cropped (no personal data in them). */
  cropZones: { id: string; label: string; light: string }[];
  /** Labels of every zone of the identified class: features the examiner may add to `revealedBy`. */
  featureLabels: string[];
}

/** The examiner's edits on the proposal. */
export interface TrendRecordInput {
  fraudType: FraudType;
  revealedBy: string[];
  caughtBy: string[];
  missedBy: string[];
  context: DetectionContext;
  notes: string | null;
  crops: RedactedCrop[];
  supersedes: string | null;
  /** Random per detection (see the schema); newOccurrence() by default. */
  occurrence: string;
}

export function newOccurrence(): string {
  return randomBytes(8).toString('hex');
}

/** A reference zone's box in capture pixels (bounding box of its projected corners). */
export function zoneInCapture(zone: ReferenceZone, homography: readonly number[]): { x: number; y: number; w: number; h: number } {
  return boxInCapture(zone.box, homography);
}

/** A box in reference pixels mapped into capture pixels (bounding box of its projected corners). */
export function boxInCapture(box: { x: number; y: number; w: number; h: number }, homography: readonly number[]): { x: number; y: number; w: number; h: number } {
  const { x, y, w, h } = box;
  const pts = [applyH([...homography], x, y), applyH([...homography], x + w, y), applyH([...homography], x + w, y + h), applyH([...homography], x, y + h)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}

/** Intersection over union of two boxes (0 when apart). */
function iou(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

/**
 * An evidence region of a class check names a zone when the two coincide (the UV and IR feature
 * checks report a failed zone with that zone's box, the photo check with the portrait's box grown by
 * a few millimetres). A region that merely covers zones — a 4 mm tile of the template check — names
 * none, and the generic checks know no zones at all: the page-wide region of the UV dullness check
 * coincides with the background zone, yet the substrate revealed the counterfeit, not every zone on it.
 */
const SAME_ZONE_IOU = 0.5;
const ZONE_CHECKS: ReadonlySet<string> = new Set(classedChecks.map((c) => c.id));

/** The zones an evidence region is about: the best-coinciding ones, those of its light first. */
function zonesOfEvidence(region: { x: number; y: number; w: number; h: number }, light: string | undefined, zones: readonly { zone: ReferenceZone; box: { x: number; y: number; w: number; h: number } }[]): ReferenceZone[] {
  const scored = zones.map((z) => ({ zone: z.zone, score: iou(z.box, region) })).filter((z) => z.score >= SAME_ZONE_IOU);
  if (scored.length === 0) return [];
  const best = Math.max(...scored.map((z) => z.score));
  // Zones that share a box (the portrait and its carbon-print IR feature) tie: keep the one seen in the evidence's light.
  const tied = scored.filter((z) => z.score >= best - 0.02).map((z) => z.zone);
  const inLight = tied.filter((z) => lightOfZone(z) === light);
  return inLight.length > 0 ? inLight : tied;
}

/**
 * What revealed the fraud, proposed to the examiner: the labels of the reference zones that failed
 * physical checks reported as failing, and for a failed check whose evidence is no zone (the page
 * substrate, tiles of the background print, an unidentified document) the check itself. The examiner
 * adds other features of the class in the dialog (TrendProposal.featureLabels).
 */
export function revealingFeatures(exam: Examination, cls: DocumentClass | null): string[] {
  const labels = new Set<string>();
  const failed = exam.checks.filter((c) => c.layer === 'physical' && (c.status === 'fail' || c.status === 'warn'));
  const homography = exam.identification?.homography;
  const zones = cls && homography ? cls.zones.map((zone) => ({ zone, box: zoneInCapture(zone, homography) })) : [];
  for (const check of failed) {
    let matched = false;
    for (const ev of ZONE_CHECKS.has(check.id) ? check.evidence : []) {
      if (!ev.region) continue;
      for (const zone of zonesOfEvidence(ev.region, ev.light, zones)) {
        labels.add(zone.label.slice(0, 120));
        matched = true;
      }
    }
    if (!matched) labels.add(check.title.slice(0, 120));
  }
  return [...labels].slice(0, 30);
}

export function proposeTrendRecord(exam: Examination, cls: DocumentClass | null, settings: TrendSettings, station: string): TrendProposal {
  const verdict = exam.decision?.verdict;
  const fraudType = verdict ? proposeFraudType(verdict, exam.checks) : null;
  if (!verdict || !fraudType) throw new LoupeError('trends', 'InvalidInput', 'a trend record is proposed only after a fraud verdict');
  const ran = exam.checks.filter((c) => c.status !== 'not-performed');
  const checkId = (id: string) => /^[a-z0-9][a-z0-9.:-]{0,79}$/.test(id);
  return {
    content: {
      schema: TREND_RECORD_SCHEMA,
      station,
      country: settings.country,
      issuer: cls?.issuer ?? sanitizeIssuer(exam.document.issuer),
      documentType: cls?.documentType ?? documentTypeOf(exam.document.documentCode),
      series: cls?.series ?? null,
      documentClassId: cls?.id ?? null,
      fraudType,
      revealedBy: revealingFeatures(exam, cls),
      caughtBy: ran.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => c.id).filter(checkId).slice(0, 50),
      missedBy: ran.filter((c) => c.status === 'pass').map((c) => c.id).filter(checkId).slice(0, 50),
      context: { pointOfEntry: settings.pointOfEntry, line: settings.line, direction: settings.direction },
      week: isoWeekOf(new Date(exam.decision?.decidedAt ?? exam.createdAt)),
    },
    cropZones: (cls?.zones ?? []).filter((z) => !isPersonalZone(z)).map((z) => ({ id: z.id, label: z.label, light: lightOfZone(z) })),
    featureLabels: [...new Set((cls?.zones ?? []).map((z) => z.label.slice(0, 120)).filter(Boolean))],
  };
}

/** The light under which a zone's feature shows best (its expectation), white otherwise. */
export function lightOfZone(zone: ReferenceZone): 'white' | 'ir' | 'uv' {
  if (zone.kind === 'uv-feature' || zone.expect.uv?.fluoresces) return 'uv';
  if (zone.kind === 'ir-feature') return 'ir';
  return 'white';
}

function sanitizeIssuer(issuer: string | null): string | null {
  return issuer && /^[A-Z<]{1,3}$/.test(issuer) ? issuer : null;
}

function documentTypeOf(code: string | null): string {
  const c = code?.charAt(0);
  return c === 'P' ? 'Passport' : c === 'V' ? 'Visa' : c === 'I' || c === 'A' || c === 'C' ? 'Identity card' : 'Travel document';
}

/**
 * The final record: the proposal with the examiner's edits, notes screened against this
 * examination's personal values, validated by the strict schema and identified by its content hash.
 */
export function buildTrendRecord(exam: Examination, proposal: TrendProposal, input: TrendRecordInput): TrendRecord {
  const screened = screenNotes(input.notes, personalValuesOf(exam));
  if (!screened.ok) {
    throw new LoupeError('trends', 'PersonalData', `the notes contain personal data (${screened.found.join(', ')}); remove it and try again`);
  }
  const content: TrendRecordContent = {
    ...proposal.content,
    fraudType: input.fraudType,
    revealedBy: input.revealedBy,
    caughtBy: input.caughtBy,
    missedBy: input.missedBy,
    context: input.context,
    notes: screened.text,
    crops: input.crops,
    supersedes: input.supersedes,
    occurrence: input.occurrence,
  };
  // revealedBy labels come from the reference library, or are typed by the examiner: the proposed
  // labels and those of the class's zones are checked against this examination's values and MRZ
  // runs; typed ones like notes.
  const proposed = new Set([...proposal.content.revealedBy, ...proposal.featureLabels]);
  for (const label of content.revealedBy) {
    const r = screenNotes(label, personalValuesOf(exam));
    const generic = (f: string) => f === 'document-number-like' || f === 'date-like';
    if (!r.ok && r.found.some((f) => !proposed.has(label) || !generic(f))) {
      throw new LoupeError('trends', 'PersonalData', `a revealing feature contains personal data (${r.found.join(', ')})`);
    }
  }
  const parsed = TrendRecordSchema.safeParse({ ...content, id: contentId(content) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LoupeError('trends', 'InvalidInput', `the trend record is not valid: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'malformed'}`);
  }
  return parsed.data;
}
