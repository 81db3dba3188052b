// Status bar: every device with its state (and reason), the device picker, scan, and progress.
import type { ProgressEvent } from '../../electron/contract/api.contract';
import type { DeviceStatus } from '../../electron/contract/device.contract';
import { t } from '../i18n/t';

export function StatusBar({ devices, selected, onSelect, onScan, onDevices, scanning, progress }: {
  devices: DeviceStatus[];
  selected: DeviceStatus | null;
  onSelect: (id: string) => void;
  onScan: () => void;
  onDevices: () => void;
  scanning: boolean;
  progress: ProgressEvent | null;
}) {
  return (
    <footer className="status-bar" data-testid="status-bar">
      <label className="status-bar__picker">
        <span className="field__label">{t('device.label')}</span>
        <select className="input input--compact" value={selected?.id ?? ''} onChange={(e) => onSelect(e.target.value)} data-testid="device-picker">
          {devices.length === 0 && <option value="">{t('device.none')}</option>}
          {devices.map((d) => (
            <option key={d.id} value={d.id}>{d.state === 'connected' ? d.name : `${d.name} — ${t(`device.state.${d.state}`)}`}</option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button--primary button--compact"
        disabled={!selected || scanning || selected.state !== 'connected' || !selected.provides.includes('images')}
        onClick={onScan}
        data-testid="scan-button"
      >
        <kbd className="kbd">S</kbd> {scanning ? t('device.scanning') : t('device.scan')}
      </button>
      <button type="button" className="button button--compact status-bar__devices" onClick={onDevices} aria-haspopup="dialog" data-testid="devices-button">
        <kbd className="kbd">G</kbd> {t('device.settings')}
      </button>
      <ul className="devices" aria-label={t('device.label')}>
        {/* Disabled drivers stay in the picker but out of the way here. */}
        {devices.filter((d) => d.state !== 'disabled').map((d) => (
          <li key={d.id} className={`device device--${d.state}`} data-testid={`device-${d.id}`} data-state={d.state} title={d.reason ?? ''}>
            <span className="device__dot" aria-hidden="true" />
            <span className="device__name">{d.name}</span>
            <span className="device__state">{t(`device.state.${d.state}`)}</span>
            {d.reason && (d.state === 'error' || d.state === 'unavailable' || d.state === 'reconnecting') && <span className="device__reason">{d.reason}</span>}
          </li>
        ))}
      </ul>
      {progress && (
        <div className="progress" role="status" data-testid="progress">
          <span className="progress__text">{progress.message || t('progress.working')}</span>
          <span className={`progress__bar${progress.fraction === undefined ? ' progress__bar--indeterminate' : ''}`}>
            <span className="progress__fill" style={progress.fraction === undefined ? undefined : { width: `${Math.round(progress.fraction * 100)}%` }} />
          </span>
        </div>
      )}
    </footer>
  );
}
