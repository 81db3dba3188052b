// Header: station, view switch, report, the signed-in officer and sign-out.
import type { Officer } from '../../electron/contract/examination.contract';
import { t } from '../i18n/t';

export type ViewName = 'inspect' | 'history' | 'reference' | 'trends' | 'trust';

export function HeaderBar({ station, officer, view, onView, canReport, reportBusy, report, onReport, onShortcuts, onSignOut }: {
  station: string;
  officer: Officer;
  view: ViewName;
  onView: (view: ViewName) => void;
  canReport: boolean;
  reportBusy: boolean;
  report: { url: string; fileName: string } | null;
  onReport: () => void;
  onShortcuts: () => void;
  onSignOut: () => void;
}) {
  return (
    <header className="header">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true" />
        <span>{t('app.title')}</span>
        <span className="header__station">{t('header.station', { station })}</span>
      </div>
      <nav className="tabs" aria-label={t('app.title')}>
        <button type="button" className={`tabs__item${view === 'inspect' ? ' tabs__item--on' : ''}`} aria-current={view === 'inspect' ? 'page' : undefined} onClick={() => onView('inspect')} data-testid="nav-inspect">
          {t('header.inspect')}
        </button>
        <button type="button" className={`tabs__item${view === 'history' ? ' tabs__item--on' : ''}`} aria-current={view === 'history' ? 'page' : undefined} onClick={() => onView('history')} data-testid="nav-history">
          <kbd className="kbd">H</kbd> {t('header.history')}
        </button>
        <button type="button" className={`tabs__item${view === 'reference' ? ' tabs__item--on' : ''}`} aria-current={view === 'reference' ? 'page' : undefined} onClick={() => onView('reference')} data-testid="nav-reference">
          <kbd className="kbd">F</kbd> {t('header.reference')}
        </button>
        <button type="button" className={`tabs__item${view === 'trends' ? ' tabs__item--on' : ''}`} aria-current={view === 'trends' ? 'page' : undefined} onClick={() => onView('trends')} data-testid="nav-trends">
          <kbd className="kbd">T</kbd> {t('header.trends')}
        </button>
        <button type="button" className={`tabs__item${view === 'trust' ? ' tabs__item--on' : ''}`} aria-current={view === 'trust' ? 'page' : undefined} onClick={() => onView('trust')} data-testid="nav-trust">
          <kbd className="kbd">K</kbd> {t('header.trustStore')}
        </button>
      </nav>
      <div className="header__actions">
        {report && (
          <a className="header__report-link" href={report.url} download={report.fileName} target="_blank" rel="noopener" title={report.fileName} data-testid="report-link">
            {t('header.reportOpen')}
          </a>
        )}
        <button type="button" className="button" disabled={!canReport || reportBusy} onClick={onReport} data-testid="report-button">
          {reportBusy ? t('header.reportBusy') : t('header.report')}
        </button>
        <button type="button" className="button button--icon" aria-label={t('header.shortcuts')} title={t('header.shortcuts')} onClick={onShortcuts} data-testid="shortcuts-button">?</button>
        <span className="officer" title={t('header.officer', { name: officer.name, badge: officer.badge })} data-testid="officer">{t('header.officer', { name: officer.name, badge: officer.badge })}</span>
        <button type="button" className="button button--ghost" onClick={onSignOut} data-testid="sign-out">{t('header.signOut')}</button>
      </div>
    </header>
  );
}
