// The document viewer: light switch, zoom and pan (wheel, drag, keys), magnifier, finding overlays,
// and room for the reference image side by side (shown only when one exists).
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { LIGHTS, type Box, type Light } from '../../electron/contract/capture.contract';
import type { CaptureImage } from '../../electron/contract/examination.contract';
import { t } from '../i18n/t';
import { FindingOverlay, type OverlayBox } from './finding-overlay';
import { MagnifierLoupe } from './magnifier-loupe';
import { centred, focusOn, panBy, transformOf, zoomAt, type Size, type View } from './viewport-math';

export interface ViewerHandle {
  zoomBy(factor: number): void;
  reset(): void;
  pan(dx: number, dy: number): void;
  focus(box: Box): void;
}

export interface ViewerProps {
  ref?: Ref<ViewerHandle>;
  images: CaptureImage[];
  imageBase: string;
  light: Light;
  onLight: (light: Light) => void;
  loupeOn: boolean;
  overlaysOn: boolean;
  onToggleLoupe: () => void;
  onToggleOverlays: () => void;
  overlays: OverlayBox[];
  selectedCheckId: string | null;
  onSelectCheck: (checkId: string) => void;
  /** The reference library's image of this document class, when one exists. `transform` (CSS, from
   *  the identification homography) places reference pixels at their capture positions, so both
   *  panes share one view: zoom and pan in either moves both. */
  reference?: { src: string; transform?: string } | null;
}

const lightLabel = (light: Light) => t(`viewer.light.${light}`);

