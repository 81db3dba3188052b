// A learned class's record: how many genuine captures it stands for, its history, and for each
// threshold calibrated on the captures how many measurements back it, the genuine worst and the
// headroom left to the bound (contract/calibration-standing.ts), so the expert sees which bounds
// are tight or barely known before trusting them.
import { boundStanding, FEW_MEASUREMENTS } from '../../electron/contract/calibration-standing';
import type { DocumentClass } from '../../electron/contract/reference.contract';
import { formatDateTime, formatNumber, t } from '../i18n/t';

export function CalibrationPanel({ cls }: { cls: DocumentClass }) {
  const bounds = cls.calibration ?? [];
  if (!cls.learning && bounds.length === 0) return null;
  return (
    <section className="calibration" data-testid="calibration-panel">
      {cls.learning && (
        <>
          <h3 className="layer__title" data-testid="calibration-captures" data-captures={cls.learning.captures}>
            {t('calibration.title', { count: cls.learning.captures, lights: cls.learning.lights.map((l) => t(`viewer.light.${l}`)).join(', ') })}
          </h3>
          <ul className="calibration__history" data-testid="calibration-history">
            {cls.learning.history.map((h) => (
              <li key={h.version}>{t('calibration.history', { version: h.version, action: t(`calibration.action.${h.action}`), added: h.added, date: formatDateTime(h.at), author: h.author, total: h.captures })}</li>
            ))}
          </ul>
        </>
      )}
      {bounds.length > 0 && (
        <table className="history__table calibration__table" data-testid="calibration-bounds">
          <caption className="muted small">{t('calibration.bounds')}{bounds.some((b) => boundStanding(b).few) && <span data-testid="calibration-few"> {t('calibration.few', { count: FEW_MEASUREMENTS })}</span>}</caption>
          <thead>
            <tr>
              <th>{t('calibration.check')}</th>
              <th>{t('calibration.bound')}</th>
              <th>{t('calibration.measurements')}</th>
              <th>{t('calibration.worst')}</th>
              <th>{t('calibration.headroom')}</th>
            </tr>
          </thead>
          <tbody>
            {bounds.map((b) => {
              const s = boundStanding(b);
              const key = `${b.check}-${b.measure}-${b.zone ?? ''}`;
              return (
                <tr key={key} data-testid={`bound-${key}`} data-measurements={s.measurements} data-headroom={s.headroom ?? ''} className={s.headroom !== null && s.headroom < 0.1 ? 'calibration__tight' : undefined}>
                  <td>{b.check} · {b.measure}{b.zone ? ` · ${cls.zones.find((z) => z.id === b.zone)?.label || b.zone}` : ''}</td>
                  <td>{b.direction === 'max' ? '≤' : '≥'} {formatNumber(b.value)} <span className="muted small">({s.widened ? t('calibration.widened', { value: formatNumber(b.default) }) : t('calibration.default')})</span></td>
                  <td>{s.measurements}</td>
                  <td>{s.worst === null ? '–' : formatNumber(s.worst)}</td>
                  <td>{s.headroom === null ? '–' : `${Math.round(s.headroom * 100)} %`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
