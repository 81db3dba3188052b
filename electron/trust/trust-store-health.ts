// The CSCA trust store's health, as a pure function of what it holds, the station's table of
// issuing states and the time: per state how many CSCAs are valid, expiring (within
// EXPIRY_WARNING_DAYS) or expired and whether its CRL is past its next update; the certificates
// expiring and expired; every CRL's age; and the states of the table the store holds no CSCA for
// (a chip of those states can only end "issuer unknown"). A certificate is valid from notBefore to
// notAfter inclusive (RFC 5280 §4.1.2.5), as passive authentication checks a CSCA (9303-11 §5.1).
import { EXPIRY_WARNING_DAYS, type CertificateBrief, type CrlEntry, type CrlHealth, type CscaEntry, type CscaSource, type IssuingState, type StateCoverage, type TrustHealth } from '../contract/csca-trust.contract';

const DAY_MS = 86_400_000;

export interface TrustHealthInput {
  readonly certificates: readonly CscaEntry[];
  readonly crls: readonly CrlEntry[];
  /** The station's issuing states (code and name), passed in by the application that knows them. */
  readonly states: readonly IssuingState[];
  readonly lastImport: CscaSource | null;
  readonly now: Date;
}

function brief(c: CscaEntry): CertificateBrief {
  return { sha256: c.sha256, state: c.state, subject: c.subject, serial: c.serial, notAfter: c.notAfter, link: c.link };
}

export function trustStoreHealth({ certificates, crls, states, lastImport, now }: TrustHealthInput): TrustHealth {
  const t = now.getTime();
  const horizon = t + EXPIRY_WARNING_DAYS * DAY_MS;
  const validNow = (c: CscaEntry) => Date.parse(c.notBefore) <= t && t <= Date.parse(c.notAfter);
  const expiringSoon = (c: CscaEntry) => validNow(c) && Date.parse(c.notAfter) <= horizon;
  const expired = (c: CscaEntry) => Date.parse(c.notAfter) < t;
  const overdue = (crl: CrlEntry) => crl.nextUpdate !== null && Date.parse(crl.nextUpdate) < t;
  const names = new Map(states.map((s) => [s.code, s.name]));

  const byState = new Map<string, CscaEntry[]>();
  for (const c of certificates) if (c.state !== null) byState.set(c.state, [...(byState.get(c.state) ?? []), c]);
  const crlsByState = new Map<string, CrlEntry[]>();
  for (const crl of crls) if (crl.state !== null) crlsByState.set(crl.state, [...(crlsByState.get(crl.state) ?? []), crl]);

  const coverage: StateCoverage[] = [...byState.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([state, list]) => {
      const valid = list.filter(validNow).length;
      const expiring = list.filter(expiringSoon).length;
      const stateCrls = crlsByState.get(state) ?? [];
      return {
        state,
        name: names.get(state) ?? null,
        certificates: list.length,
        valid,
        expiring,
        expired: list.filter(expired).length,
        latestExpiry: list.map((c) => c.notAfter).sort().at(-1)!,
        coverage: valid > expiring ? 'covered' : valid > 0 ? 'expiring' : 'none-valid',
        crl: stateCrls.length === 0 ? 'none' : stateCrls.some(overdue) ? 'overdue' : 'current',
      };
    });

  const crlHealth: CrlHealth[] = crls.map((crl) => ({
    issuer: crl.issuer,
    state: crl.state,
    thisUpdate: crl.thisUpdate,
    nextUpdate: crl.nextUpdate,
    ageDays: Math.floor((t - Date.parse(crl.thisUpdate)) / DAY_MS),
    overdue: overdue(crl),
  }));

  return {
    checkedAt: now.toISOString(),
    expiryWarningDays: EXPIRY_WARNING_DAYS,
    totals: { certificates: certificates.length, states: byState.size, crls: crls.length, unknownCountry: certificates.filter((c) => c.state === null).length },
    states: coverage,
    expiring: certificates.filter(expiringSoon).sort((a, b) => a.notAfter.localeCompare(b.notAfter)).map(brief),
    expired: certificates.filter(expired).sort((a, b) => b.notAfter.localeCompare(a.notAfter)).map(brief),
    crls: crlHealth.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.state ?? '~').localeCompare(b.state ?? '~') || a.issuer.localeCompare(b.issuer)),
    missingStates: states.filter((s) => !byState.has(s.code)).map((s) => ({ code: s.code, name: s.name })).sort((a, b) => a.code.localeCompare(b.code)),
    lastImport: lastImport ? { at: lastImport.importedAt, by: lastImport.importedBy, file: lastImport.file, kind: lastImport.kind } : null,
  };
}
