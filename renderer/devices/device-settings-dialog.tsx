// The Devices dialog (key G): every device the station found, its live state in plain words, and
// its settings (hot folder path, serial port, SANE device, ...). The list is the one the status bar
// shows, kept current by devices:onStatus, so a saved change is seen taking effect here.
import { useRef } from 'react';
import type { DeviceStatus } from '../../electron/contract/device.contract';
import { useFocusTrap } from '../hooks/use-focus-trap';
import { t } from '../i18n/t';
import { DeviceSettingsCard } from './device-settings-card';
import { escapeCloses } from '../hooks/use-dialog-action';

export function DeviceSettingsDialog({ devices, onClose }: { devices: DeviceStatus[]; onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  // Straight to the first device that needs setting up; else the first control.
  useFocusTrap(dialog, '.device-card--error input, .device-card--disabled input');

  // Handled here so the screen's own shortcuts never see keys typed into the dialog.
  const onKeyDown = escapeCloses(onClose);

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className="dialog dialog--wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="devices-title"
        aria-describedby="devices-lead"
        tabIndex={-1}
        data-testid="device-settings"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <div className="dialog__head">
          <h2 className="dialog__title" id="devices-title">{t('devices.title')}</h2>
          <button type="button" className="button button--ghost button--small" onClick={onClose} data-testid="device-settings-close">
            <kbd className="kbd">Esc</kbd> {t('devices.close')}
          </button>
        </div>
        <p className="muted dialog__lead" id="devices-lead">{t('devices.lead')}</p>
        {devices.length === 0 ? (
          <p className="muted">{t('devices.none')}</p>
        ) : (
          <div className="device-cards">
            {devices.map((device) => <DeviceSettingsCard key={device.id} device={device} />)}
          </div>
        )}
      </div>
    </div>
  );
}
