// The layered verdict: one status per layer, never one opaque score (docs/ARCHITECTURE.md §3).
import { LAYERS, type CheckResult, type CheckStatus, type LayerVerdict } from '../contract/examination.contract';

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
