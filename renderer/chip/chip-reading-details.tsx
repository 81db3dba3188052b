// What reading the chip gave: how access was gained and why, each file's fate, passive
// authentication's named outcome with the certificate chain and every hash, the clone checks (and
// whether each counts), the chip portrait and the evidence package.
import type { ChipSection } from '../../electron/contract/chip-examination.contract';
import { t } from '../i18n/t';
import { CHOICE, CLONE, CLONE_STATUS, FILE_STATUS, HASH, KEY_SOURCE, OUTCOME } from './chip-labels';

export function ChipReadingDetails({ section, imageBase, exporting, onExport }: { section: ChipSection; imageBase: string; exporting: boolean; onExport: () => void }) {
  const reading = section.reading;
  if (!reading) return null;
  const pa = reading.passiveAuthentication;
  const face = reading.faces[0];
  return (
    <div className="chip-details" data-testid="chip-details">
      <dl className="chip-facts">
        <dt>{t('chip.protocol')}</dt>
        <dd data-testid="chip-protocol" data-protocol={reading.access.protocol}>{t('chip.protocolValue', { protocol: reading.access.protocol, why: t(CHOICE[reading.access.reason]) })}</dd>
        {section.keySource && (
          <>
            <dt>{t('chip.keySource')}</dt>
            <dd>{t(KEY_SOURCE[section.keySource])}</dd>
          </>
        )}
        <dt>{t('chip.passive')}</dt>
        <dd className={`chip-outcome chip-outcome--${pa.outcome}`} data-testid="chip-outcome" data-outcome={pa.outcome}>{t(OUTCOME[pa.outcome])}</dd>
        <dt>{t('chip.signer')}</dt>
        <dd className="chip-name">{pa.documentSigner ?? t('chip.unknown')}</dd>
        <dt>{t('chip.csca')}</dt>
        <dd className="chip-name">{pa.csca ?? t('chip.unknown')}</dd>
        <dt>{t('chip.signerCountry')}</dt>
        <dd>{section.signerState ?? section.signerCountry ?? t('chip.unknown')}</dd>
      </dl>
      <h3 className="panel__subtitle">{t('chip.hashes')}</h3>
      <ul className="chip-list" data-testid="chip-hashes">
        {pa.hashes.map((h) => (
          <li key={h.dataGroup} className={`chip-hash chip-hash--${h.status}`} data-status={h.status}>{t('chip.hash', { group: h.dataGroup, status: t(HASH[h.status]) })}</li>
        ))}
      </ul>
      <h3 className="panel__subtitle">{t('chip.clones')}</h3>
      <ul className="chip-list" data-testid="chip-clone-checks">
        {reading.cloneChecks.map((c) => (
          <li key={c.method} className={`chip-clone chip-clone--${c.status}`} data-method={c.method} data-status={c.status} data-counts={c.counts}>
            <strong>{t(CLONE[c.method])}</strong>: {t(CLONE_STATUS[c.status])}
            {c.status === 'succeeded' && <span className="muted"> — {c.counts ? t('chip.counts') : t('chip.notCounting')}</span>}
          </li>
        ))}
      </ul>
      <h3 className="panel__subtitle">{t('chip.files')}</h3>
      <p className="chip-files">{reading.files.map((f) => t('chip.fileStatus', { file: f.file, status: t(FILE_STATUS[f.status]) })).join(' · ')}</p>
      {section.resumptions > 0 && <p className="muted" data-testid="chip-resumed">{t('chip.resumed', { count: section.resumptions })}</p>}
      {face && (
        <figure className="chip-portrait">
          <img src={`${imageBase}${face.imageHash}`} alt={t('chip.portrait')} data-testid="chip-portrait" />
          <figcaption>{t('chip.portrait')}</figcaption>
        </figure>
      )}
      {section.evidence && (
        <p className="chip-evidence">
          <span className="field__label">{t('chip.evidence')}</span>{' '}
          <button type="button" className="button button--small" disabled={exporting} onClick={onExport} data-testid="chip-export">{exporting ? t('chip.exporting') : t('chip.export')}</button>
        </p>
      )}
    </div>
  );
}
