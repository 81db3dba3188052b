// The inspection screen once an officer is signed in: viewer on the left, MRZ / checks / decision on
// the right, devices and progress at the bottom, history as a second view. Owns the keyboard map.
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckResult, DecisionInput, Examination, FindingReviewInput, MrzCharacterReviewInput, Officer } from '../../electron/contract/examination.contract';
import type { Light } from '../../electron/contract/capture.contract';
import { loupe } from '../api/loupe';
import { toUiError, type UiError } from '../api/api-error';
import { CameraScanDialog } from '../capture/camera-scan-dialog';
import { DeviceSettingsDialog } from '../devices/device-settings-dialog';
import { HistoryView } from '../history/history-view';
import { useDevices } from '../hooks/use-devices';
import { useProgress } from '../hooks/use-progress';
import { useShortcuts } from '../hooks/use-shortcuts';
import { t } from '../i18n/t';
import { ChecksList, isReviewable, type ReviewState } from '../panels/checks-list';
import type { ReviewVerdict } from '../panels/finding-review';
import { ReferenceView } from '../reference/reference-view';
import { TrustStoreView } from '../trust/trust-store-view';
import { DecisionForm } from '../panels/decision-form';
import { MrzPanel, type MrzSpan } from '../panels/mrz-panel';
import { DocumentViewer, type ViewerHandle } from '../viewer/document-viewer';
import type { OverlayBox } from '../viewer/finding-overlay';
import type { AppInfo } from './app-root';
import { ErrorBanner } from './error-banner';
import { FacePanel } from '../face/face-panel';
import { HeaderBar, type ViewName } from './header-bar';
import { ShortcutSheet } from './shortcut-sheet';
import { StatusBar } from './status-bar';
import type { ExpertAlert } from '../../electron/contract/trends.contract';
import { AlertBanner, alertOverlayBoxes } from '../trends/alert-banner';
import { ExaminationWarnings } from '../panels/examination-warnings';
import { TrendProposalDialog } from '../trends/trend-proposal-dialog';

// The Trends screen brings the charting library: loaded when first opened, not with the inspection.
const TrendsView = lazy(() => import('../trends/trends-view').then((m) => ({ default: m.TrendsView })));

const FRAUD_VERDICTS = new Set(['false-counterfeit', 'false-forged', 'false-pseudo', 'fraud-impostor', 'fraud-fraudulently-obtained']);

const PAN_STEP = 80;

function overlayBoxes(examination: Examination, light: Light): OverlayBox[] {
  return examination.checks.flatMap((check) =>
    check.evidence.flatMap((e, i) =>
      e.region && (e.light ?? 'white') === light
        ? [{ key: `${check.id}-${i}`, checkId: check.id, title: check.title, status: check.status, box: e.region }]
        : [],
    ),
  );
}

