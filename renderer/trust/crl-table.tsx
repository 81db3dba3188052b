// The CRLs held: whose, when issued and how long ago, when the next one was due, and whether that
// day has passed (revocations since then may be missing).
import type { CrlHealth } from '../../electron/contract/csca-trust.contract';
import { formatDate, t } from '../i18n/t';
import { OverduePill } from './trust-status';

export function CrlTable({ crls }: { crls: readonly CrlHealth[] }) {
  if (crls.length === 0) return <p className="muted" data-testid="trust-crls-none">{t('trustStore.crls.none')}</p>;
  return (
    <div className="trust-table-wrap">
      <table className="history__table trust-table" data-testid="trust-crls">
        <thead>
          <tr>
            <th scope="col">{t('trustStore.col.state')}</th>
            <th scope="col">{t('trustStore.col.issuer')}</th>
            <th scope="col">{t('trustStore.col.thisUpdate')}</th>
            <th scope="col" className="trust-table__num">{t('trustStore.col.age')}</th>
            <th scope="col">{t('trustStore.col.nextUpdate')}</th>
            <th scope="col">{t('trustStore.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {crls.map((c) => (
            <tr key={`${c.issuer}-${c.thisUpdate}`}>
              <th scope="row" className="trust-table__code">{c.state ?? <span className="muted">{t('trustStore.unknownState')}</span>}</th>
              <td className="trust-table__subject">{c.issuer}</td>
              <td className="trust-table__date">{formatDate(c.thisUpdate)}</td>
              <td className="trust-table__num">{t('trustStore.crls.ageDays', { days: c.ageDays })}</td>
              <td className="trust-table__date">{c.nextUpdate ? formatDate(c.nextUpdate) : <span className="muted">{t('trustStore.crls.noNextUpdate')}</span>}</td>
              <td><OverduePill overdue={c.overdue} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
