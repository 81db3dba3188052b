// Scopes of expert alerts: which documents an alert is shown on; an alert made before scopes existed
// still validates, keeps its content id, and stands for its own issuer, type and series, never for
// every document. A scoped alert hashes the same along the schema's layout as generically.
import { describe, expect, it } from 'vitest';
import { alertApplies, effectiveScope, scopeList } from '../../../electron/contract/alert-scope';
import { ExpertAlertSchema, type AlertScope } from '../../../electron/contract/trends.contract';
import { contentId, validatedContentId } from '../../../electron/exchange/canonical-json';
import { parseBundleLine } from '../../../electron/exchange/bundle-lines';
import { makeAlert } from '../../helpers/hub-alerts';

const STATION = '0123456789abcdef';
const aurora = { issuer: null, documentType: 'Passport (specimen design aurora-td3)', series: '2024' };

describe('expert alert scope', () => {
  it('keeps an alert made before scopes valid, with its id, scoped to its own issuer, type and series', () => {
    // Frozen: the id of this alert as stations made it before the scope field existed.
    const old = makeAlert(STATION, { ...aurora, title: 'Old warning' });
    expect(old).not.toHaveProperty('scope');
    const { id, ...content } = old;
    expect(id).toBe('2d49999474b0c9240a4c2d1aeadd89a1f9e93eaa84460d40133281d71c7d1c2e');
    expect(ExpertAlertSchema.parse(old).id).toBe(id);
    expect(contentId(content)).toBe(id);
    expect(parseBundleLine(JSON.stringify({ type: 'alert', alert: old }))).toMatchObject({ type: 'alert' });
    expect(effectiveScope(old)).toEqual({ kind: 'documents', issuers: [], documentTypes: [aurora.documentType], series: ['2024'] });
    expect(alertApplies(old, { issuer: 'PHL', documentType: aurora.documentType, series: '2024' })).toBe(true);
    expect(alertApplies(old, { issuer: 'PHL', documentType: 'Identity card (specimen design harbor-td1)', series: '2024' })).toBe(false);
    const uto = makeAlert(STATION);
    expect(alertApplies(uto, { issuer: 'PHL', documentType: 'Passport', series: '2019' })).toBe(false);
    expect(alertApplies(uto, { issuer: 'UTO', documentType: 'passport', series: '2019' })).toBe(true);
  });

  it('shows a scoped alert only on documents of one of its issuers, types and series, a regional one everywhere', () => {
    const swe = makeAlert(STATION, { ...aurora, title: 'SWE passports', scope: { kind: 'documents', issuers: ['SWE'], documentTypes: [], series: [] } });
    const nordic = makeAlert(STATION, { ...aurora, scope: { kind: 'documents', issuers: ['SWE', 'NOR'], documentTypes: [aurora.documentType], series: ['2024'] } });
    const regional = makeAlert(STATION, { ...aurora, scope: { kind: 'regional' } });
    const phl = { issuer: 'PHL', documentType: aurora.documentType, series: '2024' };
    expect(alertApplies(swe, phl)).toBe(false);
    expect(alertApplies(swe, { ...phl, issuer: 'SWE' })).toBe(true);
    expect(alertApplies(nordic, { ...phl, issuer: 'NOR' })).toBe(true);
    expect(alertApplies(nordic, { ...phl, issuer: 'NOR', series: '2019' })).toBe(false);
    expect(alertApplies(nordic, { issuer: null, documentType: aurora.documentType, series: '2024' })).toBe(false);
    expect(alertApplies(regional, phl)).toBe(true);
    expect(alertApplies(regional, { issuer: null, documentType: null, series: null })).toBe(true);
  });

  it('hashes a scoped alert the same along the schema layout as generically, whatever its key order', () => {
    const scopes: AlertScope[] = [{ kind: 'regional' }, { series: ['2024', 'A “quoted” series'], documentTypes: ['Passport'], issuers: ['SWE', 'D'], kind: 'documents' } as AlertScope];
    for (const scope of scopes) {
      const alert = makeAlert(STATION, { scope });
      const parsed = ExpertAlertSchema.parse(alert);
      expect(validatedContentId(parsed)).toBe(alert.id);
      expect(parseBundleLine(JSON.stringify({ type: 'alert', alert }))).toMatchObject({ type: 'alert' });
    }
  });

  it('refuses a scope that names nothing, and issuers that are not ICAO codes', () => {
    const bad = (scope: unknown) => ExpertAlertSchema.safeParse({ ...makeAlert(STATION), scope }).success;
    expect(bad({ kind: 'documents', issuers: [], documentTypes: [], series: [] })).toBe(false);
    expect(bad({ kind: 'documents', issuers: ['swe'], documentTypes: [], series: [] })).toBe(false);
    expect(bad({ kind: 'everything' })).toBe(false);
    expect(scopeList(' swe, NOR;swe\n', true)).toEqual(['SWE', 'NOR']);
  });
});
