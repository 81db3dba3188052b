// The bearer-match layer from the face section: the holder against the document portraits, the
// portrait against its ghost image, and age/sex plausibility as a warning. Pure: no I/O.
import type { CheckResult } from '../contract/examination.contract';
import type { FaceSection, PairComparison, Portrait } from '../contract/face.contract';
import { portraitName } from './face-quality';

export const FACE_CHECK_IDS = { bearer: 'bearer.face', ghost: 'face.portrait-ghost', plausibility: 'bearer.face-plausibility' } as const;

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

function describe(c: PairComparison, byId: Map<string, Portrait>): string {
  const name = (id: string) => portraitName(byId.get(id)?.kind ?? 'live');
  return `${name(c.a)} ↔ ${name(c.b)}: similarity ${pct(c.similarity)}, distance ${c.distance?.toFixed(3) ?? '—'} → ${c.band}`;
}

const STATUS = { match: 'pass', 'no-match': 'fail', uncertain: 'warn' } as const;

function bearerCheck(face: FaceSection, byId: Map<string, Portrait>): CheckResult {
  const t = face.threshold;
  const base = {
    id: FACE_CHECK_IDS.bearer,
    title: 'Holder matches the portrait',
    layer: 'bearer-match' as const,
    expected: `descriptor distance ≤ ${(t.distance - t.margin).toFixed(2)} (match); ${(t.distance - t.margin).toFixed(2)}–${(t.distance + t.margin).toFixed(2)} uncertain`,
    evidence: [],
  };
  const live = face.portraits.filter((p) => p.kind === 'live');
  const doc = face.portraits.filter((p) => p.kind !== 'live');
  if (!live.length) {
    const printed = doc.find((p) => p.kind === 'printed');
    return { ...base, status: 'not-performed', measured: printed ? `printed portrait: ${printed.quality.usable ? 'usable' : printed.quality.problems[0]}` : 'not measured', explanation: 'No live capture of the holder was taken.' };
  }
  const pairs = face.comparisons.filter((c) => {
    const kinds = [byId.get(c.a)?.kind, byId.get(c.b)?.kind];
    return kinds.includes('live') && kinds.some((k) => k && k !== 'live');
  });
  const done = pairs.filter((c) => c.band !== 'not-performed');
  if (!done.length) {
    const reason = pairs.find((c) => c.reason)?.reason ?? (doc.length ? 'no document portrait could be compared' : 'no portrait was found on the document');
    return { ...base, status: 'not-performed', measured: 'not measured', explanation: `Not compared: ${reason}.` };
  }
  // The printed portrait is the reference; the ghost and chip portraits corroborate it.
  const primary = done.find((c) => [byId.get(c.a)?.kind, byId.get(c.b)?.kind].includes('printed')) ?? done[0]!;
  const band = primary.band as keyof typeof STATUS;
  const explanation =
    band === 'match'
      ? 'The machine finds the holder and the portrait alike. Confirm with the feature checklist.'
      : band === 'no-match'
        ? 'The machine finds the holder and the portrait different: a possible impostor. Compare the features one by one and question the holder.'
        : 'The machine cannot decide: compare the features one by one (ears, eyes, nose, chin) before concluding.';
  return { ...base, status: STATUS[band], measured: done.map((c) => describe(c, byId)).join('; '), explanation };
}

function ghostCheck(face: FaceSection, byId: Map<string, Portrait>): CheckResult | null {
  const c = face.comparisons.find((x) => {
    const kinds = [byId.get(x.a)?.kind, byId.get(x.b)?.kind];
    return kinds.includes('printed') && kinds.includes('ghost');
  });
  if (!c) return null;
  const base = { id: FACE_CHECK_IDS.ghost, title: 'Portrait and ghost image show the same face', layer: 'physical' as const, expected: 'the ghost image is a copy of the printed portrait', evidence: [] };
  if (c.band === 'not-performed') return { ...base, status: 'not-performed', measured: 'not measured', explanation: `Not compared: ${c.reason ?? 'a portrait is unusable'}.` };
  return {
    ...base,
    status: STATUS[c.band],
    measured: describe(c, byId),
    explanation: c.band === 'match' ? 'The ghost image shows the face of the printed portrait.' : 'The ghost image may show another face than the portrait: a sign of photo substitution.',
  };
}

function plausibilityCheck(face: FaceSection): CheckResult | null {
  if (!face.portraits.some((p) => p.kind === 'live' && p.quality.faceFound)) return null;
  return {
    id: FACE_CHECK_IDS.plausibility,
    title: 'Apparent age and sex fit the MRZ',
    layer: 'bearer-match',
    status: face.hints.length ? 'warn' : 'pass',
    measured: face.hints.length ? face.hints.join('; ') : 'within the tolerance',
    expected: 'estimated age within ±15 years of the date of birth; estimated sex as in the MRZ',
    evidence: [],
    explanation: face.hints.length ? 'A hint only: estimates are rough. Look at the holder and the document again.' : 'The apparent age and sex do not contradict the MRZ.',
  };
}

/** The face checks, replacing the pending bearer-match entry. */
export function faceChecks(face: FaceSection): CheckResult[] {
  const byId = new Map(face.portraits.map((p) => [p.id, p]));
  return [bearerCheck(face, byId), ghostCheck(face, byId), plausibilityCheck(face)].filter((c): c is CheckResult => c !== null);
}

/** Replaces earlier face checks in a check list (the analysis may run again after a retake). */
export function mergeFaceChecks(checks: CheckResult[], face: FaceSection): CheckResult[] {
  const ids = new Set<string>(Object.values(FACE_CHECK_IDS));
  return [...checks.filter((c) => !ids.has(c.id)), ...faceChecks(face)];
}