export function DocumentViewer(props: ViewerProps) {
  const { images, imageBase, light, reference } = props;
  const image = images.find((i) => i.light === light) ?? null;
  const size: Size = image ? { w: image.width, h: image.height } : { w: 1, h: 1 };
  const paneRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Size>({ w: 0, h: 0 });
  const [view, setView] = useState<View>(() => centred(size));
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const pane = paneRef.current;
    if (!pane) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setViewport({ w: entry.contentRect.width, h: entry.contentRect.height });
    });
    observer.observe(pane);
    return () => observer.disconnect();
  }, [image === null]);

  const sizeRef = useRef(size);
  sizeRef.current = size;
  const viewportRef = useRef(viewport);
  viewportRef.current = viewport;

  useImperativeHandle(props.ref, () => ({
    zoomBy: (factor) => setView((v) => zoomAt(v, viewportRef.current, sizeRef.current, factor, viewportRef.current.w / 2, viewportRef.current.h / 2)),
    reset: () => setView(centred(sizeRef.current)),
    pan: (dx, dy) => setView((v) => panBy(v, viewportRef.current, sizeRef.current, dx, dy)),
    focus: (box) => setView(focusOn(box, viewportRef.current, sizeRef.current)),
  }), []);

  // Wheel zoom needs a non-passive listener to keep the page itself from scrolling.
  const onWheel = useCallback((event: WheelEvent) => {
    event.preventDefault();
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const factor = Math.exp(-event.deltaY * 0.0015);
    setView((v) => zoomAt(v, viewportRef.current, sizeRef.current, factor, event.clientX - rect.left, event.clientY - rect.top));
  }, []);
  useEffect(() => {
    const pane = paneRef.current;
    if (!pane) return;
    pane.addEventListener('wheel', onWheel, { passive: false });
    return () => pane.removeEventListener('wheel', onWheel);
  }, [onWheel, image === null]);

  const { scale, tx, ty } = transformOf(view, viewport, size);
  const src = image ? `${imageBase}${image.hash}` : '';
  const boxes = props.overlaysOn ? props.overlays : [];

  const pane = (kind: 'captured' | 'reference', paneSrc: string, paneSize: Size) => (
    <div
      className={`viewer__pane${drag.current ? ' viewer__pane--dragging' : ''}`}
      ref={kind === 'captured' ? paneRef : undefined}
      data-testid={kind === 'captured' ? 'viewer-pane' : 'viewer-reference'}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, y: e.clientY };
      }}
      onPointerMove={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        setPointer(kind === 'captured' ? { x: e.clientX - rect.left, y: e.clientY - rect.top } : null);
        if (drag.current) {
          const dx = e.clientX - drag.current.x;
          const dy = e.clientY - drag.current.y;
          drag.current = { x: e.clientX, y: e.clientY };
          setView((v) => panBy(v, viewportRef.current, sizeRef.current, dx, dy));
        }
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onPointerLeave={() => setPointer(null)}
      onDoubleClick={() => setView(centred(sizeRef.current))}
    >
      {reference && <span className="viewer__pane-label">{t(kind === 'captured' ? 'viewer.captured' : 'viewer.reference')}</span>}
      <div
        className="viewer__stage"
        data-testid={kind === 'captured' ? 'viewer-stage' : 'viewer-reference-stage'}
        style={{ width: paneSize.w, height: paneSize.h, transform: `translate(${tx}px, ${ty}px) scale(${scale})` }}
      >
        <img
          className={kind === 'reference' && reference?.transform ? 'viewer__image viewer__image--warped' : 'viewer__image'}
          style={kind === 'reference' && reference?.transform ? { transform: reference.transform } : undefined}
          src={paneSrc}
          alt={t('viewer.imageAlt', { light: lightLabel(light) })}
          draggable={false}
          data-testid={kind === 'captured' ? 'viewer-image' : 'viewer-reference-image'}
          data-light={light}
        />
        {kind === 'captured' && boxes.length > 0 && (
          <FindingOverlay boxes={boxes} width={paneSize.w} height={paneSize.h} selectedId={props.selectedCheckId} onSelect={props.onSelectCheck} />
        )}
      </div>
      {kind === 'captured' && props.loupeOn && pointer && !drag.current && (
        <MagnifierLoupe src={paneSrc} pointer={pointer} scale={scale} tx={tx} ty={ty} width={paneSize.w} height={paneSize.h} />
      )}
    </div>
  );

  return (
    <section className="viewer" aria-label={t('viewer.captured')} data-testid="viewer">
      <div className="viewer__toolbar" role="toolbar">
        <div className="segmented" role="radiogroup" aria-label={t('shortcuts.lights')}>
          {LIGHTS.map((l, index) => {
            const present = images.some((i) => i.light === l);
            return (
              <button
                key={l}
                type="button"
                role="radio"
                aria-checked={l === light}
                className={`segmented__item segmented__item--${l}${l === light ? ' segmented__item--on' : ''}`}
                disabled={!present}
                data-testid={`light-${l}`}
                onClick={() => props.onLight(l)}
              >
                <kbd className="kbd">{index + 1}</kbd> {lightLabel(l)}
              </button>
            );
          })}
        </div>
        <div className="viewer__tools">
          <button type="button" className="button button--icon" aria-label={t('viewer.zoomOut')} title={t('viewer.zoomOut')} data-testid="zoom-out" onClick={() => setView((v) => zoomAt(v, viewport, size, 1 / 1.25, viewport.w / 2, viewport.h / 2))}>−</button>
          <span className="viewer__zoom" data-testid="zoom-level">{t('viewer.zoomLevel', { percent: Math.round(view.zoom * 100) })}</span>
          <button type="button" className="button button--icon" aria-label={t('viewer.zoomIn')} title={t('viewer.zoomIn')} data-testid="zoom-in" onClick={() => setView((v) => zoomAt(v, viewport, size, 1.25, viewport.w / 2, viewport.h / 2))}>+</button>
          <button type="button" className="button button--small" data-testid="zoom-reset" onClick={() => setView(centred(size))}>{t('viewer.zoomReset')}</button>
          <button type="button" className={`button button--small button--toggle${props.loupeOn ? ' button--toggle-on' : ''}`} aria-pressed={props.loupeOn} data-testid="toggle-loupe" onClick={props.onToggleLoupe}>
            <kbd className="kbd">M</kbd> {t('viewer.loupe')}
          </button>
          <button type="button" className={`button button--small button--toggle${props.overlaysOn ? ' button--toggle-on' : ''}`} aria-pressed={props.overlaysOn} data-testid="toggle-overlays" onClick={props.onToggleOverlays}>
            <kbd className="kbd">O</kbd> {t('viewer.overlays')}
          </button>
        </div>
      </div>
      <div className={`viewer__panes${reference ? ' viewer__panes--split' : ''}`}>
        {image ? pane('captured', src, size) : <p className="viewer__missing">{t('viewer.lightMissing', { light: lightLabel(light) })}</p>}
        {image && reference && pane('reference', reference.src, size)}
      </div>
      <p className="viewer__hint">{t('viewer.hint')}</p>
    </section>
  );
}
