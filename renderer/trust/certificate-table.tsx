// CSCA certificates that need attention (expiring soon, expired): state, subject, serial and the
// end of validity; a long list shows its first rows until asked for all.
import { useState } from 'react';
import type { CertificateBrief } from '../../electron/contract/csca-trust.contract';
import { formatDate, t } from '../i18n/t';

const FIRST_ROWS = 20;

export function CertificateTable({ certificates, empty, testId }: { certificates: readonly CertificateBrief[]; empty: string; testId: string }) {
  const [all, setAll] = useState(false);
  if (certificates.length === 0) return <p className="muted" data-testid={`${testId}-none`}>{empty}</p>;
  const shown = all ? certificates : certificates.slice(0, FIRST_ROWS);
  return (
    <>
      <div className="trust-table-wrap">
        <table className="history__table trust-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{t('trustStore.col.state')}</th>
              <th scope="col">{t('trustStore.col.subject')}</th>
              <th scope="col">{t('trustStore.col.serial')}</th>
              <th scope="col">{t('trustStore.col.notAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.sha256}>
                <th scope="row" className="trust-table__code">{c.state ?? <span className="muted">{t('trustStore.unknownState')}</span>}</th>
                <td className="trust-table__subject">
                  {c.subject}
                  {c.link && <span className="trust-table__tag">{t('trustStore.link')}</span>}
                </td>
                <td className="trust-table__mono">{c.serial}</td>
                <td className="trust-table__date">{formatDate(c.notAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!all && certificates.length > FIRST_ROWS && (
        <button type="button" className="button button--small trust-more" onClick={() => setAll(true)} data-testid={`${testId}-more`}>
          {t('trustStore.expired.more', { count: certificates.length })}
        </button>
      )}
    </>
  );
}
