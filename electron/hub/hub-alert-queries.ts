// The expert alerts the hub dashboard shows as current: published by a member station, not expired
// (no last week, or a last week not yet past), not a withdrawal (shown until the week before its
// own, electron/trends/alert-standing.ts: left out whatever the clock), and not superseded. An
// alert is superseded by a later alert of the same station that names it in `supersedes` — a
// member speaks only for itself, so one station cannot hide another's alert. Only non-personal
// fields leave the hub; the redacted crops stay out of the list.
import { alertApplies, effectiveScope, type DocumentFacts } from '../contract/alert-scope';
import { AlertScopeSchema, type AlertScope } from '../contract/trends.contract';
import { isoWeekOf } from '../trends/iso-week';
import type { HubDialect, HubStore } from './hub-store';

export interface CurrentAlert {
  id: string;
  station: string;
  /** Country of the publishing station (ICAO code). */
  country: string;
  documentClassId: string;
  issuer: string | null;
  documentType: string;
  series: string | null;
  fraudType: string;
  title: string;
  lookFor: string;
  /** Labels of the hotspot zones, in the alert's order, each once. */
  hotspots: string[];
  /** The documents it is shown on, as stations apply it (alert-scope.ts): an alert published
   * without a scope stands for its own issuer, document type and series. */
  scope: AlertScope;
  week: string;
  validUntilWeek: string | null;
}

export const CURRENT_ALERTS_MAX = 200;

/** A text field of the stored alert JSON (migration 2 indexes `supersedes` with this very expression). */
export function alertField(dialect: HubDialect, table: string, field: string): string {
  return dialect === 'sqlite' ? `json_extract(${table}.content, '$.${field}')` : `(${table}.content::jsonb ->> '${field}')`;
}

/**
 * Current alerts, newest week first, as of the ISO week of `now`; with `document`, only those a
 * station shows on a document of that issuer, type and series.
 */
export async function currentAlerts(store: HubStore, now = new Date(), limit = CURRENT_ALERTS_MAX, document?: DocumentFacts): Promise<{ week: string; alerts: CurrentAlert[] }> {
  const week = isoWeekOf(now);
  const field = (f: string) => alertField(store.dialect, 'a', f);
  // SQLite compares a TEXT column and an expression with the column's affinity, which keeps it from
  // using the expression index; `+a.id` has no affinity.
  const id = store.dialect === 'sqlite' ? '+a.id' : 'a.id';
  const rows = await store.query<Record<string, string | null>>(
    `SELECT a.id, a.station, a.country, a.document_class_id, a.issuer, a.fraud_type, a.week, a.valid_until_week,
            ${field('documentType')} AS document_type, ${field('series')} AS series, ${field('title')} AS title,
            ${field('lookFor')} AS look_for, ${field('hotspots')} AS hotspots, ${field('scope')} AS scope
       FROM hub_alerts AS a
      WHERE (a.valid_until_week IS NULL OR a.valid_until_week >= ?)
        AND (a.valid_until_week IS NULL OR a.valid_until_week >= a.week)
        AND NOT EXISTS (SELECT 1 FROM hub_alerts AS s WHERE ${alertField(store.dialect, 's', 'supersedes')} = ${id} AND s.station = a.station)
      ORDER BY a.week DESC, a.id DESC
      LIMIT ?`,
    [week, Math.min(Math.max(1, Math.floor(limit)), CURRENT_ALERTS_MAX)],
  );
  const alerts: CurrentAlert[] = rows.map((r) => {
    const issuer = r.issuer ?? null;
    const documentType = String(r.document_type);
    const series = r.series ?? null;
    const stored = r.scope ? AlertScopeSchema.safeParse(JSON.parse(r.scope)) : null;
    return {
      id: String(r.id),
      station: String(r.station),
      country: String(r.country),
      documentClassId: String(r.document_class_id),
      issuer,
      documentType,
      series,
      fraudType: String(r.fraud_type),
      title: String(r.title),
      lookFor: String(r.look_for),
      hotspots: [...new Set((JSON.parse(r.hotspots ?? '[]') as { label: string }[]).map((h) => h.label))],
      scope: effectiveScope({ scope: stored?.success ? stored.data : undefined, issuer, documentType, series }),
      week: String(r.week),
      validUntilWeek: r.valid_until_week ?? null,
    };
  });
  return { week, alerts: document ? alerts.filter((a) => alertApplies(a, document)) : alerts };
}
