// When an expert alert is shown at this station — the one rule, shared by the store's lists (the
// Trends screen, `loupe trends alerts`) and the inspection banner's query, and the same as the
// regional hub's (electron/hub/hub-alert-queries.ts):
//
// - an alert is superseded by a later alert **of the same station** that names it in `supersedes`
//   (a station speaks only for itself: another station cannot hide its alert). The store marks
//   `superseded_by` on insert with the statements below, whichever of the two arrives first;
// - an alert is shown until its last week (`validUntilWeek`, null = until superseded);
// - a **withdrawal** is an alert that supersedes the withdrawn one and whose last week is before
//   the week it was published: it is expired from the start, so it is never shown either, and
//   stations and hubs that honour `supersedes` and `validUntilWeek` hide both without knowing of
//   withdrawals. (No schema change: `loupe.alert/1` expresses it as it stands.)
import type { ExpertAlert } from '../contract/trends.contract';

/** A withdrawal: its last week shown is before the week it was published. */
export function isWithdrawal(alert: Pick<ExpertAlert, 'week' | 'validUntilWeek'>): boolean {
  // ISO weeks (YYYY-Www, zero-padded) sort as text in time order.
  return alert.validUntilWeek !== null && alert.validUntilWeek < alert.week;
}

/**
 * SQL condition on `expert_alerts`: shown in the ISO week bound as `@week`. A withdrawal is left out
 * by its own weeks too, not only by the clock: a station whose clock is still in the week before
 * would otherwise show it for that week.
 */
export const CURRENT_ALERT_SQL = 'superseded_by IS NULL AND (valid_until_week IS NULL OR (valid_until_week >= @week AND valid_until_week >= week))';

/** The alert already held that supersedes alert `?1`, published by its station `?2` (for an alert arriving after its replacement). */
export const ALERT_SUPERSEDER_SQL = 'SELECT id FROM expert_alerts WHERE supersedes = ? AND station = ? ORDER BY id LIMIT 1';

/** Marks alert `?2` superseded by `?1` when `?2` was published by the same station `?3`. */
export const MARK_ALERT_SUPERSEDED_SQL = 'UPDATE expert_alerts SET superseded_by = ? WHERE id = ? AND station = ? AND superseded_by IS NULL';
