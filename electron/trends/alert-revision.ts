// Replacing and withdrawing an expert alert. Alerts are immutable: a replacement is a new alert with
// `supersedes` = the old id; a withdrawal is a new alert that supersedes it and is never shown
// itself (alert-standing.ts). Only the station that published an alert may revise it — as for trend
// records (trend-correction.ts), the network must not hold two competing revisions of one warning —
// and only its newest version.
import { LoupeError } from '../common/loupe-error';
import { effectiveScope } from '../contract/alert-scope';
import { ExpertAlertSchema, type ExpertAlert, type ExpertAlertContent } from '../contract/trends.contract';
import { canonicalJson, contentId } from '../exchange/canonical-json';
import { isWithdrawal } from './alert-standing';
import { addWeeks } from './iso-week';
import type { TrendStore } from './trend-store';

/** The alert `id`, if this station may replace or withdraw it; else a refusal saying why. */
export function revisableAlert(store: TrendStore, ownStation: string, id: string): ExpertAlert {
  const held = store.alertStanding(id);
  if (!held) throw new LoupeError('trends', 'AlertNotHeld', 'that expert alert is not held here');
  const { alert, supersededBy, origin } = held;
  if (origin !== 'local' || alert.station !== ownStation) {
    throw new LoupeError('trends', 'NotOwnStation', `this alert was published by station ${alert.station}: only that station can replace or withdraw it`);
  }
  if (isWithdrawal(alert)) throw new LoupeError('trends', 'InvalidInput', 'this is the withdrawal of an alert, not an alert: there is nothing to replace or withdraw');
  if (supersededBy !== null) {
    const next = store.getAlert(supersededBy);
    throw new LoupeError(
      'trends',
      'AlreadySuperseded',
      next && isWithdrawal(next)
        ? 'this alert was already withdrawn'
        : `this alert was already replaced (by alert ${supersededBy.slice(0, 12)}…): replace or withdraw the newest version`,
    );
  }
  return alert;
}

/** Whether a replacement says the same as the alert it replaces (the week it is published aside). */
export function sameAlert(replacement: ExpertAlertContent, old: ExpertAlert): boolean {
  const { id: _id, ...oldContent } = old;
  // An old alert without a scope says the same as one naming its own issuer, type and series.
  const strip = (c: ExpertAlertContent) => canonicalJson({ ...c, week: '', supersedes: null, scope: effectiveScope(c) });
  return strip(replacement) === strip(oldContent);
}

/**
 * The withdrawal of `old`, published in `week`: the same class, title and text (so a reader of the
 * bundle sees what was withdrawn), no hotspots or crops (nothing is shown), shown until the week
 * before — never.
 */
export function withdrawalOf(old: ExpertAlert, week: string): ExpertAlert {
  const { id: _id, ...rest } = old;
  const content: ExpertAlertContent = { ...rest, hotspots: [], crops: [], week, validUntilWeek: addWeeks(week, -1), supersedes: old.id };
  return ExpertAlertSchema.parse({ ...content, id: contentId(content) });
}
