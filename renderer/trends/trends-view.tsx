// The Trends screen: weekly counts by fraud type, by issuer/document, by point of entry and by the
// check that caught them; filters; emerging combinations with their evidence; a click on a bar drills
// down to the (non-personal) records, where this station's records can be corrected; CSV of what is
// shown; bundle exchange, the regional hub, settings and expert alerts — publishing one, and
// replacing or withdrawing those published here.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TrendDashboard, TrendFilter } from '../../electron/contract/trend-dashboard.contract';
import type { TrendRecordRow } from '../../electron/contract/trend-correction.contract';
import { FRAUD_TYPES, type ExpertAlert, type FraudType, type TrendRecord } from '../../electron/contract/trends.contract';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';
import { AlertPublishForm, type AlertSource } from './alert-publish-form';
import { OwnAlertsPanel } from './own-alerts-panel';
import { download } from './file-bytes';
import { fraudTypeLabel } from './fraud-type-label';
import { TrendChart, type ChartClick } from './trend-chart';
import { TrendExchangePanel } from './trend-exchange-panel';
import { TrustListPanel } from './trust-list-panel';
import { TrendCorrectionDialog } from './trend-correction-dialog';
import { TrendDrillTable } from './trend-drill-table';
import { checkOption, issuerLabel, issuerOption, poeOption, weeklyOption } from './trend-options';

const WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

