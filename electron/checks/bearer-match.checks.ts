// The bearer-match layer from the face section: the holder against the document portraits, the
// portrait against its ghost image, and age/sex plausibility of the holder and of the document's
// portraits as a warning. Pure: no I/O. Before the portraits are analysed only "Holder matches the
// portrait" reports (not performed).
import type { PairComparison, Portrait } from '../contract/face.contract';
import { FACE_CHECK_IDS } from './check-ids';
import type { Check } from './check-model';
import { notPerformed, result } from './check-outcome';
import { portraitName } from './portrait-names';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

function describe(c: PairComparison, byId: Map<string, Portrait>): string {
  const name = (id: string) => portraitName(byId.get(id)?.kind ?? 'live');
  return `${name(c.a)} ↔ ${name(c.b)}: similarity ${pct(c.similarity)}, distance ${c.distance?.toFixed(3) ?? '—'} → ${c.band}`;
}

const STATUS = { match: 'pass', 'no-match': 'fail', uncertain: 'warn' } as const;

const NO_LIVE_CAPTURE = 'No live capture of the holder was taken.';

export const bearerFaceCheck: Check<'face'> = {
  id: FACE_CHECK_IDS.bearer,
  title: 'Holder matches the portrait',
  layer: 'bearer-match',
  expected: 'the holder is the person in the document portrait',
  needs: { evidence: 'face' },
  run(face) {
    if (!face) return notPerformed(bearerFaceCheck, NO_LIVE_CAPTURE);
    const byId = new Map(face.portraits.map((p) => [p.id, p]));
    const t = face.threshold;
    const expected = `descriptor distance ≤ ${(t.distance - t.margin).toFixed(2)} (match); ${(t.distance - t.margin).toFixed(2)}–${(t.distance + t.margin).toFixed(2)} uncertain`;
    const live = face.portraits.filter((p) => p.kind === 'live');
    const doc = face.portraits.filter((p) => p.kind !== 'live');
    if (!live.length) {
      const printed = doc.find((p) => p.kind === 'printed');
      return notPerformed(bearerFaceCheck, NO_LIVE_CAPTURE, { expected, measured: printed ? `printed portrait: ${printed.quality.usable ? 'usable' : printed.quality.problems[0]}` : 'not measured' });
    }
    const pairs = face.comparisons.filter((c) => {
      const kinds = [byId.get(c.a)?.kind, byId.get(c.b)?.kind];
      return kinds.includes('live') && kinds.some((k) => k && k !== 'live');
    });
    const done = pairs.filter((c) => c.band !== 'not-performed');
    if (!done.length) {
      const reason = pairs.find((c) => c.reason)?.reason ?? (doc.length ? 'no document portrait could be compared' : 'no portrait was found on the document');
      return notPerformed(bearerFaceCheck, `Not compared: ${reason}.`, { expected });
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
    return result(bearerFaceCheck, { status: STATUS[band], measured: done.map((c) => describe(c, byId)).join('; '), expected, evidence: [], explanation });
  },
};

export const portraitGhostCheck: Check<'face'> = {
  id: FACE_CHECK_IDS.ghost,
  title: 'Portrait and ghost image show the same face',
  layer: 'physical',
  expected: 'the ghost image is a copy of the printed portrait',
  needs: { evidence: 'face' },
  run(face) {
    if (!face) return null;
    const byId = new Map(face.portraits.map((p) => [p.id, p]));
    const c = face.comparisons.find((x) => {
      const kinds = [byId.get(x.a)?.kind, byId.get(x.b)?.kind];
      return kinds.includes('printed') && kinds.includes('ghost');
    });
    if (!c) return null;
    if (c.band === 'not-performed') return notPerformed(portraitGhostCheck, `Not compared: ${c.reason ?? 'a portrait is unusable'}.`);
    return result(portraitGhostCheck, {
      status: STATUS[c.band],
      measured: describe(c, byId),
      expected: portraitGhostCheck.expected,
      evidence: [],
      explanation: c.band === 'match' ? 'The ghost image shows the face of the printed portrait.' : 'The ghost image may show another face than the portrait: a sign of photo substitution.',
    });
  },
};

export const facePlausibilityCheck: Check<'face'> = {
  id: FACE_CHECK_IDS.plausibility,
  title: 'Apparent age and sex fit the MRZ',
  layer: 'bearer-match',
  expected: 'estimated age within ±15 years of the age the date of birth gives (for a document portrait, since the document can have been issued); estimated sex as in the MRZ',
  needs: { evidence: 'face' },
  run(face) {
    // The holder's live capture and the document's own portraits (printed, chip) are each held against the MRZ.
    if (!face?.portraits.some((p) => (p.kind === 'live' || p.kind === 'printed' || p.kind === 'chip') && p.quality.faceFound)) return null;
    return result(facePlausibilityCheck, {
      status: face.hints.length ? 'warn' : 'pass',
      measured: face.hints.length ? face.hints.join('; ') : 'within the tolerance',
      expected: facePlausibilityCheck.expected,
      evidence: [],
      explanation: face.hints.length
        ? 'A hint only: estimates are rough. Look at the holder, the portrait and the MRZ again: a portrait that does not fit the MRZ may have been substituted.'
        : 'The apparent age and sex do not contradict the MRZ.',
    });
  },
};
