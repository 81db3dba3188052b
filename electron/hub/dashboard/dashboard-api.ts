// The hub's dashboard endpoints as the page reads them, typed by the hub's own answers. The page
// is served by that same hub, so the answers are taken as typed (no schema library in the page).
import type { currentAlerts } from '../hub-alert-queries';
import type { emergingTrends, RecordRow, stationNames, TrendSummary } from '../hub-queries';
import { t } from './dashboard-i18n';

export type EmergingAnswer = Awaited<ReturnType<typeof emergingTrends>>;
export type AlertsAnswer = Awaited<ReturnType<typeof currentAlerts>>;
export type StationsAnswer = Awaited<ReturnType<typeof stationNames>>;
export interface RecordsAnswer {
  records: RecordRow[];
}

/** The hub's error answer (hub-server.ts sendError). */
interface ErrorAnswer {
  error?: { fault?: string; message?: string };
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin' });
  const body: unknown = await res.json().catch(() => ({}));
  if (res.status === 401) throw new Error(t('dashboard.signIn'));
  if (!res.ok) throw new Error((body as ErrorAnswer).error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

export const fetchSummary = (params: URLSearchParams) => getJson<TrendSummary>(`/v1/trends/summary?${params}`);
export const fetchEmerging = (params: URLSearchParams) => getJson<EmergingAnswer>(`/v1/trends/emerging?${params}`);
/** The current alerts do not follow the filters (the network's notice board as of today). */
export const fetchAlerts = () => getJson<AlertsAnswer>('/v1/trends/alerts');
export const fetchRecords = (params: URLSearchParams) => getJson<RecordsAnswer>(`/v1/trends/records?${params}`);
/** The names of the hub's members, by station id. */
export const fetchStations = () => getJson<StationsAnswer>('/v1/trends/stations');
