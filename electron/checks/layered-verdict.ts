// The layered verdict: one status per layer, never one opaque score (docs/ARCHITECTURE.md §3), and
// the overall verdict the screen shows first: a level, the one-line finding of every failed or
// warning check, what was not performed, and whether the document had expired. Computed here once,
// on the Node side, and carried in the examination; nothing downstream derives it again.
import {
  LAYERS,
  type CheckResult,
  type CheckStatus,
  type LayerVerdict,
  type OverallVerdict,
  type VerdictFinding,
  type VerdictGap,
  type VerdictLevel,
} from '../contract/examination.contract';
import type { MrzReading } from '../contract/mrz.contract';
import { expiryDate, isoDate } from '../mrz/mrz-dates';
import { CHECK_IDS, MRZ_CHECK_IDS } from './check-ids';
import { notPerformedReason } from './check-outcome';

const RANK: Record<CheckStatus, number> = { fail: 3, warn: 2, pass: 1, 'not-performed': 0 };

export function layerVerdicts(checks: CheckResult[]): LayerVerdict[] {
  return LAYERS.map((layer) => {
    const mine = checks.filter((c) => c.layer === layer);
    const status = mine.reduce<CheckStatus>((s, c) => (RANK[c.status] > RANK[s] ? c.status : s), 'not-performed');
    const count = (st: CheckStatus) => mine.filter((c) => c.status === st).length;
    const summary =
      mine.length === 0
        ? 'no checks'
        : status === 'not-performed'
          ? mine.map((c) => c.explanation).join(' ')
          : `${count('pass')} passed, ${count('warn')} warning(s), ${count('fail')} failed${count('not-performed') ? `, ${count('not-performed')} not performed` : ''}`;
    return { layer, status, summary };
  });
}

/** The strongest status over the layers: what the screen suggests before the officer decides. */
export function suggestedStatus(verdict: LayerVerdict[]): CheckStatus {
  return verdict.reduce<CheckStatus>((s, v) => (RANK[v.status] > RANK[s] ? v.status : s), 'not-performed');
}

/** Longest one-line finding; longer ones end in an ellipsis (the check card has the full text). */
export const FINDING_LINE_MAX = 160;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return flat.length > FINDING_LINE_MAX ? `${flat.slice(0, FINDING_LINE_MAX - 1).trimEnd()}…` : flat;
}

/**
 * What a failed or warning check found, in one line: its evidence notes (what the check points at:
 * "a straight cut or shadow line around the portrait …", "Document expired on …"), the first two
 * with a count of the others; without notes, what it measured.
 */
export function findingLine(check: CheckResult): string {
  const notes = [...new Set(check.evidence.flatMap((e) => (e.note ? [e.note.trim()] : [])).filter(Boolean))];
  if (notes.length === 0) return oneLine(check.measured || check.explanation);
  const shown = notes.slice(0, 2).join('; ');
  return oneLine(notes.length > 2 ? `${shown} (and ${notes.length - 2} more)` : shown);
}

/**
 * Not-performed checks grouped by their reason, in check order: "the chip was not read", "no UV
 * image". `wholeLayers` when the group is every check of its layers (the screen then names the layers).
 */
function gaps(checks: readonly CheckResult[]): VerdictGap[] {
  const byReason = new Map<string, VerdictGap>();
  for (const c of checks) {
    if (c.status !== 'not-performed') continue;
    const text = oneLine(notPerformedReason(c));
    const reason = text.charAt(0).toUpperCase() + text.slice(1);
    const gap = byReason.get(reason) ?? { layers: [], checkIds: [], titles: [], reason, wholeLayers: false };
    if (!gap.layers.includes(c.layer)) gap.layers.push(c.layer);
    gap.checkIds.push(c.id);
    gap.titles.push(c.title);
    byReason.set(reason, gap);
  }
  return [...byReason.values()].map((g) => ({ ...g, wholeLayers: checks.filter((c) => g.layers.includes(c.layer)).every((c) => g.checkIds.includes(c.id)) }));
}

/** The expiry date when the MRZ reader found the document expired at the time of the examination. */
function expiredOn(mrz: MrzReading | null, examinedAt: Date): { on: string } | null {
  if (!mrz?.format || !mrz.findings.some((f) => f.code === 'expired')) return null;
  const raw = mrz.fields.expiryDate;
  const date = raw ? expiryDate(raw, examinedAt) : null;
  return { on: date ? isoDate(date) : '' };
}

/**
 * Incomplete: the examination could not say much either way — no MRZ data was checked, or the page
 * was not examined against a reference class (not identified, or no security-feature check ran).
 * The chip and bearer-match layers are often not performed at a document desk; they are listed as
 * not performed, but do not make the examination incomplete on their own.
 */
function incomplete(checks: readonly CheckResult[], verdict: readonly LayerVerdict[]): boolean {
  const layer = (l: (typeof LAYERS)[number]) => verdict.find((v) => v.layer === l)?.status ?? 'not-performed';
  if (layer('data-integrity') === 'not-performed' || layer('physical') === 'not-performed') return true;
  const identification = checks.find((c) => c.id === CHECK_IDS.identification);
  return identification?.status === 'not-performed';
}

export function overallVerdict(checks: CheckResult[], verdict: LayerVerdict[], mrz: MrzReading | null, examinedAt: Date): OverallVerdict {
  const order = (c: CheckResult) => LAYERS.indexOf(c.layer) * 10 + (c.status === 'fail' ? 0 : 1);
  const expired = expiredOn(mrz, examinedAt);
  // The dates check warns for nothing but the expiry (impossible dates fail): the named state says it.
  const onlyExpiry = (c: CheckResult) => expired !== null && c.id === MRZ_CHECK_IDS.dates && c.status === 'warn';
  const findings: VerdictFinding[] = checks
    .filter((c): c is CheckResult & { status: 'fail' | 'warn' } => (c.status === 'fail' || c.status === 'warn') && !onlyExpiry(c))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => order(a.c) - order(b.c) || a.i - b.i)
    .map(({ c }) => ({ layer: c.layer, checkId: c.id, title: c.title, status: c.status, reason: findingLine(c) }));
  const level: VerdictLevel = findings.some((f) => f.status === 'fail')
    ? 'fail'
    : incomplete(checks, verdict)
      ? 'incomplete'
      : findings.length > 0 || expired
        ? 'attention'
        : 'pass';
  return { level, expired, findings, notPerformed: gaps(checks) };
}
