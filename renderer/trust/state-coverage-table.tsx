// Coverage per issuing state: how many CSCAs, how many valid, expiring and expired, the latest
// expiry, and the state of its CRL, with a filter by code or name.
import { useMemo, useState } from 'react';
import type { StateCoverage } from '../../electron/contract/csca-trust.contract';
import { formatDate, t } from '../i18n/t';
import { CoveragePill, CrlPill } from './trust-status';

export function StateCoverageTable({ states }: { states: readonly StateCoverage[] }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? states.filter((s) => s.state.toLowerCase().includes(q) || (s.name ?? '').toLowerCase().includes(q)) : states;
  }, [states, filter]);
  if (states.length === 0) return <p className="muted" data-testid="trust-states-empty">{t('trustStore.states.empty')}</p>;
  return (
    <>
      <label className="field trust-filter">
        <span className="field__label">{t('trustStore.states.filter')}</span>
        <input className="input" type="search" value={filter} placeholder={t('trustStore.states.filterPlaceholder')} onChange={(e) => setFilter(e.target.value)} data-testid="trust-states-filter" />
      </label>
      {shown.length === 0 ? (
        <p className="muted">{t('trustStore.states.none')}</p>
      ) : (
        <div className="trust-table-wrap">
          <table className="history__table trust-table" data-testid="trust-states">
            <thead>
              <tr>
                <th scope="col">{t('trustStore.col.state')}</th>
                <th scope="col">{t('trustStore.col.name')}</th>
                <th scope="col" className="trust-table__num">{t('trustStore.col.certificates')}</th>
                <th scope="col" className="trust-table__num">{t('trustStore.col.valid')}</th>
                <th scope="col" className="trust-table__num">{t('trustStore.col.expiring')}</th>
                <th scope="col" className="trust-table__num">{t('trustStore.col.expired')}</th>
                <th scope="col">{t('trustStore.col.latestExpiry')}</th>
                <th scope="col">{t('trustStore.col.coverage')}</th>
                <th scope="col">{t('trustStore.col.crl')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.state} data-testid={`trust-state-${s.state}`}>
                  <th scope="row" className="trust-table__code">{s.state}</th>
                  <td>{s.name ?? <span className="muted">—</span>}</td>
                  <td className="trust-table__num">{s.certificates}</td>
                  <td className="trust-table__num">{s.valid}</td>
                  <td className="trust-table__num">{s.expiring}</td>
                  <td className="trust-table__num">{s.expired}</td>
                  <td className="trust-table__date">{formatDate(s.latestExpiry)}</td>
                  <td><CoveragePill coverage={s.coverage} /></td>
                  <td><CrlPill status={s.crl} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