export function Workstation({ info, officer, onSignOut, onSessionLost }: {
  info: AppInfo;
  officer: Officer;
  onSignOut: () => void;
  onSessionLost: () => void;
}) {
  const [view, setView] = useState<ViewName>('inspect');
  const [examination, setExamination] = useState<Examination | null>(null);
  const [light, setLight] = useState<Light>('white');
  const [loupeOn, setLoupeOn] = useState(false);
  const [overlaysOn, setOverlaysOn] = useState(true);
  const [selectedCheck, setSelectedCheck] = useState<CheckResult | null>(null);
  const [scanning, setScanning] = useState(false);
  const [report, setReport] = useState<{ url: string; fileName: string } | null>(null);
  const [reportBusy, setReportBusy] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [devicesOpen, setDevicesOpen] = useState(false);
  const [cameraScanOpen, setCameraScanOpen] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [reviewing, setReviewing] = useState<{ checkId: string; verdict: ReviewVerdict } | null>(null);
  const [proposalFor, setProposalFor] = useState<string | null>(null);
  const [alerts, setAlerts] = useState<ExpertAlert[]>([]);
  const [alertsRevision, setAlertsRevision] = useState(0);
  const [alertFocus, setAlertFocus] = useState(0);
  const viewer = useRef<ViewerHandle>(null);
  const decisionField = useRef<HTMLInputElement>(null);
  const reportLink = useRef<string | null>(null);

  const fail = useCallback((e: unknown) => {
    const uiError = toUiError(e);
    if (uiError.category === 'not-signed-in') onSessionLost();
    else setError(uiError);
  }, [onSessionLost]);
  const { devices, selected, select } = useDevices(fail);
  const progress = useProgress(scanning);

  const show = useCallback((next: Examination) => {
    setExamination(next);
    setSelectedCheck(null);
    setReviewing(null);
    setReport(null);
    setLight((current) => (next.images.some((i) => i.light === current) ? current : (next.images[0]?.light ?? 'white')));
    setView('inspect');
  }, []);

  const open = useCallback(async (id: string) => {
    try {
      show(await loupe['examination:get']({ id }));
    } catch (e) {
      fail(e);
    }
  }, [show, fail]);

  // Expert alerts whose scope takes in the document on screen (its issuer, type and series), read
  // again each time the inspection screen is shown (alerts may have arrived in a bundle meanwhile).
  const examinationId = examination?.id ?? null;
  const inspecting = view === 'inspect';
  useEffect(() => {
    setAlerts([]);
    if (!examinationId || !inspecting) return;
    let current = true;
    loupe['trends:alertsForExamination']({ examinationId }).then((list) => current && setAlerts(list), fail);
    return () => {
      current = false;
    };
  }, [examinationId, inspecting, fail, alertsRevision]);

  // A request to focus the alert form holds for one visit of the Trends screen.
  useEffect(() => {
    if (view !== 'trends') setAlertFocus(0);
  }, [view]);

  // Hot folders and serial readers deliver captures on their own.
  useEffect(() => loupe.on('examination:onCreated', ({ id }) => void open(id)), [open]);

  const scan = async () => {
    if (!selected || scanning) return;
    setScanning(true);
    setError(null);
    try {
      show(await loupe['examination:scan']({ deviceId: selected.id }));
    } catch (e) {
      fail(e);
    } finally {
      setScanning(false);
    }
  };

  const decide = async (decision: DecisionInput) => {
    if (!examination) return;
    try {
      setExamination(await loupe['examination:decide']({ id: examination.id, decision }));
      setReport(null);
      // A fraud verdict proposes a (non-personal) trend record for the examiner to review.
      if (FRAUD_VERDICTS.has(decision.verdict)) setProposalFor(examination.id);
    } catch (e) {
      fail(e);
    }
  };

  const saveReview = async (review: FindingReviewInput) => {
    if (!examination) return;
    try {
      setExamination(await loupe['examination:review']({ id: examination.id, review }));
      setReviewing(null);
      setReport(null);
      // Back on the card, so the next finding is one arrow key away.
      window.requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-check-nav="${review.checkId}"]`)?.focus());
    } catch (e) {
      fail(e);
    }
  };
  const reviewMrzCharacter = async (review: MrzCharacterReviewInput) => {
    if (!examination) return;
    try {
      setExamination(await loupe['examination:reviewMrzCharacter']({ id: examination.id, review }));
      setReport(null);
    } catch (e) {
      fail(e);
    }
  };
  const reviewState: ReviewState | undefined = examination ? {
    reviews: examination.reviews ?? [],
    open: reviewing,
    onStart: (checkId, verdict) => {
      setView('inspect');
      setReviewing({ checkId, verdict });
    },
    onCancel: () => setReviewing(null),
    onSave: saveReview,
  } : undefined;
  /** C / X on the selected finding (the checks list handles a focused one itself). */
  const reviewSelected = (verdict: ReviewVerdict) => {
    if (view === 'inspect' && selectedCheck && isReviewable(selectedCheck)) setReviewing({ checkId: selectedCheck.id, verdict });
  };

  const createReport = async () => {
    if (!examination || reportBusy) return;
    setReportBusy(true);
    try {
      const created = await loupe['report:create']({ id: examination.id });
      setReport({ url: created.url, fileName: created.fileName });
      reportLink.current = created.url;
    } catch (e) {
      fail(e);
    } finally {
      setReportBusy(false);
    }
  };

  // Open the new report once its link exists (the link stays for reopening or saving).
  useEffect(() => {
    if (!report || reportLink.current !== report.url) return;
    reportLink.current = null;
    document.querySelector<HTMLAnchorElement>('[data-testid="report-link"]')?.click();
  }, [report]);

  const selectCheck = (check: CheckResult) => {
    setSelectedCheck(check);
    // MRZ evidence has no pixel box yet: its characters are highlighted in the MRZ panel instead.
    if (check.evidence.some((e) => e.mrz)) {
      document.querySelector('[data-testid="mrz-lines"]')?.scrollIntoView({ block: 'center' });
    }
    const evidence = check.evidence.find((e) => e.region);
    if (!evidence?.region) return;
    const target = evidence.light ?? 'white';
    const box = evidence.region;
    setLight(target);
    setOverlaysOn(true);
    // Focus after the light switch has rendered the image the box belongs to.
    window.requestAnimationFrame(() => viewer.current?.focus(box));
  };

  const hasLight = (l: Light) => examination?.images.some((i) => i.light === l) ?? false;
  // The reference view shows reference images even without a document: every light is allowed there.
  const switchLight = (l: Light) => (view === 'reference' || hasLight(l)) && setLight(l);
  const focusDecision = () => {
    setView('inspect');
    window.requestAnimationFrame(() => {
      document.getElementById('decision')?.scrollIntoView({ block: 'start' });
      decisionField.current?.focus();
    });
  };

  // While a dialog is open, only Escape reaches the screen: S must not scan behind the dialog.
  const closeDialogs = () => {
    setSheetOpen(false);
    setDevicesOpen(false);
  };
  useShortcuts(sheetOpen || devicesOpen || proposalFor || cameraScanOpen ? { Escape: closeDialogs } : {
    s: () => void scan(),
    v: () => setCameraScanOpen(true),
    '1': () => switchLight('white'),
    '2': () => switchLight('ir'),
    '3': () => switchLight('uv'),
    w: () => switchLight('white'),
    i: () => switchLight('ir'),
    u: () => switchLight('uv'),
    '+': () => viewer.current?.zoomBy(1.25),
    '=': () => viewer.current?.zoomBy(1.25),
    '-': () => viewer.current?.zoomBy(1 / 1.25),
    '0': () => viewer.current?.reset(),
    ArrowLeft: () => viewer.current?.pan(PAN_STEP, 0),
    ArrowRight: () => viewer.current?.pan(-PAN_STEP, 0),
    ArrowUp: () => viewer.current?.pan(0, PAN_STEP),
    ArrowDown: () => viewer.current?.pan(0, -PAN_STEP),
    m: () => setLoupeOn((on) => !on),
    o: () => setOverlaysOn((on) => !on),
    h: () => setView((v) => (v === 'history' ? 'inspect' : 'history')),
    f: () => setView((v) => (v === 'reference' ? 'inspect' : 'reference')),
    t: () => setView((v) => (v === 'trends' ? 'inspect' : 'trends')),
    k: () => setView((v) => (v === 'trust' ? 'inspect' : 'trust')),
    c: () => reviewSelected('confirmed'),
    x: () => reviewSelected('dismissed'),
    e: () => setView('inspect'),
    d: focusDecision,
    r: () => void createReport(),
    g: () => setDevicesOpen(true),
    '?': () => setSheetOpen(true),
    Escape: () => {
      if (error) setError(null);
      else if (view !== 'inspect') setView('inspect');
    },
  });

  const boxes = useMemo(() => (examination ? [...overlayBoxes(examination, light), ...alertOverlayBoxes(alerts, examination, light)] : []), [examination, light, alerts]);
  const mrzHighlight: MrzSpan[] = selectedCheck?.evidence.flatMap((e) => (e.mrz ? [e.mrz] : [])) ?? [];

  return (
    <div className="workstation">
      <HeaderBar
        station={info.station}
        officer={officer}
        view={view}
        onView={setView}
        canReport={examination !== null}
        reportBusy={reportBusy}
        report={report}
        onReport={() => void createReport()}
        onShortcuts={() => setSheetOpen(true)}
        onSignOut={onSignOut}
      />
      {error && (
        <div className="workstation__error">
          <ErrorBanner error={error} onDismiss={() => setError(null)} />
        </div>
      )}
      {view === 'inspect' && examination?.warnings && examination.warnings.length > 0 && (
        <div className="workstation__error">
          <ExaminationWarnings warnings={examination.warnings} />
        </div>
      )}
      {view === 'inspect' && alerts.length > 0 && (
        <div className="workstation__error">
          <AlertBanner alerts={alerts} />
        </div>
      )}
      <main className="workstation__main">
        {view === 'trends' ? (
          <Suspense fallback={<p className="muted" role="status">{t('trends.loading')}</p>}>
            <TrendsView
              onError={fail}
              referenceBase={info.referenceBase}
              alertSource={examination?.identification && FRAUD_VERDICTS.has(examination.decision?.verdict ?? '') ? { examinationId: examination.id, classId: examination.identification.classId, label: examination.identification.label, issuer: examination.document.issuer } : null}
              alertFocus={alertFocus}
              onAlertPublished={() => setAlertsRevision((n) => n + 1)}
            />
          </Suspense>
        ) : view === 'trust' ? (
          <TrustStoreView onError={fail} />
        ) : view === 'history' ? (
          <HistoryView onOpen={(id) => void open(id)} onError={fail} />
        ) : view === 'reference' ? (
          <ReferenceView referenceBase={info.referenceBase} imageBase={info.imageBase} examination={examination} light={light} onLight={setLight} viewerRef={viewer} onError={fail} />
        ) : examination ? (
          <div className="inspection" data-testid="inspection" data-examination-id={examination.id}>
            <DocumentViewer
              key={examination.id}
              ref={viewer}
              images={examination.images}
              imageBase={info.imageBase}
              light={light}
              onLight={setLight}
              loupeOn={loupeOn}
              overlaysOn={overlaysOn}
              onToggleLoupe={() => setLoupeOn((on) => !on)}
              onToggleOverlays={() => setOverlaysOn((on) => !on)}
              overlays={boxes}
              selectedCheckId={selectedCheck?.id ?? null}
              onSelectCheck={(id) => {
                const check = examination.checks.find((c) => c.id === id);
                if (check) setSelectedCheck(check);
              }}
              reference={null}
            />
            <aside className="inspection__side" aria-label={t('checks.title')}>
              <MrzPanel mrz={examination.mrz} highlight={mrzHighlight} review={{ reviews: examination.mrzReviews ?? [], onReview: reviewMrzCharacter }} />
              <ChecksList
                checks={examination.checks}
                verdict={examination.verdict}
                selectedId={selectedCheck?.id ?? null}
                onSelect={selectCheck}
                review={reviewState}
                comparison={{ images: examination.images, imageBase: info.imageBase, referenceBase: info.referenceBase, identification: examination.identification ?? null }}
              />
              <FacePanel examination={examination} imageBase={info.imageBase} onUpdated={(next) => { setExamination(next); setReport(null); }} onError={fail} />
              <DecisionForm examination={examination} onDecide={decide} firstFieldRef={decisionField} />
            </aside>
          </div>
        ) : (
          <div className="empty" data-testid="empty-state">
            <h1 className="empty__title">{t('empty.title')}</h1>
            <p className="empty__lead">{t('empty.lead')}</p>
            {selected ? (
              <button type="button" className="button button--primary button--large" disabled={scanning} onClick={() => void scan()} data-testid="empty-scan">
                {t('empty.scan', { device: selected.name })}
              </button>
            ) : (
              <p className="muted">{t('empty.noDevice')}</p>
            )}
            <button type="button" className="button button--large" onClick={() => setCameraScanOpen(true)} data-testid="camera-scan-open">
              <kbd className="kbd kbd--large">V</kbd> {t('cameraScan.open')}
            </button>
          </div>
        )}
      </main>
      <StatusBar devices={devices} selected={selected} onSelect={select} onScan={() => void scan()} onDevices={() => setDevicesOpen(true)} scanning={scanning} progress={progress} />
      {sheetOpen && <ShortcutSheet onClose={() => setSheetOpen(false)} />}
      {devicesOpen && <DeviceSettingsDialog devices={devices} onClose={() => setDevicesOpen(false)} />}
      {cameraScanOpen && (
        <CameraScanDialog
          onExamined={(exam) => {
            setCameraScanOpen(false);
            show(exam);
          }}
          onError={fail}
          onClose={() => setCameraScanOpen(false)}
        />
      )}
      {proposalFor && (
        <TrendProposalDialog
          examinationId={proposalFor}
          onClose={(_recorded, thenAlert) => {
            setProposalFor(null);
            // "Then publish an expert alert": the Trends screen opens on the alert form.
            if (thenAlert) {
              setView('trends');
              setAlertFocus((n) => n + 1);
            }
          }}
          onError={fail}
        />
      )}
    </div>
  );
}