export function TrendsView({ onError, referenceBase, alertSource = null, alertFocus = 0, onAlertPublished }: {
  onError: (e: unknown) => void;
  referenceBase: string;
  /** The examination on screen, when alerts can take example crops from it. */
  alertSource?: AlertSource | null;
  /** Changes when the alert form should take the focus (from the proposal dialog). */
  alertFocus?: number;
  onAlertPublished?: (alert: ExpertAlert) => void;
}) {
  const [filter, setFilter] = useState<TrendFilter>({});
  const [draft, setDraft] = useState({ from: '', to: '', fraudType: '', issuer: '', pointOfEntry: '' });
  const [dashboard, setDashboard] = useState<TrendDashboard | null>(null);
  const [busy, setBusy] = useState(false);
  const [drill, setDrill] = useState<{ filter: TrendFilter; rows: TrendRecordRow[]; more: boolean } | null>(null);
  const [correcting, setCorrecting] = useState<TrendRecord | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [drillBusy, setDrillBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [replacing, setReplacing] = useState<ExpertAlert | null>(null);
  const [ownAlertsRevision, setOwnAlertsRevision] = useState(0);
  const [replaceFocus, setReplaceFocus] = useState(0);

  const load = useCallback(async (f: TrendFilter) => {
    setBusy(true);
    try {
      setDashboard(await loupe['trends:dashboard'](f));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }, [onError]);

  useEffect(() => void load(filter), [load, filter, revision]);

  // Asked to publish an alert: the charts arriving above the form push it down; bring it back.
  const loaded = dashboard !== null;
  useEffect(() => {
    if (alertFocus > 0 && loaded) document.querySelector('[data-testid="alert-publish"]')?.scrollIntoView({ block: 'start' });
  }, [alertFocus, loaded]);

  const applyFilters = () => {
    const next: TrendFilter = {};
    for (const key of ['from', 'to'] as const) {
      const v = draft[key].trim().toUpperCase();
      if (v && !WEEK.test(v)) {
        setProblem(t('trends.badWeek', { value: v }));
        return;
      }
      if (v) next[key] = v;
    }
    if (draft.fraudType) next.fraudType = draft.fraudType as FraudType;
    if (draft.issuer.trim()) next.issuer = draft.issuer.trim().toUpperCase();
    if (draft.pointOfEntry.trim()) next.pointOfEntry = draft.pointOfEntry.trim().toUpperCase();
    setProblem(null);
    setDrill(null);
    setFilter(next);
  };

  /** The records behind a count; superseded ones are listed too, marked, with their replacement. */
  const loadDrill = async (f: TrendFilter, scroll: boolean) => {
    setDrillBusy(true);
    try {
      const page = await loupe['trends:recordRows']({ filter: f, limit: 100, offset: 0, includeSuperseded: true });
      setDrill({ filter: f, ...page });
      if (scroll) window.requestAnimationFrame(() => document.getElementById('trend-drill')?.scrollIntoView({ block: 'start' }));
    } catch (e) {
      onError(e);
    } finally {
      setDrillBusy(false);
    }
  };

  const drillDown = (extra: TrendFilter) => {
    setHighlight(null);
    setNotice(null);
    return loadDrill({ ...filter, ...(dashboard ? { from: dashboard.weeks[0], to: dashboard.weeks[dashboard.weeks.length - 1] } : {}), ...extra }, true);
  };

  const focusRow = (id: string) =>
    window.requestAnimationFrame(() => {
      const row = document.getElementById(`trend-record-${id}`);
      row?.scrollIntoView({ block: 'center' });
      row?.focus();
    });

  /** Follows a "superseded by" link: to the row when listed, else the replacement is fetched and listed first. */
  const showReplacement = async (id: string) => {
    setHighlight(id);
    if (!drill?.rows.some((r) => r.record.id === id)) {
      try {
        const row = await loupe['trends:recordRow']({ id });
        setDrill((d) => (d ? { ...d, rows: [row, ...d.rows.filter((r) => r.record.id !== id)] } : d));
      } catch (e) {
        onError(e);
        return;
      }
    }
    focusRow(id);
  };

  const corrected = async (record: TrendRecord | null) => {
    setCorrecting(null);
    if (!record || !drill) return;
    setNotice(t('correction.saved'));
    setHighlight(record.id);
    // The counts change at once; the list is read again with the same filter.
    setRevision((n) => n + 1);
    await loadDrill(drill.filter, false);
    focusRow(record.id);
  };

  /** An alert published, replaced or withdrawn: the list and the inspection banner are read again. */
  const alertsChanged = (alert: ExpertAlert) => {
    setReplacing(null);
    setOwnAlertsRevision((n) => n + 1);
    onAlertPublished?.(alert);
  };

  const exportCsv = async () => {
    try {
      const { csv, fileName } = await loupe['trends:csv'](drill?.filter ?? filter);
      download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName);
    } catch (e) {
      onError(e);
    }
  };

  const options = useMemo(() => (dashboard ? { weekly: weeklyOption(dashboard), issuer: issuerOption(dashboard), poe: poeOption(dashboard), check: checkOption(dashboard) } : null), [dashboard]);

  const onWeekly = (c: ChartClick) => void drillDown({ week: c.name, fraudType: c.seriesName as FraudType });
  const onIssuer = (c: ChartClick) => {
    const row = dashboard?.byIssuer.find((r) => issuerLabel(r) === c.name);
    if (row?.issuer) void drillDown({ issuer: row.issuer });
  };

  return (
    <div className="trends" data-testid="trends-view">
      <section className="panel trends__filters" aria-label={t('trends.filters')}>
        <h1 className="panel__title">{t('trends.title')}</h1>
        <form className="trends__filter-row" onSubmit={(e) => { e.preventDefault(); applyFilters(); }}>
          <label className="field">
            <span className="field__label">{t('trends.from')}</span>
            <input className="input" value={draft.from} placeholder="2026-W01" onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="trends-from" />
          </label>
          <label className="field">
            <span className="field__label">{t('trends.to')}</span>
            <input className="input" value={draft.to} placeholder="2026-W47" onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="trends-to" />
          </label>
          <label className="field">
            <span className="field__label">{t('trends.fraudType')}</span>
            <select className="input" value={draft.fraudType} onChange={(e) => setDraft({ ...draft, fraudType: e.target.value })} data-testid="trends-fraud-type">
              <option value="">{t('trends.all')}</option>
              {FRAUD_TYPES.map((f) => <option key={f} value={f}>{fraudTypeLabel(f)}</option>)}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('trends.issuer')}</span>
            <input className="input input--short" value={draft.issuer} maxLength={3} onChange={(e) => setDraft({ ...draft, issuer: e.target.value })} data-testid="trends-issuer" />
          </label>
          <label className="field">
            <span className="field__label">{t('trends.pointOfEntry')}</span>
            <input className="input" value={draft.pointOfEntry} maxLength={16} onChange={(e) => setDraft({ ...draft, pointOfEntry: e.target.value })} data-testid="trends-poe" />
          </label>
          <button type="submit" className="button button--primary" data-testid="trends-apply">{t('trends.apply')}</button>
          <button type="button" className="button" onClick={() => void exportCsv()} data-testid="trends-csv">{t('trends.csv')}</button>
        </form>
        {problem && <p className="form-problem" role="alert">{problem}</p>}
        <div className="trends__status" aria-live="polite" data-testid="trends-status" data-busy={busy ? 'true' : 'false'}>
          {busy ? (
            <span className="trends__busy" role="status"><span className="progress__bar progress__bar--indeterminate"><span className="progress__fill" /></span> {t('trends.loading')}</span>
          ) : dashboard ? (
            t('trends.summary', { total: dashboard.total, from: dashboard.weeks[0] ?? '', to: dashboard.weeks[dashboard.weeks.length - 1] ?? '', ms: dashboard.tookMs })
          ) : null}
        </div>
      </section>

      {dashboard && options && (
        <>
          {dashboard.emerging.length > 0 && (
            <section className="panel trends__emerging" data-testid="trends-emerging">
              <h3 className="panel__title">{t('trends.emerging')}</h3>
              <ul className="trends__emerging-list">
                {dashboard.emerging.slice(0, 10).map((e) => (
                  <li key={`${e.series}-${e.fraudType}`}>
                    <strong>{t(e.kind === 'new' ? 'trends.emerging.new' : 'trends.emerging.rising')}</strong>{' '}
                    {e.series} · {fraudTypeLabel(e.fraudType)} —{' '}
                    {t('trends.emerging.evidence', { recent: e.recent, from: e.recentWeeks[0], to: e.recentWeeks[1], baseline: e.baseline, bfrom: e.baselineWeeks[0], bto: e.baselineWeeks[1], expected: e.expected, p: e.pValue < 0.001 ? '< 0.001' : e.pValue.toFixed(3) })}
                  </li>
                ))}
              </ul>
              <p className="muted">{t('trends.emerging.how')}</p>
            </section>
          )}
          <div className="trends__grid">
            <section className="panel trends__chart trends__chart--wide">
              <h3 className="panel__title">{t('trends.byWeek')}</h3>
              <TrendChart option={options.weekly} label={t('trends.byWeek')} testId="chart-weekly" onClick={onWeekly} />
              <span className="trends__visually-hidden" data-testid="chart-weekly-total">{dashboard.total}</span>
            </section>
            <section className="panel trends__chart">
              <h3 className="panel__title">{t('trends.byIssuer')}</h3>
              <TrendChart option={options.issuer} label={t('trends.byIssuer')} testId="chart-issuer" onClick={onIssuer} />
            </section>
            <section className="panel trends__chart">
              <h3 className="panel__title">{t('trends.byPoe')}</h3>
              <TrendChart option={options.poe} label={t('trends.byPoe')} testId="chart-poe" onClick={(c) => void drillDown({ pointOfEntry: c.name })} />
            </section>
            <section className="panel trends__chart">
              <h3 className="panel__title">{t('trends.byCheck')}</h3>
              <TrendChart option={options.check} label={t('trends.byCheck')} testId="chart-check" onClick={(c) => void drillDown({ checkId: c.name })} />
            </section>
          </div>
          <div className="trends__drill-actions">
            <button type="button" className="button" onClick={() => void drillDown({})} data-testid="trends-drill-all">{t('trends.showRecords')}</button>
          </div>
        </>
      )}

      {(drill || drillBusy) && (
        <section className="panel" id="trend-drill" data-testid="trends-drill">
          <h3 className="panel__title">{t('trends.records')}</h3>
          {drillBusy ? (
            <span className="trends__busy" role="status"><span className="progress__bar progress__bar--indeterminate"><span className="progress__fill" /></span> {t('trends.loading')}</span>
          ) : drill && drill.rows.length === 0 ? (
            <p className="muted">{t('trends.noRecords')}</p>
          ) : drill ? (
            <TrendDrillTable rows={drill.rows} highlight={highlight} onCorrect={setCorrecting} onShowReplacement={(id) => void showReplacement(id)} />
          ) : null}
          {drill?.more && <p className="muted">{t('trends.more')}</p>}
          {notice && <p className="muted" role="status" data-testid="trends-drill-notice">{notice}</p>}
        </section>
      )}
      {correcting && <TrendCorrectionDialog record={correcting} onClose={(r) => void corrected(r)} onError={onError} />}

      <TrendExchangePanel onError={onError} onChanged={() => setRevision((n) => n + 1)} />
      <TrustListPanel onError={onError} revision={revision} />
      <div className="trends__alerts">
        <AlertPublishForm
          onError={onError}
          referenceBase={referenceBase}
          source={alertSource}
          focusRequest={alertFocus + replaceFocus}
          replacing={replacing}
          onCancelReplace={() => setReplacing(null)}
          onPublished={alertsChanged}
        />
        <OwnAlertsPanel
          revision={ownAlertsRevision}
          replacingId={replacing?.id ?? null}
          onReplace={(alert) => {
            setReplacing(alert);
            setReplaceFocus((n) => n + 1);
          }}
          onWithdrawn={alertsChanged}
          onError={onError}
        />
      </div>
    </div>
  );
}
