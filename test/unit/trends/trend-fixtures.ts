// Synthetic trend records for the tests and the benchmark: only the facts a record may hold.
import { TREND_RECORD_SCHEMA, type FraudType, type TrendRecord, type TrendRecordContent } from '../../../electron/contract/trends.contract';
import { contentId } from '../../../electron/exchange/canonical-json';

export function makeRecord(over: Partial<TrendRecordContent> & { poe?: string } = {}): TrendRecord {
  const { poe, ...rest } = over;
  const content: TrendRecordContent = {
    schema: TREND_RECORD_SCHEMA,
    station: '0123456789abcdef',
    country: 'SRB',
    issuer: 'UTO',
    documentType: 'Passport',
    series: '2019',
    documentClassId: 'uto-passport-2019',
    fraudType: 'forged-photo-substitution' as FraudType,
    revealedBy: ['Photo zone'],
    caughtBy: ['photo.substitution'],
    missedBy: ['uv.features'],
    context: { pointOfEntry: poe ?? 'RS-BATROVCI', line: 'second', direction: 'entry' },
    week: '2026-W40',
    notes: null,
    crops: [],
    supersedes: null,
    occurrence: Math.random().toString(16).slice(2, 10).padEnd(16, '0'),
    ...rest,
  };
  return { ...content, id: contentId(content) };
}
