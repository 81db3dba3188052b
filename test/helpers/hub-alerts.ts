// Expert alerts for hub tests: a valid alert of a station with the fields a test varies.
import { EXPERT_ALERT_SCHEMA, type AlertScope, type ExpertAlert, type ExpertAlertContent, type FraudType, type Hotspot } from '../../electron/contract/trends.contract';
import { contentId } from '../../electron/exchange/canonical-json';

export interface AlertShape {
  title?: string;
  fraudType?: FraudType;
  issuer?: string | null;
  documentType?: string;
  series?: string | null;
  hotspots?: Hotspot[];
  week?: string;
  validUntilWeek?: string | null;
  supersedes?: string | null;
  country?: string;
  withCrop?: boolean;
  /** Absent: an alert as published before scopes existed. */
  scope?: AlertScope;
}

export function makeAlert(station: string, shape: AlertShape = {}): ExpertAlert {
  const issuer = shape.issuer === undefined ? 'UTO' : shape.issuer;
  const content: ExpertAlertContent = {
    schema: EXPERT_ALERT_SCHEMA,
    station,
    country: shape.country ?? 'SRB',
    documentClassId: `${(issuer ?? 'xxx').toLowerCase()}-passport-2019`,
    issuer,
    documentType: shape.documentType ?? 'Passport',
    series: shape.series === undefined ? '2019' : shape.series,
    fraudType: shape.fraudType ?? 'counterfeit',
    title: shape.title ?? 'Counterfeit series',
    lookFor: 'Guilloche lines broken under the photo; UV emblem missing',
    hotspots: shape.hotspots ?? [],
    crops: shape.withCrop ? [{ light: 'uv', zoneId: 'uv-emblem', label: 'UV emblem', widthPx: 1, heightPx: 1, pngBase64: 'iVBORw0KGgo=' }] : [],
    week: shape.week ?? '2026-W40',
    validUntilWeek: shape.validUntilWeek ?? null,
    supersedes: shape.supersedes ?? null,
    ...(shape.scope ? { scope: shape.scope } : {}),
  };
  return { ...content, id: contentId(content) };
}
