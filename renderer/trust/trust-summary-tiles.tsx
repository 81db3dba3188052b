// The store's health at a glance: one tile per question an expert asks first. A tile that points at
// a list moves the focus to it (Enter or click), so the screen is walked with the keyboard.
import type { TrustHealth } from '../../electron/contract/csca-trust.contract';
import { t } from '../i18n/t';

export type TrustSection = 'states' | 'expiring' | 'expired' | 'crls' | 'missing';

interface Tile {
  id: string;
  value: number;
  label: string;
  tone: 'neutral' | 'pass' | 'warn' | 'fail';
  section: TrustSection | null;
}

export function TrustSummaryTiles({ health, onOpen }: { health: TrustHealth; onOpen: (section: TrustSection) => void }) {
  const overdue = health.crls.filter((c) => c.overdue).length;
  const covered = health.states.filter((s) => s.coverage !== 'none-valid').length;
  const tiles: Tile[] = [
    { id: 'certificates', value: health.totals.certificates, label: t('trustStore.tile.certificates'), tone: 'neutral', section: null },
    { id: 'states', value: covered, label: t('trustStore.tile.states'), tone: covered > 0 ? 'pass' : 'fail', section: 'states' },
    { id: 'expiring', value: health.expiring.length, label: t('trustStore.tile.expiring', { days: health.expiryWarningDays }), tone: health.expiring.length > 0 ? 'warn' : 'pass', section: 'expiring' },
    { id: 'expired', value: health.expired.length, label: t('trustStore.tile.expired'), tone: health.expired.length > 0 ? 'warn' : 'pass', section: 'expired' },
    { id: 'crls', value: overdue, label: t('trustStore.tile.crlsOverdue'), tone: overdue > 0 ? 'warn' : 'pass', section: 'crls' },
    { id: 'missing', value: health.missingStates.length, label: t('trustStore.tile.missing'), tone: health.missingStates.length > 0 ? 'fail' : 'pass', section: 'missing' },
  ];
  return (
    <ul className="trust-tiles" data-testid="trust-tiles">
      {tiles.map((tile) => {
        const body = (
          <>
            <span className="trust-tile__value">{tile.value}</span>
            <span className="trust-tile__label">{tile.label}</span>
          </>
        );
        return (
          <li key={tile.id} className={`trust-tile trust-tile--${tile.tone}`} data-testid={`trust-tile-${tile.id}`}>
            {tile.section ? (
              <button type="button" className="trust-tile__button" onClick={() => onOpen(tile.section!)} title={t('trustStore.tile.open')}>
                {body}
              </button>
            ) : (
              <div className="trust-tile__button trust-tile__button--static">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
