// The Trust store screen: the health of the CSCA trust store this station verifies chips against
// (trust:health) — tiles for what needs attention first, then coverage per issuing state, the
// certificates expiring and expired, the CRLs and their age, and the states the store holds no
// CSCA for; and the station's audit trail (audit:state), intact or where it breaks. Read-only: an expert imports trust material with `loupe trust import` (docs/trust.md).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditVerification } from '../../electron/contract/audit.contract';
import type { CscaSourceKind, TrustHealth } from '../../electron/contract/csca-trust.contract';
import { loupe } from '../api/loupe';
import { formatDateTime, t, type PlainMessageKey } from '../i18n/t';
import { AuditTrailPanel } from './audit-trail-panel';
import { CertificateTable } from './certificate-table';
import { CrlTable } from './crl-table';
import { StateCoverageTable } from './state-coverage-table';
import { TrustSummaryTiles, type TrustSection } from './trust-summary-tiles';
import '../styles/trust.css';

const KIND: Record<CscaSourceKind, PlainMessageKey> = {
  'master-list': 'trustStore.kind.masterList',
  certificate: 'trustStore.kind.certificate',
  crl: 'trustStore.kind.crl',
};

const IMPORT_COMMAND = 'loupe trust import FILE... --signer ROOT';

function Section({ id, title, children }: { id: TrustSection; title: string; children: React.ReactNode }) {
  return (
    <section className="trust-section" aria-labelledby={`trust-${id}-title`} data-testid={`trust-section-${id}`}>
      <h2 className="trust-section__title" id={`trust-${id}-title`} tabIndex={-1}>{title}</h2>
      {children}
    </section>
  );
}

export function TrustStoreView({ onError }: { onError: (error: unknown) => void }) {
  const [health, setHealth] = useState<TrustHealth | null>(null);
  const [auditTrail, setAuditTrail] = useState<AuditVerification | null>(null);
  const [loading, setLoading] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [trustHealth, trail] = await Promise.all([loupe['trust:health']({}), loupe['audit:state']({})]);
      setHealth(trustHealth);
      setAuditTrail(trail);
    } catch (e) {
      onError(e);
    } finally {
      setLoading(false);
    }
  }, [onError]);

  useEffect(() => {
    void load();
    title.current?.focus();
  }, [load]);

  const open = (section: TrustSection) => {
    const heading = document.getElementById(`trust-${section}-title`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  };

  return (
    <div className="trust" data-testid="trust-view">
      <header className="trust__head">
        <div>
          <h1 className="trust__title" ref={title} tabIndex={-1}>{t('trustStore.title')}</h1>
          <p className="muted trust__lead">{t('trustStore.lead')}</p>
        </div>
        <div className="trust__meta">
          {health && (
            <p className="muted trust__when" data-testid="trust-last-import">
              {health.lastImport
                ? t('trustStore.lastImport', { file: health.lastImport.file, kind: t(KIND[health.lastImport.kind]), when: formatDateTime(health.lastImport.at), by: health.lastImport.by })
                : t('trustStore.noImport')}
              <br />
              {t('trustStore.checkedAt', { when: formatDateTime(health.checkedAt) })}
            </p>
          )}
          <button type="button" className="button" onClick={() => void load()} disabled={loading} data-testid="trust-refresh">
            {t('trustStore.refresh')}
          </button>
        </div>
      </header>

      {health === null ? (
        <p className="muted" role="status">{t('trustStore.loading')}</p>
      ) : (
        <>
          {health.totals.certificates === 0 && (
            <div className="trust-empty" data-testid="trust-empty">
              <p className="trust-empty__title">{t('trustStore.empty')}</p>
              <p className="muted">{t('trustStore.emptyHow')}</p>
              <code className="trust-empty__command">{IMPORT_COMMAND}</code>
            </div>
          )}
          <TrustSummaryTiles health={health} onOpen={open} />
          <AuditTrailPanel state={auditTrail} />
          {health.totals.unknownCountry > 0 && <p className="muted">{t('trustStore.unknownCountry', { count: health.totals.unknownCountry })}</p>}
          <div className="trust__grid">
            <Section id="states" title={t('trustStore.states.title')}>
              <StateCoverageTable states={health.states} />
            </Section>
            <Section id="expiring" title={t('trustStore.expiring.title', { days: health.expiryWarningDays })}>
              <CertificateTable certificates={health.expiring} empty={t('trustStore.expiring.none', { days: health.expiryWarningDays })} testId="trust-expiring" />
            </Section>
            <Section id="crls" title={t('trustStore.crls.title')}>
              <CrlTable crls={health.crls} />
            </Section>
            <Section id="expired" title={t('trustStore.expired.title')}>
              <CertificateTable certificates={health.expired} empty={t('trustStore.expired.none')} testId="trust-expired" />
            </Section>
            <Section id="missing" title={t('trustStore.missing.title')}>
              {health.missingStates.length === 0 ? (
                <p className="muted">{t('trustStore.missing.none')}</p>
              ) : (
                <>
                  <p className="muted">{t('trustStore.missing.lead')}</p>
                  <ul className="trust-missing" data-testid="trust-missing">
                    {health.missingStates.map((s) => (
                      <li key={s.code} className="trust-missing__state" title={s.name}>
                        <span className="trust-table__code">{s.code}</span> {s.name}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Section>
          </div>
        </>
      )}
    </div>
  );
}
