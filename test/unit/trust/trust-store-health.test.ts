// The CSCA trust store's health as a pure function of what it holds, the station's state table and
// the time: coverage per issuing state, the 90-day expiry warning at its edges, CRLs past their next
// update, and the states of the table with no CSCA at all.
import { describe, expect, it } from 'vitest';
import type { CrlEntry, CscaEntry, CscaSource } from '../../../electron/contract/csca-trust.contract';
import { TrustHealthSchema } from '../../../electron/contract/csca-trust.contract';
import { icaoStateOfCountry } from '../../../electron/trust/issuing-state-codes.data';
import { trustStoreHealth } from '../../../electron/trust/trust-store-health';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
const source: CscaSource = { kind: 'master-list', file: 'ml.ml', fileSha256: 'a'.repeat(64), signer: 'C=DE, CN=MLS', importedAt: '2026-05-01T00:00:00.000Z', importedBy: 'expert' };

let serial = 0;
function cert(state: string | null, notBefore: number, notAfter: number, link = false): CscaEntry {
  serial++;
  return { sha256: serial.toString(16).padStart(64, '0'), state, country: null, subject: `CN=CSCA ${serial}`, issuer: `CN=CSCA ${serial}`, serial: serial.toString(16), notBefore: at(notBefore), notAfter: at(notAfter), link, sources: [source] };
}

function crl(state: string, thisUpdate: number, nextUpdate: number | null): CrlEntry {
  return { issuer: `C=${state}, CN=CSCA`, state, thisUpdate: at(thisUpdate), nextUpdate: nextUpdate === null ? null : at(nextUpdate), revoked: 0, sha256: 'b'.repeat(64), source: { ...source, kind: 'crl' } };
}

describe('trust store health', () => {
  it('gives coverage per state, what expires within 90 days and what has expired, CRL age and the states without a CSCA', () => {
    const certificates = [
      cert('D', -1000, 3000), cert('D', -4000, -10), // one valid, one expired
      cert('FRA', -1000, 90), cert('FRA', -1000, 89, true), // both valid, both within 90 days (the edge included)
      cert('SRB', -2000, -1), // expired only
      cert('ITA', 10, 4000), // not yet valid
      cert('NLD', -1000, 91), // just outside the warning
      cert(null, -10, 100), // a country the station does not know
    ];
    const health = trustStoreHealth({
      certificates,
      crls: [crl('D', -20, 10), crl('FRA', -100, -1), crl('SRB', -5, null)],
      states: [{ code: 'D', name: 'Germany' }, { code: 'FRA', name: 'France' }, { code: 'GBR', name: 'United Kingdom' }, { code: 'AUT', name: 'Austria' }],
      lastImport: source,
      now: NOW,
    });
    expect(TrustHealthSchema.parse(health)).toEqual(health);
    expect(health.totals).toEqual({ certificates: 8, states: 5, crls: 3, unknownCountry: 1 });
    expect(health.states.map((s) => [s.state, s.name, s.certificates, s.valid, s.expiring, s.expired, s.coverage, s.crl])).toEqual([
      ['D', 'Germany', 2, 1, 0, 1, 'covered', 'current'],
      ['FRA', 'France', 2, 2, 2, 0, 'expiring', 'overdue'],
      ['ITA', null, 1, 0, 0, 0, 'none-valid', 'none'],
      ['NLD', null, 1, 1, 0, 0, 'covered', 'none'],
      ['SRB', null, 1, 0, 0, 1, 'none-valid', 'current'],
    ]);
    expect(health.states[0]!.latestExpiry).toBe(at(3000));
    expect(health.expiring.map((c) => [c.state, c.notAfter, c.link])).toEqual([['FRA', at(89), true], ['FRA', at(90), false]]);
    expect(health.expired.map((c) => [c.state, c.notAfter])).toEqual([['SRB', at(-1)], ['D', at(-10)]]);
    expect(health.crls.map((c) => [c.state, c.ageDays, c.overdue])).toEqual([['FRA', 100, true], ['D', 20, false], ['SRB', 5, false]]);
    expect(health.missingStates).toEqual([{ code: 'AUT', name: 'Austria' }, { code: 'GBR', name: 'United Kingdom' }]);
    expect(health.lastImport).toEqual({ at: source.importedAt, by: 'expert', file: 'ml.ml', kind: 'master-list' });
  });

  it('says an empty store covers nothing', () => {
    const health = trustStoreHealth({ certificates: [], crls: [], states: [{ code: 'D', name: 'Germany' }], lastImport: null, now: NOW });
    expect(health).toMatchObject({ totals: { certificates: 0, states: 0, crls: 0, unknownCountry: 0 }, states: [], expiring: [], expired: [], missingStates: [{ code: 'D', name: 'Germany' }], lastImport: null });
  });
});

describe('the issuing state of a certificate', () => {
  it('maps the X.509 country to the ICAO code: alpha-3, Germany D, and the codes ICAO reserves beyond ISO', () => {
    expect(['DE', 'de', 'FR', 'RS', 'GB', 'XK', 'EU', 'UN', 'ZZ', 'UT', ''].map((c) => icaoStateOfCountry(c))).toEqual(['D', 'D', 'FRA', 'SRB', 'GBR', 'RKS', 'EUE', 'UNO', null, null, null]);
    expect(icaoStateOfCountry(null)).toBeNull();
  });
});
