// The camera as a scanner, for stations with a webcam and no document reader. The officer holds the
// data page to the camera inside the guide; frames go to the station one at a time (the next one
// only once the previous answer is back, and no faster than FRAME_INTERVAL_MS), where the MRZ is read
// and voted on. The answer says what to do ("move closer", "hold still") and where the MRZ or the
// page was found; once enough frames agree and the check digits verify, the station examines the
// sharpest agreeing frame as the white-light capture. Escape closes.
import { useEffect, useRef, useState } from 'react';
import type { CameraFrameResult, CameraHint } from '../../electron/contract/camera-scan.contract';
import type { Examination } from '../../electron/contract/examination.contract';
import { loupe } from '../api/loupe';
import { cameraErrorMessage } from '../face/camera-errors';
import { useFocusTrap } from '../hooks/use-focus-trap';
import { t } from '../i18n/t';
import { assertNever } from '../util/assert-never';
import { grabFrame } from './camera-frame';

/** At most ~3 frames a second: the reader takes a few hundred milliseconds a frame anyway. */
const FRAME_INTERVAL_MS = 350;

function hintText(hint: CameraHint): string {
  switch (hint) {
    case 'find-mrz':
      return t('cameraScan.hint.find-mrz');
    case 'move-closer':
      return t('cameraScan.hint.move-closer');
    case 'hold-still':
      return t('cameraScan.hint.hold-still');
    case 'ready':
      return t('cameraScan.hint.ready');
    default:
      return assertNever(hint);
  }
}

const polygon = (corners: [number, number][]): string => corners.map(([x, y]) => `${x},${y}`).join(' ');

export function CameraScanDialog({ onExamined, onError, onClose }: { onExamined: (exam: Examination) => void; onError: (e: unknown) => void; onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [aspect, setAspect] = useState(16 / 9);
  const [result, setResult] = useState<CameraFrameResult | null>(null);
  const session = useRef(crypto.randomUUID());
  const callbacks = useRef({ onExamined, onError, onClose });
  callbacks.current = { onExamined, onError, onClose };
  useFocusTrap(dialog, '[data-testid="camera-scan-cancel"]');

  // Camera, then the frame loop; both stop when the dialog closes.
  useEffect(() => {
    let stopped = false;
    let media: MediaStream | null = null;
    const id = session.current;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const run = async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera API'), { name: 'NotFoundError' });
        media = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false });
        if (stopped) return;
        const v = video.current!;
        v.srcObject = media;
        await v.play().catch(() => undefined);
        while (!stopped && v.videoWidth === 0) await sleep(50);
        setAspect(v.videoWidth / v.videoHeight);
        setLive(true);
      } catch (error) {
        setProblem(cameraErrorMessage(error));
        return;
      }
      canvas.current = document.createElement('canvas');
      while (!stopped) {
        const started = performance.now();
        const frame = grabFrame(video.current!, canvas.current);
        if (frame) {
          try {
            const answer = await loupe['examination:cameraFrame']({ session: id, frame });
            if (stopped) return;
            setResult(answer);
            if (answer.hint === 'ready') {
              const exam = await loupe['examination:cameraExamine']({ session: id });
              stopped = true;
              callbacks.current.onExamined(exam);
              return;
            }
          } catch (e) {
            if (!stopped) callbacks.current.onError(e);
            stopped = true;
            callbacks.current.onClose();
            return;
          }
        }
        await sleep(Math.max(0, FRAME_INTERVAL_MS - (performance.now() - started)));
      }
    };
    void run();
    return () => {
      stopped = true;
      media?.getTracks().forEach((track) => track.stop());
      void loupe['examination:cameraClose']({ session: id }).catch(() => undefined);
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      // The screen's own shortcuts must not act behind the dialog.
      event.stopImmediatePropagation();
      callbacks.current.onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const hint = result?.hint ?? 'find-mrz';
  const sharpness = result && result.bestSharpness > 0 ? Math.round((100 * result.sharpness) / result.bestSharpness) : null;

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="dialog camera-scan" role="dialog" aria-modal="true" aria-labelledby="camera-scan-title" data-testid="camera-scan-dialog">
        <h2 className="dialog__title" id="camera-scan-title">{t('cameraScan.title')}</h2>
        {problem ? (
          <p className="camera__problem" role="alert" data-testid="camera-scan-problem">{problem}</p>
        ) : (
          <>
            <p className="camera-scan__lead">{t('cameraScan.lead')}</p>
            <div className="camera-scan__stage" style={{ aspectRatio: String(aspect), width: `min(100%, calc(60vh * ${aspect}))` }}>
              <video ref={video} className="camera-scan__video" muted playsInline aria-label={t('cameraScan.videoAlt')} data-testid="camera-scan-video" />
              <svg className="camera-scan__overlay" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
                {result?.pageCorners && <polygon className="camera-scan__page" points={polygon(result.pageCorners)} />}
                {result?.mrzCorners && <polygon className="camera-scan__mrz" points={polygon(result.mrzCorners)} data-testid="camera-scan-mrz-box" />}
              </svg>
              {/* The guide: an ID-3 data page (125 × 88 mm, ICAO 9303 Part 4) with its MRZ band. */}
              <div className={`camera-scan__guide camera-scan__guide--${hint}`} aria-hidden="true">
                <span className="camera-scan__guide-label">{t('cameraScan.guide')}</span>
                <span className="camera-scan__guide-mrz" />
              </div>
              {!live && <p className="camera-scan__starting muted">{t('cameraScan.starting')}</p>}
            </div>
            <p className={`camera-scan__hint camera-scan__hint--${hint}`} role="status" aria-live="polite" data-testid="camera-scan-hint" data-hint={hint}>
              {hintText(hint)}
            </p>
            {result && (
              <div className="camera-scan__progress">
                <span data-testid="camera-scan-agreement">{t('cameraScan.agreement', { agreeing: result.agreeing, needed: result.needed })}</span>
                {result.lines.length > 0 && <span>{result.checkDigitsHold ? t('cameraScan.checkDigitsHold') : t('cameraScan.checkDigitsFail')}</span>}
                <span>{t('cameraScan.frames', { count: result.frames })}</span>
                {sharpness !== null && <span>{t('cameraScan.sharpness', { percent: sharpness })}</span>}
              </div>
            )}
            {result && result.lines.length > 0 && (
              <div className="mrz-lines camera-scan__lines" data-testid="camera-scan-lines">
                {result.lines.map((line, i) => <div className="mrz-line" key={i}>{line}</div>)}
              </div>
            )}
            <p className="muted camera-scan__note">{t('cameraScan.whiteOnly')}</p>
          </>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} data-testid="camera-scan-cancel">
            <kbd className="kbd">Esc</kbd> {t('cameraScan.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
