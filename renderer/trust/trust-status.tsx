// How a state's coverage and its CRL read on screen: a word and a glyph besides the colour, so the
// status reads without colour vision too (as the checks' status icons do).
import type { CRL_STATUSES, STATE_COVERAGE } from '../../electron/contract/csca-trust.contract';
import { t, type PlainMessageKey } from '../i18n/t';

type Coverage = (typeof STATE_COVERAGE)[number];
type CrlStatus = (typeof CRL_STATUSES)[number];
type Tone = 'pass' | 'warn' | 'fail' | 'neutral';

const COVERAGE: Record<Coverage, { label: PlainMessageKey; tone: Tone; glyph: string }> = {
  covered: { label: 'trustStore.coverage.covered', tone: 'pass', glyph: '✓' },
  expiring: { label: 'trustStore.coverage.expiring', tone: 'warn', glyph: '!' },
  'none-valid': { label: 'trustStore.coverage.noneValid', tone: 'fail', glyph: '✕' },
};

const CRL: Record<CrlStatus, { label: PlainMessageKey; tone: Tone; glyph: string }> = {
  current: { label: 'trustStore.crl.current', tone: 'pass', glyph: '✓' },
  overdue: { label: 'trustStore.crl.overdue', tone: 'warn', glyph: '!' },
  none: { label: 'trustStore.crl.none', tone: 'neutral', glyph: '–' },
};

function Pill({ tone, glyph, label, value }: { tone: Tone; glyph: string; label: string; value: string }) {
  return (
    <span className={`trust-pill trust-pill--${tone}`} data-status={value}>
      <span aria-hidden="true">{glyph}</span> {label}
    </span>
  );
}

export function CoveragePill({ coverage }: { coverage: Coverage }) {
  const c = COVERAGE[coverage];
  return <Pill tone={c.tone} glyph={c.glyph} label={t(c.label)} value={coverage} />;
}

export function CrlPill({ status }: { status: CrlStatus }) {
  const c = CRL[status];
  return <Pill tone={c.tone} glyph={c.glyph} label={t(c.label)} value={status} />;
}

export function OverduePill({ overdue }: { overdue: boolean }) {
  return <CrlPill status={overdue ? 'overdue' : 'current'} />;
}
