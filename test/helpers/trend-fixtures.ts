// Synthetic, non-personal trend records and signed bundles for hub tests and benchmarks.
import { generateKeyPairSync } from 'node:crypto';
import { EXPERT_ALERT_SCHEMA, TREND_RECORD_SCHEMA, type BundleItem, type ExpertAlertContent, type FraudType, type TrendRecord, type TrendRecordContent } from '../../electron/contract/trends.contract';
import { encodeBundle } from '../../electron/exchange/bundle-codec';
import { contentId } from '../../electron/exchange/canonical-json';
import { identityFromPrivateKey, type StationIdentity } from '../../electron/trust/station-identity';

export function newIdentity(): StationIdentity {
  return identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

export interface RecordShape {
  issuer?: string | null;
  documentType?: string;
  series?: string | null;
  fraudType?: FraudType;
  pointOfEntry?: string;
  week?: string;
  caughtBy?: string[];
  notes?: string | null;
}

/** A valid record of `station`; `n` makes it unique. */
export function makeRecord(station: string, n: number, shape: RecordShape = {}): TrendRecord {
  const content: TrendRecordContent = {
    schema: TREND_RECORD_SCHEMA,
    station,
    country: 'SRB',
    issuer: shape.issuer === undefined ? 'UTO' : shape.issuer,
    documentType: shape.documentType ?? 'Passport',
    series: shape.series === undefined ? '2019' : shape.series,
    documentClassId: 'uto-passport-2019',
    fraudType: shape.fraudType ?? 'forged-photo-substitution',
    revealedBy: ['UV emblem'],
    caughtBy: shape.caughtBy ?? ['photo-substitution'],
    missedBy: [],
    context: { pointOfEntry: shape.pointOfEntry ?? 'RS-BATROVCI', line: 'second', direction: 'entry' },
    week: shape.week ?? '2026-W40',
    notes: shape.notes === undefined ? `case ${n}` : shape.notes,
    crops: [],
    supersedes: null,
  };
  return { ...content, id: contentId(content) };
}

export function recordItem(record: TrendRecord): BundleItem {
  return { type: 'record', record };
}

export function makeAlertItem(station: string, n: number): BundleItem {
  const content: ExpertAlertContent = {
    schema: EXPERT_ALERT_SCHEMA,
    station,
    country: 'SRB',
    documentClassId: 'uto-passport-2019',
    issuer: 'UTO',
    documentType: 'Passport',
    series: '2019',
    fraudType: 'counterfeit',
    title: `Counterfeit series ${n}`,
    lookFor: 'Blurred guilloche under the photo',
    hotspots: [],
    crops: [],
    week: '2026-W40',
    validUntilWeek: null,
    supersedes: null,
  };
  return { type: 'alert', alert: { ...content, id: contentId(content) } };
}

export function bundleOf(identity: StationIdentity, items: readonly BundleItem[]): Buffer {
  return encodeBundle(items, identity, { scope: 'national', k: null, since: null });
}

/** `count` records of `identity`, numbered from `start`. */
export function recordBundle(identity: StationIdentity, start: number, count: number, shape: RecordShape = {}): Buffer {
  return bundleOf(identity, Array.from({ length: count }, (_, i) => recordItem(makeRecord(identity.station, start + i, shape))));
}
