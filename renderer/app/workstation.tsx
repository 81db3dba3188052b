// The inspection screen once an officer is signed in: viewer on the left, the overall verdict, MRZ /
// checks / decision on the right, devices and progress at the bottom, history as a second view. Owns
// the keyboard map. The case on screen is the officer's: captures a device delivers by itself wait
// in a queue until the officer opens them, and nothing typed is lost without a confirmation
// (unsaved-work.tsx). The inspection stays mounted (hidden) while another view is shown, so what
// is typed survives a look at the history or the reference.
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
import { ChipPanel } from '../chip/chip-panel';
import { HeaderBar, type ViewName } from './header-bar';
import { ShortcutSheet } from './shortcut-sheet';
import { StatusBar } from './status-bar';
import type { ExpertAlert } from '../../electron/contract/trends.contract';
import { AlertBanner, alertOverlayBoxes } from '../trends/alert-banner';
import { ExaminationWarnings } from '../panels/examination-warnings';
import { TrendProposalDialog } from '../trends/trend-proposal-dialog';
import type { CaptureFailedEvent } from '../../electron/contract/examination.channels';
import { categoryOfKind } from '../../electron/contract/error-categories';
import { useNextSteps } from '../hooks/use-next-steps';
import { NextStepsDialog } from '../panels/next-steps-dialog';
import { VerdictBanner } from '../panels/verdict-banner';
import { CaptureQueueBar } from './capture-queue-bar';
import { UnsavedContext, useUnsavedWork } from './unsaved-work';

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
  const [waiting, setWaiting] = useState<string[]>([]);
  const [captureFailures, setCaptureFailures] = useState<CaptureFailedEvent[]>([]);
  const [procedureOpen, setProcedureOpen] = useState(false);
  const viewer = useRef<ViewerHandle>(null);
  const referenceViewer = useRef<ViewerHandle>(null);
  const examinationRef = useRef<Examination | null>(null);
  examinationRef.current = examination;
  const viewRef = useRef(view);
  viewRef.current = view;
  const unsaved = useUnsavedWork();
  const decisionField = useRef<HTMLInputElement>(null);
  const reportLink = useRef<string | null>(null);

  const fail = useCallback((e: unknown) => {
    const uiError = toUiError(e);
    if (uiError.category === 'not-signed-in') onSessionLost();
    else setError(uiError);
  }, [onSessionLost]);
  const { devices, selected, select } = useDevices(fail);
  const progress = useProgress(scanning);
  const steps = useNextSteps(fail);

  const show = useCallback((next: Examination) => {
    setExamination(next);
    setSelectedCheck(null);
    setReviewing(null);
    setReport(null);
    // An error about the case that was on screen does not belong to the next one.
    setError(null);
    setWaiting((list) => list.filter((id) => id !== next.id));
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

  // Hot folders and serial readers deliver captures on their own: shown at once only on an empty
  // inspection screen; otherwise they wait for the officer ("1 new capture waiting").
  useEffect(
    () =>
      loupe.on('examination:onCreated', ({ id }) => {
        if (examinationRef.current === null && viewRef.current === 'inspect') void open(id);
        else setWaiting((list) => (list.includes(id) ? list : [...list, id]));
      }),
    [open],
  );
  // A delivered capture that could not be examined is reported when it arrives.
  useEffect(() => loupe.on('examination:onCaptureFailed', (event) => setCaptureFailures((list) => [...list.slice(-4), event])), []);

  const openWaiting = () => {
    const next = waiting[0];
    if (next) unsaved.guard(() => void open(next));
  };

  const scan = () => unsaved.guard(() => void scanNow());
  const scanNow = async () => {
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
  /** Opening another review form would drop a reason being typed in the open one: asked first. */
  const startReview = (checkId: string, verdict: ReviewVerdict) => {
    const go = () => {
      setView('inspect');
      setReviewing({ checkId, verdict });
    };
    if (reviewing && reviewing.checkId !== checkId) unsaved.guard(go, (kind) => kind === 'review');
    else go();
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
    onStart: startReview,
    onCancel: () => setReviewing(null),
    onSave: saveReview,
  } : undefined;
  /** C / X on the selected finding (the checks list handles a focused one itself). */
  const reviewSelected = (verdict: ReviewVerdict) => {
    if (view === 'inspect' && selectedCheck && isReviewable(selectedCheck)) startReview(selectedCheck.id, verdict);
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

  /** From the verdict's list of findings: the check's card, selected and in view. */
  const showCheck = (checkId: string) => {
    const check = examination?.checks.find((c) => c.id === checkId);
    if (!check) return;
    selectCheck(check);
    window.requestAnimationFrame(() => {
      const card = document.querySelector<HTMLElement>(`[data-check-nav="${checkId}"]`);
      card?.scrollIntoView({ block: 'center' });
      card?.focus({ preventScroll: true });
    });
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
    setProcedureOpen(false);
    setCameraScanOpen(false);
  };
  // The zoom and pan keys move the viewer of the view on screen.
  const activeViewer = () => (view === 'reference' ? referenceViewer.current : viewer.current);
  useShortcuts(unsaved.asking ? {} : sheetOpen || devicesOpen || proposalFor || procedureOpen || cameraScanOpen ? { Escape: closeDialogs } : {
    s: scan,
    // The camera examines a new document: what is typed on the case on screen is asked about first.
    v: () => unsaved.guard(() => setCameraScanOpen(true)),
    '1': () => switchLight('white'),
    '2': () => switchLight('ir'),
    '3': () => switchLight('uv'),
    w: () => switchLight('white'),
    i: () => switchLight('ir'),
    u: () => switchLight('uv'),
    '+': () => activeViewer()?.zoomBy(1.25),
    '=': () => activeViewer()?.zoomBy(1.25),
    '-': () => activeViewer()?.zoomBy(1 / 1.25),
    '0': () => activeViewer()?.reset(),
    ArrowLeft: () => activeViewer()?.pan(PAN_STEP, 0),
    ArrowRight: () => activeViewer()?.pan(-PAN_STEP, 0),
    ArrowUp: () => activeViewer()?.pan(0, PAN_STEP),
    ArrowDown: () => activeViewer()?.pan(0, -PAN_STEP),
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

  const deviceName = (id: string) => devices.find((d) => d.id === id)?.name ?? id;

  return (
    <UnsavedContext.Provider value={unsaved.registry}>
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
        onSignOut={() => unsaved.guard(onSignOut)}
      />
      {waiting.length > 0 && <CaptureQueueBar count={waiting.length} onOpen={openWaiting} />}
      {(error || captureFailures.length > 0) && (
        <div className="workstation__error">
          {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
          {captureFailures.map((f) => (
            <ErrorBanner
              key={`${f.at}-${f.deviceId}`}
              testId="capture-failed"
              title={t('capture.failedTitle', { device: deviceName(f.deviceId) })}
              error={{ kind: f.kind as UiError['kind'], category: categoryOfKind(f.kind) ?? 'internal', message: f.message }}
              onDismiss={() => setCaptureFailures((list) => list.filter((x) => x !== f))}
            />
          ))}
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
        {view === 'trends' && (
          <Suspense fallback={<p className="muted" role="status">{t('trends.loading')}</p>}>
            <TrendsView
              onError={fail}
              referenceBase={info.referenceBase}
              alertSource={examination?.identification && FRAUD_VERDICTS.has(examination.decision?.verdict ?? '') ? { examinationId: examination.id, classId: examination.identification.classId, label: examination.identification.label, issuer: examination.document.issuer } : null}
              alertFocus={alertFocus}
              onAlertPublished={() => setAlertsRevision((n) => n + 1)}
            />
          </Suspense>
        )}
        {view === 'trust' && <TrustStoreView onError={fail} />}
        {view === 'history' && <HistoryView onOpen={(id) => unsaved.guard(() => void open(id))} onError={fail} />}
        {view === 'reference' && (
          <ReferenceView referenceBase={info.referenceBase} imageBase={info.imageBase} examination={examination} light={light} onLight={setLight} viewerRef={referenceViewer} onError={fail} />
        )}
        {examination ? (
          <div className="inspection" data-testid="inspection" data-examination-id={examination.id} hidden={view !== 'inspect'}>
            {/* The viewer is the inspection's only while it is on screen: the reference view has its own
                (one set of viewer controls and keys in the page at a time). */}
            {view === 'inspect' && <h1 className="visually-hidden">{t('inspection.title')}</h1>}
            {view === 'inspect' && (
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
            )}
            <aside className="inspection__side" aria-label={t('checks.title')} data-testid="inspection-side">
              {examination.overall && (
                <VerdictBanner overall={examination.overall} checks={examination.checks} nextSteps={steps.nextSteps} onShowCheck={showCheck} onEditProcedure={() => setProcedureOpen(true)} />
              )}
              <MrzPanel mrz={examination.mrz} highlight={mrzHighlight} review={{ reviews: examination.mrzReviews ?? [], onReview: reviewMrzCharacter }} />
              <ChecksList
                checks={examination.checks}
                verdict={examination.verdict}
                selectedId={selectedCheck?.id ?? null}
                onSelect={selectCheck}
                review={reviewState}
                comparison={{ images: examination.images, imageBase: info.imageBase, referenceBase: info.referenceBase, identification: examination.identification ?? null }}
              />
              <ChipPanel examination={examination} imageBase={info.imageBase} onUpdated={(next) => { setExamination(next); setReport(null); }} onError={fail} />
              <FacePanel examination={examination} imageBase={info.imageBase} active={view === 'inspect'} onUpdated={(next) => { setExamination(next); setReport(null); }} onError={fail} />
              <DecisionForm key={`${examination.id}:${examination.decisions?.length ?? (examination.decision ? 1 : 0)}`} examination={examination} onDecide={decide} firstFieldRef={decisionField} />
            </aside>
          </div>
        ) : (
          view === 'inspect' && (
            <div className="empty" data-testid="empty-state">
              <h1 className="empty__title">{t('empty.title')}</h1>
              <p className="empty__lead">{t('empty.lead')}</p>
              {selected ? (
                <button type="button" className="button button--primary button--large" disabled={scanning} onClick={scan} data-testid="empty-scan">
                  {t('empty.scan', { device: selected.name })}
                </button>
              ) : (
                <p className="muted">{t('empty.noDevice')}</p>
              )}
              <button type="button" className="button button--large" onClick={() => setCameraScanOpen(true)} data-testid="camera-scan-open">
                <kbd className="kbd kbd--large">V</kbd> {t('cameraScan.open')}
              </button>
            </div>
          )
        )}
      </main>
      <StatusBar devices={devices} selected={selected} onSelect={select} onScan={scan} onDevices={() => setDevicesOpen(true)} scanning={scanning} progress={progress} />
      {sheetOpen && <ShortcutSheet onClose={() => setSheetOpen(false)} />}
      {devicesOpen && <DeviceSettingsDialog devices={devices} onClose={() => setDevicesOpen(false)} />}
      {procedureOpen && steps.nextSteps && steps.defaults && (
        <NextStepsDialog current={steps.nextSteps} defaults={steps.defaults} onSave={steps.save} onClose={() => setProcedureOpen(false)} onError={fail} />
      )}
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
      {unsaved.dialog}
    </div>
    </UnsavedContext.Provider>
  );
}
