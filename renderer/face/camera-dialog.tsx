// The camera flow: choose a camera, live preview, capture (Space), retake (Space), use (Enter),
// cancel (Esc); a plain message when no camera exists or permission is denied.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useFocusTrap } from '../hooks/use-focus-trap';
import { t } from '../i18n/t';
import { cameraErrorMessage } from './camera-errors';
import { frameToJpeg } from './portrait-image';

export function CameraDialog({ onUse, onClose }: { onUse: (jpegBase64: string) => void; onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string>('');
  const [problem, setProblem] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [snapshot, setSnapshot] = useState<string | null>(null);
  // The page's CSP allows blob: images, not data: URLs: the preview is shown from a blob.
  const preview = useMemo(() => (snapshot ? URL.createObjectURL(new Blob([Uint8Array.from(atob(snapshot), (c) => c.charCodeAt(0))], { type: 'image/jpeg' })) : null), [snapshot]);
  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);
  useFocusTrap(dialog, '[data-testid="camera-capture"]');

  const stop = () => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setLive(false);
  };

  const start = useCallback(async (id: string) => {
    stop();
    setProblem(null);
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no camera API'), { name: 'NotFoundError' });
      const media = await navigator.mediaDevices.getUserMedia({ video: id ? { deviceId: { exact: id } } : { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
      stream.current = media;
      // Labels are only known once permission is granted.
      const all = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
      setCameras(all);
      setDeviceId(media.getVideoTracks()[0]?.getSettings().deviceId ?? id);
      if (video.current) {
        video.current.srcObject = media;
        await video.current.play().catch(() => undefined);
      }
      setLive(true);
    } catch (error) {
      setProblem(cameraErrorMessage(error));
    }
  }, []);

  useEffect(() => {
    void start('');
    return stop;
  }, [start]);

  const capture = () => {
    const v = video.current;
    if (!v || !live || v.videoWidth === 0) return;
    setSnapshot(frameToJpeg(v));
  };
  const use = () => {
    if (!snapshot) return;
    stop();
    onUse(snapshot);
  };

  // Keys work wherever the focus is while the dialog is open (window listener, latest state via ref).
  const keys = useRef({ capture, use, retake: () => setSnapshot(null), close: () => { stop(); onClose(); }, snapshot });
  keys.current = { capture, use, retake: () => setSnapshot(null), close: () => { stop(); onClose(); }, snapshot };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const k = keys.current;
      if (event.key === ' ' && !(event.target instanceof HTMLSelectElement)) {
        event.preventDefault();
        if (k.snapshot) k.retake();
        else k.capture();
      } else if (event.key === 'Enter' && k.snapshot) {
        event.preventDefault();
        k.use();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        k.close();
      } else return;
      // The screen's own shortcuts must not act behind the dialog.
      event.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div ref={dialog} className="dialog camera" role="dialog" aria-modal="true" aria-labelledby="camera-title" data-testid="camera-dialog" onClick={(e) => e.stopPropagation()}>
        <h2 className="dialog__title" id="camera-title">{t('camera.title')}</h2>
        {problem ? (
          <p className="camera__problem" role="alert" data-testid="camera-problem">{problem}</p>
        ) : (
          <>
            {cameras.length > 1 && (
              <label className="field">
                <span className="field__label">{t('camera.choose')}</span>
                <select value={deviceId} onChange={(e) => void start(e.target.value)} data-testid="camera-select">
                  {cameras.map((c, i) => <option key={c.deviceId || i} value={c.deviceId}>{c.label || `${t('camera.choose')} ${i + 1}`}</option>)}
                </select>
              </label>
            )}
            <div className="camera__stage">
              <video ref={video} className="camera__video" muted playsInline aria-label={t('camera.previewAlt')} hidden={snapshot !== null} data-testid="camera-video" />
              {preview && <img className="camera__video" src={preview} alt={t('camera.snapshotAlt')} data-testid="camera-snapshot" />}
              {!live && !snapshot && <p className="muted">{t('camera.starting')}</p>}
            </div>
          </>
        )}
        <div className="dialog__actions">
          {!problem && (
            <button type="button" className="button" onClick={() => (snapshot ? setSnapshot(null) : capture())} disabled={!live && !snapshot} data-testid="camera-capture">
              {snapshot ? t('camera.retake') : t('camera.capture')}
            </button>
          )}
          {snapshot && <button type="button" className="button button--primary" onClick={use} data-testid="camera-use">{t('camera.use')}</button>}
          <button type="button" className="button" onClick={() => { stop(); onClose(); }} data-testid="camera-cancel">{t('camera.cancel')}</button>
        </div>
      </div>
    </div>
  );
}
