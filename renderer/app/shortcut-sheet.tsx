// The shortcut sheet (key ?): every action on the screen has a key.
import { useEffect, useRef } from 'react';
import { t, type PlainMessageKey } from '../i18n/t';

const ROWS: { keys: string[]; label: PlainMessageKey }[] = [
  { keys: ['S'], label: 'shortcuts.scan' },
  { keys: ['V'], label: 'shortcuts.cameraScan' },
  { keys: ['1', '2', '3'], label: 'shortcuts.lights' },
  { keys: ['W', 'I', 'U'], label: 'shortcuts.lightsAlt' },
  { keys: ['+', '−', '0'], label: 'shortcuts.zoom' },
  { keys: ['←', '↑', '→', '↓'], label: 'shortcuts.pan' },
  { keys: ['M'], label: 'shortcuts.loupe' },
  { keys: ['O'], label: 'shortcuts.overlays' },
  { keys: ['H'], label: 'shortcuts.history' },
  { keys: ['F'], label: 'shortcuts.reference' },
  { keys: ['C', 'X'], label: 'shortcuts.review' },
  { keys: ['E'], label: 'shortcuts.inspect' },
  { keys: ['D'], label: 'shortcuts.decision' },
  { keys: ['R'], label: 'shortcuts.report' },
  { keys: ['G'], label: 'shortcuts.devices' },
  { keys: ['T'], label: 'shortcuts.trends' },
  { keys: ['K'], label: 'shortcuts.trustStore' },
  { keys: ['?'], label: 'shortcuts.help' },
  { keys: ['Esc'], label: 'shortcuts.escape' },
  { keys: ['L'], label: 'shortcuts.camera' },
  { keys: ['N', 'Ins'], label: 'shortcuts.hotspotAdd' },
  { keys: ['Shift', '←', '↑', '→', '↓'], label: 'shortcuts.hotspotResize' },
  { keys: ['Del'], label: 'shortcuts.hotspotRemove' },
];

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Focus starts on the title, so the sheet opens at its top (focusing the close button at the end
  // scrolled the title out of view); Tab reaches the close button, Escape closes.
  useEffect(() => titleRef.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcut-sheet" onClick={(e) => e.stopPropagation()}>
        <h2 className="dialog__title" id="shortcuts-title" tabIndex={-1} ref={titleRef}>{t('shortcuts.title')}</h2>
        <table className="shortcuts">
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.keys.join()}>
                <td className="shortcuts__keys">{row.keys.map((k) => <kbd key={k} className="kbd kbd--large">{k}</kbd>)}</td>
                <td>{t(row.label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button" onClick={onClose} data-testid="shortcut-sheet-close">{t('shortcuts.close')}</button>
      </div>
    </div>
  );
}
